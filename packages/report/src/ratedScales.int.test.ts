/**
 * Issue 14 acceptance (records join): a generated trial-like cohort, imported through the same core
 * CSV import the CLI uses, gives rated TWSTRS series whose cycle analysis and PDF show the dip and the
 * wear-off for a 10 000 U patient and "not enough change" for a placebo patient.
 * GESTE_SCREENSHOTS=1 writes page 1 of both PDFs to docs/screenshots/report-twstrs-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  describeCycles, guessMapping, importCsvText, makeTrialRows, parseCsvTable, ratedSeries, summarizePeriod, trialLongCsv,
  type GesteRecord, type ImportedSubject, type RatedScale,
} from '@geste/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReportFonts } from './fonts-node.ts';
import { buildClinicianReport } from './index.ts';

const FONTS = loadReportFonts();
const OUT_DIR = mkdtempSync(join(tmpdir(), 'geste-twstrs-'));
afterAll(() => rmSync(OUT_DIR, { recursive: true, force: true }));
const SHOTS = resolve(import.meta.dirname, '../../../docs/screenshots');
const DAY = 86_400_000;

/** The cohort as `geste import` reads it: parse, guess the mapping, add the toxin visit at the anchor. */
function importTrial(): readonly ImportedSubject[] {
  const csv = trialLongCsv(makeTrialRows({ seed: 14, patients: 109 }));
  const table = parseCsvTable(csv);
  if (!table.ok) throw new Error('the generated CSV did not parse');
  const r = importCsvText(csv, {
    ...guessMapping(table.value, 'twstrs-total'),
    raterName: 'Trial rater',
    scaleVersion: 'original',
    treatment: { productCode: 'rimabotulinumtoxinB', product: 'rimabotulinumtoxinB (trial)', doseColumn: 'dose_U', placeboGroups: ['placebo'], blinded: true },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.subjects;
}
const SUBJECTS = importTrial();
const totals = (rs: readonly GesteRecord[]) => rs.filter((r): r is RatedScale => r.type === 'rating').map((r) => r.total);
const complete = (s: ImportedSubject) => totals(s.records).length === 6 && totals(s.records).every((t) => t !== null);
/** Largest fall from week 0 to week 4 among complete 10 000 U patients: the clearest dip, chosen by rule, not by eye. */
const DIP = SUBJECTS.filter((s) => s.group === '10000 U' && complete(s))
  .map((s) => { const t = totals(s.records) as number[]; return { s, fall: t[0]! - t[2]! }; })
  .sort((a, b) => b.fall - a.fall)[0]!.s;
const PLACEBO = SUBJECTS.find((s) => s.group === 'placebo' && complete(s))!;

function period(records: readonly GesteRecord[]) {
  const ms = records.flatMap((r) => (r.type === 'rating' || (r.type === 'treatment' && r.kind === 'botulinum') ? [r.atMs] : []));
  return { fromMs: Math.min(...ms) - DAY, toMs: Math.max(...ms) + DAY };
}
const pdfText = (pdf: string, page?: number) => execFileSync('pdftotext', ['-layout', ...(page === undefined ? [] : ['-f', String(page), '-l', String(page)]), pdf, '-']).toString().replace(/\s+/g, ' ');

async function report(name: string, records: readonly GesteRecord[]): Promise<string> {
  const p = period(records);
  const pdf = join(OUT_DIR, `${name}.pdf`);
  writeFileSync(pdf, await buildClinicianReport({ records, ...p, generatedAtMs: p.toMs, fonts: FONTS }));
  if (process.env['GESTE_SCREENSHOTS'] === '1') execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '90', '-png', '-singlefile', pdf, join(SHOTS, `report-twstrs-${name}`)]);
  return pdf;
}

describe('rated TWSTRS series from an imported trial cohort', () => {
  it('are one clinician-rated series per person with the scale range 0–85 and the published MCID of 8', () => {
    const rs = ratedSeries(DIP.records);
    expect(rs.map((r) => [r.scale, r.raterRole, r.values.length])).toEqual([['twstrs-total', 'clinician', 6]]);
    expect(rs[0]!.seriesScale).toMatchObject({ min: 0, max: 85, mcid: { points: 8 }, label: 'TWSTRS total (clinician-rated)' });
  });

  it('keep patient-rated and clinician-rated apart', () => {
    const first = DIP.records.find((r): r is RatedScale => r.type === 'rating')!;
    const selfRated: RatedScale = { ...first, id: 'self-1', raterRole: 'patient', total: 80 };
    const rs = ratedSeries([...DIP.records, selfRated]);
    expect(rs.map((r) => [r.raterRole, r.values.length])).toEqual([['clinician', 6], ['patient', 1]]);
    expect(rs[1]!.seriesScale.label).toBe('TWSTRS total (patient-rated)');
  });

  it('10 000 U patient: onset, peak and wear-off fall in the scripted weeks (onset by 2–4, peak 4–8, wear-off 8–16)', () => {
    const p = period(DIP.records);
    const s = summarizePeriod(DIP.records, p.fromMs, p.toMs);
    const d = describeCycles(s.rated[0]!.cycles);
    expect(d.status).toBe('effect');
    expect(d.onset).toBeGreaterThanOrEqual(2);
    expect(d.onset).toBeLessThanOrEqual(4);
    expect(d.peak).toBeGreaterThanOrEqual(4);
    expect(d.peak).toBeLessThanOrEqual(8);
    expect(d.wearOff).toBeGreaterThanOrEqual(8);
    expect(d.wearOff).toBeLessThanOrEqual(16);
  });

  it('placebo patient: not enough change', () => {
    const p = period(PLACEBO.records);
    const s = summarizePeriod(PLACEBO.records, p.fromMs, p.toMs);
    expect(describeCycles(s.rated[0]!.cycles).status).toBe('not-enough-change');
  });

  it('the PDFs say so on page 1, beside the objective measures, labelled clinician-rated', async () => {
    const dip = pdfText(await report('dip', DIP.records), 1);
    const p = period(DIP.records);
    const d = describeCycles(summarizePeriod(DIP.records, p.fromMs, p.toMs).rated[0]!.cycles);
    expect(dip).toContain('Exams and objective measures');
    expect(dip).toContain('Rated scales');
    expect(dip).toContain('TWSTRS total (clinician-rated)');
    expect(dip).toContain(`onset week ${d.onset}, peak week ${d.peak}, wear-off week ${d.wearOff}`);
    expect(dip).toContain('published MCID');
    const pl = pdfText(await report('placebo', PLACEBO.records), 1);
    expect(pl).toContain('TWSTRS total (clinician-rated)');
    expect(pl).toContain('Not enough change to estimate onset, peak or wear-off');
    expect(pl).not.toMatch(/TWSTRS total \(clinician-rated\)[^.]*onset week/);
  });
});
