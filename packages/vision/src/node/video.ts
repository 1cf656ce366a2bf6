/**
 * Video decoding through ffmpeg: probe (parsing `ffmpeg -i` stderr, since no ffprobe ships) and
 * decode to rgb24 frames over a pipe, with real per-frame presentation timestamps.
 *
 * Timestamps: ffmpeg runs with `-vsync passthrough` (every decoded frame is output once, none
 * duplicated or dropped to fit a constant rate) and a `showinfo` filter after scaling, which logs each
 * frame's `pts` and the filter's `time_base` on stderr *before* the frame is written to stdout. The
 * k-th showinfo line therefore belongs to the k-th raw frame on stdout; timestamp = pts × time_base,
 * exact for variable-frame-rate files. Times are relative to the first decoded frame.
 *
 * Rotation: ffmpeg auto-rotates by the stream's display matrix (`rotate` tag) while decoding, so the
 * frames come upright; `probeVideo` reports the rotation and the upright (display) size.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { VisionError } from '../errors.ts';
import { fitWithin, type DecodedFrame } from '../frames.ts';

const require = createRequire(import.meta.url);

export interface VideoProbe {
  readonly path: string;
  /** Container format as ffmpeg names it, e.g. 'mov,mp4,m4a,3gp,3g2,mj2'. */
  readonly format: string;
  readonly codec: string;
  /** Coded size as stored in the file. */
  readonly codedWidthPx: number;
  readonly codedHeightPx: number;
  /** Clockwise rotation ffmpeg applies for display, 0/90/180/270. */
  readonly rotationDeg: number;
  /** Upright size after rotation (what decoding yields before scaling). */
  readonly widthPx: number;
  readonly heightPx: number;
  /** Nominal rate from the container (`fps`, else `tbr`); null if unknown. */
  readonly nominalFps: number | null;
  /** Container duration; null if the file does not say (N/A). */
  readonly durationMs: number | null;
  /** Estimated frame count (duration × fps), null if either is unknown. */
  readonly estimatedFrames: number | null;
}

export interface DecodeOptions {
  /** Longer side of the output frames is at most this (default 640). Never upscales. */
  readonly maxSidePx?: number;
  /** Explicit ffmpeg binary; default: `ffmpeg` on PATH, else the @ffmpeg-installer binary. */
  readonly ffmpegPath?: string;
}

export interface DecodeSummary {
  readonly framesDecoded: number;
  /** The file ended early or had undecodable data; the frames before it were delivered. */
  readonly truncated: boolean;
  /** Decoder complaints (first few lines), for the report. */
  readonly warnings: readonly string[];
  readonly lastTimestampMs: number | null;
}

export interface VideoDecoder {
  readonly probe: VideoProbe;
  readonly outWidthPx: number;
  readonly outHeightPx: number;
  /** Decodes once; breaking out of the loop stops ffmpeg. */
  frames(): AsyncIterable<DecodedFrame>;
  /** Available after `frames()` finished (null before). */
  summary(): DecodeSummary | null;
  /** The running ffmpeg's pid (null when none is running), for tests. */
  pid(): number | null;
  /** Kills ffmpeg if running and waits for it to exit. Safe to call twice. */
  close(): Promise<void>;
}

async function isExecutable(p: string): Promise<boolean> {
  try {
    await access(p, fsConstants.X_OK);
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** System `ffmpeg` on PATH when present, else the binary shipped by @ffmpeg-installer. */
export async function findFfmpeg(explicit?: string): Promise<string> {
  const tried: string[] = [];
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  else {
    for (const dir of (process.env['PATH'] ?? '').split(delimiter)) if (dir) candidates.push(join(dir, 'ffmpeg'));
    try {
      candidates.push((require('@ffmpeg-installer/ffmpeg') as { path: string }).path);
    } catch {
      tried.push('@ffmpeg-installer/ffmpeg (not installed for this platform)');
    }
  }
  for (const c of candidates) {
    if (await isExecutable(c)) return c;
    tried.push(c);
  }
  throw new VisionError(
    'decoder-missing',
    `Expected an ffmpeg executable, but none was found (tried: ${tried.join(', ') || 'nothing'}). ` +
      'Install ffmpeg (apt-get install ffmpeg) or reinstall dependencies so @ffmpeg-installer/ffmpeg provides one.',
    { tried: tried.join(', ') },
  );
}

interface RunResult {
  code: number | null;
  stderr: string;
}

function run(bin: string, args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.setEncoding('utf8');
    p.stderr.on('data', (d: string) => {
      if (stderr.length < 1_000_000) stderr += d;
    });
    p.on('error', (e) => reject(e));
    p.on('close', (code) => resolve({ code, stderr }));
  });
}

