/**
 * Talking read as tremor (issue 13, session 8): a mouth opening 4–5 times a second moves the face mesh's lips, and
 * the head-pose fit follows them a little — a 0.3–0.5° "tremor" at the mouth's rhythm on a head held still.
 * The mouth's opening comes from the same landmarks as the angles (MediaPipe face-mesh inner lips 13/14 over the
 * outer eye corners 33/263), so the live app and `geste analyze` see the same signal. docs/tremor-peak.md, "Talking".
 * ref: magnitude-squared coherence by Welch's method — G. C. Carter, "Coherence and time delay estimation",
 * Proc. IEEE 75(2), 1987.
 */
import type { FaceObservation, LandmarkFrame } from '../landmarks/types.ts';
import type { Series } from '../measures/types.ts';
import { selectPatientFace } from '../pose/frameGeometry.ts';
import { fftInPlace, nextPowerOfTwo } from './fft.ts';
import { measuredRuns, resampleUniform } from './resample.ts';
import { cleanSeries, nominalStepMs } from './series.ts';
import { hannWindow } from './welch.ts';

/** Face-mesh indices: upper and lower inner lip (centre), chin (the jaw), outer eye corners (the face's size). */
export const MOUTH_LANDMARKS = { upperLip: 13, lowerLip: 14, chin: 152, eyeRight: 33, eyeLeft: 263 } as const;

/**
 * The mouth's movement over a recording: `values` the lips' opening (mouthOpeningRatio), `jaw` the jaw's
 * (jawOpeningRatio), per timestamp; null where no single face was seen. Talking moves both; a head tremor moves neither
 * much (docs/tremor-peak.md, "Talking").
 */
export interface MouthMovement extends Series {
  readonly jaw: readonly (number | null)[];
}

/** The lips' and the jaw's opening on one frame (mouthOpeningRatio, jawOpeningRatio), from one patient-face selection. */
export interface MouthOnFrame {
  readonly lips: number | null;
  readonly jaw: number | null;
}

/**
 * The lips' and the jaw's opening of the patient's face on one frame, each over the outer-eye-corner distance (3-D,
 * mesh units); both null when no single face (none, or two people), each null when its points are missing.
 */
export function mouthOnFrame(frame: LandmarkFrame): MouthOnFrame {
  const sel = selectPatientFace(frame); // the face the angles come from
  return sel.kind === 'one' ? mouthOnFace(sel.face) : { lips: null, jaw: null };
}

/** The same for one face already selected (pose/mouthFlexion.ts has the face the angles were fitted to). */
export function mouthOnFace(face: FaceObservation): MouthOnFrame {
  const mesh = face.meshPx;
  const r = mesh[MOUTH_LANDMARKS.eyeRight], e = mesh[MOUTH_LANDMARKS.eyeLeft];
  if (!r || !e) return { lips: null, jaw: null };
  const size = Math.hypot(r.x - e.x, r.y - e.y, r.z - e.z);
  if (!(size > 0)) return { lips: null, jaw: null };
  const u = mesh[MOUTH_LANDMARKS.upperLip], l = mesh[MOUTH_LANDMARKS.lowerLip], c = mesh[MOUTH_LANDMARKS.chin];
  const gap = u && l ? Math.hypot(u.x - l.x, u.y - l.y, u.z - l.z) : NaN;
  const drop = c ? Math.hypot(c.x - (r.x + e.x) / 2, c.y - (r.y + e.y) / 2, c.z - (r.z + e.z) / 2) : NaN;
  return { lips: Number.isFinite(gap) ? gap / size : null, jaw: Number.isFinite(drop) ? drop / size : null };
}

/** Inner-lip gap over the outer-eye-corner distance (3-D, mesh units) of the patient's face, or null when no single face or a point is missing. */
export function mouthOpeningRatio(frame: LandmarkFrame): number | null {
  return mouthOnFrame(frame).lips;
}

/**
 * The jaw's opening: chin to the outer eye corners' midpoint over their distance (3-D, mesh units), or null as
 * mouthOpeningRatio. Speech moves the jaw (the chin drops with the lower lip); a head turning rigidly leaves this
 * distance alone, save for the mesh's own errors.
 */
export function jawOpeningRatio(frame: LandmarkFrame): number | null {
  return mouthOnFrame(frame).jaw;
}

