import { describe, expect, it } from 'vitest';
import { formatImportProblem, type ImportProblem } from './import-problems.ts';
import { guessMapping, importCsvText, mixingWarning, parseCsvTable, parseDateCell, type CsvMapping, type CsvTable } from './csv-import.ts';
import { makeDemoRecords } from './sample.ts';
import { makeTrialRows, trialLongCsv, trialWideCsv, TRIAL_WEEKS } from './trial-sample.ts';
import type { BotulinumTreatment, RatedScale } from './schemas.ts';

const ROWS = makeTrialRows({ seed: 14, patients: 109 });
const DAY = 86_400_000;

/** The mapping a clinic would confirm for the generated long table. */
function trialMapping(t: CsvTable, over: Partial<CsvMapping> = {}): CsvMapping {
  return {
    ...guessMapping(t, 'twstrs-total'),
    raterName: 'Trial rater',
    scaleVersion: 'original',
    treatment: { productCode: 'rimabotulinumtoxinB', product: 'rimabotulinumtoxinB (blinded trial)', doseColumn: 'dose_U', placeboGroups: ['placebo'], blinded: true },
    ...over,
  };
}
const errorsOf = (r: ReturnType<typeof importCsvText>): readonly ImportProblem[] => (r.ok ? [] : r.problems);
const lines = (r: ReturnType<typeof importCsvText>) => errorsOf(r).map(formatImportProblem);

describe('CSV import of a trial-like cohort', () => {
  it('long comma file: one record set per person, ratings at the right dates, toxin visit with dose and placebo flag', () => {
    const r = importCsvText(trialLongCsv(ROWS), (t) => trialMapping(t));
    expect(lines(r)).toEqual([]);
    if (!r.ok) return;
    const present = ROWS.filter((x) => x.twstrsTotal !== null);
    expect(r.value.counts).toEqual({ subjects: 109, ratings: present.length, treatments: 109, missingValues: ROWS.length - present.length });
    expect(ROWS.length - present.length).toBeGreaterThan(10); // some visits are missing
    const s7 = r.value.subjects.find((s) => s.key === 'S007')!;
    const src = ROWS.filter((x) => x.subject === 'S007');
    expect(s7.group).toBe(src[0]!.arm);
    expect(s7.site).toBe(src[0]!.site);
    const inj = s7.records.find((x): x is BotulinumTreatment => x.type === 'treatment')!;
    expect(inj.atMs).toBe(Date.parse(`${src[0]!.injectionDate}T12:00:00Z`));
    const ratings = s7.records.filter((x): x is RatedScale => x.type === 'rating');
    for (const row of src.filter((x) => x.twstrsTotal !== null)) {
      const rr = ratings.find((x) => x.visitLabel === `week ${row.week}`)!;
      expect(rr).toMatchObject({ scale: 'twstrs-total', total: row.twstrsTotal, raterRole: 'clinician', raterName: 'Trial rater' });
      expect((rr.atMs - inj.atMs) / DAY).toBe(row.week * 7);
    }
    const placebo = r.value.subjects.find((s) => s.group === 'placebo')!.records.find((x): x is BotulinumTreatment => x.type === 'treatment')!;
    expect(placebo).toMatchObject({ placebo: true, blinded: true, totalUnits: null, productCode: 'rimabotulinumtoxinB' });
    const high = r.value.subjects.find((s) => s.group === '10000 U')!.records.find((x): x is BotulinumTreatment => x.type === 'treatment')!;
    expect(high).toMatchObject({ placebo: false, totalUnits: 10_000 });
    expect(r.warnings).toEqual([]); // 10 000 U rimabotulinumtoxinB is a real dose: no warning
  });
  it('wide semicolon file gives the same records as the long comma file', () => {
    const long = importCsvText(trialLongCsv(ROWS), (t) => trialMapping(t));
    const wide = importCsvText(trialWideCsv(ROWS, ';'), (t) => trialMapping(t));
    expect(lines(wide)).toEqual([]);
    if (!long.ok || !wide.ok) return;
    expect(wide.value.subjects).toEqual(long.value.subjects);
    const t = parseCsvTable(trialWideCsv(ROWS, ';'));
    expect(t.ok && t.value.delimiter).toBe(';');
    expect(t.ok && guessMapping(t.value).visitColumns.map((v) => v.offset)).toEqual([...TRIAL_WEEKS]);
  });
  it('absolute dates (day-first) with a fixed anchor-free layout, decimal commas in a semicolon file', () => {
    const csv = 'patient;date;visit;tsui\nA1;31.01.2024;V1;10,5\nA1;28.02.2024;V2;8\nB2;01.02.2024;V1;NA\n';
    const r = importCsvText(csv, (t) => ({ ...guessMapping(t, 'tsui'), visitColumn: 'visit', valueColumn: 'tsui', dates: { kind: 'absolute', column: 'date', format: 'dmy' } }));
    expect(lines(r)).toEqual([]);
    if (!r.ok) return;
    const a = r.value.subjects.find((s) => s.key === 'A1')!.records.filter((x): x is RatedScale => x.type === 'rating');
    expect(a.map((x) => [x.visitLabel, x.total, new Date(x.atMs).toISOString().slice(0, 10)])).toEqual([['V1', 10.5, '2024-01-31'], ['V2', 8, '2024-02-28']]);
    expect(r.value.counts.missingValues).toBe(1);
  });
  it('one anchor date for everybody (days since it)', () => {
    const csv = 'id,day,score\nx,0,30\nx,14,25\n';
    const r = importCsvText(csv, (t) => ({ ...guessMapping(t, 'twstrs-severity'), visitColumn: 'day', valueColumn: 'score', dates: { kind: 'relative', unit: 'days', anchorColumn: null, anchorDate: '2024-05-01', anchorFormat: 'iso' } }));
    expect(lines(r)).toEqual([]);
    if (r.ok) expect(r.value.subjects[0]!.records.filter((x) => x.type === 'rating').map((x) => x.atMs)).toEqual([Date.UTC(2024, 4, 1, 12), Date.UTC(2024, 4, 15, 12)]);
  });
});

