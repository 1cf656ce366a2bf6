/**
 * Test clips of real faces: thumbnails of the sample photograph Human ships (`assets/samples.jpg`, 1280×1158),
 * scaled onto a 960×960 grey canvas and filmed like bench/vision-fps.ts films the astronaut: held still
 * (640×480 from (160, 150)) or panned (x 0.5 Hz ±80 px, y 1 Hz ±20 px), 30 fps, H.264 `-g 30`.
 * The photograph's licence is not known: it is read from node_modules at run time and nothing derived from it is
 * committed. `samplesJpgPath()` is null when the file is missing (callers skip with a message).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { humanPackageDir } from '../src/node/paths.ts';
import { findFfmpeg } from '../src/node/video.ts';

const exec = promisify(execFile);

/** A face of samples.jpg: the crop (ffmpeg `crop=w:h:x:y`) and the size it is scaled to on the canvas. */
export interface RealFace {
  readonly crop: string;
  readonly scale: string;
  /** Mirrored left–right (the same face turned to the other side). */
  readonly mirror?: boolean;
}

/**
 * - thumb2: the 2nd thumbnail (a woman turned ≈ 28° to her left), as in BENCHMARKS.md "A second real face".
 * - thumb2-small / thumb2-large: the same, face ≈ 115 / 230 px wide instead of ≈ 170 px.
 * - thumb2-mirror: the same mirrored, turned ≈ 28° to her right.
 * - thumb3: the 3rd thumbnail (a man in a suit, near frontal, dark room).
 * - thumb5: the 5th thumbnail (a woman, near frontal, head slightly down; a small face, blurred when scaled).
 */
export const REAL_FACES = {
  thumb2: { crop: '148:157:165:0', scale: '600:636' },
  'thumb2-small': { crop: '148:157:165:0', scale: '400:424' },
  'thumb2-large': { crop: '148:157:165:0', scale: '800:848' },
  'thumb2-mirror': { crop: '148:157:165:0', scale: '600:636', mirror: true },
  thumb3: { crop: '150:157:375:0', scale: '600:628' },
  thumb5: { crop: '90:110:690:0', scale: '450:550' },
} as const satisfies Record<string, RealFace>;

export type RealFaceName = keyof typeof REAL_FACES;
export type RealMotion = 'still' | 'pan';

/** Path of Human's samples.jpg, or null when it is not installed. */
export function samplesJpgPath(): string | null {
  try {
    const p = join(humanPackageDir(), 'assets', 'samples.jpg');
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/**
 * Makes (or reuses) `<dir>/<face>-<motion>-<seconds>s[-from<startS>s].mp4`; throws when samples.jpg is missing.
 * `startS`: the pan starts where the 12 s bench clip is at that time (the camera path is periodic over 2 s).
 */
export async function makeRealFaceClip(dir: string, face: RealFaceName, motion: RealMotion, seconds: number, startS = 0): Promise<string> {
  const photo = samplesJpgPath();
  if (photo === null) throw new Error('samples.jpg of @vladmandic/human is not installed: run npm install');
  await mkdir(dir, { recursive: true });
  const out = join(dir, `${face}-${motion}-${seconds}s${startS ? `-from${startS}s` : ''}.mp4`);
  if ((await stat(out).catch(() => null))?.size) return out;
  await exec(await findFfmpeg(), [...realFaceFfmpegInputs(photo, face, motion, seconds, 30, startS), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', out], { maxBuffer: 1 << 24 });
  return out;
}

/**
 * ffmpeg's inputs, filter graph and length for a real-face clip at `fps` (the output options and path are the
 * caller's): the thumbnail on the grey canvas, filmed still or panned. Shared with the web app's fake camera
 * (apps/web/test/realFaceCamera.ts), so both film the same faces the same way.
 */
export function realFaceFfmpegInputs(photo: string, face: RealFaceName, motion: RealMotion, seconds: number, fps: number, startS = 0): string[] {
  const f: RealFace = REAL_FACES[face];
  const t = startS ? `(t+${startS})` : 't';
  const camera = motion === 'still' ? 'crop=640:480:160:150' : `crop=640:480:x='160+80*sin(2*PI*${t}/2)':y='150+20*sin(2*PI*${t})'`;
  return [
    '-v', 'error', '-y', '-nostdin',
    '-f', 'lavfi', '-i', `color=c=0x808080:s=960x960:r=${fps}:d=${seconds}`,
    '-loop', '1', '-framerate', String(fps), '-i', photo,
    '-filter_complex', `[1:v]crop=${f.crop},scale=${f.scale}:flags=lanczos${f.mirror ? ',hflip' : ''}[f];[0:v][f]overlay=(W-w)/2:(H-h)/2:shortest=1,${camera},format=yuv420p`,
    '-t', String(seconds),
  ];
}
