/**
 * Real photographs as test clips with EXACT in-plane tilt truth (issue 13, session 7).
 *
 * A photograph cannot turn or nod, but rotating it in the image plane is a roll about the camera's optical
 * axis, known exactly. The clip: the photo (clipped to its own rectangle, grey around it) scaled so its face
 * has a chosen height, the face centred in the frame (so the vertical viewing-ray correction stays ≈ 0), rolled
 * by ffmpeg's `rotate` about the face, then camera effects and H.264. Used by `bench/realfaces.ts` and by
 * `apps/cli/test/realFaceTilt.int.test.ts` (the same schedule, truth and scoring).
 *
 * Truth. ffmpeg's `rotate` angle is clockwise on screen; +tilt (right ear to the right shoulder, patient's
 * view, camera not mirrored) moves the top of the head to the image left, counter-clockwise (euler.ts). So
 * `rotate = −tilt`. A roll of the camera image is a left product in the camera frame: with the 0° hold's
 * reading Q0 (the photo's own posture: a face may be turned or tilted in its photo), the truth at roll τ is
 * `angles(Rz(−τ) · Q0)`, where Rz(−τ) = headRotationMatrix({tilt τ}). For a frontal face that is
 * (rotation0, flexion0, tilt0 + τ); for a turned face the roll also moves rotation and flexion a little, and
 * this composition says how much. Errors are measured minus that truth.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type FrameMeasure,
  type HeadAngles,
  anglesFromRotationMatrix,
  headRotationMatrix,
  mat3Multiply,
} from '@geste/core';

const run = promisify(execFile);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HUMAN = join(ROOT, 'node_modules/@vladmandic/human/assets');
const PHANTOM = join(ROOT, 'packages/phantom/assets/faces');

/** A real photograph and where its face is (pixels of the file). */
export interface PhotoFace {
  readonly id: string;
  readonly path: string;
  /** The photograph's own rectangle inside the file [x, y, w, h] (screenshots hold several photos). */
  readonly rectPx: readonly [number, number, number, number];
  /** Face centre (between brows and chin) and its brow-to-chin height, px in the file. */
  readonly centrePx: readonly [number, number];
  readonly faceHeightPx: number;
}

/** Faces: who, where, licence. Coordinates read off the files by eye (face centre, brow-to-chin height). */
export const REAL_FACES: readonly (PhotoFace & { who: string; source: string })[] = [
  { id: 'astronaut', path: join(PHANTOM, 'astronaut.png'), rectPx: [0, 0, 512, 512], centrePx: [225, 122], faceHeightPx: 104, who: 'woman ≈ 40, light skin, frontal', source: 'NASA, public domain' },
  { id: 'hopper', path: join(PHANTOM, 'hopper.png'), rectPx: [0, 0, 512, 600], centrePx: [260, 232], faceHeightPx: 202, who: 'woman ≈ 78, glasses, light skin, frontal', source: 'US Navy, public domain' },
  { id: 'webcam-man', path: join(HUMAN, 'screenshot-faceid.jpg'), rectPx: [14, 141, 139, 140], centrePx: [82, 219], faceHeightPx: 72, who: 'man ≈ 45, stubble, light skin, a real webcam frame', source: 'Human assets, licence unknown' },
  { id: 'darkhair-woman', path: join(HUMAN, 'screenshot-facedetect.jpg'), rectPx: [164, 345, 150, 152], centrePx: [240, 415], faceHeightPx: 67, who: 'woman ≈ 25, light skin, own tilt', source: 'Human assets, licence unknown' },
  { id: 'brown-woman', path: join(HUMAN, 'screenshot-facematch.jpg'), rectPx: [321, 620, 105, 107], centrePx: [375, 682], faceHeightPx: 53, who: 'woman ≈ 30, brown skin, looking down', source: 'Human assets, licence unknown' },
  { id: 'asian-woman', path: join(HUMAN, 'screenshot-facematch.jpg'), rectPx: [425, 845, 106, 106], centrePx: [480, 895], faceHeightPx: 60, who: 'woman ≈ 28, East Asian', source: 'Human assets, licence unknown' },
  { id: 'bald-man', path: join(HUMAN, 'screenshot-facematch.jpg'), rectPx: [533, 845, 105, 106], centrePx: [590, 901], faceHeightPx: 57, who: 'man ≈ 55, bald, moustache, light skin', source: 'Human assets, licence unknown' },
  { id: 'brown-man', path: join(HUMAN, 'screenshot-facematch.jpg'), rectPx: [640, 845, 104, 106], centrePx: [687, 898], faceHeightPx: 55, who: 'man ≈ 30, brown skin, smiling', source: 'Human assets, licence unknown' },
  { id: 'samples-woman', path: join(HUMAN, 'samples.jpg'), rectPx: [165, 0, 148, 157], centrePx: [230, 45], faceHeightPx: 33, who: 'woman, turned ≈ 28° (2nd thumbnail; may be a computer rendering)', source: 'Human assets, licence unknown' },
  { id: 'suit-man', path: join(HUMAN, 'samples.jpg'), rectPx: [326, 0, 205, 157], centrePx: [448, 37], faceHeightPx: 30, who: 'man ≈ 35, light skin, small in the photo (3rd thumbnail)', source: 'Human assets, licence unknown' },
];

