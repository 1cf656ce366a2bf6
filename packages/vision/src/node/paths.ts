/** On-disk folders of the shipped models and wasm binaries (Node only). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Root folder of the installed @vladmandic/human package. */
export function humanPackageDir(): string {
  // The package's `exports` map has no "./package.json"; resolve its main entry (dist/human.node.js)
  // without loading it and go up from dist/.
  return dirname(dirname(require.resolve('@vladmandic/human')));
}

/**
 * Bench-only override of the model folder (docs/vision.md, "Another face mesh"): a folder laid out like Human's, e.g.
 * with another face-mesh model saved as facemesh.json. Unset (the default), Human's own folder is used.
 */
export const BENCH_MODEL_DIR_ENV = 'GESTE_BENCH_HUMAN_MODEL_DIR';

/** Folder holding Human's model files (blazeface.json, facemesh.json, …), ending with '/'. */
export function humanModelDir(): string {
  const bench = process.env[BENCH_MODEL_DIR_ENV];
  if (bench) return bench.endsWith('/') ? bench : bench + '/';
  return join(humanPackageDir(), 'models') + '/';
}

/** Path of Human's Node WASM build (imported by file path: the exports map lacks it in usable form). */
export function humanNodeWasmEntry(): string {
  return join(humanPackageDir(), 'dist', 'human.node-wasm.js');
}

/** Folder holding tfjs-backend-wasm's .wasm files, ending with '/'. */
export function tfjsWasmDir(): string {
  // main entry is dist/index.js (or dist/tf-backend-wasm.node.js); the .wasm files sit beside it.
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + '/';
}

/** Version string of the installed Human package. */
export function humanVersion(): string {
  const pkg = require(join(humanPackageDir(), 'package.json')) as { version?: string };
  return pkg.version ?? 'unknown';
}
