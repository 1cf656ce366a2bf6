/**
 * Motion scripts: what the phantom's head does over time, as pure functions t → pose, with the events
 * (jerks, tremor, holds, sensory-trick windows) that a measurement must recover.
 *
 * Angles are clinical (packages/core/src/pose/euler.ts, docs/clinical.md), relative to the phantom's rest
 * pose (the photograph's own pose, which a calibrated neutral measures):
 *   rotationDeg > 0 chin toward the patient's RIGHT shoulder (image left); tiltDeg > 0 right ear to right
 *   shoulder; flexionDeg > 0 chin down. lateralShiftCm > 0 head to the patient's right of the trunk;
 *   shoulderElevationDeg > 0 the patient's right shoulder higher.
 * Angles are against the phantom's anatomical zero (renderer r4: the canonical face square to the trunk,
 * level; docs/anatomical-zero.md), and the head's rotation and tilt are relative to the trunk, which a
 * script may turn or lean against the camera (`placement`), with the camera placed above or below eye level.
 * Most scripts start with ≥ 2 s at rest so an analyser can calibrate; the `start-…` scripts start in their
 * dystonic posture from frame 0 (no straight rest to calibrate on, as in a real exam video).
 *
 * Movements mimic what people with cervical dystonia show (docs/clinical.md): sustained postures with drift,
 * jerks (brief 10–20° deviations), head tremor at 1–8 Hz (often near 2 Hz and irregular, 0.5–5°),
 * a 60 s neutral hold with slow drift, a range-of-motion sweep, and a sensory trick (hand to the chin).
 * ref: Wissel J et al. / Shaikh AG et al. on dystonic head tremor; docs/clinical.md "Head tremor".
 */
import { AXES, type Axis } from '@geste/core';
import { seededRandom } from '@geste/core';

export const REST_MS = 2000;

export interface PoseSample {
  readonly rotationDeg: number;
  readonly tiltDeg: number;
  readonly flexionDeg: number;
  readonly lateralShiftCm: number;
  readonly shoulderElevationDeg: number;
  /** 0 = hand away, 1 = touching the chin. */
  readonly handPhase: number;
}

export interface JerkEvent {
  readonly axis: Axis;
  readonly startMs: number;
  readonly peakMs: number;
  readonly endMs: number;
  /** Signed deviation at the peak, added to the underlying posture (deg). */
  readonly peakDeg: number;
}

export interface TremorEvent {
  readonly axis: Axis;
  readonly startMs: number;
  readonly endMs: number;
  /** Centre frequency; the instantaneous frequency wanders around it by ± irregularity·frequencyHz. */
  readonly frequencyHz: number;
  /** Nominal peak amplitude (half the peak-to-peak), deg. */
  readonly amplitudeDeg: number;
  /** 0 = a pure sine; 0.15 = ±15 % frequency wander plus ±15 % amplitude wander. */
  readonly irregularity: number;
  /** Start phase (rad), seeded; set by the script builder. */
  readonly phaseRad?: number;
}

export interface HoldInterval {
  readonly kind: 'rest' | 'hold-neutral' | 'posture';
  readonly startMs: number;
  readonly endMs: number;
}

export interface TrickWindow {
  /** Hand starts moving toward the chin. */
  readonly approachStartMs: number;
  /** Hand touches the chin. */
  readonly touchStartMs: number;
  readonly touchEndMs: number;
  /** Hand gone. */
  readonly endMs: number;
}

export interface ScriptEvents {
  readonly jerks: readonly JerkEvent[];
  readonly tremors: readonly TremorEvent[];
  readonly holds: readonly HoldInterval[];
  readonly tricks: readonly TrickWindow[];
}

/** 'matrix': the short clips rendered per face × camera set-up (issue 13). */
export type PhantomSet = 'small' | 'full' | 'matrix';

/** How the trunk and camera sit for a whole clip (defaults: trunk square to a level camera ≈ at eye level, 40 cm). */
export interface ScriptPlacement {
  /** Trunk turned against the camera, deg (> 0 toward the patient's right). */
  readonly torsoYawDeg?: number;
  /** Trunk leaning, deg (> 0 toward the patient's right). */
  readonly torsoRollDeg?: number;
  /** Camera height against eye level (cm; −20 = below the eyes) and distance to the eyes (cm); aimed at the eyes. */
  readonly camera?: { readonly heightCm: number; readonly distanceCm: number };
}

