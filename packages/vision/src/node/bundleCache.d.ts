// Types for bundleCache.js (plain JavaScript: it runs before any TypeScript loader).
export interface BundleManifest {
  readonly inputs: Readonly<Record<string, readonly [number, number]>>;
}
export function staleInputs(manifest: BundleManifest): string[];
export function buildBundle(entry: string, cacheDir: string): Promise<string>;
export function defaultCacheDir(entry: string): string;
export function currentBundle(entry: string, cacheDir: string, onProblem?: (why: string) => void): Promise<string | null>;
export function importBundled(entryUrl: URL | string): Promise<Record<string, unknown> | null>;
