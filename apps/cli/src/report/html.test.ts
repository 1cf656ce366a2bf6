// The HTML report's posture table as a person reads it (session 10): a side of neutral never reached is "not reached",
// not a negative range of motion, and an axis without values says "not measured" without a stray degree sign.
import { describe, expect, it } from 'vitest';
import { anatomicalNeutral, summarizeSession, type FrameMeasure } from '@geste/core';
import type { RecordingAnalysis } from '../analyze.ts';
import { renderHtmlReport } from './html.ts';

const neutral = { neutral: anatomicalNeutral(), requested: 'anatomical', fellBackToAnatomical: false, calibration: null } as const;

/** 8 s turned 5–10° to the left only (never right of neutral), tilt level, no flexion value. */
function frames(): FrameMeasure[] {
  return Array.from({ length: 200 }, (_, i) => ({
    frameIndex: i, timestampMs: i * 40, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh',
    rotationDeg: -5 - 5 * Math.sin((i / 200) * Math.PI), tiltDeg: 0.5, flexionDeg: null, lateralShiftCm: null, shoulderElevationDeg: null,
  }));
}

describe('the HTML report posture table', () => {
  const fs = frames();
  const summary = summarizeSession(fs, neutral);
  const analysis = { source: { kind: 'landmarks', imageWidthPx: 640, imageHeightPx: 480 }, frames: fs, summary } as unknown as RecordingAnalysis;
  const html = renderHtmlReport(analysis, 'test');
  const row = html.match(/<tr><th scope="row">Rotation[^]*?<\/tr>/)![0];
  it('says "not reached" for a side of neutral the head never went to', () => {
    expect(summary.rangeOfMotion.rotationDeg.positiveDeg!).toBeLessThan(0);
    expect(row).toContain('<span class="nm">not reached</span> / 10.0°');
  });
  it('never prints a degree sign after "not measured"', () => {
    expect(html).toContain('<span class="nm">not measured</span>');
    expect(html).not.toMatch(/not measured<\/span>°/);
  });
});