/** A camera set-up for a clip. */
export interface CameraSetup {
  readonly id: string;
  readonly widthPx: number;
  readonly heightPx: number;
  readonly fps: number;
  /** Brow-to-chin height of the face as a share of the frame height (0.28 ≈ 50 cm from a 60° webcam). */
  readonly faceShare: number;
  /** ffmpeg filters applied after framing (light, noise, blur); empty = none. */
  readonly effects: string;
  /** H.264 rate control: 'crf18' (clean) or a bit-rate in kbit/s. */
  readonly rate: 'crf18' | number;
}

export const BASE_SETUP: CameraSetup = { id: 'webcam-640-30', widthPx: 640, heightPx: 480, fps: 30, faceShare: 0.28, effects: '', rate: 'crf18' };

export const CAMERA_SETUPS: readonly CameraSetup[] = [
  BASE_SETUP,
  { ...BASE_SETUP, id: 'hd-1280-30', widthPx: 1280, heightPx: 720 },
  { ...BASE_SETUP, id: 'webcam-640-15', fps: 15 },
  // Face 0.14 of the frame height ≈ 1 m from a 60° webcam; 0.45 ≈ 30 cm (a phone held close).
  { ...BASE_SETUP, id: 'far-1m', faceShare: 0.14 },
  { ...BASE_SETUP, id: 'near-30cm', faceShare: 0.45 },
  // Light at 35 % (a dim room; no extra noise: that is its own set-up).
  { ...BASE_SETUP, id: 'dim', effects: 'lutrgb=r=val*0.35:g=val*0.35:b=val*0.35' },
  { ...BASE_SETUP, id: 'warm', effects: 'colorbalance=rs=0.25:gs=0.05:bs=-0.3:rm=0.15:bm=-0.2' },
  { ...BASE_SETUP, id: 'noise', effects: 'noise=alls=20:allf=t+u' },
  { ...BASE_SETUP, id: 'h264-250k', rate: 250 },
  { ...BASE_SETUP, id: 'blur', effects: 'gblur=sigma=1.5' },
];

/** One stretch of the roll schedule: from `fromDeg` to `toDeg` over `durationS` (cosine ease), or a hold. */
export interface RollStep {
  readonly durationS: number;
  readonly toDeg: number;
  /** A hold (the angle stays at toDeg); holds are where the per-level table is read. */
  readonly hold: boolean;
}

