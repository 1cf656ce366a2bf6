/** The app's reading of core's per-axis reference, on references core itself builds (frameReference). */
import { describe, expect, it } from 'vitest';
import { FaceZeroTracker, frameReference } from '@geste/core';
import type { CameraContext, FrameMeasure, TrunkEstimate } from '@geste/core';
import { ReferenceTally, cameraContext, fromCoreReference, referenceFromMeasures, referenceOf } from './reference.ts';

const TRUNK_OK: TrunkEstimate = { state: 'ok', yawDeg: 4, rollDeg: null, shoulderLineDeg: 0, notes: [] };
const TRUNK_GONE: TrunkEstimate = { state: 'not-visible', yawDeg: null, rollDeg: null, shoulderLineDeg: null, notes: ['trunk-not-visible'] };
const ALL = { rotation: true, tilt: true, flexion: true };
const canonicalZero = new FaceZeroTracker().current();

function measure(trunk: TrunkEstimate, camera: CameraContext, t = 0): FrameMeasure {
  return {
    frameIndex: t, timestampMs: t * 33, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh',
    rotationDeg: 30, tiltDeg: 0, flexionDeg: 4, lateralShiftCm: null, shoulderElevationDeg: null,
    reference: frameReference(trunk, canonicalZero, camera, ALL),
  };
}

describe('the app reading core references', () => {
  it('trunk and a sensor pitch: turn against the trunk, chin up/down against the vertical', () => {
    const r = referenceOf(measure(TRUNK_OK, cameraContext({ kind: 'sensor', pitchDeg: 8 })));
    expect(r.turnTilt).toBe('trunk');
    expect(r.tilt).toBe('camera'); // the trunk's lean needs the hips
    expect(['gravity', 'uncertain']).toContain(r.flexion);
    expect(r.flexionUncertaintyDeg).toBeGreaterThan(0);
  });

  it('no trunk and no pitch: against the camera, chin up/down uncertain, with core\'s notes', () => {
    const r = referenceOf(measure(TRUNK_GONE, cameraContext({ kind: 'unknown' })));
    expect(r).toMatchObject({ turnTilt: 'camera', tilt: 'camera', flexion: 'uncertain' });
    expect(r.notes).toContain('trunk-not-visible');
    expect(r.notes).toContain('camera-pitch-unknown');
  });

  it('a camera set level at eye height gives core a pitch of 0 with a wider ± than a sensor', () => {
    const level = cameraContext({ kind: 'level-at-eye-height' });
    const sensor = cameraContext({ kind: 'sensor', pitchDeg: 0 });
    expect(level.pitchDeg).toBe(0);
    expect(level.pitchUncertaintyDeg!).toBeGreaterThan(sensor.pitchUncertaintyDeg!);
    const a = fromCoreReference(frameReference(TRUNK_GONE, canonicalZero, level, ALL));
    const b = fromCoreReference(frameReference(TRUNK_GONE, canonicalZero, cameraContext({ kind: 'unknown' }), ALL));
    expect(a.flexionUncertaintyDeg!).toBeLessThan(b.flexionUncertaintyDeg!);
  });

  it('not measurable frames have no reference and add nothing to a session tally', () => {
    const nm: FrameMeasure = { ...measure(TRUNK_OK, { pitchDeg: null }), state: 'not-measurable', rotationDeg: null, tiltDeg: null, flexionDeg: null };
    expect(referenceOf(nm).turnTilt).toBe('none');
    const t = new ReferenceTally();
    t.push(nm);
    expect(t.measures()['referenceTrunkPct']).toBeNull();
    expect(t.dominant()).toBeNull();
  });

  it('a session tally stores the shares and reads back as the reference most frames used', () => {
    const t = new ReferenceTally();
    for (let i = 0; i < 3; i++) t.push(measure(TRUNK_OK, { pitchDeg: null }, i));
    t.push(measure(TRUNK_GONE, { pitchDeg: null }, 3));
    const m = t.measures();
    expect(m['referenceTrunkPct']).toBe(75);
    expect(m['flexionReferenceUncertainPct']).toBe(100);
    const back = referenceFromMeasures(m)!;
    expect(back).toMatchObject({ turnTilt: 'trunk', flexion: 'uncertain' });
    expect(referenceFromMeasures({ timeInZonePct: 50 })).toBeNull(); // an older session: no reference stored
  });
});
