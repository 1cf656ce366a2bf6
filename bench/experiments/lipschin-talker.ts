// Session 12 (lipschin): the generated talker of mouthFlexion.test.ts (canonical face, jaw opened about its hinge, pinhole
// camera, 0.4 px seeded noise, 30 fps), in the three postures of session 11 and in postures where a chin-up meets the mouth:
// talking while held chin-up, nodding chin-up while talking, and the same with closed lips read as the phantom's mesh reads
// them (pressed together at a chin-down, a little apart at a chin-up). Per scenario: the flexion of the frames scored, against
// the closed-mouth reading of the same posture, with the correction and with it switched off (prototype patched).
//   node --import tsx bench/experiments/lipschin-talker.ts [CORE_ROOT]     (CORE_ROOT: a checkout to compare, default this one)
import { fileURLToPath } from 'node:url';
import { type JawStep, jawFrames, jawSteps, meshLikeClosedJawDeg, talkingJawDeg } from '../../packages/core/src/pose/jawDrop.testing.ts';

const root = process.argv[2] ?? fileURLToPath(new URL('../..', import.meta.url));
const core = await import(`${root}/packages/core/src/index.ts`) as typeof import('@geste/core');
const mouthMod = await import(`${root}/packages/core/src/pose/mouthFlexion.ts`) as typeof import('../../packages/core/src/pose/mouthFlexion.ts');
type Angles = { rotationDeg: number; tiltDeg: number; flexionDeg: number };
/** A step, and whether it is scored (score) or one of the closed-mouth frames the error is counted from (closedRef). */
type Step = JawStep & { score: boolean; closedRef: boolean };

const talkJaw = talkingJawDeg;
const meshLikeJaw = meshLikeClosedJawDeg;
const ramp = (a: number, b: number, k: number, n: number) => a + (b - a) * Math.min(1, k / n);
const A = (r: number, t: number, f: number): Angles => ({ rotationDeg: r, tiltDeg: t, flexionDeg: f });
function seq(...parts: Step[][]): Step[] { return parts.flat(); }
function hold(n: number, angles: Angles | ((k: number) => Angles), jaw: (k: number) => number, score = false, closedRef = false): Step[] {
  return jawSteps(n, angles, jaw).map((s) => ({ ...s, score, closedRef }));
}

const scenarios: Record<string, Step[]> = {};
for (const p of [A(0, 0, 0), A(15, -8, -12), A(-12, 10, 15)]) {
  scenarios[`session 11 talker ${p.rotationDeg}/${p.tiltDeg}/${p.flexionDeg}`] = seq(hold(60, p, () => 0, false, true), hold(150, p, talkJaw, true));
}
// Talking while held chin-up: level rest, a closed-mouth chin-up, held, then talking there.
scenarios['chin-up 18° then talking'] = seq(hold(60, A(0, 0, 0), () => 0), hold(15, (k) => A(0, 0, ramp(0, -18, k, 15)), () => 0),
  hold(30, A(0, 0, -18), () => 0, false, true), hold(150, A(0, 0, -18), talkJaw, true));
// Nodding chin-up while talking: the first frames at the new posture have no closed-mouth level of their own there.
scenarios['talking, nod chin-up 18° mid-speech'] = seq(hold(60, A(0, 0, 0), () => 0), hold(60, A(0, 0, 0), talkJaw),
  hold(20, (k) => A(0, 0, ramp(0, -18, k, 20)), (k) => talkJaw(60 + k)), hold(150, A(0, 0, -18), (k) => talkJaw(80 + k), true), hold(30, A(0, 0, -18), () => 0, false, true));
// The same with the mesh's chin-dependent closed lips: the two effects meet.
scenarios['talking, nod chin-up 18°, mesh-like closed lips'] = seq(hold(60, A(0, 0, 0), () => 0), hold(60, A(0, 0, 0), talkJaw),
  hold(20, (k) => A(0, 0, ramp(0, -18, k, 20)), (k) => meshLikeJaw(ramp(0, -18, k, 20)) + talkJaw(60 + k)),
  hold(150, A(0, 0, -18), (k) => meshLikeJaw(-18) + talkJaw(80 + k), true), hold(30, A(0, 0, -18), () => meshLikeJaw(-18), false, true));
