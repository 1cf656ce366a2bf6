/**
 * A fast chin-down movement the face mesh over-reads (issue 13, session 8). On the phantom's jerks-train clip (astronaut,
 * 30 fps, head turned +10°) every chin-down jerk read 3–6° too far chin-down from its rise to just after its peak (true
 * +11.8° read +16.5°, +15.7° read +21.6°): 8 combined-posture frames > 3° off while measured. Session 7 showed it is the
 * model's reading of a fast bend in the centred crop the re-read gives (BENCHMARKS.md "Tremor gain and the crop"), not a
 * crop rule to change. The mesh scores itself 1.00 and its fit residual is as at rest, so only the motion shows it.
 *
 * The evidence is the reading's own speed: the change of the mesh's flexion since the latest mesh frame at least
 * `JERK_SPEED_SPAN_MS` back (at most `JERK_SPEED_MAX_SPAN_MS`: a longer gap gives no speed), deg/s. On a chin-down reading
 * of at least `JERK_CHIN_DOWN_DEG` from neutral, when that speed reached `JERK_SPEED_DEG_PER_S` (either way: the frames
 * just after the peak are over-read too) on this frame or one less than `JERK_HOLD_MS` before it, a measured frame becomes
 * low confidence. The value is kept: jerk detection and amplitude (signal/jerks.ts) and tremor use low-confidence values,
 * so no jerk is hidden; only the frame's flag changes. Not on a turned face only: the same over-read shows facing the
 * camera (small-jerks, 18° read 21.5°).
 *
 * Measured on replayed landmarks (core-range chin-down readings ≥ 10°, the shipped own crop, BENCHMARKS.md "Chin-down jerk
 * peaks"): below 25 deg/s 18 % of frames are > 3° off, at 25–100 deg/s 42–56 %, from 100 deg/s 37 of 39. A tremor is a
 * fast vertical motion too: the phantom's pitch tremors (3.5 Hz ±3°, 7 Hz ±0.5°) stay under 10° chin-down and are never
 * flagged; a flexion tremor on a chin-down posture is, on the frames where it is this fast (docs/jerk-peak.md).
 *
 * Stateful, in frame order, last of the in-order guards; the live estimator and the recording analyser both use it.
 */
import type { FrameMeasure } from '../measures/types.ts';
import { doubted } from './doubt.ts';

/**
 * Flexion speed from which a chin-down reading is doubted, deg/s. Replayed chin-down readings (≥ 10°, own crop): from 100
 * deg/s 37 of 39 frames were > 3° off, at 50–100 deg/s 55 of 118; the 8 jerk-peak frames had 214–320 deg/s in the window.
 */
export const JERK_SPEED_DEG_PER_S = 100;
/**
 * The speed is taken over at least this span, ms (2 frames at 30 fps, 1 at 15 fps, 4 at 60 fps): over single 60-fps frames
 * the mesh's frame-to-frame jitter alone reached 100 deg/s (hd-720-60 small-tilt-flexion, errors within 3°).
 */
export const JERK_SPEED_SPAN_MS = 60;
/** …and at most this span, ms: a longer gap between mesh frames gives no speed. */
export const JERK_SPEED_MAX_SPAN_MS = 140;
/**
 * A fast frame doubts the frames less than this after it too, ms: the reading stays 3–4° over for 1–2 frames after a
 * jerk's peak while it turns round (jerks-train frames 170, 674, 720, 849, speed −12…−110 deg/s on the frame itself).
 */
export const JERK_HOLD_MS = 100;
/**
 * Chin-down reading (from neutral) from which the rule applies, deg: the combined-posture bar (two axes ≥ 10°). The jerk-peak
 * frames read 14.5–21.6°; nearer neutral the over-read is the same 3–4° but the rule would flag more of every movement.
 */
export const JERK_CHIN_DOWN_DEG = 10;

interface Sample { readonly ms: number; readonly flexionDeg: number; readonly speedDegPerS: number | null }

export class FlexionJerkPeakGuard {
  private history: Sample[] = [];

  /** `raw`: the frame's mesh measure before the in-order guards; `m`: the guarded measure to pass on. */
  apply(m: FrameMeasure, raw: FrameMeasure): FrameMeasure {
    if (raw.method !== 'face-mesh' || raw.flexionDeg === null || !Number.isFinite(raw.flexionDeg)) {
      this.history = []; // a break: the speed is measured along one run of mesh frames
      return m;
    }
    const nowMs = raw.timestampMs;
    this.history = this.history.filter((s) => s.ms < nowMs && nowMs - s.ms <= JERK_HOLD_MS + JERK_SPEED_MAX_SPAN_MS);
    let ref: Sample | null = null;
    for (const s of this.history) if (nowMs - s.ms >= JERK_SPEED_SPAN_MS && nowMs - s.ms <= JERK_SPEED_MAX_SPAN_MS) ref = s;
    const speedDegPerS = ref === null ? null : ((raw.flexionDeg - ref.flexionDeg) * 1000) / (nowMs - ref.ms);
    this.history.push({ ms: nowMs, flexionDeg: raw.flexionDeg, speedDegPerS });
    if (raw.flexionDeg < JERK_CHIN_DOWN_DEG) return m;
    if (m.state !== 'measured' || m.method !== 'face-mesh' || m.flexionDeg === null) return m;
    const fast = this.history.some((s) => nowMs - s.ms < JERK_HOLD_MS && s.speedDegPerS !== null && Math.abs(s.speedDegPerS) >= JERK_SPEED_DEG_PER_S);
    return fast ? doubted(m, 'fast-bend') : m;
  }
}
