import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AXES } from '@geste/core';
import { SCRIPTS, REST_MS, scriptsInSet, jerkOffset, keyframes, tremorOffset, mulberry32 } from './motion.ts';
import { truthRows, truthCsv, parseTruthCsv, summarize, frameCount } from '../truth.ts';

const TOL_CSV_DEG = 0.0005 + 1e-9; // the CSV keeps 3 decimals

describe('motion scripts', () => {
  it('every script starts with ≥ 2 s exactly at rest (for calibration), except those that start in their posture', () => {
    for (const s of SCRIPTS.filter((x) => !x.name.includes('start-') && x.events.holds[0]?.kind !== 'posture')) {
      for (let t = 0; t <= REST_MS; t += 10) {
        const p = s.poseAt(t);
        for (const a of AXES) expect(Math.abs(p[a]), `${s.name} ${a} at ${t} ms`).toBeLessThan(1e-9);
        expect(p.handPhase).toBe(0);
      }
    }
  });

  it('the start-in-posture clip holds 30° right from its first frame', () => {
    const s = SCRIPTS.find((x) => x.name === 'small-start-torticollis-right-30')!;
    for (let t = 0; t < s.durationMs; t += 100) expect(Math.abs(s.poseAt(t).rotationDeg - 30)).toBeLessThan(2.5);
  });

  it('small-set clips are ≤ 6 s (tremor: 12 s, for an 8 s spectrum window) and the full set contains the small set', () => {
    const small = scriptsInSet('small');
    expect(small.length).toBeGreaterThanOrEqual(4);
    for (const s of small) expect(s.durationMs).toBeLessThanOrEqual(s.events.tremors.length ? 12000 : 6000);
    const full = new Set(scriptsInSet('full').map((s) => s.name));
    for (const s of small) expect(full.has(s.name)).toBe(true);
    expect(new Set(SCRIPTS.map((s) => s.name)).size).toBe(SCRIPTS.length);
  });

  it('covers every movement the issue lists', () => {
    const all = SCRIPTS;
    expect(all.some((s) => s.events.jerks.length >= 10)).toBe(true);
    for (const a of AXES) expect(all.some((s) => s.events.tremors.some((t) => t.axis === a)), `tremor on ${a}`).toBe(true);
    const freqs = all.flatMap((s) => s.events.tremors.map((t) => t.frequencyHz));
    expect(Math.min(...freqs)).toBeLessThanOrEqual(2);
    expect(Math.max(...freqs)).toBeGreaterThanOrEqual(6);
    expect(all.some((s) => s.events.holds.some((h) => h.kind === 'hold-neutral' && h.endMs - h.startMs >= 60000))).toBe(true);
    expect(all.some((s) => s.events.tricks.length > 0)).toBe(true);
    const maxAbs = (a: (typeof AXES)[number]) => Math.max(...all.flatMap((s) => truthRows(s, 10).map((r) => Math.abs(r[a]))));
    expect(maxAbs('rotationDeg')).toBeGreaterThanOrEqual(79);
    expect(maxAbs('tiltDeg')).toBeGreaterThanOrEqual(39);
    expect(maxAbs('flexionDeg')).toBeGreaterThanOrEqual(39);
  });

  it('jerks are brief 10–20° deviations lasting 150–300 ms', () => {
    for (const s of SCRIPTS) for (const j of s.events.jerks) {
      expect(Math.abs(j.peakDeg)).toBeGreaterThanOrEqual(10);
      expect(Math.abs(j.peakDeg)).toBeLessThanOrEqual(20);
      expect(j.endMs - j.startMs).toBeGreaterThanOrEqual(150);
      expect(j.endMs - j.startMs).toBeLessThanOrEqual(300);
      expect(jerkOffset(j, j.peakMs)).toBeCloseTo(j.peakDeg, 9);
    }
  });

  it('tremor amplitude stays within its nominal bounds and is 0 outside its interval', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 8, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 20000, noNaN: true }), (f, a, e, t) => {
      const tr = { axis: 'rotationDeg' as const, startMs: 2000, endMs: 12000, frequencyHz: f, amplitudeDeg: a, irregularity: e };
      const v = tremorOffset(tr, t);
      if (t <= 2000 || t >= 12000) return v === 0;
      return Math.abs(v) <= a * (1 + e) + 1e-9;
    }));
  });

  it('keyframes pass through their points and stay within their range', () => {
    const k = keyframes([[0, 0], [1000, 30], [2000, -10]]);
    expect(k(1000)).toBe(30);
    expect(k(2000)).toBe(-10);
    expect(k(5000)).toBe(-10);
    for (let t = 0; t <= 2000; t += 7) { expect(k(t)).toBeLessThanOrEqual(30); expect(k(t)).toBeGreaterThanOrEqual(-10); }
  });

  it('the PRNG is deterministic per seed', () => {
    const a = mulberry32(42), b = mulberry32(42);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });
});

describe('ground truth', () => {
  it('truth CSV round-trips and agrees with the script functions frame by frame', () => {
    for (const s of scriptsInSet('small')) {
      const rows = parseTruthCsv(truthCsv(truthRows(s, 30)));
      expect(rows.length).toBe(frameCount(s, 30));
      for (const r of rows) {
        expect(r.timestampMs).toBeCloseTo((r.frameIndex * 1000) / 30, 2);
        const p = s.poseAt((r.frameIndex * 1000) / 30);
        for (const a of AXES) expect(Math.abs(r[a] - p[a])).toBeLessThanOrEqual(TOL_CSV_DEG);
      }
    }
  });

  it('the 60 s hold has a known time within 10° of neutral, less than 60 s because of two excursions', () => {
    const s = SCRIPTS.find((x) => x.name === 'hold-neutral-60s')!;
    const sum = summarize(s, truthRows(s, 30), 30);
    const h = sum.holdNeutral[0]!;
    expect(h.secondsWithin10DegMaxAxis).toBeGreaterThan(45);
    expect(h.secondsWithin10DegMaxAxis).toBeLessThan(58);
    expect(h.secondsWithin10DegGeodesic).toBeLessThanOrEqual(h.secondsWithin10DegMaxAxis + 1e-9);
  });

  it('a pure tremor has RMS ≈ amplitude/√2', () => {
    const s = SCRIPTS.find((x) => x.name === 'small-tremor-yaw-2hz')!;
    const tr = summarize(s, truthRows(s, 30), 30).tremorMeasured[0]!;
    expect(tr.rmsDeg).toBeGreaterThan(3 / Math.SQRT2 * 0.85);
    expect(tr.rmsDeg).toBeLessThan(3 / Math.SQRT2 * 1.1);
  });
});