/** Holds at 0, +10…+40, 0, −10…−40, 0 (0.8 s, 10°-steps in 0.4 s), then a slow sweep 0 → +45° (10°/s). */
export function standardRollSchedule(holdS = 0.8, stepS = 0.4): RollStep[] {
  const steps: RollStep[] = [{ durationS: 1.5, toDeg: 0, hold: true }];
  for (const side of [1, -1]) {
    for (const a of [10, 20, 30, 40]) steps.push({ durationS: stepS, toDeg: side * a, hold: false }, { durationS: holdS, toDeg: side * a, hold: true });
    steps.push({ durationS: 1.5, toDeg: 0, hold: false }, { durationS: holdS, toDeg: 0, hold: true });
  }
  steps.push({ durationS: 4.5, toDeg: 45, hold: false }, { durationS: 0.5, toDeg: 45, hold: true });
  return steps;
}

/** Short schedule for the test: holds at 0, +20, +40, 0, −20, −40 (1 s each, 0.5 s steps). */
export function shortRollSchedule(): RollStep[] {
  const steps: RollStep[] = [{ durationS: 1.2, toDeg: 0, hold: true }];
  for (const side of [1, -1]) {
    for (const a of [20, 40]) steps.push({ durationS: 0.5, toDeg: side * a, hold: false }, { durationS: 1, toDeg: side * a, hold: true });
    if (side === 1) steps.push({ durationS: 1, toDeg: 0, hold: false }, { durationS: 0.6, toDeg: 0, hold: true });
  }
  return steps;
}

export function scheduleDurationS(steps: readonly RollStep[]): number {
  return steps.reduce((s, x) => s + x.durationS, 0);
}

/** The truth roll (clinical tilt, deg) at time tS, and the hold it lies in (or null while moving). */
export function rollAt(steps: readonly RollStep[], tS: number): { tiltDeg: number; holdDeg: number | null; sinceHoldStartS: number } {
  let t0 = 0;
  let from = 0;
  for (const s of steps) {
    if (tS < t0 + s.durationS) {
      if (s.hold) return { tiltDeg: s.toDeg, holdDeg: s.toDeg, sinceHoldStartS: tS - t0 };
      const u = (tS - t0) / s.durationS;
      return { tiltDeg: from + ((s.toDeg - from) * (1 - Math.cos(Math.PI * u))) / 2, holdDeg: null, sinceHoldStartS: 0 };
    }
    t0 += s.durationS;
    from = s.toDeg;
  }
  const last = steps.at(-1)!;
  return { tiltDeg: last.toDeg, holdDeg: last.hold ? last.toDeg : null, sinceHoldStartS: 0 };
}

/** The same schedule as an ffmpeg expression in t (radians, ffmpeg's clockwise sign: −tilt). */
export function rollExpression(steps: readonly RollStep[]): string {
  let t0 = 0;
  let from = 0;
  const parts: { endS: number; expr: string }[] = [];
  for (const s of steps) {
    const f = from.toFixed(3);
    const d = (s.toDeg - from).toFixed(3);
    const expr = s.hold ? `${s.toDeg.toFixed(3)}` : `(${f}+(${d})*(1-cos(PI*(t-${t0.toFixed(4)})/${s.durationS.toFixed(4)}))/2)`;
    t0 += s.durationS;
    parts.push({ endS: t0, expr });
    from = s.toDeg;
  }
  let e = parts.at(-1)!.expr;
  for (let i = parts.length - 2; i >= 0; i--) e = `if(lt(t\\,${parts[i]!.endS.toFixed(4)})\\,${parts[i]!.expr}\\,${e})`;
  return `-(${e})*PI/180`;
}

export type Motion = { kind: 'roll'; steps: readonly RollStep[] } | { kind: 'still'; durationS: number } | { kind: 'pan'; durationS: number };