export interface MotionScript {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly durationMs: number;
  /** Scripts in 'small' are also in 'full'. */
  readonly sets: readonly PhantomSet[];
  readonly events: ScriptEvents;
  /** Trunk and camera placement; absent = the default scene. */
  readonly placement?: ScriptPlacement;
  poseAt(tMs: number): PoseSample;
}

// ---------------------------------------------------------------------------------------------------
// Seeded PRNG: core's mulberry32 (one implementation for the whole project).
export const mulberry32 = seededRandom;

// ---------------------------------------------------------------------------------------------------
// Building blocks (pure).

/** Smooth (C1) interpolation through keyframes [tMs, value], constant before the first / after the last. */
export function keyframes(points: readonly (readonly [number, number])[]): (tMs: number) => number {
  return (tMs) => {
    if (points.length === 0) return 0;
    const first = points[0]!;
    if (tMs <= first[0]) return first[1];
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!, b = points[i]!;
      if (tMs <= b[0]) {
        const u = b[0] === a[0] ? 1 : (tMs - a[0]) / (b[0] - a[0]);
        const s = u * u * (3 - 2 * u);
        return a[1] + (b[1] - a[1]) * s;
      }
    }
    return points[points.length - 1]![1];
  };
}

/** Jerk shape: fast rise (40 % of the duration) to the peak, slower return; raised-cosine lobes. */
export function jerkOffset(j: JerkEvent, tMs: number): number {
  if (tMs <= j.startMs || tMs >= j.endMs) return 0;
  if (tMs <= j.peakMs) return j.peakDeg * 0.5 * (1 - Math.cos(Math.PI * (tMs - j.startMs) / (j.peakMs - j.startMs)));
  return j.peakDeg * 0.5 * (1 + Math.cos(Math.PI * (tMs - j.peakMs) / (j.endMs - j.peakMs)));
}

/**
 * Irregular tremor in closed form: frequency modulated by two slow incommensurate sinusoids
 * (f(t) = f0·(1 + ε·(0.6 cos(2π·0.23t + φ1) + 0.4 cos(2π·0.37t + φ2)))), amplitude likewise, with a
 * 300 ms fade in and out so the onset is not a step.
 */
export function tremorOffset(tr: TremorEvent, tMs: number, phase0 = 0): number {
  if (tMs <= tr.startMs || tMs >= tr.endMs) return 0;
  const t = (tMs - tr.startMs) / 1000;
  const e = tr.irregularity;
  const f0 = tr.frequencyHz;
  const fm1 = 0.23, fm2 = 0.37;
  const phase = 2 * Math.PI * f0 * t
    + e * f0 * (0.6 / fm1) * Math.sin(2 * Math.PI * fm1 * t + 1.1)
    + e * f0 * (0.4 / fm2) * Math.sin(2 * Math.PI * fm2 * t + 2.3) + phase0;
  const amp = tr.amplitudeDeg * (1 + e * Math.sin(2 * Math.PI * 0.17 * t + 0.4));
  const fadeMs = 300;
  const fade = Math.min(1, (tMs - tr.startMs) / fadeMs, (tr.endMs - tMs) / fadeMs);
  return amp * fade * Math.sin(phase);
}

/** Slow drift: sum of three low-frequency sinusoids (0.02–0.12 Hz) with seeded phases, peak ≈ amplitudeDeg. */
export function driftOffset(rand: () => number, amplitudeDeg: number): (tMs: number) => number {
  const comps = [0.021, 0.047, 0.113].map((f, i) => ({ f: f * (0.8 + 0.4 * rand()), ph: 2 * Math.PI * rand(), a: [0.55, 0.3, 0.15][i]! }));
  return (tMs) => amplitudeDeg * comps.reduce((s, c) => s + c.a * Math.sin(2 * Math.PI * c.f * tMs / 1000 + c.ph), 0);
}

