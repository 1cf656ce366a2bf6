import { describe, expect, it } from 'vitest';
import { importCsvText, guessMapping } from './csv-import.ts';
import { groupSummaries, groupSummariesCsv, groupSummariesSvg, meanCi95, studentTQuantile } from './research.ts';
import { makeTrialRows, trialLongCsv, TRIAL_ARMS, TRIAL_WEEKS } from './trial-sample.ts';

const ROWS = makeTrialRows({ seed: 14, patients: 109 });
/** Agreement with the independent computation: both are double sums of the same integers. */
const MEAN_TOL_POINTS = 1e-9;

function imported() {
  const r = importCsvText(trialLongCsv(ROWS), (t) => ({
    ...guessMapping(t, 'twstrs-total'),
    treatment: { productCode: 'rimabotulinumtoxinB', product: '', doseColumn: 'dose_U', placeboGroups: ['placebo'], blinded: true },
  }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.subjects;
}

describe('Student t and the 95 % interval', () => {
  it('t quantiles match published table values', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
  });
  it('interval of a small sample by hand', () => {
    // 2, 4, 6: mean 4, sd 2, half-width t(0.975, 2) = 4.3027 × 2 / √3 = 4.9683
    const c = meanCi95([2, 4, 6]);
    expect(c.mean).toBe(4);
    expect(c.sd).toBeCloseTo(2, 12);
    expect(c.high! - 4).toBeCloseTo(4.9683, 3);
    expect(meanCi95([5])).toMatchObject({ n: 1, mean: 5, low: null });
  });
});

describe('group summaries of the imported trial-like cohort', () => {
  const rows = groupSummaries(imported(), { scale: 'twstrs-total', raterRole: 'clinician' });
  it('per-arm means and changes match ones computed independently from the generator rows', () => {
    expect(rows).toHaveLength(TRIAL_ARMS.length * TRIAL_WEEKS.length);
    for (const { arm } of TRIAL_ARMS)
      for (const week of TRIAL_WEEKS) {
        const vals = ROWS.filter((r) => r.arm === arm && r.week === week && r.twstrsTotal !== null).map((r) => r.twstrsTotal!);
        const changes = ROWS.filter((r) => r.arm === arm && r.week === week && r.twstrsTotal !== null).flatMap((r) => {
          const b = ROWS.find((x) => x.subject === r.subject && x.week === 0)!.twstrsTotal;
          return b === null ? [] : [r.twstrsTotal! - b];
        });
        const mine = rows.find((x) => x.group === arm && x.visit === `week ${week}`)!;
        expect(mine.weeks).toBe(week);
        expect(mine.n).toBe(vals.length);
        expect(Math.abs(mine.mean! - vals.reduce((s, v) => s + v, 0) / vals.length)).toBeLessThan(MEAN_TOL_POINTS);
        expect(mine.nChange).toBe(changes.length);
        expect(Math.abs(mine.meanChange! - changes.reduce((s, v) => s + v, 0) / changes.length)).toBeLessThan(MEAN_TOL_POINTS);
        expect(mine.ciLow!).toBeLessThan(mine.mean!);
      }
  });
  it('shows the dip: both active arms improve by week 4 with an interval below zero; placebo does not', () => {
    const at = (g: string, w: number) => rows.find((x) => x.group === g && x.visit === `week ${w}`)!;
    expect(at('10000 U', 4).changeCiHigh!).toBeLessThan(0);
    expect(at('5000 U', 4).changeCiHigh!).toBeLessThan(0);
    expect(at('placebo', 4).changeCiHigh!).toBeGreaterThan(at('10000 U', 4).changeCiHigh!);
    expect(at('placebo', 0)).toMatchObject({ meanChange: 0 });
  });
  it('never pools patient- and clinician-rated scores', () => {
    expect(groupSummaries(imported(), { scale: 'twstrs-total', raterRole: 'patient' })).toEqual([]);
  });
  it('CSV has a row per group and visit; SVG has a title, a legend entry per arm, and no NaN', () => {
    const csv = groupSummariesCsv(rows, 'twstrs-total');
    expect(csv.split('\r\n')[0]).toBe('scale,group,visit,weeks,n,mean,sd,ci95_low,ci95_high,n_change,mean_change_from_baseline,sd_change,change_ci95_low,change_ci95_high');
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 18);
    const svg = groupSummariesSvg(rows, 'twstrs-total');
    expect(svg).toMatch(/<title id="t">TWSTRS total: mean change from baseline by group \(95 % CI\)<\/title>/);
    for (const { arm } of TRIAL_ARMS) expect(svg).toContain(`>${arm}</text>`);
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});