/** Builds one clip from a photo with ffmpeg; returns nothing (writes `outPath`). */
export async function buildPhotoClip(ffmpeg: string, face: PhotoFace, setup: CameraSetup, motion: Motion, outPath: string): Promise<void> {
  const { widthPx: W, heightPx: H, fps } = setup;
  const targetFacePx = setup.faceShare * H;
  const scale = targetFacePx / face.faceHeightPx;
  const [rx, ry, rw, rh] = face.rectPx;
  // The photo clipped to its rectangle, on a grey field large enough for any crop around the face.
  const pad = Math.ceil(Math.max(rw, rh) * 2);
  const cx = face.centrePx[0] - rx + pad;
  const cy = face.centrePx[1] - ry + pad;
  // Region around the face kept from the photo: 7 face heights square (grey where the photo ends).
  const canvas = even(Math.hypot(W, H) + 0.5 * W);
  const side = even(Math.min(7 * face.faceHeightPx, canvas / scale));
  const scaled = Math.min(even(side * scale), canvas);
  const panX = motion.kind === 'pan' ? `+${(W / 8).toFixed(1)}*sin(2*PI*t/2)` : '';
  const panY = motion.kind === 'pan' ? `+${(H / 24).toFixed(1)}*sin(2*PI*t)` : '';
  const angle = motion.kind === 'roll' ? rollExpression(motion.steps) : '0';
  const durationS = motion.kind === 'roll' ? scheduleDurationS(motion.steps) : motion.durationS;
  const filters = [
    `crop=${rw}:${rh}:${rx}:${ry}`,
    `pad=iw+${2 * pad}:ih+${2 * pad}:${pad}:${pad}:color=0x808080`,
    `crop=${side}:${side}:${(cx - side / 2).toFixed(0)}:${(cy - side / 2).toFixed(0)}`,
    `scale=${scaled}:${scaled}:flags=lanczos`,
    `pad=${canvas}:${canvas}:(ow-iw)/2:(oh-ih)/2:color=0x808080`,
    `rotate=a='${angle}':c=0x808080`,
    `crop=${W}:${H}:x='(iw-${W})/2${panX}':y='(ih-${H})/2${panY}'`,
    ...(setup.effects ? [setup.effects] : []),
    'format=yuv420p',
  ].join(',');
  const rate = setup.rate === 'crf18' ? ['-crf', '18'] : ['-b:v', `${setup.rate}k`, '-maxrate', `${setup.rate}k`, '-bufsize', `${setup.rate}k`];
  await run(ffmpeg, ['-v', 'error', '-y', '-nostdin', '-loop', '1', '-framerate', String(fps), '-i', face.path, '-vf', filters,
    '-t', durationS.toFixed(3), '-r', String(fps), '-c:v', 'libx264', '-preset', 'veryfast', ...rate, '-g', String(2 * fps), outPath], { maxBuffer: 1 << 24 });
}

function even(x: number): number {
  return 2 * Math.round(x / 2);
}

/** One frame as scored: what the CLI's analysis said. */
export interface ScoredFrame {
  readonly tS: number;
  readonly state: FrameMeasure['state'];
  readonly rotationDeg: number | null;
  readonly tiltDeg: number | null;
  readonly flexionDeg: number | null;
  readonly tiltFrame: string | null;
  /** Why not (fully) measurable, when the analysis said. */
  readonly reasons?: readonly string[];
}

export function toScoredFrames(frames: readonly FrameMeasure[]): ScoredFrame[] {
  return frames.map((f) => ({
    tS: f.timestampMs / 1000,
    state: f.state,
    rotationDeg: f.rotationDeg,
    tiltDeg: f.tiltDeg,
    flexionDeg: f.flexionDeg,
    tiltFrame: f.reference?.tiltDeg.frame ?? null,
    ...(f.reasons.length ? { reasons: f.reasons } : {}),
  }));
}

export const TILT_BANDS = [
  { name: '0–15°', lo: 0, hi: 15 },
  { name: '15–30°', lo: 15, hi: 30 },
  { name: '30–45°', lo: 30, hi: 45.01 },
] as const;

export interface BandScore {
  readonly band: string;
  readonly frames: number;
  /** Frames with a tilt value (measured or low confidence). */
  readonly withValue: number;
  readonly notMeasurablePct: number;
  readonly lowConfidencePct: number;
  readonly tiltMaeDeg: number | null;
  readonly tiltMaxDeg: number | null;
  /** Frames with a value > 5° off; of them, not flagged (state 'measured'). */
  readonly over5: number;
  readonly over5Unflagged: number;
  readonly over10: number;
  /** Cross-talk: |rotation − truth| and |flexion − truth| (truth = the 0° hold's, composed with the roll). */
  readonly rotationMaeDeg: number | null;
  readonly rotationMaxDeg: number | null;
  readonly flexionMaeDeg: number | null;
  readonly flexionMaxDeg: number | null;
}

