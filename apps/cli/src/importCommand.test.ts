import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTrialRows, parseBackup, toFhirCohortBundle, trialLongCsv, trialWideCsv, TRIAL_ARMS, TRIAL_WEEKS } from '@geste/core';
import { buildApp, configFromEnv, openDatabase } from '@geste/server';
import { main } from './main.ts';
import { EXIT_CODE } from './errors.ts';

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), stderr };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}

const ROWS = makeTrialRows({ seed: 14, patients: 109 });
const TRIAL_FLAGS = ['--weeks-since', '--anchor', 'injection_date', '--product', 'rimabotulinumtoxinB', '--dose', 'dose_U', '--placebo', 'placebo', '--blinded', '--rater-name', 'Trial rater'];
let dir = '';
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'geste-import-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('geste import', () => {
  it('a trial CSV → a backup per person and per-arm means that match an independent computation', async () => {
    const csv = join(dir, 'trial.csv');
    await writeFile(csv, trialLongCsv(ROWS));
    const out = join(dir, 'out');
    const r = await run(['import', csv, '--out', out, ...TRIAL_FLAGS]);
    expect(r.stderr).toMatch(/109 people, \d+ ratings, 109 treatments, \d+ missing values/);
    expect(r.code).toBe(EXIT_CODE.ok);
    const files = (await readdir(out)).filter((f) => f.endsWith('.geste.json'));
    expect(files).toHaveLength(109);
    const b = parseBackup(await readFile(join(out, 'S010.geste.json'), 'utf8'));
    expect(b.ok && b.value.records.filter((x) => x.type === 'rating').length).toBe(ROWS.filter((x) => x.subject === 'S010' && x.twstrsTotal !== null).length);
    const lines = (await readFile(join(out, 'group-summary.csv'), 'utf8')).trim().split('\r\n').map((l) => l.split(','));
    const head = lines[0]!;
    for (const { arm } of TRIAL_ARMS)
      for (const week of TRIAL_WEEKS) {
        const vals = ROWS.filter((x) => x.arm === arm && x.week === week && x.twstrsTotal !== null).map((x) => x.twstrsTotal!);
        const row = lines.find((l) => l[head.indexOf('group')] === arm && l[head.indexOf('visit')] === `week ${week}`)!;
        expect(Number(row[head.indexOf('n')])).toBe(vals.length);
        expect(Number(row[head.indexOf('mean')])).toBeCloseTo(vals.reduce((s, v) => s + v, 0) / vals.length, 2);
      }
    expect(await readFile(join(out, 'group-summary.svg'), 'utf8')).toMatch(/^<svg [^>]*role="img"/);
  });
  it('a wide semicolon table and the FHIR export of the same cohort give the same backups', async () => {
    const wide = join(dir, 'wide.csv');
    await writeFile(wide, trialWideCsv(ROWS, ';'));
    expect((await run(['import', wide, '--out', join(dir, 'wide'), ...TRIAL_FLAGS])).code).toBe(EXIT_CODE.ok);
    const one = async (d: string) => { const b = parseBackup(await readFile(join(dir, d, 'S042.geste.json'), 'utf8')); return b.ok ? b.value.records : null; };
    expect(await one('wide')).toEqual(await one('out'));
    const subjects = await Promise.all((await readdir(join(dir, 'out'))).filter((f) => f.endsWith('.geste.json')).sort().map(async (f) => {
      const b = parseBackup(await readFile(join(dir, 'out', f), 'utf8'));
      return { key: f.replace('.geste.json', ''), records: b.ok ? b.value.records : [] };
    }));
    const fhir = join(dir, 'cohort.fhir.json');
    await writeFile(fhir, JSON.stringify(toFhirCohortBundle(subjects, { generatedAtMs: Date.UTC(2025, 0, 1) })));
    expect((await run(['import', fhir, '--out', join(dir, 'fhir')])).code).toBe(EXIT_CODE.ok);
    expect(await one('fhir')).toEqual(await one('out'));
  });
  it('a bad file writes nothing and lists located problems (exit 3)', async () => {
    const bad = join(dir, 'bad.csv');
    const lines = trialLongCsv(ROWS).split('\r\n');
    lines[13] = lines[13]!.replace(/,(\d+),(\d*)$/, ',4 wk,$2');
    await writeFile(bad, lines.join('\r\n'));
    const out = join(dir, 'bad-out');
    const r = await run(['import', bad, '--out', out, ...TRIAL_FLAGS]);
    expect(r.code).toBe(EXIT_CODE.input);
    expect(r.stderr).toMatch(/nothing imported — 1 problem:\n {2}row 14, column `week`: the number of weeks since the anchor, like 4; got "4 wk"/);
    await expect(readdir(out)).rejects.toThrow();
  });
  it('--server sends the cohort to a clinic server (real server on loopback, PGlite in memory)', async () => {
    const database = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://' });
    const app = await buildApp({ database, config: { ...configFromEnv({}), publicUrl: 'http://127.0.0.1' }, passwordCostLog2: 12 });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const reg = await fetch(`${url}/auth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'dr.cli@example.org', password: 'correct horse battery staple', role: 'clinician', displayName: 'Dr CLI' }) });
      const { token } = (await reg.json()) as { token: string };
      const csv = join(dir, 'trial-server.csv');
      await writeFile(csv, trialLongCsv(ROWS));
      const r = await run(['import', csv, '--out', join(dir, 'srv'), ...TRIAL_FLAGS, '--server', url, '--token', token, '--cohort-name', 'Generated trial']);
      expect(r.stderr).toMatch(/Sent to http:\/\/127\.0\.0\.1:\d+: cohort [0-9a-f-]{36} \("Generated trial"\)/);
      expect(r.code).toBe(EXIT_CODE.ok);
      const list = (await (await fetch(`${url}/clinician/cohorts`, { headers: { authorization: `Bearer ${token}` } })).json()) as { cohorts: Array<{ name: string; subjects: number }> };
      expect(list.cohorts).toEqual([expect.objectContaining({ name: 'Generated trial', subjects: 109 })]);
    } finally {
      await app.close();
      await database.close();
    }
  });
  it('usage errors exit 2', async () => {
    expect((await run(['import'])).code).toBe(EXIT_CODE.usage);
    expect((await run(['import', 'x.csv', '--out', dir, '--scale', 'mood'])).stderr).toMatch(/--scale takes one of twstrs-severity/);
  });
});