function parseTimecodeMs(s: string): number | null {
  const m = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(s.trim());
  if (!m) return null;
  return (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000;
}

/** Input formats ffmpeg accepts that are not videos (a text file opens as the 'tty' format). */
const NON_VIDEO_FORMATS = new Set(['tty', 'image2', 'png_pipe', 'jpeg_pipe', 'bmp_pipe', 'webp_pipe', 'gif_pipe', 'lavfi']);

/** Parses the stderr of `ffmpeg -hide_banner -i file` (exit code 1, "At least one output file…"). */
export function parseProbe(path: string, stderr: string): VideoProbe {
  const lines = stderr.split(/\r?\n/);
  const fmt = /^Input #0, (.+?), from /m.exec(stderr)?.[1] ?? '';
  if (/No such file or directory/.test(stderr) && !fmt) {
    throw new VisionError('file-missing', `Expected a video file at ${path}, but there is no such file. Check the path.`, { path });
  }
  if (/Permission denied/.test(stderr) && !fmt) {
    throw new VisionError('file-unreadable', `Expected to read ${path}, but permission was denied. Make the file readable (chmod +r) or copy it somewhere readable.`, { path });
  }
  if (!fmt) {
    const moovMissing = /moov atom not found/.test(stderr);
    const lowScore = /detected only with low score/.test(stderr);
    if (moovMissing && !lowScore) {
      throw new VisionError(
        'truncated-video',
        `Expected a complete MP4/MOV file at ${path}, but its index (moov atom) is missing, so no frame can be decoded — ` +
          'the recording was probably cut off before it was finalised. Re-export or re-record the video.',
        { path, framesDecoded: 0 },
      );
    }
    throw new VisionError(
      'not-a-video',
      `Expected a video file (MP4, MOV, WebM, MKV, AVI…) at ${path}, but ffmpeg cannot read it as one (${lastMeaningfulLine(lines)}). ` +
        'Choose a video file; if it is one, it may be damaged — re-export it.',
      { path },
    );
  }
  const vLine = lines.find((l) => /Stream #0:\d+.*: Video: /.test(l));
  if (!vLine || NON_VIDEO_FORMATS.has(fmt)) {
    throw new VisionError(
      'not-a-video',
      `Expected a video stream in ${path}, but ffmpeg found ${vLine ? `a ${fmt} file` : 'no video stream'} (format ${fmt}). ` +
        'Choose a file recorded by a camera or screen recorder.',
      { path, format: fmt },
    );
  }
  const codec = /Video: ([^\s,]+)/.exec(vLine)?.[1] ?? 'unknown';
  const size = /, (\d{2,5})x(\d{2,5})[\s,]/.exec(vLine);
  if (!size) {
    throw new VisionError('not-a-video', `Expected a frame size in the video stream of ${path}, but ffmpeg reported none ("${vLine.trim()}"). The file may be damaged; re-export it.`, { path });
  }
  const codedW = Number(size[1]);
  const codedH = Number(size[2]);
  const fpsMatch = /, ([\d.]+)(k?) fps/.exec(vLine) ?? /, ([\d.]+)(k?) tbr/.exec(vLine);
  const nominalFps = fpsMatch ? Number(fpsMatch[1]) * (fpsMatch[2] === 'k' ? 1000 : 1) : null;
  const durStr = /Duration: ([^,]+),/.exec(stderr)?.[1] ?? 'N/A';
  const durationMs = parseTimecodeMs(durStr);
  // Rotation: prefer the display matrix (counter-clockwise degrees), else the legacy rotate tag (clockwise).
  let rotationDeg = 0;
  const dm = /displaymatrix: rotation of (-?[\d.]+) degrees/.exec(stderr);
  const tag = /^\s*rotate\s*:\s*(-?\d+)/m.exec(stderr);
  if (dm) rotationDeg = -Number(dm[1]);
  else if (tag) rotationDeg = Number(tag[1]);
  rotationDeg = ((Math.round(rotationDeg / 90) * 90) % 360 + 360) % 360;
  const quarter = rotationDeg === 90 || rotationDeg === 270;
  return {
    path,
    format: fmt,
    codec,
    codedWidthPx: codedW,
    codedHeightPx: codedH,
    rotationDeg,
    widthPx: quarter ? codedH : codedW,
    heightPx: quarter ? codedW : codedH,
    nominalFps: nominalFps !== null && Number.isFinite(nominalFps) && nominalFps > 0 ? nominalFps : null,
    durationMs: durationMs !== null && durationMs > 0 ? durationMs : null,
    estimatedFrames: durationMs !== null && nominalFps ? Math.round((durationMs / 1000) * nominalFps) : null,
  };
}

function lastMeaningfulLine(lines: string[]): string {
  const l = lines.map((x) => x.trim()).filter((x) => x && !x.startsWith('At least one output')).pop() ?? 'no output';
  return l.replace(/^\[[^\]]*\]\s*/, '');
}

async function checkReadable(path: string): Promise<void> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new VisionError('file-missing', `Expected a video file at ${path}, but there is no such file. Check the path.`, { path });
  }
  if (!st.isFile()) {
    throw new VisionError('not-a-video', `Expected a video file at ${path}, but it is a ${st.isDirectory() ? 'folder' : 'special file'}. Choose a video file.`, { path });
  }
  try {
    await access(path, fsConstants.R_OK);
  } catch {
    throw new VisionError('file-unreadable', `Expected to read ${path}, but permission was denied. Make the file readable (chmod +r) or copy it somewhere readable.`, { path });
  }
  if (st.size === 0) {
    throw new VisionError('empty-video', `Expected a video file at ${path}, but it is empty (0 bytes). The recording did not save; record or export it again.`, { path, bytes: 0 });
  }
}