// A face that never talks: chin-down 25° held, then chin-up 18° held, closed lips read as the mesh reads them (the matrix's cost).
scenarios['closed mouth: chin-down 25° then chin-up 18°, mesh-like lips'] = seq(hold(60, A(0, 0, 0), () => 0),
  hold(15, (k) => A(0, 0, ramp(0, 25, k, 15)), (k) => meshLikeJaw(ramp(0, 25, k, 15))), hold(90, A(0, 0, 25), () => meshLikeJaw(25)),
  hold(25, (k) => A(0, 0, ramp(25, -18, k, 25)), (k) => meshLikeJaw(ramp(25, -18, k, 25))), hold(90, A(0, 0, -18), () => meshLikeJaw(-18), true, true));

const frames = (steps: Step[]) => jawFrames(steps);
function run(fr: ReturnType<typeof jawFrames>): (number | null)[] {
  const rec = new core.RecordingAnalyzer({ kind: 'anatomical' });
  for (const f of fr) rec.push(f);
  return rec.finish().frames.map((m) => m.flexionDeg);
}
const original = mouthMod.MouthFlexionCorrector.prototype.apply;
console.log(`core ${root}`);
console.log('scenario | with the correction: mean / worst error, RMS, largest step; corrected frames (|change| > 0.05°), largest change | switched off: mean / worst');
for (const [name, steps] of Object.entries(scenarios).filter(([n]) => n.includes(process.env.ONLY ?? ''))) {
  const fr = frames(steps);
  mouthMod.MouthFlexionCorrector.prototype.apply = original;
  const on = run(fr);
  mouthMod.MouthFlexionCorrector.prototype.apply = function (m) { return m; };
  const off = run(fr);
  mouthMod.MouthFlexionCorrector.prototype.apply = original;
  const stats = (out: (number | null)[]) => {
    // Against the closed-mouth reading of the scored posture (closedRef frames; their truth may differ from the scored frames' only by the mouth).
    const ref = steps.flatMap((s, k) => (s.closedRef ? [out[k]! - s.angles.flexionDeg] : []));
    const offset = ref.reduce((a, b) => a + b, 0) / ref.length;
    const sc = steps.flatMap((s, k) => (s.score ? [{ v: out[k]!, err: out[k]! - s.angles.flexionDeg - offset }] : []));
    const mean = sc.reduce((a, b) => a + b.err, 0) / sc.length;
    const mv = sc.reduce((a, b) => a + b.v, 0) / sc.length;
    const rms = Math.sqrt(sc.reduce((a, b) => a + (b.v - mv) ** 2, 0) / sc.length);
    let step = 0;
    for (let i = 1; i < sc.length; i++) step = Math.max(step, Math.abs(sc[i]!.v - sc[i - 1]!.v));
    return { mean, worst: Math.max(...sc.map((x) => Math.abs(x.err))), rms, step };
  };
  const a = stats(on), b = stats(off);
  const changed = on.map((v, k) => Math.abs(v! - off[k]!)).filter((d, k) => steps[k]!.score && d > 0.05);
  const closedChanged = on.map((v, k) => Math.abs(v! - off[k]!)).filter((d, k) => steps[k]!.closedRef && d > 0.05);
  console.log(`${name} | ${a.mean.toFixed(2)} / ${a.worst.toFixed(2)}, ${a.rms.toFixed(2)}, ${a.step.toFixed(2)}; scored ${changed.length}/${steps.filter((s) => s.score).length} max ${Math.max(0, ...changed).toFixed(2)}, closed-ref ${closedChanged.length} max ${Math.max(0, ...closedChanged).toFixed(2)} | ${b.mean.toFixed(2)} / ${b.worst.toFixed(2)}`);
}
