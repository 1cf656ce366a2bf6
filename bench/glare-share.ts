/**
 * Lens glare shares (packages/vision/src/mesh/lensGlare.ts) for rendered clips whose landmarks were saved before the
 * vision package measured it: decodes each clip's mp4 exactly as `geste analyze` does (openVideo, longest side 640),
 * runs `lensGlareShares` on each frame's bytes with that frame's saved mesh — the same bytes, mesh and function the
 * vision path uses — and writes the landmarks with `lensGlareShares` added (`--write`), plus per-clip statistics.
 *
 *   node --import tsx bench/glare-share.ts --dirs DIR[,DIR…] [--write] [--json OUT.json]
 * Each DIR holds <clip>.mp4 and <clip>.landmarks.json (bench/accuracy.ts's layout). Rest = the first 2 s.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lensGlareShares } from '@geste/vision';
import { openVideo } from '@geste/vision/node';

const arg = (k: string): string | undefined => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dirs = (arg('--dirs') ?? '').split(',').filter(Boolean);
const write = process.argv.includes('--write');
const jsonOut = arg('--json');
const REST_MS = 2000;

interface Out { dir: string; clip: string; frames: number; shares: (number | null)[]; timestampsMs: number[] }
const all: Out[] = [];
const pct = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]! : NaN;
};
for (const dir of dirs) {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.landmarks.json')).sort()) {
    const clip = f.replace(/\.landmarks\.json$/, '');
    const lmPath = join(dir, f);
    const lm = JSON.parse(readFileSync(lmPath, 'utf8')) as { frames: { frameIndex: number; timestampMs: number; faces: { meshPx: { x: number; y: number }[]; lensGlareShares?: unknown }[] }[] };
    const byIndex = new Map(lm.frames.map((fr) => [fr.frameIndex, fr]));
    const dec = await openVideo(join(dir, clip + '.mp4'), { maxSidePx: 640 });
    const shares: (number | null)[] = [];
    const ts: number[] = [];
    for await (const fr of dec.frames()) {
      const saved = byIndex.get(fr.frameIndex);
      if (!saved) continue;
      let best: number | null = null;
      for (const face of saved.faces) {
        const g = lensGlareShares({ data: fr.rgb.data, widthPx: fr.rgb.widthPx, heightPx: fr.rgb.heightPx, channels: 3 }, face.meshPx.map((p) => [p.x, p.y]));
        face.lensGlareShares = g;
        if (face === saved.faces[0]) best = g[0] === null && g[1] === null ? null : Math.max(g[0] ?? 0, g[1] ?? 0);
      }
      shares.push(best);
      ts.push(saved.timestampMs);
    }
    await dec.close();
    if (write) writeFileSync(lmPath, JSON.stringify(lm));
    all.push({ dir, clip, frames: shares.length, shares, timestampsMs: ts });
    const v = shares.filter((s): s is number => s !== null);
    const rest = shares.filter((s, i): s is number => s !== null && ts[i]! <= REST_MS);
    const over = (t: number): string => `${((100 * v.filter((s) => s >= t).length) / Math.max(1, v.length)).toFixed(0)}%`;
    console.log(
      `${dir.split('/').slice(-2).join('/')}\t${clip}\tframes ${shares.length}\twith face ${v.length}\tmax ${(100 * Math.max(0, ...v)).toFixed(1)}%\t≥2% ${over(0.02)} ≥5% ${over(0.05)} ≥10% ${over(0.1)} ≥30% ${over(0.3)}` +
        `\trest(${rest.length}) min/med/max ${(100 * Math.min(...rest)).toFixed(1)}/${(100 * pct(rest, 0.5)).toFixed(1)}/${(100 * Math.max(...rest)).toFixed(1)}%`,
    );
  }
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(all));
