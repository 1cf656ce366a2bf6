/**
 * Experiment (session 12, glances): from the per-frame eye-in-head signal written by glances-iris.ts, does the eye
 * lead the head in the head's direction around each jerk? Per jerk (axis, startMs from `geste analyze`'s
 * summary.json, or the phantom's truth events):
 *   - the head proxy (nose against the eye corners, image x for rotation, image y for flexion; tilt: whichever moves
 *     more) gives the head's direction s and its onset t_head (first frame past 20 % of its excursion, −300…+600 ms);
 *   - the eye-in-head signal (iris in the eye, same image axis) against its median over −500…−250 ms, times s;
 *   - noise σ: the signal's frame-to-frame scatter (1.4826 × MAD of first differences / √2) over the whole file,
 *     at least 0.01 eye widths (a rendered still face reads exactly alike frame after frame: MAD 0);
 *   - lead: the eye passes 3σ in the head's direction at t_eye ≤ t_head ("strict"), or at most one frame after
 *     ("lenient"), before the head's peak;
 *   - a blink: the lids' opening under half its median in −300…+300 ms (the iris read through a lid is no eye position).
 *
 *   node --import tsx bench/experiments/glances-lead.ts IRIS.jsonl JERKS.json [--trace]
 *
 * JERKS.json: [{ "axis": "rotationDeg" | "tiltDeg" | "flexionDeg", "startMs": …, "peakMs": … }, …].
 */
import { readFileSync } from 'node:fs';

interface Row { frameIndex: number; timestampMs: number; ok: boolean; open?: number; eyeH: number; eyeV: number; eyeHPx: number; eyeVPx: number; eyeWidthPx: number; headX: number; headY: number }
interface Jerk { axis: string; startMs: number; peakMs: number }

const [irisPath, jerksPath] = process.argv.slice(2);
const trace = process.argv.includes('--trace');
if (!irisPath || !jerksPath) throw new Error('Expected IRIS.jsonl JERKS.json.');
const rows = readFileSync(irisPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row).filter((r) => r.ok);
const jerks = JSON.parse(readFileSync(jerksPath, 'utf8')) as Jerk[];

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2; };
/** Frame-to-frame scatter of one value, robust (a movement's few big steps do not count). */
function noise(key: keyof Row): number {
  const d: number[] = [];
  for (let i = 1; i < rows.length; i++) if (rows[i]!.frameIndex === rows[i - 1]!.frameIndex + 1) d.push((rows[i]![key] as number) - (rows[i - 1]![key] as number));
  const m = median(d);
  return (1.4826 * median(d.map((x) => Math.abs(x - m)))) / Math.SQRT2;
}
const sig = { eyeH: noise('eyeH'), eyeV: noise('eyeV'), eyeHPx: noise('eyeHPx'), eyeVPx: noise('eyeVPx') };
const SIGMA_FLOOR = 0.01;
const eyeW = median(rows.map((r) => r.eyeWidthPx));
const dtMs = median(rows.slice(1).map((r, i) => r.timestampMs - rows[i]!.timestampMs).filter((x) => x > 0));
console.log(`${irisPath}: ${rows.length} frames with irises, eye width ${eyeW.toFixed(1)} px, frame ${dtMs.toFixed(1)} ms`);
console.log(`noise σ: along ${sig.eyeH.toFixed(4)} eye widths (${sig.eyeHPx.toFixed(2)} px), across ${sig.eyeV.toFixed(4)} (${sig.eyeVPx.toFixed(2)} px)`);

