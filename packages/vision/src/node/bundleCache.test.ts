/**
 * The cached bundles that start `geste` and the detector workers (bundleCache.js, docs/cli-start.md): rebuilt
 * when a bundled source changes, each module keeping its own import.meta.url, and null (the caller then uses
 * tsx) when the sources do not build.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { currentBundle, defaultCacheDir, staleInputs } from './bundleCache.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'geste-bundle-test-'));
  made.push(d);
  return d;
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

  it('says why and returns null when the sources do not build (the caller then runs them through tsx)', async () => {
    const src = tempDir();
    const entry = join(src, 'broken.ts');
    writeFileSync(entry, "import { nothing } from './missing.ts';\nexport const x = nothing;\n");
    const problems: string[] = [];
    expect(await currentBundle(entry, tempDir(), (why) => problems.push(why))).toBeNull();
    expect(problems.join(' ')).toMatch(/missing\.ts/);
  });

  it('gives every entry a folder of its own', () => {
    const a = defaultCacheDir('/x/src/node/pipelineWorker.ts');
    const b = defaultCacheDir('/y/src/node/pipelineWorker.ts');
    expect(a).not.toBe(b);
    expect(a).toMatch(/geste-ts[\\/]pipelineWorker-[0-9a-f]{12}$/);
  });
});
