import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compareAngles, compareJerks, compareTimeInNeutral, compareTremor, coreRangeAccuracy, percentile, tremorOverInterval, truthTremorBand, wideRotationAccuracy,
  type MeasuredRow,
} from './accuracy.ts';
import { findScript, mulberry32 } from './scripts/motion.ts';
import { truthRows, type TruthRow } from './truth.ts';

const TOL_DEG = 1e-9;

function noisy(truth: readonly TruthRow[], seed: number, sdDeg: number): MeasuredRow[] {
  const r = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return truth.map((t) => ({
    frameIndex: t.frameIndex, state: 'measured',
    rotationDeg: t.rotationDeg + sdDeg * gauss(), tiltDeg: t.tiltDeg + sdDeg * gauss(), flexionDeg: t.flexionDeg + sdDeg * gauss(),
  }));
}

describe('angle accuracy', () => {
  const truth = truthRows(findScript('small-rotation-left-60')!, 30);

  it('perfect measurement has zero error in every band and nothing not measurable', () => {
    const acc = compareAngles(truth, truth.map((t) => ({ ...t, state: 'measured' as const })));
    for (const a of acc) {
      expect(a.all.maeDeg).toBeLessThan(TOL_DEG);
      expect(a.all.shareNotMeasurable).toBe(0);
    }
    const rot = acc.find((a) => a.axis === 'rotationDeg')!;
    expect(rot.bands.map((b) => b.stats.frames).reduce((x, y) => x + y, 0)).toBe(truth.length);
    expect(rot.bands[3]!.stats.frames).toBeGreaterThan(0); // the 45–60° band is exercised
  });

  it('Gaussian noise of SD σ gives MAE ≈ σ·√(2/π) and P95 ≈ 1.96σ', () => {
    const long = truthRows(findScript('hold-neutral-60s')!, 30);
    const acc = compareAngles(long, noisy(long, 7, 2));
    const rot = acc.find((a) => a.axis === 'rotationDeg')!.all;
    expect(rot.maeDeg!).toBeCloseTo(2 * Math.sqrt(2 / Math.PI), 0);
    expect(rot.p95Deg!).toBeGreaterThan(3.6);
    expect(rot.p95Deg!).toBeLessThan(4.3);
  });

  it('counts not-measurable frames and gross errors separately', () => {
    const measured: MeasuredRow[] = truth.map((t, i) => i % 4 === 0
      ? { frameIndex: t.frameIndex, state: 'not-measurable', rotationDeg: null, tiltDeg: null, flexionDeg: null }
      : { frameIndex: t.frameIndex, state: 'measured', rotationDeg: t.rotationDeg + (i % 4 === 1 ? 12 : 0), tiltDeg: t.tiltDeg, flexionDeg: t.flexionDeg });
    const rot = compareAngles(truth, measured).find((a) => a.axis === 'rotationDeg')!.all;
    expect(rot.shareNotMeasurable).toBeCloseTo(0.25, 2);
    expect(rot.claimedButOffBy10).toBe(truth.filter((_, i) => i % 4 === 1).length);
  });

  it('missing measured rows count as not measurable', () => {
    const rot = compareAngles(truth, []).find((a) => a.axis === 'rotationDeg')!.all;
    expect(rot.shareNotMeasurable).toBe(1);
    expect(rot.maeDeg).toBeNull();
  });

  it('core-range target passes with 1° noise and fails with a 4° bias', () => {
    expect(coreRangeAccuracy(truth, noisy(truth, 3, 1)).perAxis.every((a) => a.pass)).toBe(true);
    const biased = truth.map((t) => ({ ...t, state: 'measured' as const, tiltDeg: t.tiltDeg + 4 }));
    const res = coreRangeAccuracy(truth, biased).perAxis;
    expect(res.find((a) => a.axis === 'tiltDeg')!.pass).toBe(false);
    expect(res.find((a) => a.axis === 'rotationDeg')!.pass).toBe(true);
  });

  it('wide rotation: not measurable is fine, off by > 10° while claimed fails', () => {
    const nm = truth.map((t) => Math.abs(t.rotationDeg) > 45
      ? { frameIndex: t.frameIndex, state: 'not-measurable' as const, rotationDeg: null, tiltDeg: null, flexionDeg: null }
      : { ...t, state: 'measured' as const });
    const ok = wideRotationAccuracy(truth, nm);
    expect(ok.frames).toBeGreaterThan(0);
    expect(ok.pass).toBe(true);
    const wrong = truth.map((t) => ({ ...t, state: 'measured' as const, rotationDeg: t.rotationDeg * 0.8 }));
    const bad = wideRotationAccuracy(truth, wrong);
    expect(bad.claimedButOffBy10).toBeGreaterThan(0);
    expect(bad.pass).toBe(false);
  });

  it('percentile is the nearest-rank value and never outside the data', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([5], 95)).toBe(5);
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), fc.double({ min: 0, max: 100, noNaN: true }), (xs, p) => {
      const v = percentile(xs, p);
      return v >= Math.min(...xs) && v <= Math.max(...xs);
    }));
  });
});

