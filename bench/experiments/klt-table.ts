// Markdown table of klt-farturn.ts --json output (issue 13, session 10 "klt"): per face, far-turn and tremor yaw gain
// of the texture-track rigid SfM next to the mesh reading.
//   node --import tsx bench/experiments/klt-table.ts FILE.jsonl
import { readFileSync } from 'node:fs';

interface Stats { slope: number; maeDeg: number; n: number }
interface Row { face: string; camera: string; clip: string; kept?: number; survived?: number; seeds?: number; points?: number; sfm: Stats; mesh: Stats }
const rows = readFileSync(process.argv[2]!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);
const f = (s: Stats | undefined) => (s ? `${s.slope.toFixed(3)} / ${s.maeDeg.toFixed(2)}` : 'n/a');
console.log('| face | camera | tracks (seeded → in all frames → kept) | far-turn SfM slope / MAE deg | far-turn mesh slope / MAE | tremor points | tremor SfM-shape fit slope / MAE | tremor mesh slope / MAE |');
console.log('|---|---|---|---|---|---|---|---|');
const keys = [...new Set(rows.map((r) => `${r.face}|${r.camera}`))];
for (const k of keys) {
  const [face, camera] = k.split('|');
  const far = rows.find((r) => r.face === face && r.camera === camera && r.clip === 'far-turn-return-70');
  const tr = rows.find((r) => r.face === face && r.camera === camera && r.clip === 'small-tremor-yaw-2hz');
  console.log(`| ${face} | ${camera} | ${far ? `${far.seeds} → ${far.survived} → ${far.kept}` : 'refused'} | ${f(far?.sfm)} | ${f(far?.mesh)} | ${tr?.points ?? 'n/a'} | ${f(tr?.sfm)} | ${f(tr?.mesh)} |`);
}
