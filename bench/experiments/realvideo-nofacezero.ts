/**
 * Session 10 (realvideo), a what-if: any bench script run with the face's own flexion zero (faceZero.ts) replaced by
 * the average face's zero, in this process only (FaceZeroTracker.current patched; no core change). Tells what the face
 * zero buys on the phantom clips that use it (dark-stubble × webcam-640 and olive-narrow × hd-720-60 combined-extension,
 * the full set's combined-posture), against what its switching costs on a real clip (realvideo-facezero.ts).
 *   node --import tsx bench/experiments/realvideo-nofacezero.ts SCRIPT.ts [ARGS...]
 *   e.g. … bench/accuracy.ts --set matrix --faces dark-stubble --cameras webcam-640 --replay --no-render --out DIR --report R.md
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaceZeroTracker } from '@geste/core';

const script = process.argv[2];
if (!script) throw new Error('Expected a bench script to run, e.g. bench/accuracy.ts, then its arguments.');
const original = FaceZeroTracker.prototype.current;
FaceZeroTracker.prototype.current = function (this: FaceZeroTracker) {
  return { ...original.call(this), offsetDeg: 0, zero: 'canonical-face' as const };
};
process.argv.splice(2, 1); // the script sees its own arguments
await import(pathToFileURL(resolve(script)).href);