export async function probeVideo(path: string, opts: Pick<DecodeOptions, 'ffmpegPath'> = {}): Promise<VideoProbe> {
  await checkReadable(path);
  const bin = await findFfmpeg(opts.ffmpegPath);
  const r = await run(bin, ['-hide_banner', '-nostdin', '-i', path]);
  return parseProbe(path, r.stderr);
}

/** Lines on stderr that mean the decoder hit damaged or missing data. */
const DAMAGE_RE = /partial file|Error while decoding|Invalid NAL|error while decoding|Invalid data found|corrupt|truncat|missing picture|concealing/i;

export async function openVideo(path: string, opts: DecodeOptions = {}): Promise<VideoDecoder> {
  const probe = await probeVideo(path, opts);
  const bin = await findFfmpeg(opts.ffmpegPath);
  const out = fitWithin(probe.widthPx, probe.heightPx, opts.maxSidePx ?? 640);
  const frameBytes = out.widthPx * out.heightPx * 3;
  let proc: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let summary: DecodeSummary | null = null;
  let started = false;

  async function kill(): Promise<void> {
    const p = proc;
    if (!p) return;
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    // A paused stdout with unread data would keep the child's 'close' from firing: drop the pipes.
    p.stdout?.destroy();
    p.stderr?.destroy();
    await exited;
  }

  async function* frames(): AsyncGenerator<DecodedFrame> {
    if (started) throw new VisionError('decoder-failed', 'Expected frames() to be called once per opened video, but it was called again. Open the video again to re-read it.', { path });
    started = true;
    const args = [
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
      '-i', path,
      '-map', '0:v:0', '-an', '-sn', '-dn',
      '-vf', `scale=${out.widthPx}:${out.heightPx}:flags=bilinear,showinfo`,
      '-vsync', 'passthrough',
      '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
    ];
    const p = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc = p;
    // 'exit' (the process is reaped, so no zombie) rather than 'close' (which also waits for the pipes).
    exited = new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) resolve();
      else p.once('exit', () => resolve());
    });
    const pts: number[] = [];
    let tbNum = 0;
    let tbDen = 0;
    const warnings: string[] = [];
    let damaged = false;
    let errText = '';
    let waiter: (() => void) | null = null;
    let stderrDone = false;
    let pending = '';
    p.stderr!.setEncoding('utf8');
    p.stderr!.on('data', (d: string) => {
      pending += d;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const tb = /config in time_base: (\d+)\/(\d+)/.exec(line);
        if (tb && tbDen === 0) {
          tbNum = Number(tb[1]);
          tbDen = Number(tb[2]);
          continue;
        }
        const m = /Parsed_showinfo.*\bn:\s*\d+\s+pts:\s*(-?\d+)\s+pts_time:(\S+)/.exec(line);
        if (m) {
          pts.push(tbDen > 0 ? (Number(m[1]) * tbNum * 1000) / tbDen : Number(m[2]) * 1000);
          continue;
        }
        if (line.includes('Parsed_showinfo')) continue;
        if (DAMAGE_RE.test(line)) {
          damaged = true;
          if (warnings.length < 8) warnings.push(line.trim());
        }
        if (errText.length < 4000) errText += line + '\n';
      }
      waiter?.();
    });
    p.stderr!.on('end', () => {
      stderrDone = true;
      waiter?.();
    });
    let spawnError: Error | null = null;
    p.on('error', (e) => {
      spawnError = e;
    });

    let index = 0;
    let firstPts: number | null = null;
    let lastTs: number | null = null;
    let buf = Buffer.alloc(frameBytes);
    let filled = 0;
    const nominalIntervalMs = probe.nominalFps ? 1000 / probe.nominalFps : 1000 / 30;
    try {
      for await (const chunk of p.stdout! as AsyncIterable<Buffer>) {
        let off = 0;
        while (off < chunk.length) {
          const n = Math.min(frameBytes - filled, chunk.length - off);
          chunk.copy(buf, filled, off, off + n);
          filled += n;
          off += n;
          if (filled === frameBytes) {
            // showinfo logs the frame before it is written to stdout; wait for its line if not yet read.
            while (pts.length <= index && !stderrDone) await new Promise<void>((r) => (waiter = r));
            waiter = null;
            const raw = pts[index];
            let timestampMs: number;
            if (raw === undefined) timestampMs = (lastTs ?? -nominalIntervalMs) + nominalIntervalMs; // no pts logged: nominal step
            else {
              if (firstPts === null) firstPts = raw;
              timestampMs = raw - firstPts;
            }
            lastTs = timestampMs;
            const data = new Uint8Array(buf.buffer, buf.byteOffset, frameBytes);
            yield { frameIndex: index, timestampMs, rgb: { data, widthPx: out.widthPx, heightPx: out.heightPx } };
            index++;
            buf = Buffer.alloc(frameBytes);
            filled = 0;
          }
        }
      }
      await exited;
      if (spawnError) {
        throw new VisionError('decoder-missing', `Expected to run ffmpeg at ${bin}, but it failed to start (${String((spawnError as Error).message)}). Install ffmpeg or reinstall dependencies.`, { bin });
      }
      const code = p.exitCode;
      const shortfall =
        probe.durationMs !== null && lastTs !== null && probe.durationMs - lastTs > Math.max(3 * nominalIntervalMs, 0.1 * probe.durationMs);
      if (index === 0) {
        if (damaged || code !== 0) {
          throw new VisionError(
            'truncated-video',
            `Expected decodable frames in ${path}, but the decoder stopped before the first frame (${warnings[0] ?? lastMeaningfulLine(errText.split('\n'))}). ` +
              'The file is damaged or cut off; re-export or re-record it.',
            { path, framesDecoded: 0 },
          );
        }
        throw new VisionError('empty-video', `Expected at least one frame in ${path}, but the video stream has none. Record or export the video again.`, { path, framesDecoded: 0 });
      }
      if (code !== 0 && !damaged) {
        throw new VisionError('decoder-failed', `Expected ffmpeg to decode ${path} to the end, but it exited with code ${code} after ${index} frames (${lastMeaningfulLine(errText.split('\n'))}).`, { path, framesDecoded: index });
      }
      summary = { framesDecoded: index, truncated: damaged || shortfall, warnings, lastTimestampMs: lastTs };
    } finally {
      await kill();
      proc = null;
    }
  }

  return {
    probe,
    outWidthPx: out.widthPx,
    outHeightPx: out.heightPx,
    frames,
    summary: () => summary,
    pid: () => (proc && proc.exitCode === null && proc.signalCode === null ? (proc.pid ?? null) : null),
    close: kill,
  };
}
