import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultReportPeriod, makeDemoRecords, type GesteRecord, type MeasurementSession } from '@geste/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReportFonts } from './fonts-node.ts';
import { buildClinicianReport, SAFETY_LINE } from './index.ts';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const FONTS = loadReportFonts();

/** Set GESTE_KEEP_REPORT=1 to keep the PDF and PNGs for a person to look at. */
const OUT_DIR = mkdtempSync(join(tmpdir(), 'geste-report-'));
afterAll(() => {
  if (process.env['GESTE_KEEP_REPORT'] === '1') console.log(`report kept in ${OUT_DIR}`);
  else rmSync(OUT_DIR, { recursive: true, force: true });
});

/** An exam as the app stores it (apps/web/src/exam/analyze.ts): item totals, a not-measurable item, posture, ROM, tremor, jerks, frame counts. */
function appExam(atMs: number, id: string): MeasurementSession {
  return {
    type: 'session', schemaVersion: 1, id, startedAtMs: atMs, endedAtMs: atMs + 600_000, kind: 'exam', neutral: 'anatomical',
    items: { rotation: 2, laterocollis: 1, anteroRetrocollis: 0, lateralShift: 0, sagittalShift: null, durationFactor: 3, sensoryTrick: null, shoulderElevation: 1, rangeOfMotion: 1, timeHoldingNeutral: 2, totalAssessed: 13, maxOfAssessed: 32 },
    measures: {
      restRotationDeg: 24.6, restTiltDeg: -8.2, restFlexionDeg: 3.1,
      romRotationRightDeg: 71, romRotationLeftDeg: 44, romTiltRightDeg: 35, romTiltLeftDeg: 28, romFlexionDeg: 50, romExtensionDeg: 40,
      holdNeutral1S: 12, holdNeutral2S: 9, restTimeInNeutralPct: 31, restMeasuredS: 58, tremorPeakHz: 4.2, tremorRmsDeg: 0.9, jerksPerMin: 2.5,
      framesMeasured: 1700, framesTotal: 1800,
    },
    trick: null, note: '',
  };
}
const pdfText = (pdf: string, page?: number) => execFileSync('pdftotext', ['-layout', ...(page === undefined ? [] : ['-f', String(page), '-l', String(page)]), pdf, '-']).toString().replace(/\s+/g, ' ');