/** The mouth's movement over a recording (null where no face was seen): the tremor analysis's talking signal. */
export function mouthOpeningSeries(frames: readonly LandmarkFrame[]): MouthMovement {
  const each = frames.map(mouthOnFrame);
  return { timestampsMs: frames.map((f) => f.timestampMs), values: each.map((m) => m.lips), jaw: each.map((m) => m.jaw) };
}

/** Coherence segments, s: short, so that an 8-s clip gives several (7 at 50 % overlap); resolution ±1/T = ±0.5 Hz. */
export const COHERENCE_SEGMENT_S = 2;

export interface Coherence {
  /** Magnitude-squared coherence |Sxy|² / (Sxx·Syy) in [0, 1], the largest within ±1/T of fHz. */
  readonly coherence: number;
  /** Segments averaged (coherence from 1 segment is always 1: then it says nothing). */
  readonly segments: number;
}

/**
 * Magnitude-squared coherence of two series at fHz (Welch: Hann segments of COHERENCE_SEGMENT_S, 50 % overlap, over the
 * stretches where both are measured, on the first series' frame grid). Null when the series share no segment.
 */
export function coherenceAt(a: Series, b: Series, fHz: number, segmentS = COHERENCE_SEGMENT_S): Coherence | null {
  const ca = cleanSeries(a), cb = cleanSeries(b);
  const stepMs = nominalStepMs(ca.timestampsMs.filter((_, i) => ca.values[i] !== null));
  if (stepMs === null || ca.timestampsMs.length === 0 || cb.timestampsMs.length === 0) return null;
  const startMs = Math.max(ca.timestampsMs[0] as number, cb.timestampsMs[0] as number);
  const endMs = Math.min(ca.timestampsMs[ca.timestampsMs.length - 1] as number, cb.timestampsMs[cb.timestampsMs.length - 1] as number);
  if (!(endMs > startMs)) return null;
  const maxGapMs = Math.max(100, 2.5 * stepMs);
  const ga = resampleUniform(ca, { stepMs, maxGapMs, method: 'cubic', startMs, endMs }).values;
  const gb = resampleUniform(cb, { stepMs, maxGapMs, method: 'cubic', startMs, endMs }).values;
  const n = Math.min(ga.length, gb.length);
  const both = Array.from({ length: n }, (_, i) => (ga[i] !== null && gb[i] !== null ? 1 : null));
  const fsHz = 1000 / stepMs;
  const segLen = Math.round(segmentS * fsHz);
  if (segLen < 4) return null;
  const nfft = nextPowerOfTwo(segLen) * 4;
  const w = hannWindow(segLen);
  const kLo = Math.max(1, Math.floor(((fHz - 1 / segmentS) * nfft) / fsHz));
  const kHi = Math.min(nfft / 2, Math.ceil(((fHz + 1 / segmentS) * nfft) / fsHz));
  if (kHi < kLo) return null;
  const m = kHi - kLo + 1;
  const sxx = new Float64Array(m), syy = new Float64Array(m), sre = new Float64Array(m), sim = new Float64Array(m);
  let segments = 0;
  const seg = (src: readonly (number | null)[], s: number): [Float64Array, Float64Array] => {
    let mean = 0;
    for (let i = 0; i < segLen; i++) mean += src[s + i] as number;
    mean /= segLen;
    const re = new Float64Array(nfft), im = new Float64Array(nfft);
    for (let i = 0; i < segLen; i++) re[i] = ((src[s + i] as number) - mean) * (w[i] as number);
    fftInPlace(re, im);
    return [re, im];
  };
  for (const [r0, r1] of measuredRuns(both, segLen)) {
    for (let s = r0; s + segLen <= r1; s += segLen >> 1) {
      const [xr, xi] = seg(ga, s);
      const [yr, yi] = seg(gb, s);
      for (let k = kLo; k <= kHi; k++) {
        const j = k - kLo;
        const ar = xr[k] as number, ai = xi[k] as number, br = yr[k] as number, bi = yi[k] as number;
        sxx[j] = (sxx[j] as number) + ar * ar + ai * ai;
        syy[j] = (syy[j] as number) + br * br + bi * bi;
        sre[j] = (sre[j] as number) + ar * br + ai * bi;
        sim[j] = (sim[j] as number) + ai * br - ar * bi;
      }
      segments++;
    }
  }
  if (segments === 0) return null;
  let best = 0;
  for (let j = 0; j < m; j++) {
    const den = (sxx[j] as number) * (syy[j] as number);
    if (den > 0) best = Math.max(best, ((sre[j] as number) ** 2 + (sim[j] as number) ** 2) / den);
  }
  return { coherence: best, segments };
}
