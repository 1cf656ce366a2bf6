/**
 * End-to-end in headless Chromium against the built app: restore a generated backup, refuse a hostile
 * one with no change, fill the diary (a reload keeps the draft), log an injection, see the cycle chart,
 * download the PDF report and check it with pdftotext/pdftoppm.
 * Needs /usr/bin/chromium and poppler-utils; builds the app into a temp folder first.
 * Set GESTE_KEEP_SHOTS=1 to keep screenshots in the temp folder it prints.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackup, makeDemoRecords, makeTrialRows, serializeBackup, trialLongCsv, validateFhirBundle } from '@geste/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launch, WEB_DIR, type Launched } from '../../test/harness.ts';

/**
 * Builds into its own folder and serves that, so this test never races another test that builds
 * or serves apps/web/dist at the same time.
 */
const DIST = mkdtempSync(join(tmpdir(), 'geste-records-dist-'));
const VITE = [join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js'), join(WEB_DIR, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js')].find(existsSync)!;
interface Served { url: string; stop(): Promise<void> }
async function buildAndServe(): Promise<Served> {
  execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'error', '--outDir', DIST, '--emptyOutDir'], { cwd: WEB_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
  const port = await freePort();
  const child = spawn(process.execPath, [VITE, 'preview', '--outDir', DIST, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: WEB_DIR, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try { if ((await fetch(url)).ok) break; } catch { /* not up yet */ }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`vite preview did not start on ${url}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, stop: () => new Promise<void>((resolve) => { if (child.exitCode !== null) return resolve(); child.once('exit', () => resolve()); child.kill('SIGTERM'); }) };
}

const DAY = 86_400_000;
const OUT = mkdtempSync(join(tmpdir(), 'geste-records-e2e-'));
let served: Served;
let l: Launched;

beforeAll(async () => {
  served = await buildAndServe();
  l = await launch({ fakeVideo: null, allowCamera: false });
  l.page.on('dialog', (d) => void d.accept());
  l.page.on('pageerror', (e) => console.error('pageerror', e.message));
}, 300_000);
afterAll(async () => {
  await l?.close();
  await served?.stop();
  rmSync(DIST, { recursive: true, force: true });
  if (process.env['GESTE_KEEP_SHOTS'] === '1') console.log(`screenshots in ${OUT}`);
  else rmSync(OUT, { recursive: true, force: true });
});

const go = async (page: Page, route: string) => {
  await page.goto(`${served.url}?nosw#/${route}`);
  await page.waitForSelector('main h1');
};
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });

