/**
 * Vite config for the Geste web app.
 *
 * `gesteAssets()` serves (dev) and copies (build) the Human model files and the tfjs WASM binaries
 * from node_modules, so the built app carries everything it needs and loads nothing from a CDN.
 * `gesteServiceWorker()` writes `sw.js` with the full list of built files so the app works offline.
 * COOP/COEP headers make the page cross-origin isolated, which lets tfjs use the threaded WASM build.
 */
import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, extname } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { humanModelDir, tfjsWasmDir } from './scripts/assetPaths.ts';
import { MODEL_FILES_USED, MODELS_URL, WASM_URL } from './src/vision/assets.ts';
// Relative paths: Vite bundles these into the config (a workspace package would be loaded as raw .ts).
import { findDejaVuDir } from '../../packages/report/src/fonts-node.ts';
import { DEJAVU_FILES } from '../../packages/report/src/fonts.ts';

/** The report's Unicode font (DejaVu Sans, from the npm package dejavu-fonts-ttf), served and shipped under fonts/. */
const FONTS_URL = '/fonts/';
function fontFiles(): Array<{ name: string; path: string }> {
  const dir = findDejaVuDir();
  if (dir === null) throw new Error('DejaVu Sans not found: run npm install (the package dejavu-fonts-ttf ships it) so the report prints every name.');
  return Object.values(DEJAVU_FILES).map((name) => ({ name, path: join(dir, name) }));
}

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const MIME: Record<string, string> = {
  '.json': 'application/json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
};

/** Model files we ship: each model JSON plus the weight files its manifest names. */
function modelFiles(): string[] {
  const dir = humanModelDir();
  const out: string[] = [];
  for (const json of MODEL_FILES_USED) {
    out.push(json);
    const manifest = JSON.parse(readFileSync(join(dir, json), 'utf8')) as { weightsManifest?: { paths: string[] }[] };
    for (const g of manifest.weightsManifest ?? []) out.push(...g.paths);
  }
  return out;
}

function wasmFiles(): string[] {
  return readdirSync(tfjsWasmDir()).filter((f) => f.endsWith('.wasm'));
}

function gesteAssets(): Plugin {
  const serve: Connect.NextHandleFunction = (req, res, next) => {
    const url = (req.url ?? '').split('?')[0] ?? '';
    let file: string | null = null;
    if (url.startsWith(MODELS_URL)) {
      const name = url.slice(MODELS_URL.length);
      if (modelFiles().includes(name)) file = join(humanModelDir(), name);
    } else if (url.startsWith(FONTS_URL)) {
      file = fontFiles().find((f) => f.name === url.slice(FONTS_URL.length))?.path ?? null;
    } else if (url.startsWith(WASM_URL)) {
      const name = url.slice(WASM_URL.length);
      if (wasmFiles().includes(name)) file = join(tfjsWasmDir(), name);
    }
    if (!file) return next();
    res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(statSync(file).size));
    for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
    createReadStream(file).pipe(res);
  };
  return {
    name: 'geste-assets',
    configureServer(server) {
      server.middlewares.use(serve);
    },
    generateBundle() {
      for (const f of modelFiles()) {
        this.emitFile({ type: 'asset', fileName: MODELS_URL.slice(1) + f, source: readFileSync(join(humanModelDir(), f)) });
      }
      for (const f of fontFiles()) this.emitFile({ type: 'asset', fileName: FONTS_URL.slice(1) + f.name, source: readFileSync(f.path) });
      for (const f of wasmFiles()) {
        this.emitFile({ type: 'asset', fileName: WASM_URL.slice(1) + f, source: readFileSync(join(tfjsWasmDir(), f)) });
      }
    },
  };
}

/** Emits sw.js listing every built file (precache) with a version hash of their names and sizes. */
function gesteServiceWorker(): Plugin {
  return {
    name: 'geste-sw',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => f !== 'sw.js');
      files.push('manifest.webmanifest', 'icon.svg');
      const hash = createHash('sha256');
      for (const [name, chunk] of Object.entries(bundle)) {
        hash.update(name);
        hash.update(chunk.type === 'chunk' ? chunk.code : typeof chunk.source === 'string' ? chunk.source : Buffer.from(chunk.source));
      }
      const version = hash.digest('hex').slice(0, 12);
      const template = readFileSync(join(import.meta.dirname, 'src/sw/sw-template.js'), 'utf8');
      const source = template
        .replace('__GESTE_VERSION__', JSON.stringify(version))
        .replace('__GESTE_FILES__', JSON.stringify(['./', ...files.map((f) => './' + f)]));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  plugins: [react(), gesteAssets(), gesteServiceWorker()],
  base: './',
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, sourcemap: false },
  worker: { format: 'es' },
});
