/**
 * Generates test videos with ffmpeg from the astronaut photograph (and broken files), into a folder.
 * Used by the *.int.test.ts files and bench/vision-fps.ts. Nothing here is committed as binary.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findFfmpeg } from '../src/node/video.ts';

const exec = promisify(execFile);

export const ASTRONAUT_PNG = fileURLToPath(new URL('./fixtures/astronaut.png', import.meta.url));

export type VideoKind =
  | 'pan'
  | 'pan-half'
  | 'pan-long'
  | 'vfr'
  | 'portrait'
  | 'rotated'
  | 'uhd'
  | 'empty'
  | 'random'
  | 'truncated-nomoov'
  | 'truncated-partial'
  | 'audio-only'
  | 'text';

async function ff(args: string[]): Promise<void> {
  const bin = await findFfmpeg();
  await exec(bin, ['-v', 'error', '-y', '-nostdin', ...args], { maxBuffer: 1 << 24 });
}

/** A pan over the photograph: 640×480 at 30 fps, `seconds` long, H.264 in MP4. */
async function pan(out: string, seconds: number, extra: string[] = []): Promise<void> {
  await ff([
    '-loop', '1', '-framerate', '30', '-i', ASTRONAUT_PNG,
    '-vf', "scale=960:960,crop=640:480:x='160+80*sin(2*PI*t/2)':y='150+20*sin(2*PI*t)',format=yuv420p",
    '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', ...extra, out,
  ]);
}

/** Creates the video of the given kind in `dir` (cached by name) and returns its path. */
export async function makeVideo(dir: string, kind: VideoKind): Promise<string> {
  await mkdir(dir, { recursive: true });
  const ext = kind === 'audio-only' ? 'm4a' : kind === 'text' ? 'txt' : kind === 'vfr' ? 'mkv' : 'mp4';
  const out = join(dir, `${kind}.${ext}`);
  switch (kind) {
    case 'pan':
      await pan(out, 1);
      break;
    case 'pan-half':
      await pan(out, 0.5);
      break;
    case 'pan-long':
      await pan(out, 10);
      break;
    case 'vfr':
      // Frame n at n×40 ms for n < 10, then a 200 ms gap, then 80 ms steps: variable frame rate
      // (multiples of 40 ms so the 1/25 s encoder time base stores them exactly).
      await ff([
        '-loop', '1', '-framerate', '25', '-i', ASTRONAUT_PNG, '-frames:v', '20',
        '-vf', "scale=320:320,setpts='if(lt(N,10),N*0.040,0.560+(N-10)*0.080)/TB',format=yuv420p",
        '-vsync', 'vfr', '-c:v', 'libx264', '-preset', 'ultrafast', out,
      ]);
      break;
    case 'portrait':
      await ff(['-loop', '1', '-framerate', '30', '-i', ASTRONAUT_PNG, '-vf', 'scale=480:640,format=yuv420p', '-t', '0.2', '-c:v', 'libx264', '-preset', 'ultrafast', out]);
      break;
    case 'rotated': {
      const tmp = join(dir, 'rotated-src.mp4');
      await ff(['-loop', '1', '-framerate', '30', '-i', ASTRONAUT_PNG, '-vf', 'scale=640:480,format=yuv420p', '-t', '0.2', '-c:v', 'libx264', '-preset', 'ultrafast', tmp]);
      await ff(['-i', tmp, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', out]);
      break;
    }
    case 'uhd':
      await ff(['-loop', '1', '-framerate', '30', '-i', ASTRONAUT_PNG, '-vf', 'scale=2160:2160,pad=3840:2160:840:0,format=yuv420p', '-t', '0.1', '-c:v', 'libx264', '-preset', 'ultrafast', out]);
      break;
    case 'empty':
      await writeFile(out, new Uint8Array(0));
      break;
    case 'random': {
      // Deterministic pseudo-random bytes (xorshift), not a real video.
      const b = new Uint8Array(50_000);
      let x = 0x12345678;
      for (let i = 0; i < b.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        b[i] = x & 0xff;
      }
      await writeFile(out, b);
      break;
    }
    case 'truncated-nomoov': {
      const full = join(dir, 'nomoov-src.mp4');
      await pan(full, 1); // moov at the end (default)
      const bytes = await readFile(full);
      await writeFile(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
      break;
    }
    case 'truncated-partial': {
      const full = join(dir, 'faststart-src.mp4');
      await pan(full, 1, ['-movflags', '+faststart']); // moov first: the start stays decodable
      const bytes = await readFile(full);
      await writeFile(out, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      break;
    }
    case 'audio-only':
      await ff(['-f', 'lavfi', '-i', 'sine=d=0.5', '-c:a', 'aac', out]);
      break;
    case 'text':
      await writeFile(out, 'this is not a video\n');
      await chmod(out, 0o644);
      break;
  }
  return out;
}

/** Decodes an image file to packed RGB with ffmpeg, scaled so the longer side is ≤ maxSidePx. */
export async function loadImageRgb(path: string, maxSidePx = 640): Promise<{ data: Uint8Array; widthPx: number; heightPx: number }> {
  // An image opens in ffmpeg's image2 demuxer, which probeVideo rejects on purpose: decode it here.
  const bin = await findFfmpeg();
  const probe = await exec(bin, ['-hide_banner', '-i', path]).catch((e: { stderr: string }) => e);
  const m = /, (\d+)x(\d+)/.exec((probe as { stderr: string }).stderr);
  if (!m) throw new Error(`cannot read size of ${path}`);
  const w = Number(m[1]);
  const h = Number(m[2]);
  const s = Math.min(1, maxSidePx / Math.max(w, h));
  const widthPx = 2 * Math.floor((w * s) / 2);
  const heightPx = 2 * Math.floor((h * s) / 2);
  const { stdout } = await exec(bin, ['-v', 'error', '-i', path, '-vf', `scale=${widthPx}:${heightPx}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: 1 << 26,
  });
  return { data: new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.byteLength), widthPx, heightPx };
}
