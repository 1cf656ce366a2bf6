#!/usr/bin/env node
// Runs the TypeScript sources without a build step (`npm install` is the whole set-up). Fast path: a bundle of
// the CLI's own sources, made by esbuild on first run and cached until a source changes (bundleCache.js,
// docs/cli-start.md). Slow path, if the bundle cannot be had or GESTE_NO_BUNDLE=1: the sources through tsx.
import { pathToFileURL } from 'node:url';
import { CLI_MAIN, currentBundle, defaultCacheDir } from './bundleCache.js';

let main = null;
const bundle = process.env.GESTE_NO_BUNDLE === '1' ? null : await currentBundle(CLI_MAIN, defaultCacheDir());
if (bundle) {
  try {
    ({ main } = await import(pathToFileURL(bundle).href));
  } catch {
    main = null; // e.g. removed by a concurrent rebuild: the sources below give the same CLI
  }
}
if (!main) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
