/**
 * Issue 13, "glasses glare" (session 11): the `glasses-glare` face (beard-glasses with curved lenses mirroring a
 * window and a ceiling lamp, faces.ts `lensGlare`) against beard-glasses itself (same geometry, seeds and
 * expressions, no lenses), both through the real analyser (`analyzeVideo` of @geste/cli), calibrated on the first
 * 2 s of rest. One 6 s clip: rest (the window's glare over the upper half of both lenses), a turn to +30° through
 * the poses where it covers most of a lens and the eye behind it, a hold, the return. Two renders and two analyses
 * (104 s on the shared 2-core machine at load 7–11). Cached in packages/phantom/.cache/small-glare.
 *
 * What is true today (BENCHMARKS.md "Glare on glasses (session 11, glare)"): the face mesh reads through the glare.
 * Glare during the calibration rest moves the zero by 1–2°, so the readings shift by that much (mean 0.6–1.5° per
 * axis here, 4.8° at most on one frame) — never toward a number 10° off. The first test checks that the clips
 * differ by the glare (it fails on a face without it), so the second cannot pass for want of glare.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LandmarkFrame } from '@geste/core';
import { generateSet } from './cli.ts';
import { parseTruthCsv, type TruthRow } from './truth.ts';
import type { MeasuredRow } from './accuracy.ts';
import { REST_MS } from './scripts/motion.ts';
import { ffmpegPath } from './video/mp4.ts';

const RUN = process.env['GESTE_PHANTOM_TARGETS'] !== '0';
const GLARE_FACE = 'glasses-glare';
const PLAIN_FACE = 'beard-glasses';
const CLIP = 'small-rotation-right-30';
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'small-glare');
/** Glare against no glare, same frame and axis: mean and largest difference of the readings (measured: 1.5° / 4.8°). */
const GLARE_SHIFT_MEAN_DEG = 2.5;
const GLARE_SHIFT_MAX_DEG = 6;
/** Never a number this far off while measurable (low confidence included). */
const NEVER_OFF_DEG = 10;
/** A lens-box pixel counts as glare when all three channels are above this (8-bit sRGB): saturated white. */
const GLARE_MIN_CHANNEL = 230;
/** "Covers most of a lens": this share of one lens box saturated hides the eye (checked by eye on the stills). */
const LENS_COVERED_SHARE = 0.3;

// MediaPipe FaceMesh eye corners (mediapipe face_mesh_connections, FACEMESH_RIGHT_EYE / FACEMESH_LEFT_EYE).
const EYE_CORNERS = [[33, 133], [263, 362]] as const;

type Analyze = (p: string, o: Record<string, unknown>) => Promise<{ frames: readonly MeasuredRow[]; landmarks: readonly LandmarkFrame[] | null }>;

/**
 * Share of saturated pixels in a box around each eye (the lens in front of it: 1.4 × the corner-to-corner width,
 * half as high), per frame, from the decoded video and the frame's own face mesh; the larger of the two lenses.
 */
function glareShare(mp4: string, landmarks: readonly LandmarkFrame[]): number[] {
  const { imageWidthPx: w, imageHeightPx: h } = landmarks[0]!;
  const rgb = execFileSync(ffmpegPath(), ['-v', 'error', '-i', mp4, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 30 });
  return landmarks.map((lm, i) => {
    const mesh = lm.faces[0]?.meshPx;
    if (!mesh || (i + 1) * w * h * 3 > rgb.length) return 0;
    let best = 0;
    for (const [a, b] of EYE_CORNERS) {
      const cx = (mesh[a]!.x + mesh[b]!.x) / 2, cy = (mesh[a]!.y + mesh[b]!.y) / 2;
      const bw = Math.abs(mesh[a]!.x - mesh[b]!.x) * 1.4 + 4, bh = bw / 2 + 4;
      let n = 0, lit = 0;
      for (let y = Math.max(0, Math.round(cy - bh / 2)); y <= Math.min(h - 1, Math.round(cy + bh / 2)); y++) {
        for (let x = Math.max(0, Math.round(cx - bw / 2)); x <= Math.min(w - 1, Math.round(cx + bw / 2)); x++) {
          const o = ((i * h + y) * w + x) * 3;
          n++;
          if (rgb[o]! > GLARE_MIN_CHANNEL && rgb[o + 1]! > GLARE_MIN_CHANNEL && rgb[o + 2]! > GLARE_MIN_CHANNEL) lit++;
        }
      }
      if (n) best = Math.max(best, lit / n);
    }
    return best;
  });
}

interface Run { frames: MeasuredRow[]; glare: number[] }
const AXES = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
const measurable = (m: MeasuredRow, ax: (typeof AXES)[number]): m is MeasuredRow & Record<typeof ax, number> => m.state !== 'not-measurable' && m[ax] !== null;

describe.skipIf(!RUN)('glare on glasses (glasses-glare against beard-glasses, turn to +30°)', () => {
  let truth: TruthRow[] = [];
  const runs = new Map<string, Run>();
  beforeAll(async () => {
    const { analyzeVideo } = (await import('@geste/cli')) as unknown as { analyzeVideo: Analyze };
    for (const face of [GLARE_FACE, PLAIN_FACE]) {
      const [c] = await generateSet('small', join(cacheDir, face), { formats: ['mp4'], only: [CLIP], face, log: () => {} });
      truth = parseTruthCsv(readFileSync(c!.truthCsv, 'utf8'));
      const res = await analyzeVideo(c!.mp4!, { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS }, keepLandmarks: true });
      runs.set(face, { frames: [...res.frames], glare: glareShare(c!.mp4!, res.landmarks ?? []) });
    }
  }, 1_800_000);

  it('has glare: on the lenses through the rest, covering most of a lens at some poses of the turn; none without it', () => {
    const { glare } = runs.get(GLARE_FACE)!;
    const rest = glare.filter((_, i) => truth[i]!.timestampMs < REST_MS);
    expect(rest.filter((s) => s >= 0.1).length / rest.length).toBeGreaterThan(0.9);
    expect(glare.filter((s) => s >= LENS_COVERED_SHARE).length).toBeGreaterThan(5);
    expect(runs.get(PLAIN_FACE)!.glare.filter((s) => s >= 0.1).length).toBe(0);
  });

  it('measures through it: the same frames measurable, readings within a few degrees of the glare-free face, never 10° off', () => {
    const g = runs.get(GLARE_FACE)!.frames, p = runs.get(PLAIN_FACE)!.frames;
    expect(g.length).toBe(truth.length);
    expect(p.length).toBe(truth.length);
    for (const ax of AXES) {
      const diffs: number[] = [];
      g.forEach((m, i) => {
        if (!measurable(m, ax)) return;
        expect(Math.abs(m[ax] - truth[i]![ax]), `${ax} frame ${i} against the truth`).toBeLessThan(NEVER_OFF_DEG);
        const q = p[i]!;
        if (measurable(q, ax)) diffs.push(Math.abs(m[ax] - q[ax]));
      });
      expect(diffs.length, `${ax}: frames measurable on both`).toBeGreaterThan(0.95 * truth.length);
      expect(diffs.reduce((a, b) => a + b, 0) / diffs.length, `${ax}: mean shift`).toBeLessThanOrEqual(GLARE_SHIFT_MEAN_DEG);
      expect(Math.max(...diffs), `${ax}: largest shift`).toBeLessThanOrEqual(GLARE_SHIFT_MAX_DEG);
    }
  });
});
