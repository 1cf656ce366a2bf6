// Worker entry: Node 20 workers do not inherit `--import tsx`. Load the TypeScript worker from its cached
// bundle (bundleCache.js, docs/cli-start.md), else through tsx's API.
import { importBundled } from './bundleCache.js';

if (!(await importBundled(new URL('./detectWorker.ts', import.meta.url)))) {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport('./detectWorker.ts', import.meta.url);
}
