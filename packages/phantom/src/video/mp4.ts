/** H.264 mp4 writer: raw RGB24 frames piped to ffmpeg (system ffmpeg when on PATH, else @ffmpeg-installer). */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { PhantomError } from '../errors.ts';

const require = createRequire(import.meta.url);

let cached: string | null = null;
export function ffmpegPath(): string {
  if (cached !== null) return cached;
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    cached = 'ffmpeg';
  } catch {
    try {
      cached = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    } catch {
      throw new PhantomError('ffmpeg-failed', 'No ffmpeg: expected "ffmpeg" on PATH or the npm package @ffmpeg-installer/ffmpeg; install one of them.');
    }
  }
  return cached;
}

export class Mp4Writer {
  private proc: ChildProcess;
  private stderr = '';
  private done: Promise<void>;
  /** `encode`: constant quality (default crf 18, clean) or a bit-rate cap in kbit/s (webcam-like, blocky). */
  constructor(readonly path: string, widthPx: number, heightPx: number, fps: number, encode: { crf: number } | { kbps: number } = { crf: 18 }) {
    const rate = 'kbps' in encode
      ? ['-b:v', `${encode.kbps}k`, '-maxrate', `${encode.kbps}k`, '-bufsize', `${encode.kbps}k`, '-g', String(Math.round(fps * 2))]
      : ['-crf', String(encode.crf)];
    this.proc = spawn(ffmpegPath(), [
      '-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${widthPx}x${heightPx}`, '-r', String(fps), '-i', '-',
      '-c:v', 'libx264', '-preset', 'veryfast', ...rate, '-pix_fmt', 'yuv420p', '-threads', '1', '-movflags', '+faststart', path,
    ], { stdio: ['pipe', 'ignore', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.done = new Promise((resolve, reject) => {
      this.proc.on('error', (e) => reject(new PhantomError('ffmpeg-failed', `ffmpeg could not start: ${e.message}`)));
      this.proc.on('close', (code) => code === 0 ? resolve() : reject(new PhantomError('ffmpeg-failed', `ffmpeg exited with ${code} writing ${path}: ${this.stderr.trim()}`)));
    });
  }
  async writeRgb(rgb: Uint8Array): Promise<void> {
    const stdin = this.proc.stdin!;
    if (!stdin.write(rgb)) await new Promise<void>((r) => stdin.once('drain', () => r()));
  }
  async close(): Promise<void> {
    this.proc.stdin!.end();
    await this.done;
  }
}
