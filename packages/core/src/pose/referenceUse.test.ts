import { describe, expect, it } from 'vitest';
import type { FrameMeasure } from '../measures/types.ts';
import { scoreSession } from '../scoring/items.ts';
import { neutralTime } from '../signal/neutral.ts';
import type { AxisReference, FrameReference } from './reference.ts';

const ref = (uncertain: boolean): AxisReference => ({ frame: 'camera', zero: 'canonical-face', uncertaintyDeg: uncertain ? 16 : 3, uncertain, notes: uncertain ? ['camera-pitch-unknown'] : [] });

function frames(n: number, flexUncertain: boolean): FrameMeasure[] {
  const reference: FrameReference = { rotationDeg: ref(false), tiltDeg: ref(false), flexionDeg: ref(flexUncertain) };
  return Array.from({ length: n }, (_, i) => ({
    frameIndex: i, timestampMs: i * 100, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh',
    rotationDeg: 2, tiltDeg: 1, flexionDeg: -25, lateralShiftCm: 0, shoulderElevationDeg: 0, reference,
  }));
}

describe('an uncertain zero is not scored and not timed', () => {
  it('antero/retrocollis is not assessable when most frames have no reliable flexion zero', () => {
    const item = scoreSession({ frames: frames(100, true), neutralKind: 'anatomical' }).items.find((i) => i.item === 'anteroRetrocollis')!;
    expect(item.assessable).toBe(false);
    expect(item.reason).toBe('zero-uncertain');
    const sure = scoreSession({ frames: frames(100, false), neutralKind: 'anatomical' }).items.find((i) => i.item === 'anteroRetrocollis')!;
    expect(sure.assessable).toBe(true);
  });

  it('time within 10° of neutral is judged on the axes with a reliable zero', () => {
    const t = neutralTime(frames(100, true));
    expect(t.combined.percentWithin).toBe(100);
    expect(t.perAxis.flexionDeg.measuredS).toBe(0);
    expect(neutralTime(frames(100, false)).combined.percentWithin).toBe(0);
  });
});