export interface RollScore {
  /** The 0° holds' median reading (the photo's own posture; every 0° hold, from 0.3 s in); null when the face was not measured there. */
  readonly baseline: HeadAngles | null;
  readonly bands: readonly BandScore[];
  /** Median tilt error per hold level (frames ≥ 0.2 s into the hold), with the share of hold frames without a value. */
  readonly holds: readonly { holdDeg: number; medianTiltErrDeg: number | null; medianRotationErrDeg: number | null; medianFlexionErrDeg: number | null; noValuePct: number }[];
  /** Frames by the tilt's stated reference (trunk / camera / none). */
  readonly tiltReference: Readonly<Record<string, number>>;
  /** Least-squares slope of each axis's error on the roll over settled hold frames, ° per 10° of roll (0 = no cross-talk, no gain error). */
  readonly slopePer10Deg: Readonly<Record<'tilt' | 'rotation' | 'flexion', number | null>>;
}

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const maxOf = (xs: readonly number[]): number | null => (xs.length ? Math.max(...xs) : null);

/** Hold frames are read from this long after the hold starts (the step's tail settles). */
export const HOLD_SETTLE_S = 0.2;

/** Truth angles at roll τ given the 0° reading (see the file comment). */
export function truthAt(baseline: HeadAngles, rollDeg: number): HeadAngles {
  return anglesFromRotationMatrix(mat3Multiply(headRotationMatrix({ rotationDeg: 0, flexionDeg: 0, tiltDeg: rollDeg }), headRotationMatrix(baseline)));
}