let led = 0;
let ledStrict = 0;
let blinks = 0;
let n = 0;
const leads: number[] = [];
const sizes: number[] = [];
for (const j of jerks) {
  const t0 = j.startMs;
  const win = rows.filter((r) => r.timestampMs >= t0 - 500 && r.timestampMs <= t0 + 800);
  const base = win.filter((r) => r.timestampMs <= t0 - 250);
  if (base.length < 3 || win.length < 10) { console.log(`${j.axis} @${(t0 / 1000).toFixed(2)} s: too few frames with irises`); continue; }
  const after = win.filter((r) => r.timestampMs >= t0 - 300 && r.timestampMs <= t0 + 600);
  const hx0 = median(base.map((r) => r.headX)), hy0 = median(base.map((r) => r.headY));
  const exX = Math.max(...after.map((r) => Math.abs(r.headX - hx0))), exY = Math.max(...after.map((r) => Math.abs(r.headY - hy0)));
  const horiz = j.axis === 'rotationDeg' || (j.axis === 'tiltDeg' && exX >= exY);
  const hk = horiz ? 'headX' : 'headY';
  const ek = horiz ? 'eyeH' : 'eyeV';
  const h0 = horiz ? hx0 : hy0;
  const e0 = median(base.map((r) => r[ek]));
  const far = after.reduce((a, r) => (Math.abs(r[hk] - h0) > Math.abs(a[hk] - h0) ? r : a));
  const s = Math.sign(far[hk] - h0) || 1;
  const ex = Math.abs(far[hk] - h0);
  const tHead = after.find((r) => s * (r[hk] - h0) >= 0.2 * ex)?.timestampMs ?? NaN;
  const sigma = Math.max(sig[ek], SIGMA_FLOOR);
  const before = after.filter((r) => r.timestampMs <= far.timestampMs);
  const tEye = before.find((r) => s * (r[ek] - e0) >= 3 * sigma)?.timestampMs ?? NaN;
  const upTo = before.filter((r) => r.timestampMs <= tHead + dtMs);
  const eyeMax = Math.max(...upTo.map((r) => s * (r[ek] - e0)));
  const hasLead = Number.isFinite(tEye) && tEye <= tHead + dtMs + 1e-6;
  const strict = Number.isFinite(tEye) && tEye <= tHead + 1e-6;
  const openMed = median(rows.map((r) => r.open ?? NaN).filter(Number.isFinite));
  const blink = win.some((r) => Math.abs(r.timestampMs - t0) <= 300 && r.open !== undefined && r.open < 0.5 * openMed);
  n++;
  if (strict) ledStrict++;
  if (blink) blinks++;
  if (hasLead) { led++; leads.push(tHead - tEye); sizes.push(eyeMax); }
  console.log(`${j.axis.padEnd(11)} @${(t0 / 1000).toFixed(2).padStart(7)} s  ${horiz ? 'x' : 'y'} head ${(s * ex).toFixed(3)} iod, head onset ${(tHead - t0).toFixed(0).padStart(5)} ms, eye past 3σ ${Number.isFinite(tEye) ? (tEye - t0).toFixed(0).padStart(5) + ' ms' : '   never'}, eye by head onset ${eyeMax.toFixed(3)} ew (${(eyeMax / sigma).toFixed(1)}σ)  ${strict ? 'LEAD' : hasLead ? 'lead+1' : 'no lead'}${blink ? ' blink' : ''}`);
  if (trace) {
    for (const r of win.filter((r) => r.timestampMs >= t0 - 300 && r.timestampMs <= t0 + 300)) {
      console.log(`    ${(r.timestampMs - t0).toFixed(0).padStart(5)} ms  head ${(s * (r[hk] - h0)).toFixed(3).padStart(7)}  eye ${(s * (r[ek] - e0)).toFixed(3).padStart(7)} ew ${(s * (r[ek] - e0) * eyeW).toFixed(2).padStart(6)} px`);
    }
  }
}
const fmt = (xs: number[]): string => (xs.length ? `median ${median(xs).toFixed(0)}, range ${Math.min(...xs).toFixed(0)}…${Math.max(...xs).toFixed(0)}` : '—');
console.log(`eye lead on ${ledStrict} of ${n} jerks strict, ${led} lenient; a blink within ±300 ms on ${blinks}; lead time (head onset − eye past 3σ) ms: ${fmt(leads)}; eye size by head onset (eye widths): ${sizes.length ? `median ${median(sizes).toFixed(3)}` : '—'}`);
