// ref: Merletti & Di Torino 1999 (reference contractions), Robinson et al. 1987 (symmetry index).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asymmetryPct, electrodeStatus, maxEffortReference, percentOfMaxEffort, ratioToRest, restingBaseline } from './reference.ts';
import { EMG_TARGET_LEVELS, EmgSummaryAccumulator, emgTargetUv, nextCue } from './training.ts';

const rep = (v: number, n: number): number[] => Array.from({ length: n }, () => v);

describe('resting baseline and maximum effort', () => {
  it('rest = median (a swallow does not move it); max = 95th percentile, must exceed twice the rest', () => {
    const rest = [...rep(5, 380), ...rep(80, 20)];
    const r = restingBaseline(rest);
    expect(r).toEqual({ ok: true, valueUv: 5, spreadUv: 0 });
    const m = maxEffortReference([...rep(100, 300), ...rep(200, 100)], 5);
    expect(m.ok && m.valueUv).toBe(200);
    expect(maxEffortReference(rep(8, 300), 5)).toEqual({ ok: false, problem: 'not-above-rest' });
  });
  it('too short, flat: refused with a closed reason', () => {
    expect(restingBaseline(rep(5, 10))).toEqual({ ok: false, problem: 'too-short' });
    expect(restingBaseline(rep(0, 400))).toEqual({ ok: false, problem: 'flat' });
    expect(maxEffortReference(rep(0.01, 400), 0)).toEqual({ ok: false, problem: 'flat' });
  });
  it('ratio and % of maximum effort; null when not measurable', () => {
    expect(ratioToRest(10, 5)).toBe(2);
    expect(ratioToRest(10, 0)).toBeNull();
    expect(percentOfMaxEffort(55, 5, 105)).toBe(50);
    expect(percentOfMaxEffort(55, 5, 5)).toBeNull();
  });
});

describe('asymmetryPct', () => {
  it('sign in clinical words: positive = the left side more active; swapping sides flips the sign (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (l, r) => {
        const a = asymmetryPct(l, r);
        const b = asymmetryPct(r, l);
        if (l + r === 0) {
          expect(a).toBeNull();
          return;
        }
        expect(a!).toBeGreaterThanOrEqual(-100);
        expect(a!).toBeLessThanOrEqual(100);
        expect(a! + b!).toBeCloseTo(0, 9);
        if (l > r) expect(a!).toBeGreaterThan(0);
      }),
    );
    expect(asymmetryPct(30, 10)).toBe(50);
    expect(asymmetryPct(10, 10)).toBe(0);
    expect(asymmetryPct(0, 0)).toBeNull();
    expect(asymmetryPct(Number.NaN, 1)).toBeNull();
  });
});

describe('electrodeStatus', () => {
  it('railed at full scale, flat without signal, ok with EMG; unknown on too few samples', () => {
    expect(electrodeStatus(rep(15686, 200), 15686)).toBe('railed');
    expect(electrodeStatus([...rep(-15686, 30), ...rep(3, 170)], 15686)).toBe('railed');
    expect(electrodeStatus(rep(1200, 200), 15686)).toBe('flat');
    expect(electrodeStatus(Array.from({ length: 200 }, (_, i) => 1200 + 5 * Math.sin(i)), 15686)).toBe('ok');
    expect(electrodeStatus([1, 2, 3], 15686)).toBe('unknown');
  });
});

describe('graded targets and cues', () => {
  it('targets get stricter with the level', () => {
    const t = EMG_TARGET_LEVELS.map((l) => emgTargetUv(10, l.level));
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeLessThan(t[i - 1]!);
  });
  it('cue switches on above the target and off only below 90 % of it', () => {
    let s = nextCue(false, 9, 10);
    expect(s).toEqual({ active: false, onset: false });
    s = nextCue(s.active, 11, 10);
    expect(s).toEqual({ active: true, onset: true });
    s = nextCue(s.active, 9.5, 10);
    expect(s).toEqual({ active: true, onset: false });
    s = nextCue(s.active, 8.9, 10);
    expect(s.active).toBe(false);
  });
  it('summary: time below target, cue count, loss and electrode-off shares', () => {
    const acc = new EmgSummaryAccumulator(5, 100, 10);
    for (let i = 0; i < 80; i++) acc.add(5, false, false);
    acc.add(20, true, false);
    for (let i = 0; i < 9; i++) acc.add(20, false, false);
    for (let i = 0; i < 10; i++) acc.add(0, false, true);
    acc.addLoss(25);
    const s = acc.summary();
    expect(s.samples).toBe(100);
    expect(s.timeBelowTargetPct).toBeCloseTo((80 / 90) * 100, 9);
    expect(s.cueCount).toBe(1);
    expect(s.lostPct).toBeCloseTo(20, 9);
    expect(s.electrodeOffPct).toBe(10);
    expect(s.medianEnvelopeUv).toBe(5);
  });
});
