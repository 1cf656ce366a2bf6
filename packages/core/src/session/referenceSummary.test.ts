import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '../landmarks/types.ts';
import { syntheticFace } from '../pose/syntheticFace.ts';
import { RecordingAnalyzer } from './recording.ts';
import { summarizeReference, zeroSegments } from './referenceSummary.ts';

const TOL_DEG = 1;

function frame(i: number, rotationDeg: number): LandmarkFrame {
  return {
    frameIndex: i, timestampMs: i * 100, imageWidthPx: 640, imageHeightPx: 480,
    faces: [syntheticFace({ angles: { rotationDeg, tiltDeg: 0, flexionDeg: 0 }, noisePx: 0.3, seed: i + 1 })],
    bodies: [], hands: [],
  };
}

describe('anatomical reference in the recording summary', () => {
  it('a rest posture of 30° right reads 30° with no option, against the camera, flexion uncertain without a camera pitch', () => {
    const a = new RecordingAnalyzer();
    for (let i = 0; i < 30; i++) a.push(frame(i, 30));
    const r = a.finish();
    expect(r.anatomicalFrames).toBe(r.frames);
    const s = summarizeReference(r.anatomicalFrames, r.frames, { pitchDeg: null });
    expect(Math.abs(s.perAxis.rotationDeg.medianDeg! - 30)).toBeLessThan(TOL_DEG);
    expect(s.perAxis.rotationDeg.frames).toEqual({ camera: 30 });
    expect(s.perAxis.rotationDeg.words).toMatch(/against the camera/);
    expect(s.perAxis.flexionDeg.uncertain).toBe(true);
    expect(s.perAxis.flexionDeg.words).toMatch(/camera’s tilt is unknown/);
    expect(s.neutralVersusAnatomical).toBeNull();
    const known = new RecordingAnalyzer({ kind: 'anatomical' }, { camera: { pitchDeg: 0 } });
    for (let i = 0; i < 30; i++) known.push(frame(i, 30));
    const k = known.finish();
    const ks = summarizeReference(k.anatomicalFrames, k.frames, { pitchDeg: 0 });
    // Against gravity, but on the average face's zero (no ears in these frames): still uncertain.
    expect(ks.perAxis.flexionDeg.frames).toEqual({ gravity: 30 });
    expect(ks.perAxis.flexionDeg.uncertain).toBe(true);
  });

  it('calibrating on a 30° posture keeps the anatomical values beside and warns', () => {
    const a = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: 1500 });
    for (let i = 0; i < 40; i++) a.push(frame(i, i < 20 ? 30 : 40));
    const r = a.finish();
    expect(Math.abs(r.frames[30]!.rotationDeg! - 10)).toBeLessThan(TOL_DEG);
    expect(Math.abs(r.anatomicalFrames[30]!.rotationDeg! - 40)).toBeLessThan(TOL_DEG);
    const s = summarizeReference(r.anatomicalFrames, r.frames, { pitchDeg: null });
    expect(s.neutralVersusAnatomical!.differsByMoreThan10Deg).toBe(true);
    expect(Math.abs(s.neutralVersusAnatomical!.offsetDeg.rotationDeg! - 30)).toBeLessThan(TOL_DEG);
    expect(s.neutralVersusAnatomical!.sentence).toMatch(/^Warning: the calibrated neutral is 30° turned to the right/);
    expect(r.straightest?.ok && r.straightest.warn).toBe(true);
    const near = new RecordingAnalyzer({ kind: 'calibrate-window', startMs: 0, endMs: 1500 });
    for (let i = 0; i < 40; i++) near.push(frame(i, 5));
    const n = near.finish();
    expect(summarizeReference(n.anatomicalFrames, n.frames, { pitchDeg: null }).neutralVersusAnatomical!.differsByMoreThan10Deg).toBe(false);
  });

  it('names the zero each part of the recording was measured on, and when it changed', () => {
    const a = new RecordingAnalyzer();
    for (let i = 0; i < 30; i++) a.push(frame(i, 10));
    const r = a.finish();
    const one = summarizeReference(r.anatomicalFrames, r.frames, { pitchDeg: null });
    expect(one.perAxis.flexionDeg.zeroSegments).toEqual([{ zero: 'canonical-face', fromMs: 0, toMs: 2900, frames: 30 }]);
    expect(one.perAxis.flexionDeg.words).not.toMatch(/then from/);
    // The face's own zero taken from frame 12 on (faceZero.ts takes it at most once per recording).
    const changed = r.anatomicalFrames.map((f, i) => (i < 12 || !f.reference ? f : { ...f, reference: { ...f.reference, flexionDeg: { ...f.reference.flexionDeg, zero: 'face-geometry' as const, notes: [] } } }));
    const two = summarizeReference(changed, changed, { pitchDeg: null });
    expect(two.perAxis.flexionDeg.zeroSegments).toEqual([
      { zero: 'canonical-face', fromMs: 0, toMs: 1100, frames: 12 },
      { zero: 'face-geometry', fromMs: 1200, toMs: 2900, frames: 18 },
    ]);
    expect(two.perAxis.flexionDeg.words).toContain('zero from an average face (0.0–1.2 s, 12 frames), then from the ear–eye line (1.2–2.9 s, 18 frames)');
  });

  it('zeroSegments is the one definition: the summary’s stretches, frames without a value skipped (the app keeps them with an exam)', () => {
    const a = new RecordingAnalyzer();
    for (let i = 0; i < 30; i++) a.push(frame(i, 10));
    const r = a.finish();
    const changed = r.anatomicalFrames.map((f, i) => (i < 12 || !f.reference ? f : { ...f, reference: { ...f.reference, flexionDeg: { ...f.reference.flexionDeg, zero: 'face-geometry' as const, notes: [] } } }));
    // A lost face in each stretch: no value, so it belongs to neither and the stretch runs on across it.
    const gaps = changed.map((f, i) => (i === 5 || i === 20 ? { ...f, state: 'not-measurable' as const, flexionDeg: null } : f));
    expect(zeroSegments(gaps)).toEqual(summarizeReference(gaps, gaps, { pitchDeg: null }).perAxis.flexionDeg.zeroSegments);
    expect(zeroSegments(gaps)).toEqual([
      { zero: 'canonical-face', fromMs: 0, toMs: 1100, frames: 11 },
      { zero: 'face-geometry', fromMs: 1200, toMs: 2900, frames: 17 },
    ]);
    expect(zeroSegments(gaps, 'rotationDeg')).toEqual([{ zero: 'canonical-face', fromMs: 0, toMs: 2900, frames: 28 }]);
    expect(zeroSegments([])).toEqual([]);
  });
});
