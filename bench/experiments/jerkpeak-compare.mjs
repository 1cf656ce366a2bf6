// Issue 13, session 8 ("jerkpeak"): reads jerkpeak-replay.ts dumps.
//   node bench/experiments/jerkpeak-compare.mjs diff <before.jsonl> <after.jsonl>
//     frame-by-frame: frames newly low confidence (per clip, with truth and reading), newly not measurable, values changed,
//     jerks changed; core-range flexion MAE before / after.
//   node bench/experiments/jerkpeak-compare.mjs speed <dump.jsonl>[,<dump.jsonl>…] [id regexp]
//     core-range mesh frames reading ≥ 10° chin-down, binned by the rule's window speed (flexionJerkPeak.ts: change over
//     ≥ 60 ms, largest |speed| over the last 100 ms): frames, mean error, share > 3° off.
import { readFileSync } from 'node:fs';

const rows = (files) => files.split(',').flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
const short = (id) => id.replace(/^.*(\.cache|s8-jerkpeak)\//, '');
const [mode, a, b] = process.argv.slice(2);

if (mode === 'diff') {
  const key = (r) => `${r.id}#${r.i}`;
  const before = new Map(rows(a).filter((r) => r.kind === 'frame').map((r) => [key(r), r]));
  const clipsB = new Map(rows(a).filter((r) => r.kind === 'clip').map((r) => [r.id, r]));
  const T = { frames: 0, core: 0, newLow: 0, newLowCore: 0, newLowOver3: 0, newNotMeasurable: 0, valueChanged: 0, otherStateChange: 0, coreErrB: 0, coreErrA: 0, coreN: 0 };
  const per = new Map();
  for (const r of rows(b)) {
    if (r.kind === 'clip') {
      const c = clipsB.get(r.id);
      if (c && JSON.stringify(c.jerks) !== JSON.stringify(r.jerks)) console.log(`jerks changed: ${short(r.id)}`);
      continue;
    }
    const o = before.get(key(r));
    if (!o) continue;
    T.frames++;
    if (r.core) T.core++;
    if (['mR', 'mT', 'mF'].some((k) => o[k] !== r[k])) T.valueChanged++;
    if (r.core && r.mF !== null && r.st !== 'not-measurable') { T.coreN++; T.coreErrA += Math.abs(r.mF - r.tF); T.coreErrB += Math.abs(o.mF - r.tF); }
    if (o.st === r.st) continue;
    if (o.st === 'measured' && r.st === 'low-confidence') {
      T.newLow++;
      if (r.core) T.newLowCore++;
      if (Math.abs(r.mF - r.tF) > 3) T.newLowOver3++;
      const p = per.get(r.id) ?? [];
      p.push(`${r.i} (truth ${r.tF.toFixed(1)}, read ${r.mF.toFixed(1)})`);
      per.set(r.id, p);
    } else if (r.st === 'not-measurable') T.newNotMeasurable++;
    else T.otherStateChange++;
  }
  console.log(JSON.stringify({ ...T, coreFlexionMaeBefore: T.coreErrB / T.coreN, coreFlexionMaeAfter: T.coreErrA / T.coreN }));
  for (const [id, p] of per) console.log(`  ${short(id)}: ${p.length}: ${p.join(', ')}`);
} else if (mode === 'speed') {
  const filt = b ? new RegExp(b) : null;
  const frames = rows(a).filter((r) => r.kind === 'frame' && (!filt || filt.test(r.id)));
  const bins = [0, 25, 50, 75, 100, 150, 200, Infinity];
  const acc = bins.slice(0, -1).map(() => ({ n: 0, sumErr: 0, over3: 0 }));
  let run = [], id = null;
  for (const r of frames) {
    if (r.id !== id) { run = []; id = r.id; }
    if (r.method !== 'face-mesh' || r.mF === null) { run = []; continue; }
    let ref = null;
    for (const h of run) if (r.ms - h.ms >= 60 && r.ms - h.ms <= 140) ref = h;
    r.spd = ref ? ((r.mF - ref.mF) * 1000) / (r.ms - ref.ms) : null;
    run.push(r);
    run = run.filter((h) => r.ms - h.ms <= 240);
    if (r.mF < 10 || !r.core) continue;
    const v = Math.max(0, ...run.filter((h) => r.ms - h.ms < 100 && h.spd !== null).map((h) => Math.abs(h.spd)));
    const k = bins.findIndex((x, j) => v >= x && v < bins[j + 1]);
    const e = r.mF - r.tF;
    acc[k].n++; acc[k].sumErr += e; if (Math.abs(e) > 3) acc[k].over3++;
  }
  acc.forEach((x, j) => console.log(`${bins[j]}–${bins[j + 1]} deg/s: ${x.n} frames, mean error ${x.n ? (x.sumErr / x.n).toFixed(2) : '—'}°, > 3° off ${x.over3}`));
} else {
  console.error('usage: jerkpeak-compare.mjs diff <before> <after> | speed <dumps> [id regexp]');
  process.exit(2);
}