describe('event comparisons', () => {
  it('tremor: frequency within 0.25 Hz and amplitude within 20 %', () => {
    expect(compareTremor({ frequencyHz: 2, amplitudeDeg: 2 }, { frequencyHz: 2.2, amplitudeDeg: 2.3 }).pass).toBe(true);
    expect(compareTremor({ frequencyHz: 2, amplitudeDeg: 2 }, { frequencyHz: 2.3, amplitudeDeg: 2 }).pass).toBe(false);
    expect(compareTremor({ frequencyHz: 2, amplitudeDeg: 2 }, { frequencyHz: 2, amplitudeDeg: 2.5 }).pass).toBe(false);
    // amplitude is not judged below 1°
    expect(compareTremor({ frequencyHz: 7, amplitudeDeg: 0.5 }, { frequencyHz: 7.1, amplitudeDeg: 0.8 }).pass).toBe(true);
    expect(compareTremor({ frequencyHz: 2, amplitudeDeg: 2 }, { frequencyHz: null, amplitudeDeg: null }).pass).toBe(false);
  });

  it('tremor reference: the analyser on the truth of the 2 Hz script reads the scripted amplitude, diluted by the rest', () => {
    const s = findScript('small-tremor-yaw-2hz')!;
    const rows = truthRows(s, 30);
    const ref = truthTremorBand(rows, 'rotationDeg', 2)!;
    expect(Math.abs(ref.peakFreqHz - 2)).toBeLessThan(0.15);
    // 3° peak sine → RMS 2.12° while present; 10 of 12 s carry it, the Welch windows weight the middle
    expect(ref.rmsDeg).toBeGreaterThan(1.8);
    expect(ref.rmsDeg).toBeLessThan(2.2);
    // no tremor on the other axes: the band holds (numerically) nothing
    expect(truthTremorBand(rows, 'tiltDeg', 2)!.rmsDeg).toBeLessThan(0.01);
    // too short for an 8 s Welch segment → no reference
    expect(truthTremorBand(rows.slice(0, 100), 'rotationDeg', 2)).toBeNull();
  });

  it('tremor over its interval: a 1.2 Hz tremor on a 25° posture is found at 1.2 Hz, and a 10 % gain reads 10 % high', () => {
    const s = findScript('tremor-yaw-1.2hz-large-on-posture')!;
    const rows = truthRows(s, 30);
    const tr = s.events.tremors[0]!;
    const gained: MeasuredRow[] = rows.map((t) => ({ frameIndex: t.frameIndex, state: 'measured', rotationDeg: 1.1 * t.rotationDeg, tiltDeg: t.tiltDeg, flexionDeg: t.flexionDeg }));
    const r = tremorOverInterval(rows, gained, tr);
    expect(Math.abs(r.truth!.peakFreqHz - 1.2)).toBeLessThan(0.25);
    expect(Math.abs(r.measured!.peakFreqHz - 1.2)).toBeLessThan(0.25);
    expect(r.measured!.rmsDeg / r.truth!.rmsDeg).toBeCloseTo(1.1, 6);
    // over the whole clip the turn into the posture owns the 0–1.5 Hz band
    expect(truthTremorBand(rows, 'rotationDeg', 1.2)!.peakFreqHz).toBeLessThan(0.5);
    // every frame not measurable → the measured side cannot be analysed
    const none = gained.map((g) => ({ ...g, state: 'not-measurable' as const }));
    expect(tremorOverInterval(rows, none, tr).measured).toBeNull();
  });

  it('jerks: one-to-one matching within the tolerance gives recall and precision', () => {
    const truth = [{ peakMs: 1000 }, { peakMs: 3000 }, { peakMs: 5000 }];
    const det = [{ peakMs: 1100 }, { peakMs: 1150 }, { peakMs: 3050 }, { peakMs: 9000 }];
    const c = compareJerks(truth, det);
    expect(c.matched).toBe(2);
    expect(c.recall).toBeCloseTo(2 / 3);
    expect(c.precision).toBeCloseTo(0.5);
    expect(c.pass).toBe(false);
    expect(compareJerks(truth, truth).pass).toBe(true);
  });

  it('time in neutral within 2 s', () => {
    expect(compareTimeInNeutral(50, 51.5).pass).toBe(true);
    expect(compareTimeInNeutral(50, 47.5).pass).toBe(false);
    expect(compareTimeInNeutral(50, null).pass).toBe(false);
  });
});
