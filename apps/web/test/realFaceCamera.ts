/**
 * Fake-camera videos of a real photographed face for Chromium's `--use-file-for-fake-video-capture` (y4m,
 * 640×480, 15 fps), made at test time from the sample photograph Human ships (`assets/samples.jpg`). Its
 * licence is not known: nothing derived from it is committed; the y4m files live in a temp folder.
 * Framing as packages/vision/test/realFaceClips.ts (and BENCHMARKS.md "A second real face"): the thumbnail
 * scaled onto a 960×960 grey canvas, filmed 640×480 from (160, 150), held still or gently panned
 * (x 0.5 Hz ±80 px, y 1 Hz ±20 px).
 *
 * - thumb2: the 2nd thumbnail, a woman whose head is turned ≈ 28° to her own left (the CLI reads 28° left,
 *   tilt ≈ 4° left).
 * - thumb2-mirror: the same mirrored left–right, turned ≈ 28° to her right (the CLI reads 28.3° right).
 * - thumb3: the 3rd thumbnail, a man near frontal (the CLI reads ≈ 5° left).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realFaceFfmpegInputs, samplesJpgPath, type RealMotion } from '../../../packages/vision/test/realFaceClips.ts';
import { ffmpegPath } from './fakeCamera.ts';

export type { RealMotion };
/** The faces the web tests film (packages/vision/test/realFaceClips.ts has their crops). */
export type RealFace = 'thumb2' | 'thumb2-mirror' | 'thumb3';

/** Human's samples.jpg, or null when it is not installed (callers skip with a message). */
export const samplesJpgOrNull = samplesJpgPath;

const CACHE = join(tmpdir(), 'geste-web-real-face-v1');

/** Path of the y4m (`seconds` long, looped by Chromium), made on first use; throws when samples.jpg is missing. */
export function realFaceVideo(face: RealFace, motion: RealMotion, seconds = motion === 'still' ? 4 : 8): string {
  const photo = samplesJpgPath();
  if (photo === null) throw new Error('samples.jpg of @vladmandic/human is not installed: run npm install');
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, `${face}-${motion}-${seconds}s.y4m`);
  if (existsSync(out) && statSync(out).size > 1_000_000) return out;
  execFileSync(ffmpegPath(), [...realFaceFfmpegInputs(photo, face, motion, seconds, 15), '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}
