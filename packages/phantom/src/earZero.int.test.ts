/**
 * Issue 12: the ear–eye flexion zero on a phantom face whose ears sit on its Frankfurt plane (looks v2,
 * docs/phantom.md "Ears"). One 3 s clip — deep-wide, camera 20 cm below eye level at 50 cm, head straight —
 * through the real analyser (`analyzeVideo` of @geste/cli, MoveNet + face mesh), with the camera pitch given
 * as a phone's sensors would. Cached in packages/phantom/.cache/small-deep-wide (shared with
 * `bench/anatomical.ts --face deep-wide`).
 *
 * What is true today (docs/anatomical-zero.md "What the phantom's ears showed"): MoveNet scores these ears
 * below MIN_EAR_EYE_SCORE and its ear points stay where a face's ears usually are instead of following the
 * modelled ears, so the zero is refused and flexion must be marked uncertain — never a confident number.
 * If a body model that localises ears is adopted, the second test fails and should become the "used, 0 ± 5°"
 * assertion below it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FrameMeasure, type LandmarkFrame, MIN_EAR_EYE_SCORE } from '@geste/core';
import { generateSet } from './cli.ts';
import type { EventsFile } from './truth.ts';

const RUN = process.env['GESTE_PHANTOM_TARGETS'] !== '0';
const FACE = 'deep-wide';
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache', `small-${FACE}`);
/** Issue 12: camera 20 cm below, head straight: flexion 0° ± this where the ear–eye reference is used. */
const REFERENCED_REST_FLEXION_TOL_DEG = 5;
/** Never a confident number this far off; an uncertain one is still near the truth against gravity. */
const NEVER_CONFIDENTLY_OFF_DEG = 10;

type Analyze = (p: string, o: Record<string, unknown>) => Promise<{ anatomicalFrames: readonly FrameMeasure[]; landmarks: readonly LandmarkFrame[] | null }>;
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };

describe.skipIf(!RUN)('ear–eye flexion zero on an eared phantom face (camera 20 cm below)', () => {
  let frames: FrameMeasure[] = [];
  let landmarks: LandmarkFrame[] = [];
  beforeAll(async () => {
    const { analyzeVideo } = (await import('@geste/cli')) as unknown as { analyzeVideo: Analyze };
    const [c] = await generateSet('small', cacheDir, { formats: ['mp4'], only: ['small-camera-below-20'], face: FACE, log: () => {} });
    const events = JSON.parse(readFileSync(c!.eventsJson, 'utf8')) as EventsFile;
    const res = await analyzeVideo(c!.mp4!, { camera: { pitchDeg: events.camera!.pitchDeg }, keepLandmarks: true });
    frames = res.anatomicalFrames.filter((f) => f.flexionDeg !== null && f.state !== 'not-measurable');
    landmarks = [...(res.landmarks ?? [])];
  }, 1_800_000);

  it('measures flexion against gravity on most frames, near the truth, and never confidently off', () => {
    expect(frames.length).toBeGreaterThan(60); // of 90
    for (const f of frames) {
      expect(f.reference!.flexionDeg.frame).toBe('gravity');
      if (!f.reference!.flexionDeg.uncertain) expect(Math.abs(f.flexionDeg!)).toBeLessThanOrEqual(REFERENCED_REST_FLEXION_TOL_DEG);
    }
    expect(Math.abs(median(frames.map((f) => f.flexionDeg!)))).toBeLessThanOrEqual(NEVER_CONFIDENTLY_OFF_DEG);
  });

  it('refuses the ear–eye zero (MoveNet does not score these ears ≥ MIN_EAR_EYE_SCORE) and marks flexion uncertain, saying why', () => {
    const earScores = landmarks.flatMap((l) => (l.bodies[0]?.keypoints ?? []).filter((k) => k.part === 'leftEar' || k.part === 'rightEar').map((k) => k.score));
    expect(median(earScores)).toBeLessThan(MIN_EAR_EYE_SCORE);
    for (const f of frames) {
      expect(f.reference!.flexionDeg.zero).toBe('canonical-face');
      expect(f.reference!.flexionDeg.uncertain).toBe(true);
      expect(f.reference!.flexionDeg.notes.some((n) => n.startsWith('face-geometry-'))).toBe(true);
    }
  });
});
