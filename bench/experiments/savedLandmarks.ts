// Saved landmark files for the experiment scripts: `.landmarks.json` ({ frames }) as the bench saves them, or
// `.jsonl` as `geste analyze --landmarks` writes them; and the phantom clip's truth next to them.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LandmarkFrame } from '@geste/core';
import { parseLandmarks } from '@geste/vision';
import { parseTruthCsv, type TruthRow } from '@geste/phantom';

export function loadLandmarkFrames(path: string): LandmarkFrame[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.jsonl')) return parseLandmarks(text).frames;
  return (JSON.parse(text) as { frames: LandmarkFrame[] }).frames;
}

/** The clip's truth next to its landmarks, or in the cache the s6-helpers copies came from; null for real recordings. */
export function truthForLandmarks(path: string): { truth: TruthRow[] | null; clip: string } {
  // <clip>[.<tuning tag>].landmarks.json; a clip name may hold a dot before a digit (tremor-roll-4.5hz).
  const clip = basename(path).replace(/\.landmarks\.jsonl?$/, '').replace(/\.(?!\d)[^.]*$/, '');
  const dirs = [dirname(path), dirname(path).replace('/s6-helpers/edges/', '/').replace('/s6-helpers/sat/', '/')];
  for (const d of dirs) {
    const t = join(d, `${clip}.truth.csv`);
    if (existsSync(t)) return { truth: parseTruthCsv(readFileSync(t, 'utf8')), clip };
  }
  return { truth: null, clip };
}