describe('records in the browser', () => {
  it('restore, refuse, diary with draft, injection, cycle chart, PDF report, FHIR and CSV exports, intake', async () => {
    const page = l.page;
    const now = Date.now();
    // 1. Restore a generated backup of the last 200 days.
    const backup = join(OUT, 'demo.geste.json');
    const demo = makeDemoRecords({ startMs: now - 200 * DAY, days: 199, seed: 5 });
    writeFileSync(backup, serializeBackup(createBackup(demo, now)));
    await go(page, 'report');
    await page.setInputFiles('[data-testid="backup-restore"]', backup);
    await page.waitForSelector('[data-testid="data-status"]:has-text("Restored ✓")');
    const restoredText = await page.textContent('[data-testid="data-status"]');
    expect(restoredText).toContain(`Restored ✓ ${demo.length} records.`);

    // 2. A hostile backup (script in a note) is refused with words; nothing changes.
    const hostile = join(OUT, 'hostile.geste.json');
    writeFileSync(hostile, serializeBackup(createBackup(demo, now)).replace('"note":""', '"note":"<script>alert(1)</script>"'));
    await page.setInputFiles('[data-testid="backup-restore"]', hostile);
    await page.waitForSelector('[data-testid="record-errors"]');
    expect(await page.textContent('[data-testid="record-errors"]')).toContain('A text contains markup or control characters');
    expect(await page.textContent('[data-testid="data-status"]')).toContain('Nothing was changed');
    await go(page, 'diary');
    await page.waitForSelector('[data-testid="diary-list"] li');
    const before = await page.locator('[data-testid="diary-list"] li').count();
    expect(before).toBe(14);

    // 3. Fill the diary; a reload before saving keeps what was typed.
    await page.getByRole('radio', { name: 'Neck pain: 7' }).check();
    await page.getByRole('radio', { name: 'Tremor: 3' }).check();
    await page.fill('[data-testid="diary-note"]', 'Long drive, pulling worse in the evening');
    await page.waitForTimeout(600); // autosave is debounced 250 ms
    await page.reload();
    await page.waitForSelector('[data-testid="diary-status"]:has-text("restored")');
    expect(await page.inputValue('[data-testid="diary-note"]')).toBe('Long drive, pulling worse in the evening');
    expect(await page.getByRole('radio', { name: 'Neck pain: 7' }).isChecked()).toBe(true);
    await shot(page, 'diary');
    await page.click('[data-testid="diary-save"]');
    await page.waitForSelector('[data-testid="diary-status"]:has-text("Saved ✓")');
    expect(await page.textContent('[data-testid="diary-list"] li')).toContain('worst pain 7 of 10');

    // 4. Log an injection (today) with two muscles.
    await go(page, 'treatments');
    await page.selectOption('[data-testid="tr-product-code"]', 'other');
    await page.fill('[data-testid="tr-product"]', 'Toxin A (e2e)');
    await page.fill('[data-testid="tr-muscle-0"]', 'splenius capitis');
    await page.fill('[data-testid="tr-units-0"]', '60');
    await page.click('[data-testid="tr-add-muscle"]');
    await page.fill('[data-testid="tr-muscle-1"]', 'trapezius');
    await page.fill('[data-testid="tr-units-1"]', '40');
    await page.click('[data-testid="tr-save"]');
    await page.waitForSelector('[data-testid="tr-status"]:has-text("Saved ✓")');
    expect(await page.textContent('[data-testid="tr-list"]')).toContain('Toxin A (e2e), 100 U in total — splenius capitis left 60 U, trapezius left 40 U');
    await shot(page, 'treatments');

    // 5. The cycle chart shows the three restored cycles and the one just logged, overlaid.
    await go(page, 'charts');
    await page.waitForSelector('[data-testid="chart-cycles"]');
    const title = await page.textContent('[data-testid="chart-cycles"] title');
    expect(title).toMatch(/by weeks since each injection, 4 cycles overlaid/);
    const desc = await page.textContent('[data-testid="chart-cycles"] desc');
    expect(desc).toMatch(/onset week [1-4], peak week [3-8]/);
    expect(await page.locator('[data-testid="chart-cycles"] path').count()).toBeGreaterThanOrEqual(4);
    // Measures and diary over time, with the injections and the medicine's start and dose change marked.
    expect(await page.textContent('[data-testid="chart-time"] desc')).toMatch(/4 injections marked by dashed vertical lines; 2 other treatment changes/);
    await shot(page, 'charts');

    // 6. Download the PDF report and check it.
    await go(page, 'report');
    await page.fill('[data-testid="report-from"]', new Date(now - 90 * DAY).toISOString().slice(0, 10));
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-download"]')]);
    const pdf = join(OUT, 'report.pdf');
    await dl.saveAs(pdf);
    expect(dl.suggestedFilename()).toMatch(/^geste-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    expect(text).toContain('Geste measures and records; it does not diagnose or recommend treatment.');
    expect(text).toContain('Toxin A (e2e)');
    expect(text).toContain('Objective severity items');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(OUT, 'report')]);
    const png = readFileSync(join(OUT, 'report-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    await shot(page, 'report');

    // 7. FHIR and CSV exports download and are sound.
    const [fh] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-fhir"]')]);
    const fhirPath = join(OUT, 'fhir.json');
    await fh.saveAs(fhirPath);
    const bundle = JSON.parse(readFileSync(fhirPath, 'utf8')) as { resourceType: string; entry: Array<{ resource: { resourceType: string; code?: { coding?: Array<{ code: string }> } } }> };
    expect(validateFhirBundle(bundle)).toEqual([]);
    expect(bundle.entry.some((e) => e.resource.code?.coding?.[0]?.code === '72514-3')).toBe(true);
    expect(bundle.entry.filter((e) => e.resource.resourceType === 'MedicationAdministration').length).toBe(3 * 3 + 2);
    const csvs: string[] = [];
    page.on('download', (d) => csvs.push(d.suggestedFilename()));
    await page.click('[data-testid="export-csv"]');
    await page.waitForSelector('[data-testid="data-status"]:has-text("CSV files saved")');
    await expect.poll(() => csvs.length).toBe(4);
    expect(csvs.map((n) => n.replace(/-\d{4}-\d{2}-\d{2}/, ''))).toEqual(['geste-diary.csv', 'geste-treatments.csv', 'geste-sessions.csv', 'geste-ratings.csv']);

    // 8. History intake saves, and survives a reload.
    await go(page, 'intake');
    await page.getByRole('group', { name: 'An injury to the head, neck or shoulders' }).getByText('yes').click();
    await page.getByRole('button', { name: 'Save history' }).click();
    await page.waitForSelector('text=Saved ✓');
    await page.reload();
    await page.waitForSelector('main h1');
    expect(await page.getByRole('group', { name: 'An injury to the head, neck or shoulders' }).getByRole('radio').first().isChecked()).toBe(true);

    // 8b. A past, blinded type-B visit (after the exports above, which count this person's visits).
    await go(page, 'treatments');
    await page.selectOption('[data-testid="tr-product-code"]', 'other');
    // A 10 000 U type-B dose goes in without a warning; the same number for onabotulinumtoxinA warns with the range, and still saves.
    await page.selectOption('[data-testid="tr-product-code"]', 'rimabotulinumtoxinB');
    await page.fill('[data-testid="tr-total"]', '10000');
    expect(await page.locator('[data-testid="tr-dose-warning"]').count()).toBe(0);
    await page.selectOption('[data-testid="tr-product-code"]', 'onabotulinumtoxinA');
    expect(await page.textContent('[data-testid="tr-dose-warning"]')).toContain('10000 U is above the plausible range (10–600 U per session for onabotulinumtoxinA)');
    await page.selectOption('[data-testid="tr-product-code"]', 'rimabotulinumtoxinB');
    await page.check('[data-testid="tr-blinded"]');
    await page.fill('[data-testid="tr-day"]', new Date(now - 400 * DAY).toISOString().slice(0, 10));
    await page.click('[data-testid="tr-save"]');
    await page.waitForSelector('[data-testid="tr-status"]:has-text("10000 U in total (as written)")');

    // 9. A clinician-rated scale is entered and listed apart from patient-rated ones.
    await go(page, 'ratings');
    await page.selectOption('[data-testid="ra-scale"]', 'twstrs-total');
    await page.fill('[data-testid="ra-total"]', '44');
    await page.fill('[data-testid="ra-visit"]', 'baseline');
    await page.click('[data-testid="ra-save"]');
    await page.waitForSelector('[data-testid="ra-status"]:has-text("Saved ✓")');
    expect(await page.textContent('[data-testid="ra-list-clinician"]')).toContain('TWSTRS total 44 (range 0–85), clinician-rated, visit baseline');
    expect(await page.locator('[data-testid="ra-list-patient"] li').count()).toBe(0);

    // 10. Import: a bad trial CSV lists located problems and imports nothing; the good one, after the
    // mapping and the same-person confirmation, adds one person's ratings and toxin visit.
    const rows = makeTrialRows({ seed: 14, patients: 30 });
    const lines = trialLongCsv(rows).split('\r\n');
    lines[13] = lines[13]!.replace(/,(\d+),(\d*)$/, ',4 wk,$2');
    const badCsv = join(OUT, 'bad-trial.csv');
    writeFileSync(badCsv, lines.join('\r\n'));
    await go(page, 'import');
    await page.setInputFiles('[data-testid="im-file"]', badCsv);
    await page.waitForSelector('[data-testid="im-problems"]');
    expect(await page.textContent('[data-testid="im-problems"]')).toContain('row 14, column `week`: the number of weeks since the anchor, like 4; got "4 wk"');
    expect(await page.locator('[data-testid="im-confirm"]').count()).toBe(0);
    const goodCsv = join(OUT, 'trial.csv');
    writeFileSync(goodCsv, trialLongCsv(rows, ';'));
    await page.setInputFiles('[data-testid="im-file"]', goodCsv);
    await page.waitForSelector('[data-testid="im-preview"]');
    await page.selectOption('[data-testid="im-product"]', 'rimabotulinumtoxinB');
    await page.selectOption('[data-testid="im-col-dose"]', 'dose_U');
    await page.fill('[data-testid="im-placebo"]', 'placebo');
    await page.check('[data-testid="im-blinded"]');
    const present = rows.filter((r) => r.twstrsTotal !== null).length;
    expect(await page.textContent('[data-testid="im-counts"]')).toBe(`30 people, ${present} ratings, 30 treatments, ${rows.length - present} missing values.`);
    await page.selectOption('[data-testid="im-subject"]', 'S002');
    await page.waitForSelector('[data-testid="im-mixing"]');
    expect(await page.textContent('[data-testid="im-mixing"]')).toMatch(/This device already holds \d+ records of "Generated Example"/);
    expect(await page.isDisabled('[data-testid="im-confirm"]')).toBe(true);
    await shot(page, 'import');
    await page.check('[data-testid="im-same-person"]');
    await page.click('[data-testid="im-confirm"]');
    await page.waitForSelector('[data-testid="im-status"]:has-text("Imported ✓")');
    const s2 = rows.filter((r) => r.subject === 'S002' && r.twstrsTotal !== null);
    expect(await page.textContent('[data-testid="im-status"]')).toContain(`Imported ✓ ${s2.length + 1} records of "S002"`);
    await go(page, 'ratings');
    await page.waitForSelector('[data-testid="ra-list-clinician"] li');
    expect(await page.locator('[data-testid="ra-list-clinician"] li').count()).toBe(1 + s2.length + demo.filter((r) => r.type === 'rating').length);
  });
});
