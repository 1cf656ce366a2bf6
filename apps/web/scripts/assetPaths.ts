/**
 * Node-side folders of the model files and WASM binaries the build copies.
 * Resolved the same way as `@geste/vision`'s node helpers (humanModelDir / tfjsWasmDir).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function humanModelDir(): string {
  // Human's exports map has no ./package.json; its main entry is dist/human.node.js.
  return join(dirname(dirname(require.resolve('@vladmandic/human'))), 'models') + '/';
}

export function tfjsWasmDir(): string {
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + '/';
}
