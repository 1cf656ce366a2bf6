/**
 * What a research run analyses: the videos (and landmark recordings) under a folder, or the paths
 * listed in a text file (one a line, `#` comments), each identified by its content hash so a renamed
 * or moved file is still recognised and identical copies are analysed once.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CliError } from '../errors.ts';

export const VIDEO_EXTENSIONS = ['.mp4', '.mov', '.m4v', '.avi', '.mkv', '.webm', '.y4m', '.jsonl'] as const;

export interface InputFile {
  readonly path: string;
  /** How the video is named in outputs when names are kept: its path relative to the folder or list. */
  readonly label: string;
}

export interface IdentifiedInput extends InputFile {
  readonly sizeBytes: number;
  readonly mtimeMs: number;
  /** sha256 of the file's bytes, hex. */
  readonly contentSha256: string;
  /** First 16 hex digits of the content hash: the video's id in every output. */
  readonly videoId: string;
}

function isVideoName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.phases.json')) return false;
  return VIDEO_EXTENSIONS.some((e) => lower.endsWith(e));
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    // A run folder (outputs of an earlier run) inside the input folder is not input.
    if (e.isDirectory() && e.name.endsWith('.geste')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && isVideoName(e.name)) out.push(p);
  }
}

/** A folder (searched recursively) or a list file → input files, sorted by label. */
export async function discoverInputs(spec: string): Promise<InputFile[]> {
  const abs = resolve(spec);
  let st;
  try {
    st = await stat(abs);
  } catch {
    throw new CliError('input', `No folder or list file at ${abs}. Give a folder of videos or a text file listing them.`);
  }
  let files: InputFile[];
  if (st.isDirectory()) {
    const paths: string[] = [];
    await walk(abs, paths);
    files = paths.map((p) => ({ path: p, label: relative(abs, p).split(sep).join('/') }));
  } else {
    const base = dirname(abs);
    const lines = (await readFile(abs, 'utf8')).split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    files = lines.map((l) => {
      const p = isAbsolute(l) ? l : resolve(base, l);
      return { path: p, label: isAbsolute(l) ? p : l };
    });
  }
  if (files.length === 0) throw new CliError('input', `No videos found in ${abs} (looked for ${VIDEO_EXTENSIONS.join(', ')}).`);
  return files.sort((a, b) => a.label.localeCompare(b.label, 'en'));
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function identify(f: InputFile, known?: (pathKey: string, sizeBytes: number, mtimeMs: number) => string | undefined): Promise<IdentifiedInput> {
  let st;
  try {
    st = await stat(f.path);
  } catch {
    throw new CliError('input', `No file at ${f.path} (listed as ${f.label}).`);
  }
  const cached = known?.(pathKey(f.path), st.size, st.mtimeMs);
  const contentSha256 = cached ?? (await sha256File(f.path));
  return { ...f, sizeBytes: st.size, mtimeMs: st.mtimeMs, contentSha256, videoId: contentSha256.slice(0, 16) };
}

/** The manifest keys paths by their hash so it holds no file names when names are hashed. */
export function pathKey(path: string): string {
  return createHash('sha256').update(resolve(path)).digest('hex').slice(0, 32);
}

/** A video's exam-phase markers, if a `<name>.phases.json` lies next to it. */
export function phasesPathFor(videoPath: string): string {
  return videoPath.replace(/(\.landmarks)?\.[^./]+$/, '') + '.phases.json';
}
