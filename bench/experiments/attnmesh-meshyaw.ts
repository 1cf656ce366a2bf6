/**
 * attnmesh (session 9): is a yaw gain already in the mesh, before core? For each saved landmarks file, the yaw of the
 * whole 468-point mesh against its own mean over the calibration rest (2-D Procrustes in the x–z plane, all points,
 * centred; scale-free), regressed on the truth rotation after the rest. No core, no canonical face: if this slope
 * carries the same gain as core's reading, the gain is in the model's points (their x and z motion), not in core's fit.
 *
 *   node --import tsx bench/experiments/attnmesh-meshyaw.ts <truth.csv> <landmarks.json> [<landmarks.json> ...]
 */
import { readFileSync } from 'node:fs';
import { parseTruthCsv, REST_MS } from '@geste/phantom';

interface Frame { frameIndex: number; timestampMs: number; faces: { meshPx: { x: number; y: number; z: number }[] }[] }
const [truthPath, ...files] = process.argv.slice(2);
if (!truthPath || files.length === 0) throw new Error('usage: attnmesh-meshyaw.ts <truth.csv> <landmarks.json> ...');
const truth = new Map(parseTruthCsv(readFileSync(truthPath, 'utf8')).map((t) => [t.frameIndex, t]));

const centred = (m: { x: number; z: number }[]) => {
  const mx = m.reduce((a, p) => a + p.x, 0) / m.length, mz = m.reduce((a, p) => a + p.z, 0) / m.length;
  return m.map((p) => [p.x - mx, p.z - mz] as const);
};

for (const file of files) {
  const frames = (JSON.parse(readFileSync(file, 'utf8')) as { frames: Frame[] }).frames.filter((f) => f.faces[0]?.meshPx.length);
  const rest = frames.filter((f) => f.timestampMs < REST_MS).map((f) => centred(f.faces[0]!.meshPx.slice(0, 468)));
  const ref = rest[0]!.map((_, i) => [rest.reduce((a, m) => a + m[i]![0], 0) / rest.length, rest.reduce((a, m) => a + m[i]![1], 0) / rest.length] as const);
  const pairs: [number, number][] = [];
  for (const f of frames) {
    const t = truth.get(f.frameIndex);
    if (!t || f.timestampMs < REST_MS) continue;
    const cur = centred(f.faces[0]!.meshPx.slice(0, 468));
    let s = 0, c = 0;
    for (let i = 0; i < 468; i++) { s += ref[i]![1] * cur[i]![0] - ref[i]![0] * cur[i]![1]; c += ref[i]![0] * cur[i]![0] + ref[i]![1] * cur[i]![1]; }
    pairs.push([t.rotationDeg, (Math.atan2(s, c) * 180) / Math.PI]);
  }
  const mx = pairs.reduce((a, [x]) => a + x, 0) / pairs.length, my = pairs.reduce((a, [, y]) => a + y, 0) / pairs.length;
  const slope = pairs.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / pairs.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  process.stdout.write(`${file}: ${pairs.length} frames, mesh x–z yaw vs truth rotation slope ${slope.toFixed(3)}\n`);
}
