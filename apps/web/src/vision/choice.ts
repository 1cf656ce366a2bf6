/** Which detector the app uses, read from the page's query string (pure; see select.ts for the flags). */
export type DetectorPlace = 'worker' | 'main';

export interface DetectorChoice {
  readonly place: DetectorPlace;
  readonly backend: 'wasm' | 'webgl';
  readonly cliTuning: boolean;
  readonly transfer: 'bitmap' | 'imagedata';
  /** tfjs's threaded-SIMD WASM build (needs a cross-origin isolated page); off by default, see docs/speed.md. */
  readonly wasmThreads: boolean;
}

export function detectorChoice(search: string): DetectorChoice {
  const q = new URLSearchParams(search);
  return {
    place: q.get('detector') === 'main' ? 'main' : 'worker',
    backend: q.get('backend') === 'webgl' ? 'webgl' : 'wasm',
    cliTuning: q.get('tuning') === 'cli',
    transfer: q.get('transfer') === 'imagedata' ? 'imagedata' : 'bitmap',
    wasmThreads: q.get('wasmThreads') === '1',
  };
}