export function scoreRoll(steps: readonly RollStep[], frames: readonly ScoredFrame[]): RollScore {
  const tiltReference: Record<string, number> = {};
  for (const f of frames) tiltReference[f.tiltFrame ?? 'none'] = (tiltReference[f.tiltFrame ?? 'none'] ?? 0) + 1;
  const base = frames.filter((f) => {
    const r = rollAt(steps, f.tS);
    return r.holdDeg === 0 && r.sinceHoldStartS >= 0.3 && f.tiltDeg !== null && f.rotationDeg !== null && f.flexionDeg !== null;
  });
  if (base.length < 5) return { baseline: null, bands: [], holds: [], tiltReference, slopePer10Deg: { tilt: null, rotation: null, flexion: null } };
  const baseline: HeadAngles = {
    rotationDeg: median(base.map((f) => f.rotationDeg!))!,
    tiltDeg: median(base.map((f) => f.tiltDeg!))!,
    flexionDeg: median(base.map((f) => f.flexionDeg!))!,
  };
  const rows = frames.map((f) => {
    const r = rollAt(steps, f.tS);
    const truth = truthAt(baseline, r.tiltDeg);
    return {
      f,
      roll: r,
      tiltErr: f.tiltDeg === null ? null : wrap(f.tiltDeg - truth.tiltDeg),
      rotErr: f.rotationDeg === null ? null : wrap(f.rotationDeg - truth.rotationDeg),
      flexErr: f.flexionDeg === null ? null : wrap(f.flexionDeg - truth.flexionDeg),
    };
  });
  const bands = TILT_BANDS.map((b) => {
    const inBand = rows.filter((r) => Math.abs(r.roll.tiltDeg) >= b.lo && Math.abs(r.roll.tiltDeg) < b.hi);
    const withValue = inBand.filter((r) => r.tiltErr !== null);
    const abs = withValue.map((r) => Math.abs(r.tiltErr!));
    const rot = inBand.flatMap((r) => (r.rotErr === null ? [] : [Math.abs(r.rotErr)]));
    const flex = inBand.flatMap((r) => (r.flexErr === null ? [] : [Math.abs(r.flexErr)]));
    const n = inBand.length || 1;
    return {
      band: b.name,
      frames: inBand.length,
      withValue: withValue.length,
      notMeasurablePct: (100 * inBand.filter((r) => r.f.state === 'not-measurable' || r.tiltErr === null).length) / n,
      lowConfidencePct: (100 * inBand.filter((r) => r.f.state === 'low-confidence').length) / n,
      tiltMaeDeg: mean(abs),
      tiltMaxDeg: maxOf(abs),
      over5: abs.filter((x) => x > 5).length,
      over5Unflagged: withValue.filter((r) => Math.abs(r.tiltErr!) > 5 && r.f.state === 'measured').length,
      over10: abs.filter((x) => x > 10).length,
      rotationMaeDeg: mean(rot),
      rotationMaxDeg: maxOf(rot),
      flexionMaeDeg: mean(flex),
      flexionMaxDeg: maxOf(flex),
    };
  });
  const levels = [...new Set(steps.filter((s) => s.hold).map((s) => s.toDeg))].sort((a, b) => a - b);
  const holds = levels.map((holdDeg) => {
    const h = rows.filter((r) => r.roll.holdDeg === holdDeg && r.roll.sinceHoldStartS >= HOLD_SETTLE_S);
    const pick = (k: 'tiltErr' | 'rotErr' | 'flexErr'): number | null => median(h.flatMap((r) => (r[k] === null ? [] : [r[k]!])));
    return {
      holdDeg,
      medianTiltErrDeg: pick('tiltErr'),
      medianRotationErrDeg: pick('rotErr'),
      medianFlexionErrDeg: pick('flexErr'),
      noValuePct: h.length ? (100 * h.filter((r) => r.tiltErr === null).length) / h.length : 100,
    };
  });
  const settled = rows.filter((r) => r.roll.holdDeg !== null && r.roll.sinceHoldStartS >= HOLD_SETTLE_S);
  const slope = (k: 'tiltErr' | 'rotErr' | 'flexErr'): number | null => {
    const pts = settled.flatMap((r) => (r[k] === null ? [] : [[r.roll.tiltDeg, r[k]!] as const]));
    if (pts.length < 10) return null;
    const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
    const my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
    const sxx = pts.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
    return sxx > 0 ? (10 * pts.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0)) / sxx : null;
  };
  return { baseline, bands, holds, tiltReference, slopePer10Deg: { tilt: slope('tiltErr'), rotation: slope('rotErr'), flexion: slope('flexErr') } };
}

/** Still or panned photo: spread of each axis (SD over frames with a value) and the measured share. */
export function scoreSteady(frames: readonly ScoredFrame[]): { measuredPct: number; lowConfidencePct: number; sdDeg: Readonly<Record<'rotation' | 'tilt' | 'flexion', number | null>>; rangeDeg: Readonly<Record<'rotation' | 'tilt' | 'flexion', number | null>> } {
  const sd = (xs: number[]): number | null => {
    const m = mean(xs);
    return m === null ? null : Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
  };
  const pick = (k: 'rotationDeg' | 'tiltDeg' | 'flexionDeg'): number[] => frames.flatMap((f) => (f[k] === null ? [] : [f[k]!]));
  const range = (xs: number[]): number | null => (xs.length ? Math.max(...xs) - Math.min(...xs) : null);
  const n = frames.length || 1;
  return {
    measuredPct: (100 * frames.filter((f) => f.state !== 'not-measurable').length) / n,
    lowConfidencePct: (100 * frames.filter((f) => f.state === 'low-confidence').length) / n,
    sdDeg: { rotation: sd(pick('rotationDeg')), tilt: sd(pick('tiltDeg')), flexion: sd(pick('flexionDeg')) },
    rangeDeg: { rotation: range(pick('rotationDeg')), tilt: range(pick('tiltDeg')), flexion: range(pick('flexionDeg')) },
  };
}

function wrap(d: number): number {
  return ((((d + 180) % 360) + 360) % 360) - 180;
}
