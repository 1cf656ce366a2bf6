/**
 * `geste` from its cached bundle (docs/cli-start.md) answers exactly as the sources run through tsx.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCacheDir } from '@geste/vision/bundle-cache';

const BIN = fileURLToPath(new URL('../bin/geste.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// Inside node_modules, where a bundle's package imports resolve, but not the shared cache.
const parent = join(defaultCacheDir(MAIN), '..', '..');
mkdirSync(parent, { recursive: true });
const cacheRoot = mkdtempSync(join(parent, 'geste-ts-test-'));
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr });
    });
  });
}

describe('geste from its bundle', () => {
  it('answers as the CLI through tsx does, and records what it bundled', async () => {
    const bundled = await run(['--version'], { GESTE_TS_CACHE: cacheRoot });
    const viaTsx = await run(['--version'], { GESTE_NO_BUNDLE: '1' });
    expect(bundled).toEqual({ code: 0, stdout: viaTsx.stdout, stderr: '' });
    expect(bundled.stdout).toMatch(/^geste \d+\.\d+\.\d+\n$/);
    const [dir] = readdirSync(cacheRoot);
    const manifest = JSON.parse(readFileSync(join(cacheRoot, dir!, 'manifest.json'), 'utf8'));
    expect(manifest.entry).toBe(MAIN);
    expect(Object.keys(manifest.inputs)).toContain(MAIN);
    const usage = await run(['analyze'], { GESTE_TS_CACHE: cacheRoot });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^geste: geste analyze takes exactly one video file/);
  });
});
