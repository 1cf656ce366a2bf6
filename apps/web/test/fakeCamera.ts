/**
 * Fake-camera videos for Chromium's `--use-file-for-fake-video-capture` (y4m, 640×480), made with
 * ffmpeg from public-domain/sample stills. Cached in a temp folder (large raw files, not committed).
 *
 * - neutral-and-tilt: astronaut (public domain, NASA; via scikit-image), still for 20 s, then tilts
 *   25° over 1.5 s, holds 3 s, comes back over 1.5 s (26 s loop, 15 fps): calibration + a cue + a correction.
 * - face-lost: 4 s astronaut, 4 s empty scene (8 s loop, 20 fps).
 * - two-faces: two faces from Human's samples.jpg (sample image shipped with @vladmandic/human).
 * - bench: astronaut with a gentle ±8° sway, 30 fps, 6 s.
 * - tilted-still: astronaut tilted 15°, still, no hand (20 fps, 10 s): the trick trainer must find no clear difference.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

// Public-domain NASA portrait shipped with the repository (see packages/vision/test/fixtures/ATTRIBUTION.md).
export const ASTRONAUT_PNG = fileURLToPath(new URL('../../../packages/vision/test/fixtures/astronaut.png', import.meta.url));

export function ffmpegPath(): string {
  try {
    const p = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    if (existsSync(p)) return p;
  } catch {
    /* fall through to the system ffmpeg */
  }
  return 'ffmpeg';
}

function samplesJpg(): string {
  return join(require.resolve('@vladmandic/human').replace(/dist[/\\][^/\\]*$/, ''), 'assets', 'samples.jpg');
}

export type FakeVideo = 'neutral-and-tilt' | 'face-lost' | 'two-faces' | 'bench' | 'tilted-still';

const CACHE = join(tmpdir(), 'geste-web-fake-camera-v3');

function args(kind: FakeVideo): string[] {
  const A = (25 * Math.PI) / 180;
  switch (kind) {
    case 'neutral-and-tilt': {
      const angle = `if(lt(t,20),0,if(lt(t,21.5),(t-20)/1.5*${A},if(lt(t,24.5),${A},(26-t)/1.5*${A})))`;
      return ['-loop', '1', '-framerate', '15', '-t', '26', '-i', ASTRONAUT_PNG,
        '-vf', `scale=400:400,pad=640:480:120:40:color=0x808080,rotate=a='${angle}':c=0x808080,format=yuv420p`];
    }
    case 'face-lost':
      return ['-f', 'lavfi', '-i', 'color=c=0x808080:s=640x480:r=20:d=8', '-loop', '1', '-framerate', '20', '-t', '8', '-i', ASTRONAUT_PNG,
        '-filter_complex', `[1:v]scale=400:400[a];[0:v][a]overlay=x='if(lt(t,4),120,2000)':y=40:shortest=1,format=yuv420p`, '-t', '8'];
    case 'two-faces':
      // Thumbnails 2 and 3 of the top strip of samples.jpg (a woman and a man), side by side.
      return ['-loop', '1', '-framerate', '20', '-t', '4', '-i', samplesJpg(),
        '-vf', 'crop=420:160:162:0,scale=640:-2,pad=640:480:0:(oh-ih)/2:color=0x808080,format=yuv420p'];
    case 'tilted-still':
      return ['-loop', '1', '-framerate', '20', '-t', '10', '-i', ASTRONAUT_PNG,
        '-vf', `scale=400:400,pad=640:480:120:40:color=0x808080,rotate=a=${(15 * Math.PI) / 180}:c=0x808080,format=yuv420p`];
    case 'bench': {
      const angle = `${(8 * Math.PI) / 180}*sin(2*PI*t/6)`;
      return ['-loop', '1', '-framerate', '30', '-t', '6', '-i', ASTRONAUT_PNG,
        '-vf', `scale=400:400,pad=640:480:120:40:color=0x808080,rotate=a='${angle}':c=0x808080,format=yuv420p`];
    }
  }
}

/** Path of the y4m for `kind`, generating it on first use. */
export function fakeVideo(kind: FakeVideo): string {
  mkdirSync(CACHE, { recursive: true });
  const out = join(CACHE, `${kind}.y4m`);
  if (existsSync(out) && statSync(out).size > 1_000_000) return out;
  execFileSync(ffmpegPath(), ['-v', 'error', '-y', ...args(kind), '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}
