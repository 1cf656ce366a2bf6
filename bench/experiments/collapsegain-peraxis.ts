// Per-axis not measurable in the core range (after the 2 s rest) on the dark-stubble × webcam-640 clips of the farturn
// helper's landmarks, this worktree's core against a base copy (issue 13, session 8 "collapsegain").
//   node --import tsx bench/experiments/collapsegain-peraxis.ts <base dir with packages/core/src> [landmark dir]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GuardedFrameMeasurer, calibrateNeutral, type LandmarkFrame, type FrameMeasure } from '@geste/core';
import { REST_MS, inCoreRange, parseTruthCsv } from '@geste/phantom';
const base = (await import(join(process.argv[2]!, 'packages/core/src/index.ts'))) as { GuardedFrameMeasurer: new () => { measure(f: LandmarkFrame, n: unknown): FrameMeasure } };
for (const clip of ['far-turn-return-70', 'combined-extension', 'edge-tilt-flexion-40', 'hold-neutral-20s']) {
  const d = process.argv[3] ?? '/work/s8-farturn/m8all/dark-stubble/webcam-640';
  const frames = (JSON.parse(readFileSync(join(d, `${clip}.landmarks.json`), 'utf8')) as { frames: LandmarkFrame[] }).frames;
  const truth = new Map(parseTruthCsv(readFileSync(join(d, `${clip}.truth.csv`), 'utf8')).map((t) => [t.frameIndex, t]));
  const cal = calibrateNeutral(frames.filter((f) => f.timestampMs <= REST_MS));
  if (!cal.ok) { console.log(clip, 'cal failed'); continue; }
  for (const [name, g] of [['now', new GuardedFrameMeasurer()], ['base', new base.GuardedFrameMeasurer()]] as const) {
    let core = 0; const nm = { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0 }; let state = 0;
    for (const f of frames) {
      const m = g.measure(f, cal.neutral); const t = truth.get(f.frameIndex);
      if (!t || t.timestampMs < REST_MS || !inCoreRange(t)) continue;
      core++; if (m.state === 'not-measurable') state++;
      for (const a of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) if (m.state === 'not-measurable' || m[a] === null) nm[a]++;
    }
    const p = (n: number) => `${n} (${(100 * n / core).toFixed(1)} %)`;
    console.log(clip, name, `core ${core}`, 'state nm', p(state), 'rot', p(nm.rotationDeg), 'tilt', p(nm.tiltDeg), 'flex', p(nm.flexionDeg));
  }
}
