/**
 * Session 10 (realvideo): how often does the face's own flexion zero (faceZero.ts) switch on and off within one
 * recording? On a real talking, turning person it was used for 5 s and dropped again (a step of ≈ 8° in flexion each
 * way), at different times in copies of the same clip. Replays saved landmarks through the anatomical path
 * (AnatomicalEstimator, as `geste analyze` by default) and counts, per file: frames on the face's zero, the
 * switches between the two zeros, and the offsets used.
 *   node --import tsx bench/experiments/realvideo-zero-survey.ts FILE...   (e.g. $(cat /work/s9-lm-all.txt))
 */
import { AnatomicalEstimator } from '@geste/core';
import { loadLandmarkFrames } from './savedLandmarks.ts';


let files = 0, withZero = 0, dropped = 0, framesAll = 0, framesOnZero = 0;
const lines: string[] = [];
for (const path of process.argv.slice(2)) {
  const est = new AnatomicalEstimator();
  let used = 0, switches = 0, drops = 0, last: boolean | null = null, minOff = Infinity, maxOff = -Infinity, firstMs: number | null = null;
  const frames = loadLandmarkFrames(path);
  for (const f of frames) {
    est.measure(f);
    const z = est.faceZeroState;
    const on = z.zero === 'face-geometry';
    if (on) {
      used++;
      minOff = Math.min(minOff, z.offsetDeg);
      maxOff = Math.max(maxOff, z.offsetDeg);
      firstMs ??= f.timestampMs;
    }
    if (last !== null && on !== last) {
      switches++;
      if (!on) drops++;
    }
    last = on;
  }
  files++;
  framesAll += frames.length;
  framesOnZero += used;
  if (used > 0) withZero++;
  if (drops > 0) dropped++;
  if (used > 0) lines.push(`${path}: ${used}/${frames.length} frames on the face zero (from ${((firstMs ?? 0) / 1000).toFixed(1)} s), offset ${minOff.toFixed(1)}…${maxOff.toFixed(1)}°, ${switches} switches, ${drops} drops back to the average face`);
}
for (const l of lines) console.log(l);
console.log(`${files} files, ${framesAll} frames: ${withZero} files use the face's own zero (${framesOnZero} frames); ${dropped} files drop it again after using it.`);