describe('clinician report PDF', () => {
  it('DejaVu Sans is installed here (fonts-dejavu-core, as in CI)', () => {
    expect(FONTS).not.toBeNull();
  });

  it('renders the summary and appendix with sections, cycles, exams; no internal keys', async () => {
    const records = makeDemoRecords({ startMs: START, days: 270, seed: 3 });
    const bytes = await buildClinicianReport({ records, fromMs: START + 180 * DAY, toMs: START + 270 * DAY, generatedAtMs: START + 270 * DAY, fonts: FONTS });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const pdf = join(OUT_DIR, 'report.pdf');
    writeFileSync(pdf, bytes);
    const info = execFileSync('pdfinfo', [pdf]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(5);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);
    const fonts = execFileSync('pdffonts', [pdf]).toString();
    expect(fonts).toMatch(/DejaVuSans/);

    const page1 = pdfText(pdf, 1);
    expect(page1).toContain('Geste measures and records; it does not diagnose or recommend treatment.');
    for (const s of ['Exams and objective measures', 'exams in the period', 'Objective severity items', 'Injection cycles', 'weeks since injection', 'Worst daily pain', 'page 1 of']) expect(page1).toContain(s);
    const all = pdfText(pdf);
    for (const s of ['Diary, mood and impact, adherence', 'Current treatments', 'Hand on chin', 'Example toxin A', 'Adherence: diary filled on', 'Appendix', 'Farrar']) expect(all).toContain(s);
    // Pain falls by 4 points in the generated cycles (MCID 2): onset, peak and wear-off are found.
    expect(all).toMatch(/Worst daily pain: Change seen in \d of \d cycles: onset week [1-4], peak week [3-8], wear-off week (9|1[0-2])/);
    // The camera's items are never called TWSTRS; a rated TWSTRS record prints only with its rater role.
    expect(all).toContain('TWSTRS severity (clinician-rated)');
    expect(all.replace(/TWSTRS \w+ \((clinician|patient)-rated\)/g, '')).not.toMatch(/TWSTRS/i);
    expect(all).not.toMatch(/maxRotationDeg|timeInNeutralPct|jerksPerMin|tremorPeakHz/);

    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(OUT_DIR, 'page')]);
    const pngs = readdirSync(OUT_DIR).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(pngs).toHaveLength(pages);
    expect(readFileSync(join(OUT_DIR, pngs[0]!)).subarray(1, 4).toString()).toBe('PNG');
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', '60', '-f', '1', '-l', '1', pdf]);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    expect([Number(header[1]), Number(header[2])]).toEqual([497, 702]);
    let dark = 0;
    const pixels = pgm.subarray(header[0].length);
    for (const v of pixels) if (v < 128) dark++;
    expect(dark / pixels.length).toBeGreaterThan(0.01);
    expect(dark / pixels.length).toBeLessThan(0.3);
  });

  it('an app exam prints with its items, posture in degrees with direction, range of motion, tremor and jerks — never "0 exams" or internal keys', async () => {
    const base = makeDemoRecords({ startMs: START, days: 60, seed: 4 }).filter((r) => !(r.type === 'session' && r.kind === 'exam'));
    const records: GesteRecord[] = [...base.map((r) => (r.type === 'patient' ? { ...r, displayName: 'Łukasz Żółć · Αθηνά · Юлия' } : r)), appExam(START + 40 * DAY, 'exam-app-1')];
    const period = defaultReportPeriod(records, START + 400 * DAY);
    expect(period.toMs).toBeLessThan(START + 61 * DAY); // the period ends where the data ends, not a year later
    const bytes = await buildClinicianReport({ records, ...period, generatedAtMs: START + 400 * DAY, fonts: FONTS });
    const pdf = join(OUT_DIR, 'exam.pdf');
    writeFileSync(pdf, bytes);
    const all = pdfText(pdf);
    expect(all).toContain('Łukasz Żółć · Αθηνά · Юлия');
    expect(all).toContain('1 exam in the period');
    expect(all).not.toMatch(/\b0 exams\b/);
    expect(all).toContain('Rotation (turn) 2 of 4');
    expect(all).toMatch(/Forward or backward shift of the head not measurable/);
    expect(all).toContain('Total 13 of 32 possible');
    expect(all).toContain('25° chin turned to the right');
    expect(all).toContain('8° left ear toward the left shoulder');
    expect(all).toContain('3° chin down');
    expect(all).toMatch(/turn to the right 71°, turn to the left 44°/);
    expect(all).toMatch(/Tremor: head tremor at 4\.2 Hz/);
    expect(all).toMatch(/Jerks: 2\.5 per minute \(sudden head movements\)/);
    expect(all).toContain('measurable in 94 % of frames');
    for (const k of ['framesMeasured', 'framesTotal', 'holdNeutral1S', 'restTimeInNeutralPct', 'restMeasuredS', 'totalAssessed', 'romRotationRightDeg']) expect(all).not.toContain(k);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())?.[1]);
    expect(pages).toBeLessThanOrEqual(4);
    if (process.env['GESTE_KEEP_REPORT'] === '1') execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUT_DIR, 'exam')]);
  });

  it('handles an empty record and hostile-looking text; without fonts falls back to WinAnsi and says so', async () => {
    const bytes = await buildClinicianReport({ records: [], fromMs: START, toMs: START + 30 * DAY, generatedAtMs: START + 30 * DAY, fonts: FONTS });
    const pdf = join(OUT_DIR, 'empty.pdf');
    writeFileSync(pdf, bytes);
    const text = pdfText(pdf);
    expect(text).toContain(SAFETY_LINE.slice(0, 60));
    expect(text).toContain('Botulinum toxin: none logged.');
    expect(text).toContain('No exams in the period.');
    const withUnicode = makeDemoRecords({ startMs: START, days: 20 }).map((r) => (r.type === 'patient' ? { ...r, displayName: 'Zoë Ωmega ≥ 名前' } : r));
    for (const fonts of [FONTS, null]) {
      const b = await buildClinicianReport({ records: withUnicode, fromMs: START, toMs: START + 20 * DAY, generatedAtMs: START, fonts });
      writeFileSync(pdf, b);
      const t = pdfText(pdf);
      expect(t).toContain(fonts === null ? 'Zoë ?mega >= ??' : 'Zoë Ωmega ≥ ??');
      if (fonts === null) expect(t).toContain('PDF standard font');
    }
  });
});
