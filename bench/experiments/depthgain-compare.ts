/**
 * Experiment helper (issue 13, session 10, depthgain): two matrix reports (bench/accuracyMatrix.ts) side by side, per face ×
 * camera group: targets met, per-clip core MAE rotation / tilt / flexion, the 2 Hz yaw tremor RMS ratio, time in neutral
 * and the worst clip, before → after.
 *   node --import tsx bench/experiments/depthgain-compare.ts <before.md> <after.md> [--clips]
 */
import { readFileSync } from 'node:fs';

interface Group { targetsMet: number; targets: number; clips: Map<string, string>; tremor: string; neutral: string; worst: string }
function parse(path: string): Map<string, Group> {
  const out = new Map<string, Group>();
  let cur: Group | null = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const h = /^## (\S+) × (\S+)/.exec(line);
    if (h) { cur = { targetsMet: 0, targets: 0, clips: new Map(), tremor: '', neutral: '', worst: '' }; out.set(`${h[1]}/${h[2]}`, cur); continue; }
    if (!cur || !line.startsWith('|')) continue;
    const cells = line.split('|').map((c) => c.trim().replace(/^\*\*(.*)\*\*$/, '$1'));
    if (cells.length >= 5 && (cells[3] === 'yes' || cells[3] === 'no') && cells[1] !== 'target') {
      cur.targets++;
      if (cells[3] === 'yes') cur.targetsMet++;
      if (cells[1]!.startsWith('tremor small-tremor-yaw-2hz')) { const m = /RMS ([\d.]+) → ([\d.]+)°/.exec(cells[2]!); cur.tremor = m ? (Number(m[2]) / Number(m[1])).toFixed(2) : cells[2]!; }
      if (cells[1]!.startsWith('time in neutral')) { const m = /measured ([\d.]+) s/.exec(cells[2]!); cur.neutral = m ? m[1]! : cells[2]!; }
      if (cells[1]!.startsWith('worst clip')) cur.worst = cells[2]!;
    }
    const c = /^\| ([a-z0-9.-]+) \| ([\d.]+ \/ [\d.]+ \/ [\d.]+)° \|/.exec(line);
    if (c) cur.clips.set(c[1]!, c[2]!);
  }
  return out;
}
const [a, b] = process.argv.slice(2).filter((x) => !x.startsWith('--'));
const showClips = process.argv.includes('--clips');
const A = parse(a!), B = parse(b!);
console.log('| group | targets met | 2 Hz yaw tremor RMS ratio | time in neutral, s (truth 14.3) | worst clip |');
console.log('|---|---|---|---|---|');
for (const [g, x] of A) {
  const y = B.get(g);
  if (!y) continue;
  console.log(`| ${g} | ${x.targetsMet}/${x.targets} → ${y.targetsMet}/${y.targets} | ${x.tremor} → ${y.tremor} | ${x.neutral} → ${y.neutral} | ${x.worst} → ${y.worst} |`);
}
if (showClips) {
  console.log('\n| group | clip | core MAE rot / tilt / flex, before → after (°) |');
  console.log('|---|---|---|');
  for (const [g, x] of A) {
    const y = B.get(g);
    if (!y) continue;
    for (const [clip, v] of x.clips) console.log(`| ${g} | ${clip} | ${v} → ${y.clips.get(clip) ?? '—'} |`);
  }
}
