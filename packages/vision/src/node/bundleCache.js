// A faster start for TypeScript entry points run without a build step (issue 15; docs/cli-start.md): the
// `geste` CLI and the detector workers. An entry and the @geste/* sources it imports are bundled into one
// ES module by esbuild (installed with tsx), cached in node_modules/.cache/geste-ts/<entry>/ and rebuilt
// whenever a bundled source file changes (size or mtime). Packages from node_modules stay outside the
// bundle and load as usual. Plain JavaScript: it runs before any TypeScript loader. When the bundle cannot
// be had, `importBundled` returns null and the caller loads the sources through tsx as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MANIFEST = 'manifest.json';
const FORMAT = 1;

/** @param {string} path @returns {[number, number] | null} size and mtime in ms, or null when absent */
function fingerprint(path) {
  try {
    const s = statSync(path);
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/**
 * The inputs whose size or mtime differ from the manifest's (or that are gone); empty = the bundle is current.
 * @param {{ inputs: Record<string, [number, number]> }} manifest
 * @returns {string[]}
 */
export function staleInputs(manifest) {
  const stale = [];
  for (const [path, [size, mtimeMs]] of Object.entries(manifest.inputs)) {
    const now = fingerprint(path);
    if (!now || now[0] !== size || now[1] !== mtimeMs) stale.push(path);
  }
  return stale;
}

/** @param {string} cacheDir @returns {any} */
function readManifest(cacheDir) {
  try {
    const m = JSON.parse(readFileSync(join(cacheDir, MANIFEST), 'utf8'));
    return m && m.format === FORMAT && m.node === process.version && typeof m.bundle === 'string' && m.inputs ? m : null;
  } catch {
    return null;
  }
}

/**
 * Bundles `entry` (a .ts file) into `cacheDir` and writes the manifest (atomically: two runs at once both
 * end with a complete bundle). Each module keeps its own `import.meta.url`, so files it finds next to
 * itself (worker entries, package.json) are found where they are.
 * @param {string} entry @param {string} cacheDir @returns {Promise<string>} the bundle's path
 */
export async function buildBundle(entry, cacheDir) {
  const esbuild = await import('esbuild');
  const sourceExt = /\.(ts|mts|tsx)$/;
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    keepNames: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'geste-sources',
        setup(b) {
          // Bare imports other than the workspace's own packages load from node_modules at run time.
          b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@geste/') ? undefined : { path: a.path, external: true }));
          b.onLoad({ filter: sourceExt }, (a) => {
            const url = JSON.stringify(pathToFileURL(a.path).href);
            const text = readFileSync(a.path, 'utf8')
              .replaceAll('import.meta.url', url)
              .replaceAll('import.meta.dirname', JSON.stringify(dirname(a.path)))
              .replaceAll('import.meta.filename', JSON.stringify(a.path));
            return { contents: text, loader: a.path.endsWith('.tsx') ? 'tsx' : 'ts' };
          });
        },
      },
    ],
  });
  const inputs = {};
  for (const rel of Object.keys(result.metafile.inputs)) {
    const path = resolve(rel);
    const fp = fingerprint(path);
    if (!fp) throw new Error(`bundled input ${path} is gone`);
    inputs[path] = fp;
  }
  mkdirSync(cacheDir, { recursive: true });
  const bundle = `main-${process.pid}-${Date.now()}.mjs`;
  const tmp = join(cacheDir, `${bundle}.tmp`);
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, join(cacheDir, bundle));
  const manifestTmp = join(cacheDir, `${MANIFEST}.${process.pid}.tmp`);
  writeFileSync(manifestTmp, JSON.stringify({ format: FORMAT, node: process.version, entry, bundle, inputs }));
  renameSync(manifestTmp, join(cacheDir, MANIFEST));
  // Older bundles are no longer named by the manifest; one made in the last minutes may still be loading
  // in another run that built at the same time, so it stays until a later build.
  for (const f of readdirSync(cacheDir)) {
    if (f === bundle || !/^main-\d+-\d+\.mjs(\.tmp)?$/.test(f)) continue;
    const fp = fingerprint(join(cacheDir, f));
    if (fp && Date.now() - fp[1] > 10 * 60_000) rmSync(join(cacheDir, f), { force: true });
  }
  return join(cacheDir, bundle);
}

/**
 * Where the bundle of `entry` lives: under GESTE_TS_CACHE, else node_modules/.cache/geste-ts next to the
 * installed tsx, in a folder of its own per entry.
 * @param {string} entry @returns {string}
 */
export function defaultCacheDir(entry) {
  const root = process.env.GESTE_TS_CACHE
    ? resolve(process.env.GESTE_TS_CACHE)
    : join(dirname(dirname(createRequire(import.meta.url).resolve('tsx/package.json'))), '.cache', 'geste-ts');
  const name = entry.split(/[\\/]/).pop().replace(/\.[cm]?tsx?$/, '');
  return join(root, `${name}-${createHash('sha256').update(entry).digest('hex').slice(0, 12)}`);
}

/**
 * The current bundle of `entry` (built or rebuilt when needed), or null when it cannot be had; the reason goes
 * to `onProblem`. The bundle must sit inside the project's node_modules tree so its package imports resolve.
 * @param {string} entry @param {string} cacheDir @param {(why: string) => void} [onProblem]
 * @returns {Promise<string | null>}
 */
export async function currentBundle(entry, cacheDir, onProblem = () => {}) {
  try {
    const m = readManifest(cacheDir);
    if (m && m.entry === entry && fingerprint(join(cacheDir, m.bundle)) && staleInputs(m).length === 0) return join(cacheDir, m.bundle);
    return await buildBundle(entry, cacheDir);
  } catch (e) {
    onProblem(e instanceof Error ? e.message : String(e));
    return null;
  }
}

/**
 * Imports the current bundle of the TypeScript file at `entryUrl`, or returns null when there is none to be
 * had (GESTE_NO_BUNDLE=1, no esbuild, a source that does not build, the bundle removed meanwhile): the caller
 * then loads the sources through tsx. An error raised while the bundle's modules run is not swallowed.
 * @param {URL | string} entryUrl @returns {Promise<Record<string, unknown> | null>}
 */
export async function importBundled(entryUrl) {
  if (process.env.GESTE_NO_BUNDLE === '1') return null;
  const entry = fileURLToPath(entryUrl);
  const bundle = await currentBundle(entry, defaultCacheDir(entry));
  if (!bundle) return null;
  try {
    return await import(pathToFileURL(bundle).href);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && (e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'ENOENT') && !fingerprint(bundle)) return null;
    throw e;
  }
}
