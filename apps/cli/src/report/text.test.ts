import { describe, expect, it } from 'vitest';
import { directed } from './text.ts';

describe('terminal report words', () => {
  it('gives every angle its direction in words, by the clinical signs (+ = toward the right, right ear down, chin down)', () => {
    expect(directed('rotationDeg', 28.44)).toBe('28.4° chin turned to the right');
    expect(directed('rotationDeg', -33)).toBe('33.0° chin turned to the left');
    expect(directed('tiltDeg', 12)).toBe('12.0° right ear toward the right shoulder');
    expect(directed('flexionDeg', -15)).toBe('15.0° chin up');
    expect(directed('flexionDeg', 0.01)).toBe('0.0°');
    expect(directed('tiltDeg', null)).toBe('not measured');
    expect(directed('tiltDeg', Number.NaN)).toBe('not measured');
  });
});

// Talking read as tremor (issue 13, session 8): the recorded talking face of core's tremorTalking.test.ts, summarised as
// `geste analyze` summarises a recording; the text report says why the 4.8 Hz rhythm is not a tremor.
import { anatomicalNeutral, summarizeSession, type FrameMeasure, type RangeDirection } from '@geste/core';
import { describeSummary } from './text.ts';
import { TALKING_FLEXION_DEG, TALKING_JAW_OPENING, TALKING_MOUTH_OPENING, TALKING_ROTATION_DEG, TALKING_TILT_DEG, TALKING_TIMESTAMPS_MS } from '../../../../packages/core/src/signal/talking.fixture.ts';

describe('the text report on a talking face', () => {
  const frames: FrameMeasure[] = TALKING_TIMESTAMPS_MS.map((timestampMs, i) => {
    const [r, t, f] = [TALKING_ROTATION_DEG[i] ?? null, TALKING_TILT_DEG[i] ?? null, TALKING_FLEXION_DEG[i] ?? null];
    const ok = r !== null && t !== null && f !== null;
    return { frameIndex: i, timestampMs, state: ok ? 'measured' : 'not-measurable', reasons: ok ? [] : ['no-face'], confidence: ok ? 0.9 : 0, method: 'face-mesh', rotationDeg: r, tiltDeg: t, flexionDeg: f, lateralShiftCm: null, shoulderElevationDeg: null };
  });
  const neutral = { neutral: anatomicalNeutral(), requested: 'anatomical', fellBackToAnatomical: false, calibration: null } as const;
  it('reports no tremor and names the mouth as the 4.8 Hz rhythm', () => {
    const mouth = { timestampsMs: [...TALKING_TIMESTAMPS_MS], values: [...TALKING_MOUTH_OPENING], jaw: [...TALKING_JAW_OPENING] };
    const text = describeSummary(summarizeSession(frames, neutral, [], [], mouth));
    expect(text).toMatch(/Head tremor: none found \(a 4\.8 Hz rhythm in flexion[^)]*\)? matches the mouth's movement \(talking\)\)\./);
  });
  it('without the mouth the same angles read as a tremor (the false finding)', () => {
    expect(describeSummary(summarizeSession(frames, neutral))).toMatch(/Head tremor: 4\.8 Hz, 0\.\d° RMS\./);
  });
});

// A chin held up on an uncertain zero is not counted in the time in neutral (real talker, session 10): the words must not
// read as if all three angles were within 10°.
describe('the time-in-neutral line names the angles it counted', () => {
  const neutral = { neutral: anatomicalNeutral(), requested: 'anatomical', fellBackToAnatomical: false, calibration: null } as const;
  // What `geste analyze` gave on a real talker: chin up 14° on an average face's zero, uncertain (±17°), turn and tilt sure.
  const sure = { frame: 'camera', zero: 'canonical-face', uncertaintyDeg: 3, uncertain: false, notes: [] } as const;
  const reference = { rotationDeg: sure, tiltDeg: sure, flexionDeg: { ...sure, uncertaintyDeg: 17, uncertain: true } } as const;
  const frame = (i: number, flexionDeg: number, uncertainChin = false): FrameMeasure => ({ frameIndex: i, timestampMs: i * 40, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: 2, tiltDeg: -1, flexionDeg, lateralShiftCm: null, shoulderElevationDeg: null, ...(uncertainChin ? { reference } : {}) });
  it('says which angle was left out when its zero was uncertain on every frame', () => {
    const text = describeSummary(summarizeSession(Array.from({ length: 100 }, (_, i) => frame(i, -14, true)), neutral));
    expect(text).toMatch(/Within 10° of neutral: 100 % of the time \(turn and tilt only: chin up\/down could not be counted\); jerks: 0\./);
  });
  it('says nothing extra when all three were measured', () => {
    const text = describeSummary(summarizeSession(Array.from({ length: 100 }, (_, i) => frame(i, 3)), neutral));
    expect(text).toMatch(/Within 10° of neutral: 100 % of the time; jerks: 0\./);
  });
});

