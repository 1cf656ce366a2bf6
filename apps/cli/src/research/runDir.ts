/**
 * The run folder of `geste analyze <folder>`: what makes a run resumable and its CSV reproducible.
 *   manifest.json       input identity (path key, size, mtime, content hash) → status
 *   videos/<id>/        result.json (the CSV row), summary.json, report.html — each written atomically
 *   results.csv         rebuilt from every videos/<id>/result.json, so a resumed run gives the same file
 *   run.log.jsonl       one JSON object a line: start, skipped, done, failed, interrupted, end
 */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResultRow, VideoStatus } from './row.ts';
import { rowsToCsv } from './row.ts';

export interface ManifestEntry {
  readonly videoId: string;
  readonly contentSha256: string;
  readonly pathKey: string;
  /** Absent when names are hashed. */
  readonly path?: string;
  readonly label: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  readonly status: VideoStatus;
}

export interface Manifest {
  readonly format: 'geste-research-manifest';
  readonly formatVersion: 1;
  /** Options that change the numbers; a resume with different ones is refused. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly videos: Record<string, ManifestEntry>;
}

/** Writes via a temporary file and a rename, so a reader (or a resume after kill -9) never sees half a file. */
export async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export async function readManifest(runDir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(join(runDir, 'manifest.json'), 'utf8');
  } catch {
    return null;
  }
  const m = JSON.parse(text) as Manifest;
  if (m.format !== 'geste-research-manifest' || m.formatVersion !== 1) throw new Error(`${runDir}/manifest.json is not a Geste research manifest (version 1).`);
  return m;
}

export async function writeManifest(runDir: string, m: Manifest): Promise<void> {
  await writeAtomic(join(runDir, 'manifest.json'), JSON.stringify(m, null, 1) + '\n');
}

export interface StoredOutcome {
  readonly row: ResultRow;
  readonly summaryJson: string | null;
  readonly reportHtml: string | null;
}

/** A video's outputs; result.json last, so its presence means the others are complete. */
export async function writeVideoOutputs(runDir: string, videoId: string, o: StoredOutcome): Promise<void> {
  const dir = join(runDir, 'videos', videoId);
  await mkdir(dir, { recursive: true });
  if (o.summaryJson !== null) await writeAtomic(join(dir, 'summary.json'), o.summaryJson);
  if (o.reportHtml !== null) await writeAtomic(join(dir, 'report.html'), o.reportHtml);
  await writeAtomic(join(dir, 'result.json'), JSON.stringify(o.row) + '\n');
}

export async function readVideoRow(runDir: string, videoId: string): Promise<ResultRow | null> {
  try {
    return JSON.parse(await readFile(join(runDir, 'videos', videoId, 'result.json'), 'utf8')) as ResultRow;
  } catch {
    return null;
  }
}

/** Rebuilds results.csv from the stored rows of the given videos. */
export async function rebuildCsv(runDir: string, videoIds: readonly string[]): Promise<string> {
  const rows: ResultRow[] = [];
  for (const id of videoIds) {
    const r = await readVideoRow(runDir, id);
    if (r) rows.push(r);
  }
  const csv = rowsToCsv(rows);
  await writeAtomic(join(runDir, 'results.csv'), csv);
  return csv;
}

export async function listStoredVideoIds(runDir: string): Promise<string[]> {
  try {
    return (await readdir(join(runDir, 'videos'))).sort();
  } catch {
    return [];
  }
}

export function runLogger(runDir: string, nowIso: () => string = () => new Date().toISOString()) {
  const path = join(runDir, 'run.log.jsonl');
  let chain = Promise.resolve();
  return {
    log(event: string, fields: Readonly<Record<string, unknown>> = {}): Promise<void> {
      chain = chain.then(() => appendFile(path, JSON.stringify({ t: nowIso(), event, ...fields }) + '\n'));
      return chain;
    },
    flush: () => chain,
  };
}
