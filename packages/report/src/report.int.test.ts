import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoRecords } from '@geste/core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildClinicianReport, SAFETY_LINE } from './index.ts';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

/** Set GESTE_KEEP_REPORT=1 to keep the PDF and PNGs for a person to look at. */
const OUT_DIR = mkdtempSync(join(tmpdir(), 'geste-report-'));
afterAll(() => {
  if (process.env['GESTE_KEEP_REPORT'] === '1') console.log(`report kept in ${OUT_DIR}`);
  else rmSync(OUT_DIR, { recursive: true, force: true });
});

describe('clinician report PDF', () => {
  it('renders one summary page plus appendix with the safety line and required sections', async () => {
    const records = makeDemoRecords({ startMs: START, days: 270, seed: 3 });
    const bytes = await buildClinicianReport({ records, fromMs: START + 180 * DAY, toMs: START + 270 * DAY, generatedAtMs: START + 270 * DAY });
    expect(bytes.length).toBeGreaterThan(5_000);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const pdf = join(OUT_DIR, 'report.pdf');
    writeFileSync(pdf, bytes);

    const info = execFileSync('pdfinfo', [pdf]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89/);

    const page1 = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(page1).toContain('Geste measures and records; it does not diagnose or recommend treatment.');
    expect(page1).toContain('Objective severity items');
    expect(page1).not.toMatch(/TWSTRS/i);
    for (const s of ['Objective measures and trend', 'Injection cycles', 'weeks since injection', 'Diary, adherence and sensory tricks', 'Current treatments', 'Hand on chin', 'Example toxin A', 'Adherence: diary filled on', 'page 1 of']) expect(page1).toContain(s);
    // Estimates found on the generated cycle shape (onset ~week 1-3, peak ~4-8).
    expect(page1).toMatch(/severity - onset week [1-3], peak week [3-8]/);
    const all = execFileSync('pdftotext', [pdf, '-']).toString();
    expect(all).toContain('Appendix');
    expect(all).not.toMatch(/TWSTRS/i);

    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(OUT_DIR, 'page')]);
    const pngs = readdirSync(OUT_DIR).filter((f) => f.endsWith('.png')).sort();
    expect(pngs).toHaveLength(pages);
    const png = readFileSync(join(OUT_DIR, pngs[0]!));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // The same page as 8-bit grey (PGM, read here without an image library): 60 dpi A4 = 497 x 702 px (595.28 pt rounds up),
    // and the page is neither blank nor a dark blot.
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', '60', '-f', '1', '-l', '1', pdf]);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    expect([Number(header[1]), Number(header[2])]).toEqual([497, 702]);
    const pixels = pgm.subarray(header[0].length);
    let dark = 0;
    for (const v of pixels) if (v < 128) dark++;
    const darkFraction = dark / pixels.length;
    expect(darkFraction).toBeGreaterThan(0.01);
    expect(darkFraction).toBeLessThan(0.3);
  });

  it('handles an empty record and hostile-looking text without throwing', async () => {
    const bytes = await buildClinicianReport({ records: [], fromMs: START, toMs: START + 30 * DAY, generatedAtMs: START + 30 * DAY });
    const pdf = join(OUT_DIR, 'empty.pdf');
    writeFileSync(pdf, bytes);
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain(SAFETY_LINE.slice(0, 60));
    expect(text).toContain('Botulinum toxin: none logged.');
    const withUnicode = makeDemoRecords({ startMs: START, days: 20 }).map((r) => (r.type === 'patient' ? { ...r, displayName: 'Zoë Ωmega ≥ 名前' } : r));
    await expect(buildClinicianReport({ records: withUnicode, fromMs: START, toMs: START + 20 * DAY, generatedAtMs: START })).resolves.toBeInstanceOf(Uint8Array);
  });
});