// A chin held down past the mesh's range (session 11, glare helper's edge-tilt-flexion-40 run): core's flexion guards mark
// those frames low confidence with flexion not given, reason `beyond-tracker-range`. The text report gave neither the
// lower-confidence share nor the reason, and the reason's words said "head turned" for a chin-down.
import { withoutFlexion, doubted } from '../../../../packages/core/src/pose/doubt.ts';
import { renderHtmlReport } from './html.ts';
import type { RecordingAnalysis } from '../analyze.ts';

describe('lower-confidence frames and their reasons', () => {
  const neutral = { neutral: anatomicalNeutral(), requested: 'anatomical', fellBackToAnatomical: false, calibration: null } as const;
  // 4 s: 70 frames measured bending down to 35°, 20 held at 40° (beyond the mesh's range: flexion dropped by core's
  // guard, on the chin-down side), 10 doubted for a fast chin movement.
  const fs: FrameMeasure[] = Array.from({ length: 100 }, (_, i) => {
    const f: FrameMeasure = { frameIndex: i, timestampMs: i * 40, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: 1, tiltDeg: -1, flexionDeg: Math.min(40, i * 0.5), lateralShiftCm: null, shoulderElevationDeg: null };
    return i >= 90 ? doubted(f, 'fast-bend') : i >= 70 ? withoutFlexion(f, 'chin-down') : f;
  });
  const summary = summarizeSession(fs, neutral);
  const text = describeSummary(summary);
  it('the text summary gives the lower-confidence share and each reason with counts and %', () => {
    expect(text).toContain('Measured 100 of 100 frames (100 %), 30 of them (30.0 %) with lower confidence over 4.0 s');
    expect(text).toContain('  Reasons noted:\n    chin down further than the face tracker sees reliably: 20 frames (20.0 %)');
    expect(text).toContain('  Why confidence was lower:\n    a fast chin movement (up or down) that the face tracker may lag behind or overshoot: 10 frames (10.0 %)');
  });
  it('says which movement went beyond the range, per movement, and no codes', () => {
    // 10 frames turned beyond, 5 of them also tilted beyond, 4 chin up beyond (flexion dropped), 6 low confidence on a turn
    // combined with a tilt: the per-movement shares and the doubt, most frequent first.
    const base = fs[0]!;
    const beyond = (i: number, axes: RangeDirection[]): FrameMeasure => ({ ...base, frameIndex: i, timestampMs: i * 40, state: 'not-measurable', reasons: ['beyond-tracker-range'], confidence: 0, method: 'none', rotationDeg: null, tiltDeg: null, flexionDeg: null, beyondRangeAxes: axes });
    const frames: FrameMeasure[] = Array.from({ length: 50 }, (_, i) => {
      const f = { ...base, frameIndex: i, timestampMs: i * 40 };
      if (i < 5) return beyond(i, ['turn', 'tilt']);
      if (i < 10) return beyond(i, ['turn']);
      if (i < 14) return withoutFlexion(f, 'chin-up');
      if (i < 20) return doubted(f, 'turn-with-tilt-or-bend');
      return f;
    });
    const s = summarizeSession(frames, neutral);
    expect(s.beyondRangeByAxis).toEqual({ turn: 10, tilt: 5, 'chin-up': 4 });
    expect(s.doubtReasons).toEqual({ 'turn-with-tilt-or-bend': 6 });
    const t = describeSummary(s);
    expect(t).toContain([
      '  Reasons noted:',
      '    head turned further than the face tracker sees reliably: 10 frames (20.0 %)',
      '    head tilted (ear toward the shoulder) further than the face tracker sees reliably: 5 frames (10.0 %)',
      '    chin up further than the face tracker sees reliably: 4 frames (8.0 %)',
      '  Why confidence was lower:',
      '    head turned and at the same time tilted or bent (the tracker reads tilt and chin up or down less surely then): 6 frames (12.0 %)',
    ].join('\n'));
    const html = renderHtmlReport({ source: { kind: 'landmarks', imageWidthPx: 640, imageHeightPx: 480 }, frames, summary: s } as unknown as RecordingAnalysis, 'test');
    expect(html).toContain('<li>chin up further than the face tracker sees reliably: 4 frames (8.0 %)</li>');
    expect(html).toContain('<p>Why confidence was lower:</p><ul><li>head turned and at the same time tilted or bent');
    for (const out of [t, html]) for (const code of ['beyond-tracker-range', 'turn-with-tilt-or-bend', 'chin-up:']) expect(out).not.toContain(code);
    // A summary from before session 12 (no movements) keeps the words for any movement.
    const { beyondRangeByAxis: _a, doubtReasons: _d, ...old } = s;
    expect(describeSummary(old)).toContain('    head turned, tilted or bent (chin up or down) further than the face tracker sees reliably: 14 frames (28.0 %)');
  });
  it('neither report calls a chin-down beyond range a turn', () => {
    const html = renderHtmlReport({ source: { kind: 'landmarks', imageWidthPx: 640, imageHeightPx: 480 }, frames: fs, summary } as unknown as RecordingAnalysis, 'test');
    expect(html).toContain('of which 30 with lower confidence');
    expect(html).toContain('<li>chin down further than the face tracker sees reliably: 20 frames (20.0 %)</li>');
    for (const out of [text, html]) expect(out).not.toContain('head turned further');
  });
});
