import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BENCH_MODEL_DIR_ENV, humanModelDir } from './paths.ts';

describe('humanModelDir', () => {
  const saved = process.env[BENCH_MODEL_DIR_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[BENCH_MODEL_DIR_ENV];
    else process.env[BENCH_MODEL_DIR_ENV] = saved;
  });

  it("is Human's own model folder when the bench override is unset", () => {
    delete process.env[BENCH_MODEL_DIR_ENV];
    const dir = humanModelDir();
    expect(dir.endsWith('/models/')).toBe(true);
    expect(existsSync(dir + 'facemesh.json')).toBe(true);
  });

  it('is the bench folder, ending with a slash, when GESTE_BENCH_HUMAN_MODEL_DIR is set', () => {
    process.env[BENCH_MODEL_DIR_ENV] = '/tmp/other-models';
    expect(humanModelDir()).toBe('/tmp/other-models/');
    process.env[BENCH_MODEL_DIR_ENV] = '/tmp/other-models/';
    expect(humanModelDir()).toBe('/tmp/other-models/');
  });
});
