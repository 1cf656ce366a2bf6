/**
 * A fast turn toward the edge of the mesh's range (issue 13, session 9). The face mesh's turn reading trails a fast turn
 * and reads large turns short on some faces: on the phantom's far-turn clip a true 46.5° read 38.7° (deep-wide, webcam-640,
 * 30 fps) and −46.5° read −39.9° (dark-stubble, laptop-15fps-dim, 15 fps) — 7.8° and 6.6° off while measured, mesh score
 * 1.00, a frame before the mesh passed its range. Both turned outward at 54–56 deg/s (from the camera) over the last
 * 60–140 ms.
 *
 * The evidence is the reading's own speed: where the turn from the camera plus its outward speed times `TURN_LEAD_MS`
 * reaches the mesh's range (MESH_RANGE_DEG, 44°), the head is turning past where the mesh is trusted faster than it follows,
 * and a measured frame is low confidence (value kept). The speed is taken against the latest fitted frame at least
 * `TURN_SPEED_SPAN_MS` back (at most `TURN_SPEED_MAX_SPAN_MS`; a longer gap gives no speed), as flexionJerkPeak.ts does.
 *
 * Replayed over every saved landmark file (BENCHMARKS.md, session 9 edge5): both frames flagged; 27 core-range frames
 * (true turn ≤ 45°, on the way out of the same clips) newly low confidence, none not measurable.
 *
 * Stateful, in frame order; the live estimator and the recording analyser both use it.
 */
import type { FrameMeasure } from '../measures/types.ts';
import { MESH_RANGE_DEG } from './range.ts';
import { doubted } from './doubt.ts';

/** How far ahead the outward turn is carried, ms (the two frames: reading 7–8° short at 54–56 deg/s would need 140 ms). */
export const TURN_LEAD_MS = 100;
/** The speed is taken over at least this span, ms (2 frames at 30 fps, 1 at 15 fps), … */
export const TURN_SPEED_SPAN_MS = 60;
/** …and at most this span, ms. */
export const TURN_SPEED_MAX_SPAN_MS = 140;

interface Sample { readonly ms: number; readonly turnDeg: number }

export class TurnLeadGuard {
  private history: Sample[] = [];

  /** `m`: the guarded measure; `cameraTurnDeg`: the fitted turn from the camera (null: no fit, a break). */
  apply(m: FrameMeasure, cameraTurnDeg: number | null): FrameMeasure {
    if (cameraTurnDeg === null || !Number.isFinite(cameraTurnDeg)) {
      this.history = [];
      return m;
    }
    const now: Sample = { ms: m.timestampMs, turnDeg: Math.abs(cameraTurnDeg) };
    this.history = this.history.filter((s) => s.ms < now.ms && now.ms - s.ms <= TURN_SPEED_MAX_SPAN_MS);
    let ref: Sample | null = null;
    for (const s of this.history) if (now.ms - s.ms >= TURN_SPEED_SPAN_MS) ref = s;
    this.history.push(now);
    if (ref === null || m.state !== 'measured' || m.method !== 'face-mesh') return m;
    const outwardDegPerS = ((now.turnDeg - ref.turnDeg) * 1000) / (now.ms - ref.ms);
    if (outwardDegPerS <= 0) return m;
    return now.turnDeg + (outwardDegPerS * TURN_LEAD_MS) / 1000 >= MESH_RANGE_DEG.rotationDeg ? doubted(m, 'fast-turn') : m;
  }
}