/** Same offset at tMs = REST_MS is subtracted, and the drift is faded in, so the rest stays at zero. */
function fadeIn(f: (tMs: number) => number, startMs: number, rampMs: number): (tMs: number) => number {
  const f0 = f(startMs);
  return (tMs) => {
    if (tMs <= startMs) return 0;
    const u = Math.min(1, (tMs - startMs) / rampMs);
    return (f(tMs) - f0 * (1 - u)) * u;
  };
}

// ---------------------------------------------------------------------------------------------------
// Script assembly.

interface Spec {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly durationMs: number;
  readonly sets: readonly PhantomSet[];
  readonly base?: Partial<Record<Axis | 'lateralShiftCm' | 'shoulderElevationDeg' | 'handPhase', readonly (readonly [number, number])[]>>;
  readonly drift?: Partial<Record<Axis, number>>;
  readonly jerks?: readonly JerkEvent[];
  readonly tremors?: readonly TremorEvent[];
  readonly holds?: readonly HoldInterval[];
  readonly tricks?: readonly TrickWindow[];
  readonly placement?: ScriptPlacement;
}

function build(spec: Spec): MotionScript {
  const rand = mulberry32(spec.seed);
  const chan = (k: keyof NonNullable<Spec['base']>): ((t: number) => number) => keyframes(spec.base?.[k] ?? [[0, 0]]);
  const baseFns = {
    rotationDeg: chan('rotationDeg'), tiltDeg: chan('tiltDeg'), flexionDeg: chan('flexionDeg'),
    lateralShiftCm: chan('lateralShiftCm'), shoulderElevationDeg: chan('shoulderElevationDeg'), handPhase: chan('handPhase'),
  };
  const driftFns = Object.fromEntries(AXES.map((a) => {
    const amp = spec.drift?.[a] ?? 0;
    return [a, amp === 0 ? () => 0 : fadeIn(driftOffset(rand, amp), REST_MS, 3000)];
  })) as Record<Axis, (t: number) => number>;
  const jerks = spec.jerks ?? [];
  const tremors: TremorEvent[] = (spec.tremors ?? []).map((tr) => ({ ...tr, phaseRad: tr.phaseRad ?? 2 * Math.PI * rand() }));
  const axisValue = (a: Axis, tMs: number): number => {
    let v = baseFns[a](tMs) + driftFns[a](tMs);
    for (const j of jerks) if (j.axis === a) v += jerkOffset(j, tMs);
    for (const tr of tremors) if (tr.axis === a) v += tremorOffset(tr, tMs, tr.phaseRad);
    return v;
  };
  const holds = spec.holds ?? [{ kind: 'rest' as const, startMs: 0, endMs: REST_MS }];
  return {
    name: spec.name,
    description: spec.description,
    seed: spec.seed,
    durationMs: spec.durationMs,
    sets: spec.sets,
    events: { jerks, tremors, holds, tricks: spec.tricks ?? [] },
    ...(spec.placement ? { placement: spec.placement } : {}),
    poseAt(tMs: number): PoseSample {
      return {
        rotationDeg: axisValue('rotationDeg', tMs),
        tiltDeg: axisValue('tiltDeg', tMs),
        flexionDeg: axisValue('flexionDeg', tMs),
        lateralShiftCm: baseFns.lateralShiftCm(tMs),
        shoulderElevationDeg: baseFns.shoulderElevationDeg(tMs),
        handPhase: Math.max(0, Math.min(1, baseFns.handPhase(tMs))),
      };
    },
  };
}

const R = REST_MS;
const rest = (endMs = R): HoldInterval => ({ kind: 'rest', startMs: 0, endMs });

