/**
 * The CLI's fast start (bin/bundleCache.js, docs/cli-start.md): a cached esbuild bundle of the TypeScript
 * sources that must be rebuilt when a source changes, must keep each module's own import.meta.url, and must
 * behave like the sources run through tsx.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_MAIN, currentBundle, defaultCacheDir, staleInputs } from '../bin/bundleCache.js';

const BIN = fileURLToPath(new URL('../bin/geste.js', import.meta.url));
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function tempDir(parent: string = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const d = mkdtempSync(join(parent, 'geste-bundle-test-'));
  made.push(d);
  return d;
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr });
    });
  });
}

describe('bundle cache', () => {
  it('rebuilds when a bundled source changes, and keeps each module its own import.meta.url', async () => {
    const src = tempDir();
    const entry = join(src, 'entry.ts');
    const dep = join(src, 'dep.ts');
    writeFileSync(entry, "export { answer, depUrl } from './dep.ts';\nexport const entryUrl: string = import.meta.url;\n");
    writeFileSync(dep, 'export const answer: number = 41;\nexport const depUrl: string = import.meta.url;\n');
    const cache = tempDir();

    const first = await currentBundle(entry, cache);
    expect(first).not.toBeNull();
    const a = await import(pathToFileURL(first!).href);
    expect(a.answer).toBe(41);
    expect(a.entryUrl).toBe(pathToFileURL(entry).href);
    expect(a.depUrl).toBe(pathToFileURL(dep).href);
    const manifest = JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.inputs).sort()).toEqual([dep, entry].sort());
    expect(staleInputs(manifest)).toEqual([]);
    expect(await currentBundle(entry, cache)).toBe(first); // nothing changed: the same bundle

    writeFileSync(dep, 'export const answer: number = 4242;\nexport const depUrl: string = import.meta.url;\n');
    expect(staleInputs(manifest)).toEqual([dep]);
    const second = await currentBundle(entry, cache);
    expect(second).not.toBe(first);
    expect((await import(pathToFileURL(second!).href)).answer).toBe(4242);

    rmSync(dep);
    expect(staleInputs(manifest)).toEqual([dep]);
  });

  it('says why and returns null when the sources do not build (the bin then runs them through tsx)', async () => {
    const src = tempDir();
    const entry = join(src, 'broken.ts');
    writeFileSync(entry, "import { nothing } from './missing.ts';\nexport const x = nothing;\n");
    const problems: string[] = [];
    expect(await currentBundle(entry, tempDir(), (why) => problems.push(why))).toBeNull();
    expect(problems.join(' ')).toMatch(/missing\.ts/);
  });

  it('the bundled CLI and the CLI through tsx answer the same', async () => {
    // Inside node_modules, where the bundle's package imports resolve, but not the shared cache.
    const cache = tempDir(join(defaultCacheDir(), '..'));
    const bundled = await run(['--version'], { GESTE_CLI_CACHE: cache });
    const viaTsx = await run(['--version'], { GESTE_NO_BUNDLE: '1' });
    expect(bundled).toEqual({ code: 0, stdout: viaTsx.stdout, stderr: '' });
    expect(bundled.stdout).toMatch(/^geste \d+\.\d+\.\d+\n$/);
    const manifest = JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8'));
    expect(manifest.entry).toBe(CLI_MAIN);
    expect(Object.keys(manifest.inputs)).toContain(CLI_MAIN);
    const usage = await run(['analyze'], { GESTE_CLI_CACHE: cache });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^geste: geste analyze takes exactly one video file/);
  });
});
