import { describe, expect, it } from 'vitest';
import { detectorChoice } from './choice.ts';

describe('detectorChoice', () => {
  it('defaults to the worker with WASM, live tuning and ImageBitmap frames', () => {
    expect(detectorChoice('')).toEqual({ place: 'worker', backend: 'wasm', cliTuning: false, transfer: 'bitmap', wasmThreads: false });
  });
  it('reads ?detector=main and the other switches', () => {
    expect(detectorChoice('?detector=main&backend=webgl&tuning=cli')).toEqual({ place: 'main', backend: 'webgl', cliTuning: true, transfer: 'bitmap', wasmThreads: false });
    expect(detectorChoice('?nosw&transfer=imagedata')).toMatchObject({ place: 'worker', transfer: 'imagedata' });
    expect(detectorChoice('?wasmThreads=1')).toMatchObject({ wasmThreads: true });
  });
  it('ignores unknown values', () => {
    expect(detectorChoice('?detector=gpu&backend=cpu')).toMatchObject({ place: 'worker', backend: 'wasm' });
  });
});
