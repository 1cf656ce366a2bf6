/**
 * Session 12 (eyeband): side by side, per face, two replay reports of bench/accuracy.ts (core as it is and with the eye
 * band left out, bench/experiments/eyeband-replay.ts), and per clip how many frames' readings changed (> 0.01°) between
 * the two replay copies' *.measured.json.
 *
 *   node --import tsx bench/experiments/eyeband-score.ts --a REPORT_A.md --b REPORT_B.md [--dirs COPY_A:COPY_B]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const arg = (k: string): string | undefined => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
interface FaceRow { coreMae: string; worst: string; bands: Record<string, string>; t2: string; t45: string; neutral: string; rigidClips: string }
function parse(path: string): Map<string, FaceRow> {
  const out = new Map<string, FaceRow>();
  const sections = readFileSync(path, 'utf8').split(/^## /m).slice(1).filter((s) => s.includes(' × '));
  for (const sec of sections) {
    const name = sec.split('\n')[0]!.trim();
    const line = (start: string): string => sec.split('\n').find((l) => l.startsWith(start)) ?? '';
    const cell = (l: string, k: number): string => (l.split('|')[k] ?? '').trim();
    const bands: Record<string, string> = {};
    for (const ax of ['rotation', 'tilt', 'flexion']) {
      const l = line(`| ${ax} | `);
      bands[ax] = [2, 3, 4].map((k) => cell(l, k).split(' / ')[0]).join(' / ');
    }
    const rms = (l: string): string => /RMS ([\d.]+) → ([\d.]+)° \((\d+) %\)/.exec(l)?.slice(1).join(' ') ?? '—';
    const tn = /truth ([\d.]+) s, measured ([\d.]+) s/.exec(line('| time in neutral'));
    out.set(name, {
      coreMae: cell(line('| core range MAE'), 2),
      worst: cell(line('| worst clip MAE'), 2),
      bands,
      t2: rms(line('| tremor small-tremor-yaw-2hz')),
      t45: rms(line('| tremor tremor-roll-4.5hz')),
      neutral: tn ? `${tn[2]} (truth ${tn[1]}, ${(Number(tn[2]) - Number(tn[1])) >= 0 ? '+' : ''}${(Number(tn[2]) - Number(tn[1])).toFixed(1)})` : '—',
      rigidClips: '',
    });
  }
  return out;
}
const a = parse(arg('--a')!), b = parse(arg('--b')!);
const ratio = (s: string): string => {
  const [t, m] = s.split(' ').map(Number);
  return t ? `${((m! / t!) * 100 - 100).toFixed(0)} %` : '—';
};
console.log('| face × camera | core MAE r / t / f: A → B | band MAE 0–15 / 15–30 / 30–45°, rotation: A → B | tilt | flexion | 2 Hz yaw RMS error: A → B | 4.5 Hz roll: A → B | hold: time in neutral s: A → B | worst clip: A → B |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [face, x] of a) {
  const y = b.get(face);
  if (!y) continue;
  console.log(`| ${face} | ${x.coreMae} → ${y.coreMae} | ${x.bands.rotation} → ${y.bands.rotation} | ${x.bands.tilt} → ${y.bands.tilt} | ${x.bands.flexion} → ${y.bands.flexion} | ${ratio(x.t2)} → ${ratio(y.t2)} | ${ratio(x.t45)} → ${ratio(y.t45)} | ${x.neutral} → ${y.neutral} | ${x.worst} → ${y.worst} |`);
}
const dirs = arg('--dirs');
if (dirs) {
  const [da, db] = dirs.split(':') as [string, string];
  let changed = 0, total = 0;
  const per: string[] = [];
  for (const face of readdirSync(join(da, 'matrix'))) {
    for (const cam of readdirSync(join(da, 'matrix', face))) {
      const dir = join(da, 'matrix', face, cam);
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.measured.json'))) {
        const pb = join(db, 'matrix', face, cam, f);
        if (!existsSync(pb)) continue;
        type M = { frames: { frameIndex: number; rotationDeg?: number | null; tiltDeg?: number | null; flexionDeg?: number | null; state: string }[] };
        const fa = (JSON.parse(readFileSync(join(dir, f), 'utf8')) as M).frames, fb = (JSON.parse(readFileSync(pb, 'utf8')) as M).frames;
        let c = 0, maxD = 0;
        fa.forEach((r, i) => {
          const q = fb[i]!;
          const d = Math.max(...(['rotationDeg', 'tiltDeg', 'flexionDeg'] as const).map((k) => (r[k] == null || q[k] == null ? (r[k] == q[k] ? 0 : Infinity) : Math.abs(r[k]! - q[k]!))));
          if (d > 0.01 || r.state !== q.state) c++;
          if (Number.isFinite(d)) maxD = Math.max(maxD, d);
        });
        changed += c;
        total += fa.length;
        per.push(`${face}/${cam}/${f.replace('.measured.json', '')}: ${c}/${fa.length} changed, max ${maxD.toFixed(2)}°`);
      }
    }
  }
  console.log(`\nframes whose reading or state changed (> 0.01°): ${changed} of ${total}`);
  for (const p of per) console.log(`- ${p}`);
}
