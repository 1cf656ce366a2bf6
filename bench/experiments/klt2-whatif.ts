// What a per-person yaw gain from the two-axis calibration would do (issue 13, session 11 "klt2"), bench-only, no core
// change: each face's saved matrix readings (webcam-640) with rotationDeg divided by the face's calibrated gain g
// (klt2-calib.ts --json, one window), then the tremor read by the phantom's tremorOverInterval (core's analyser on the
// scripted interval) and the time within 10 deg of neutral by core's neutralTime, next to the uncorrected reading and
// the truth. The 4.5 Hz clip is a roll (tilt) tremor: a yaw gain leaves it as it is (shown for completeness).
//   node --import tsx bench/experiments/klt2-whatif.ts --matrix DIR --calib F.jsonl [--window 'all frames'] [--gain small|all]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { neutralTime } from '../../packages/core/src/signal/neutral.ts';
import { parseTruthCsv, tremorOverInterval, type MeasuredRow } from '@geste/phantom';

const { values } = parseArgs({ options: { matrix: { type: 'string' }, calib: { type: 'string' }, window: { type: 'string' }, gain: { type: 'string' } } });
const MATRIX = values.matrix ?? '/work/s11-klt2/matrix/matrix';
const WINDOW = values.window ?? 'all frames';
const GAIN = values.gain === 'all' ? 'gainAll' : 'gainSmall';
interface CalibRow { face: string; camera: string; window: string; gainSmall: number; gainAll: number }
const calib = readFileSync(values.calib!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CalibRow).filter((r) => r.window === WINDOW);
const fps = 30;
const f2 = (v: number | null | undefined, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(d));

console.log(`window "${WINDOW}", gain ${GAIN}`);
console.log('| face | g | 2 Hz yaw tremor RMS truth / mesh / corrected (°) | 4.5 Hz roll tremor RMS truth / mesh (°, unchanged) | time in neutral truth / mesh / corrected (s, of 20) |');
console.log('|---|---|---|---|---|');
for (const c of calib) {
  const g = c[GAIN as 'gainSmall'];
  const dir = `${MATRIX}/${c.face}/${c.camera}`;
  const load = (clip: string) => ({
    truth: parseTruthCsv(readFileSync(`${dir}/${clip}.truth.csv`, 'utf8')),
    measured: (JSON.parse(readFileSync(`${dir}/${clip}.measured.json`, 'utf8')) as { frames: MeasuredRow[] }).frames,
    events: JSON.parse(readFileSync(`${dir}/${clip}.events.json`, 'utf8')) as { events: { tremors: { axis: 'rotationDeg' | 'tiltDeg' | 'flexionDeg'; startMs: number; endMs: number; frequencyHz: number }[] } },
  });
  const scaled = (rows: readonly MeasuredRow[]): MeasuredRow[] => rows.map((r) => ({ ...r, rotationDeg: r.rotationDeg === null ? null : r.rotationDeg / g }));
  let yawTxt = 'n/a', rollTxt = 'n/a', neutralTxt = 'n/a';
  try {
    const t = load('small-tremor-yaw-2hz');
    const tr = t.events.events.tremors[0]!;
    const a = tremorOverInterval(t.truth, t.measured, tr), b = tremorOverInterval(t.truth, scaled(t.measured), tr);
    yawTxt = `${f2(a.truth?.rmsDeg)} / ${f2(a.measured?.rmsDeg)} / ${f2(b.measured?.rmsDeg)}`;
  } catch (e) { yawTxt = `missing (${String(e).slice(0, 40)})`; }
  try {
    const t = load('tremor-roll-4.5hz');
    const tr = t.events.events.tremors[0]!;
    const a = tremorOverInterval(t.truth, t.measured, tr);
    rollTxt = `${f2(a.truth?.rmsDeg)} / ${f2(a.measured?.rmsDeg)}`;
  } catch (e) { rollTxt = `missing (${String(e).slice(0, 40)})`; }
  try {
    const t = load('hold-neutral-20s');
    const truthS = t.truth.filter((r) => Math.abs(r.rotationDeg) <= 10 && Math.abs(r.tiltDeg) <= 10 && Math.abs(r.flexionDeg) <= 10).length / fps;
    const asFrames = (rows: readonly MeasuredRow[]) => rows.map((r) => ({
      frameIndex: r.frameIndex, timestampMs: (r.frameIndex * 1000) / fps, state: r.state, reasons: [], confidence: 1, method: 'face-mesh',
      rotationDeg: r.rotationDeg, tiltDeg: r.tiltDeg, flexionDeg: r.flexionDeg, lateralShiftCm: null, shoulderElevationDeg: null,
    })) as unknown as Parameters<typeof neutralTime>[0];
    const m = neutralTime(asFrames(t.measured)).combined.withinS, s = neutralTime(asFrames(scaled(t.measured))).combined.withinS;
    neutralTxt = `${f2(truthS, 1)} / ${f2(m, 1)} / ${f2(s, 1)}`;
  } catch (e) { neutralTxt = `missing (${String(e).slice(0, 40)})`; }
  console.log(`| ${c.face} | ${f2(g, 3)} | ${yawTxt} | ${rollTxt} | ${neutralTxt} |`);
}
