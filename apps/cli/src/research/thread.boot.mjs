// Worker-thread entry: Node 20 workers do not inherit `--import tsx`. Load the TypeScript from its cached
// bundle (@geste/vision's bundleCache.js, docs/cli-start.md), else through tsx's API.
import { importBundled } from '@geste/vision/bundle-cache';

if (!(await importBundled(new URL('./thread.ts', import.meta.url)))) {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('./thread.ts', import.meta.url);
}