/** Seeded jerk train: n jerks on the given axes, 10–20° peaks, 150–300 ms long, ≥ minGapMs apart. */
export function jerkTrain(seed: number, n: number, fromMs: number, toMs: number, axes: readonly Axis[], minGapMs = 1500): JerkEvent[] {
  const rand = mulberry32(seed);
  const out: JerkEvent[] = [];
  const slot = (toMs - fromMs) / n;
  for (let i = 0; i < n; i++) {
    const dur = 150 + 150 * rand();
    const start = fromMs + i * slot + (slot - dur - minGapMs / 2) * rand() * 0.8 + minGapMs / 4;
    const mag = 10 + 10 * rand();
    const sign = rand() < 0.5 ? -1 : 1;
    const axis = axes[Math.floor(rand() * axes.length) % axes.length]!;
    out.push({ axis, startMs: Math.round(start), peakMs: Math.round(start + 0.4 * dur), endMs: Math.round(start + dur), peakDeg: Math.round(sign * mag * 10) / 10 });
  }
  return out;
}

function tremorScript(name: string, seed: number, axis: Axis, frequencyHz: number, amplitudeDeg: number, irregularity: number, durationMs: number, sets: PhantomSet[], posture: Partial<Record<Axis, number>> = {}): Spec {
  const base: Record<string, [number, number][]> = {};
  for (const [a, v] of Object.entries(posture)) base[a] = [[R, 0], [R + 1000, v]];
  return {
    name, seed, durationMs, sets,
    description: `head tremor on ${axis} at ${frequencyHz} Hz, ${amplitudeDeg}° peak, irregularity ${irregularity}`,
    base,
    tremors: [{ axis, startMs: R + 1000, endMs: durationMs, frequencyHz, amplitudeDeg, irregularity }],
    holds: [rest()],
  };
}

