/**
 * Which detector the app uses, from the page's query string:
 *   ?detector=worker (default) — Human in a module worker (workerDetector.ts)
 *   ?detector=main             — Human on the page's main thread (humanDetector.ts), for comparison
 *   ?backend=webgl             — tfjs WebGL instead of WASM
 *   ?tuning=cli                — body and hand models as often as the CLI (slower; for parity checks)
 *   ?transfer=imagedata        — worker frames as RGBA pixels instead of an ImageBitmap
 *   ?wasmThreads=1             — try tfjs's threaded-SIMD WASM build (measured in docs/speed.md)
 */
import type { FrameDetector } from './detector.ts';
import { createHumanDetector } from './humanDetector.ts';
import { createWorkerDetector } from './workerDetector.ts';
import { DEFAULT_TUNING } from './visionAdapter.ts';
import { detectorChoice } from './choice.ts';

export { detectorChoice };
export type { DetectorChoice, DetectorPlace } from './choice.ts';

export function createAppDetector(search: string = location.search): Promise<FrameDetector> {
  const c = detectorChoice(search);
  const base = { backend: c.backend, wasmThreads: c.wasmThreads, ...(c.cliTuning ? { tuning: DEFAULT_TUNING } : {}) };
  return c.place === 'main' ? createHumanDetector(base) : createWorkerDetector({ ...base, transfer: c.transfer });
}
