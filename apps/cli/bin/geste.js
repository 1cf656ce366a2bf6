#!/usr/bin/env node
// Runs the TypeScript sources without a build step (`npm install` is the whole set-up). Fast path: a bundle of
// the CLI's own sources, made by esbuild on first run and cached until a source changes (docs/cli-start.md).
// Slow path, when the bundle cannot be had or GESTE_NO_BUNDLE=1: the sources through tsx.
import { importBundled } from '@geste/vision/bundle-cache';

const entry = new URL('../src/main.ts', import.meta.url);
let cli = await importBundled(entry);
if (!cli) {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
