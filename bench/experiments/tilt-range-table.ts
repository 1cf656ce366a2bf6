// Compact tables from tilt-range-replay.ts --json outputs (issue 13, session 8 "tiltrange"): per group (face × set-up
// [× clip]) and class (tilt alone / with a turn ≥ 15° or bend ≥ 10° from the camera), per 5° band of true tilt:
// "MAE / max ° · > 5 / > 10 · flagged % first limit → last limit" (flagged = low confidence or not measurable).
//   node --import tsx bench/experiments/tilt-range-table.ts out.json [out2.json …]
import { readFileSync } from 'node:fs';

interface Row { group: string; kind: string; truth: { rotationDeg: number; tiltDeg: number; flexionDeg: number }; cam: { rotationDeg: number; tiltDeg: number; flexionDeg: number } | null; byLimit: { state: string; tilt: number | null; rot: number | null; flex: number | null }[] }
const BANDS = [25, 30, 35, 40, 45, 50];
const band = (t: number) => { const a = Math.abs(t); for (let k = BANDS.length - 1; k >= 0; k--) if (a >= BANDS[k]!) return k; return -1; };
const combined = (r: Row) => { const a = r.cam ?? r.truth; return Math.abs(a.rotationDeg) >= 15 || Math.abs(a.flexionDeg) >= 10; };
const pct = (n: number, d: number) => (d ? Math.round((100 * n) / d) : 0);

for (const file of process.argv.slice(2)) {
  const { limits, rows } = JSON.parse(readFileSync(file, 'utf8')) as { limits: number[]; rows: Row[] };
  const last = limits.length - 1;
  console.log(`\n${file}: level-head limit ${limits[0]}° → ${limits[last]}°\n`);
  console.log(`| group | class | ${BANDS.map((b, k) => (k === BANDS.length - 1 ? `≥ ${b}°` : `${b}–${BANDS[k + 1]}°`)).join(' | ')} |`);
  console.log(`|---|---|${BANDS.map(() => '---').join('|')}|`);
  for (const g of [...new Set(rows.map((r) => r.group))]) {
    for (const cls of ['alone', 'combined'] as const) {
      const cells = BANDS.map((_, k) => {
        const rs = rows.filter((r) => r.group === g && band(r.truth.tiltDeg) === k && (combined(r) ? 'combined' : 'alone') === cls);
        if (!rs.length) return '';
        const v = rs.filter((r) => r.byLimit[last]!.tilt !== null);
        const e = v.map((r) => Math.abs(r.byLimit[last]!.tilt! - r.truth.tiltDeg));
        const flagged = (li: number) => rs.filter((r) => r.byLimit[li]!.state !== 'measured').length;
        const err = e.length ? `${(e.reduce((a, b) => a + b, 0) / e.length).toFixed(1)} / ${Math.max(...e).toFixed(1)}` : '—';
        return `${err} · ${e.filter((x) => x > 5).length} / ${e.filter((x) => x > 10).length} · ${pct(flagged(0), rs.length)} → ${pct(flagged(last), rs.length)} % (${rs.length})`;
      });
      if (cells.every((c) => c === '')) continue;
      console.log(`| ${g} | ${cls} | ${cells.join(' | ')} |`);
    }
  }
}