const SPECS: Spec[] = [
  // ---- small set: short clips (≤ 6 s; the tremor clip 12 s) for tests ----
  {
    name: 'small-rotation-right-30', seed: 101, durationMs: 6000, sets: ['small', 'full'],
    description: 'rest, turn to +30° (chin to the right shoulder), hold, return',
    base: { rotationDeg: [[R, 0], [R + 1000, 30], [R + 3000, 30], [R + 4000, 0]] },
    holds: [rest(), { kind: 'posture', startMs: R + 1000, endMs: R + 3000 }],
  },
  {
    name: 'small-rotation-left-60', seed: 102, durationMs: 6000, sets: ['small', 'full'],
    description: 'rest, turn to −60° (chin to the left shoulder) through the 45–60° band, back',
    base: { rotationDeg: [[R, 0], [R + 2000, -60], [R + 2800, -60], [R + 4000, 0]] },
    holds: [rest(), { kind: 'posture', startMs: R + 2000, endMs: R + 2800 }],
  },
  {
    name: 'small-tilt-flexion', seed: 103, durationMs: 6000, sets: ['small', 'full', 'matrix'],
    description: 'rest, tilt to +25°, then chin down +25°, then chin up −20°',
    base: {
      tiltDeg: [[R, 0], [R + 1000, 25], [R + 1800, 25], [R + 2400, 0]],
      flexionDeg: [[R + 2000, 0], [R + 2800, 25], [R + 3300, 25], [R + 3700, -20], [R + 4000, -20]],
    },
  },
  {
    // 12 s, not 6: Geste's tremor spectrum needs ≥ 8 s of continuous signal (core signal/tremor.ts segmentS).
    name: 'small-tremor-yaw-2hz', seed: 104, durationMs: 12000, sets: ['small', 'full', 'matrix'],
    description: 'rest, then a 2 Hz rotation tremor, 3° peak, slightly irregular',
    tremors: [{ axis: 'rotationDeg', startMs: R, endMs: 12000, frequencyHz: 2, amplitudeDeg: 3, irregularity: 0.05 }],
  },
  {
    name: 'small-jerks', seed: 105, durationMs: 6000, sets: ['small', 'full', 'matrix'],
    description: 'rest, then three jerks (rotation +15°, tilt −12°, flexion +18°)',
    jerks: [
      { axis: 'rotationDeg', startMs: 2400, peakMs: 2480, endMs: 2600, peakDeg: 15 },
      { axis: 'tiltDeg', startMs: 3600, peakMs: 3700, endMs: 3850, peakDeg: -12 },
      { axis: 'flexionDeg', startMs: 4800, peakMs: 4900, endMs: 5100, peakDeg: 18 },
    ],
  },
  // ---- anatomical zero (issue 12): no straight rest to calibrate on; trunk and camera placed ----
  {
    name: 'small-start-torticollis-right-30', seed: 106, durationMs: 4000, sets: ['small', 'full'],
    description: 'rests in 30° right torticollis from the first frame (slight drift, 1° 2 Hz tremor); no straight rest',
    base: { rotationDeg: [[0, 30], [2000, 31], [4000, 29.5]], tiltDeg: [[0, 2], [4000, 1]] },
    tremors: [{ axis: 'rotationDeg', startMs: 0, endMs: 4000, frequencyHz: 2, amplitudeDeg: 1, irregularity: 0.05 }],
    holds: [{ kind: 'posture', startMs: 0, endMs: 4000 }],
  },
  {
    name: 'small-trunk-turned-15', seed: 107, durationMs: 3000, sets: ['small', 'full'],
    description: 'trunk turned 15° to the right of the camera, head straight on the trunk (truth 0°)',
    holds: [{ kind: 'rest', startMs: 0, endMs: 3000 }],
    placement: { torsoYawDeg: 15 },
  },
  {
    name: 'small-camera-below-20', seed: 108, durationMs: 3000, sets: ['small', 'full'],
    description: 'camera 20 cm below eye level at 50 cm, aimed up at the face; head straight',
    holds: [{ kind: 'rest', startMs: 0, endMs: 3000 }],
    placement: { camera: { heightCm: -20, distanceCm: 50 } },
  },
  {
    name: 'small-camera-above-15-far', seed: 109, durationMs: 3000, sets: ['small', 'full'],
    description: 'camera 15 cm above eye level at 90 cm, aimed down; trunk leaning 5° left; head tilted 12° right, chin down 10°',
    base: { tiltDeg: [[0, 12]], flexionDeg: [[0, 10]] },
    holds: [{ kind: 'posture', startMs: 0, endMs: 3000 }],
    placement: { camera: { heightCm: 15, distanceCm: 90 }, torsoRollDeg: -5 },
  },
  // ---- full set ----
  {
    name: 'torticollis-right-drift', seed: 201, durationMs: 20000, sets: ['full'],
    description: 'sustained rotation to +40° that drifts back toward +25° with corrections',
    base: { rotationDeg: [[R, 0], [R + 2000, 40], [R + 6000, 33], [R + 8000, 38], [R + 13000, 25], [R + 15000, 36], [R + 17000, 30]] },
    drift: { tiltDeg: 2, flexionDeg: 2 },
    holds: [rest(), { kind: 'posture', startMs: R + 2000, endMs: 20000 }],
  },
  {
    name: 'torticollis-left', seed: 202, durationMs: 14000, sets: ['full'],
    description: 'sustained rotation to −35° with slow drift',
    base: { rotationDeg: [[R, 0], [R + 2000, -35], [R + 8000, -28], [R + 11000, -36]] },
    drift: { rotationDeg: 3, tiltDeg: 1.5 },
    holds: [rest(), { kind: 'posture', startMs: R + 2000, endMs: 14000 }],
  },
  {
    name: 'laterocollis-right-shoulder', seed: 203, durationMs: 14000, sets: ['full'],
    description: 'tilt +25° with the right shoulder raised 8° and the head shifted 2 cm right',
    base: {
      tiltDeg: [[R, 0], [R + 2000, 25], [R + 9000, 20], [R + 11000, 26]],
      shoulderElevationDeg: [[R, 0], [R + 2000, 8]],
      lateralShiftCm: [[R, 0], [R + 2000, 2]],
    },
    holds: [rest(), { kind: 'posture', startMs: R + 2000, endMs: 14000 }],
  },
  {
    name: 'laterocollis-left', seed: 204, durationMs: 12000, sets: ['full'],
    description: 'tilt −20° with drift',
    base: { tiltDeg: [[R, 0], [R + 2000, -20], [R + 7000, -15], [R + 9000, -22]] },
    drift: { rotationDeg: 2 },
  },
  {
    name: 'anterocollis', seed: 205, durationMs: 12000, sets: ['full'],
    description: 'chin down +30° with drift back toward +20°',
    base: { flexionDeg: [[R, 0], [R + 2000, 30], [R + 7000, 20], [R + 9000, 28]] },
    drift: { rotationDeg: 2 },
  },
  {
    name: 'retrocollis', seed: 206, durationMs: 12000, sets: ['full'],
    description: 'chin up −25°',
    base: { flexionDeg: [[R, 0], [R + 2000, -25], [R + 7000, -18], [R + 9000, -27]] },
  },
  {
    name: 'combined-posture', seed: 207, durationMs: 15000, sets: ['full'],
    description: 'rotation +30°, tilt +15°, flexion +10°, shift 1.5 cm right, right shoulder up 6°',
    base: {
      rotationDeg: [[R, 0], [R + 2500, 30], [R + 9000, 24], [R + 12000, 32]],
      tiltDeg: [[R, 0], [R + 2500, 15]],
      flexionDeg: [[R, 0], [R + 2500, 10], [R + 10000, 14]],
      lateralShiftCm: [[R, 0], [R + 2500, 1.5]],
      shoulderElevationDeg: [[R, 0], [R + 2500, 6]],
    },
    drift: { tiltDeg: 2 },
  },
  {
    name: 'jerks-train', seed: 208, durationMs: 30000, sets: ['full'],
    description: '12 jerks of 10–20° on random axes over a mild +10° rotation',
    base: { rotationDeg: [[R, 0], [R + 1500, 10]] },
    jerks: jerkTrain(208, 12, R + 2500, 29500, AXES),
  },
  tremorScript('tremor-yaw-2hz-irregular', 209, 'rotationDeg', 2.0, 2.0, 0.15, 20000, ['full']),
  tremorScript('tremor-pitch-3.5hz', 210, 'flexionDeg', 3.5, 1.5, 0.1, 15000, ['full']),
  tremorScript('tremor-roll-5hz', 211, 'tiltDeg', 5.0, 1.0, 0.1, 15000, ['full']),
  tremorScript('tremor-yaw-1.2hz-large-on-posture', 212, 'rotationDeg', 1.2, 5.0, 0.15, 20000, ['full'], { rotationDeg: 25 }),
  tremorScript('tremor-pitch-7hz-small', 213, 'flexionDeg', 7.0, 0.5, 0.05, 15000, ['full']),
  {
    name: 'hold-neutral-60s', seed: 214, durationMs: 62000, sets: ['full'],
    description: '60 s "hold neutral" with slow drift and two excursions beyond 10°',
    base: { rotationDeg: [[R, 0], [20000, 0], [22000, 14], [26000, 13], [28000, 0], [45000, 0], [46500, -12], [49000, -11], [50500, 0]] },
    drift: { rotationDeg: 4, tiltDeg: 3, flexionDeg: 3 },
    holds: [rest(), { kind: 'hold-neutral', startMs: R, endMs: 62000 }],
  },
  {
    name: 'range-of-motion-sweep', seed: 215, durationMs: 40000, sets: ['full'],
    description: 'full range: rotation ±80°, tilt ±40°, flexion +45°/−40°',
    base: {
      rotationDeg: [[R, 0], [R + 4000, 80], [R + 5000, 80], [R + 12000, -80], [R + 13000, -80], [R + 16000, 0]],
      tiltDeg: [[R + 16000, 0], [R + 19000, 40], [R + 20000, 40], [R + 25000, -40], [R + 26000, -40], [R + 28000, 0]],
      flexionDeg: [[R + 28000, 0], [R + 30500, 45], [R + 31000, 45], [R + 35000, -40], [R + 36000, -40], [R + 38000, 0]],
    },
  },
  {
    name: 'sensory-trick-chin', seed: 216, durationMs: 20000, sets: ['full'],
    description: 'posture +35°; the right hand touches the chin and the posture eases to +10°; hand leaves, posture returns',
    base: {
      rotationDeg: [[R, 0], [R + 2000, 35], [7500, 35], [9500, 10], [12500, 10], [15000, 33]],
      handPhase: [[6000, 0], [7500, 1], [12500, 1], [14000, 0]],
    },
    drift: { rotationDeg: 2 },
    tricks: [{ approachStartMs: 6000, touchStartMs: 7500, touchEndMs: 12500, endMs: 14000 }],
  },
  // ---- matrix set (issue 13): short clips for every face × camera set-up: the edges of all three axes,
  // the return from a far turn, a combined posture with extension, a tremor at the 4.5 Hz band edge ----
  {
    name: 'edge-tilt-flexion-40', seed: 301, durationMs: 12000, sets: ['matrix', 'full'],
    description: 'tilt to +40°, hold, to −40°, hold; chin down +40°, hold, chin up −35°, hold (the 30–45° bands)',
    base: {
      tiltDeg: [[R, 0], [R + 1500, 40], [R + 2300, 40], [R + 3800, -40], [R + 4600, -40], [R + 5800, 0]],
      flexionDeg: [[R + 5800, 0], [R + 7000, 40], [R + 7600, 40], [R + 8800, -35], [R + 9400, -35], [R + 10000, 0]],
    },
    holds: [rest(), { kind: 'posture', startMs: R + 1500, endMs: R + 2300 }, { kind: 'posture', startMs: R + 3800, endMs: R + 4600 },
      { kind: 'posture', startMs: R + 7000, endMs: R + 7600 }, { kind: 'posture', startMs: R + 8800, endMs: R + 9400 }],
  },
  {
    name: 'far-turn-return-70', seed: 302, durationMs: 9000, sets: ['matrix', 'full'],
    description: 'turn to −70°, hold 1 s, back to neutral; to +70°, hold 1 s, back (collapse and re-entry)',
    base: { rotationDeg: [[R, 0], [R + 1200, -70], [R + 2200, -70], [R + 3200, 0], [R + 3700, 0], [R + 4900, 70], [R + 5900, 70], [R + 6900, 0]] },
    holds: [rest(), { kind: 'posture', startMs: R + 1200, endMs: R + 2200 }, { kind: 'posture', startMs: R + 4900, endMs: R + 5900 }],
  },
  {
    name: 'combined-extension', seed: 303, durationMs: 8000, sets: ['matrix', 'full'],
    description: 'rotation −35°, tilt +20°, chin up −15°, held',
    base: { rotationDeg: [[R, 0], [R + 1500, -35]], tiltDeg: [[R, 0], [R + 1500, 20]], flexionDeg: [[R, 0], [R + 1500, -15]] },
    holds: [rest(), { kind: 'posture', startMs: R + 1500, endMs: 8000 }],
  },
  tremorScript('tremor-roll-4.5hz', 304, 'tiltDeg', 4.5, 1.5, 0.1, 12000, ['matrix', 'full']),
  {
    // The 60 s hold compressed to 20 s (time in neutral per face at a third of the frames): the same two
    // excursions past 10° (four crossings of the zone edge) and drift on every axis. Scored pro rata (2 s per minute).
    name: 'hold-neutral-20s', seed: 305, durationMs: 20000, sets: ['matrix'],
    description: '20 s "hold neutral" with slow drift and two excursions beyond 10° (+14°, −12°)',
    base: { rotationDeg: [[R, 0], [6000, 0], [7500, 14], [10000, 13], [11500, 0], [14000, 0], [15000, -12], [17000, -11], [18000, 0]] },
    drift: { rotationDeg: 4, tiltDeg: 3, flexionDeg: 3 },
    holds: [rest(), { kind: 'hold-neutral', startMs: R, endMs: 20000 }],
  },
];

export const SCRIPTS: readonly MotionScript[] = SPECS.map(build);

export function scriptsInSet(set: PhantomSet): MotionScript[] {
  return SCRIPTS.filter((s) => s.sets.includes(set));
}

export function findScript(name: string): MotionScript | undefined {
  return SCRIPTS.find((s) => s.name === name);
}

/**
 * Issue 12's clips rest in their posture from the first frame or place the trunk and camera: calibrating on their first
 * seconds would erase exactly what they test, so the bench analyses them against the anatomical zero (the CLI's
 * default) and keeps them out of the calibrated tables.
 */
export function startsOffNeutral(s: MotionScript | undefined): boolean {
  return s !== undefined && (s.placement !== undefined || s.events.holds[0]?.kind === 'posture' || s.name.includes('start-'));
}
