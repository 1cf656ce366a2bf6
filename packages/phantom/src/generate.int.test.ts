import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AXES } from '@geste/core';
import { generateClip } from './generate.ts';
import { parseTruthCsv, type EventsFile } from './truth.ts';
import { keyframes, type MotionScript } from './scripts/motion.ts';
import { ffmpegPath } from './video/mp4.ts';
import { y4mHeader } from './video/y4m.ts';

const TOL_CSV_DEG = 0.0005 + 1e-9; // the CSV keeps 3 decimals
/** Mean |luma difference| between the y4m and the mp4 of one frame (H.264 at crf 18 is near-lossless). */
const TOL_MEAN_LUMA_LEVELS = 3;

// A 12-frame clip (0.4 s at 30 fps): small enough to render in a test.
const rot = keyframes([[0, 0], [400, 20]]);
const tiny: MotionScript = {
  name: 'tiny-test-clip', description: 'test', seed: 7, durationMs: 400, sets: [],
  events: { jerks: [], tremors: [], holds: [], tricks: [] },
  poseAt: (t) => ({ rotationDeg: rot(t), tiltDeg: -rot(t) / 4, flexionDeg: rot(t) / 2, lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0 }),
};

describe('generateClip (Chromium + ffmpeg)', () => {
  it('writes y4m, mp4, truth CSV matching the script, events, and reuses the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phantom-gen-'));
    try {
      const a = await generateClip(tiny, { outDir: dir, fps: 30 });
      expect(a.cached).toBe(false);
      expect(a.frames).toBe(12);
      const truth = parseTruthCsv(readFileSync(a.truthCsv, 'utf8'));
      expect(truth.length).toBe(12);
      for (const r of truth) {
        const p = tiny.poseAt((r.frameIndex * 1000) / 30);
        for (const ax of AXES) expect(Math.abs(r[ax] - p[ax])).toBeLessThanOrEqual(TOL_CSV_DEG);
        expect(r.handOverFace).toBe(false);
      }
      expect(statSync(a.y4m!).size).toBe(y4mHeader(640, 480, 30).length + 12 * (6 + 640 * 480 * 1.5));
      const decoded = execFileSync(ffmpegPath(), ['-v', 'error', '-i', a.mp4!, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 1 << 26 });
      expect(decoded.length).toBe(12 * 640 * 480);
      // Differential: ffmpeg reads our y4m, and its luma agrees with the H.264 file's (two writers, one frame).
      const fromY4m = execFileSync(ffmpegPath(), ['-v', 'error', '-i', a.y4m!, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 1 << 26 });
      expect(fromY4m.length).toBe(12 * 640 * 480);
      let sum = 0;
      for (let i = 0; i < 640 * 480; i++) sum += Math.abs(fromY4m[i]! - decoded[i]!);
      expect(sum / (640 * 480)).toBeLessThan(TOL_MEAN_LUMA_LEVELS);
      const ev = JSON.parse(readFileSync(a.eventsJson, 'utf8')) as EventsFile;
      expect(ev.script).toBe('tiny-test-clip');
      expect(ev.frameCount).toBe(12);
      const b = await generateClip(tiny, { outDir: dir, fps: 30 });
      expect(b.cached).toBe(true);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