describe('CSV import refuses bad input with located problems, importing nothing', () => {
  const long = trialLongCsv(ROWS).split('\r\n');
  const edit = (rowNumber: number, f: (cells: string[]) => string[]) => long.map((l, i) => (i === rowNumber - 1 ? f(l.split(',')).join(',') : l)).join('\r\n');
  const run = (csv: string, opts?: Parameters<typeof importCsvText>[2], over: Partial<CsvMapping> = {}) => importCsvText(csv, (t) => trialMapping(t, over), opts);

  it('wrong delimiter: a semicolon file read as comma-separated', () => {
    const r = run(trialLongCsv(ROWS, ';'), { delimiter: ',' });
    expect(errorsOf(r)[0]).toMatchObject({ code: 'wrong-delimiter', row: 1 });
    expect(lines(r)[0]).toMatch(/^row 1: The header reads as one column .* looks separated by semicolon/);
  });
  it('missing column named in the mapping', () => {
    const r = run(trialLongCsv(ROWS), undefined, { valueColumn: 'twstrs' });
    expect(lines(r)).toEqual([expect.stringMatching(/^row 1, column `twstrs`: The file has no column "twstrs" .*its columns are: `subject`, `site`/)]);
  });
  it('a column missing from the file', () => {
    const full = parseCsvTable(trialLongCsv(ROWS));
    if (!full.ok) throw new Error('fixture');
    const csv = long.map((l) => l.split(',').filter((_, i) => i !== 5).join(',')).join('\r\n');
    expect(errorsOf(importCsvText(csv, trialMapping(full.value)))[0]).toMatchObject({ code: 'missing-column', row: 1, column: 'week' });
  });
  it('duplicate visits', () => {
    const r = run(edit(15, (c) => { c[5] = '0'; c[6] = c[6] === '' ? '40' : c[6]!; return c; }));
    const p = errorsOf(r);
    expect(p[0]).toMatchObject({ code: 'duplicate-visit', row: 15, column: 'week' });
    expect(formatImportProblem(p[0]!)).toMatch(/^row 15, column `week`: Person "S003" already has visit "week 0" on row 14/);
  });
  it('units in the wrong column: a dose in the score column, a unit written into a score cell', () => {
    expect(lines(run(edit(14, (c) => { c[6] = '5000'; return c; })))[0]).toMatch(/^row 14, column `twstrs_total`: a TWSTRS total score from 0 to 85; got 5000 — this looks like a dose/);
    expect(errorsOf(run(edit(9, (c) => { c[6] = '40 U'; return c; })))[0]).toMatchObject({ code: 'unit-in-cell', row: 9, column: 'twstrs_total' });
    expect(errorsOf(run(edit(9, (c) => { c[3] = '5 mg'; return c; })))[0]).toMatchObject({ code: 'unit-in-cell', row: 9, column: 'dose_U' });
  });
  it('dates that do not parse, and weeks that are not numbers', () => {
    expect(lines(run(edit(20, (c) => { c[4] = '2023-02-30'; return c; })))[0]).toMatch(/^row 20, column `injection_date`: a date like 2024-03-31; got "2023-02-30"/);
    expect(lines(run(edit(21, (c) => { c[5] = 'four'; return c; })))[0]).toMatch(/^row 21, column `week`: the number of weeks since the anchor, like 4; got "four"/);
    expect(parseDateCell('31/12/2024', 'dmy')).toBe(Date.UTC(2024, 11, 31, 12));
    expect(parseDateCell('12/31/2024', 'mdy')).toBe(Date.UTC(2024, 11, 31, 12));
    expect(parseDateCell('31/12/2024', 'mdy')).toBeNull();
  });
  it('a dose outside the product range is a warning (still imported); a real 10 000 U type-B dose is not', () => {
    const csv = edit(2, (c) => c).replace(/,10000,/g, ',10000,');
    const r = run(csv, undefined, { treatment: { productCode: 'onabotulinumtoxinA', product: 'Botox', doseColumn: 'dose_U', placeboGroups: ['placebo'], blinded: false } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(formatImportProblem(r.warnings[0]!)).toMatch(/^Warning — row \d+, column `dose_U`: 5000 U is above the plausible range \(10–600 U per session for onabotulinumtoxinA\)/);
  });
  it('inconsistent arm within one person, ragged rows, empty file, missing anchor', () => {
    expect(errorsOf(run(edit(3, (c) => { c[2] = '10000 U'; return c; })))[0]).toMatchObject({ code: 'inconsistent', row: 3, column: 'arm' });
    expect(errorsOf(run(long.map((l, i) => (i === 4 ? `${l},extra` : l)).join('\r\n')))[0]).toMatchObject({ code: 'ragged-row', row: 5 });
    expect(errorsOf(run(''))[0]).toMatchObject({ code: 'empty-file' });
    expect(errorsOf(run(trialLongCsv(ROWS), undefined, { dates: { kind: 'relative', unit: 'weeks', anchorColumn: null, anchorDate: null, anchorFormat: 'iso' } }))[0]).toMatchObject({ code: 'bad-mapping' });
  });
  it('every problem is listed (up to 50) and nothing is returned when any is an error', () => {
    const csv = long.map((l, i) => (i > 0 && i < 80 ? l.replace(/,(\d+)$/, ',x$1') : l)).join('\r\n');
    const r = run(csv);
    expect(r.ok).toBe(false);
    const p = errorsOf(r);
    expect(p.length).toBe(51);
    expect(p[50]!.message).toMatch(/more problems not listed/);
  });
});

describe('never mixing into an existing person without saying so', () => {
  it('warns with the name and count when the device already holds records', () => {
    const demo = makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 20 });
    expect(mixingWarning(demo, 'S001')?.message).toMatch(/^This device already holds \d+ records of "Generated Example"\. Importing S001 adds to them/);
    expect(mixingWarning([], 'S001')).toBeNull();
  });
});
