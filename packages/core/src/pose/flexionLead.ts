/**
 * A fast chin-up toward the edge of the mesh's range, and a chin-up frame between two the mesh could not give (issue 13,
 * session 10). Stateful, in frame order, last among the flexion guards (after flexionEdge.ts); the live estimator and the
 * recording analyser both use it.
 *
 * **Lead: a chin-up reading of `CHIN_UP_LEAD_FROM_DEG` or more whose reading plus `CHIN_UP_LEAD_MS` of its outward speed
 * reaches CHIN_UP_DOUBT_DEG (25°) is low confidence (value kept)** — turnLead.ts's rule, on flexion. On the way into a
 * −35° chin-up the face mesh's reading stalls while the head goes on: on the phantom beard-glasses (webcam-640, 30 fps) a
 * true −31.1° / −32.4° read −23.7° / −23.2° at mesh score 1.00, the reading standing at 22–24° for five frames
 * (its speed over the last 60–140 ms −28 / +16 deg/s: turnLead's span sees nothing). Over the window flexionLag.ts uses
 * for the same stall on chin-down (the oldest mesh frame at most LAG_WINDOW_MS back, at least LAG_MIN_SPAN_MS) the reading
 * still moves outward at 36.7 / 38.1 deg/s: leads 27.4° / 27.0° (margins 2.4° / 2.0° over the 25° bar; readings 3.7° /
 * 3.2° over the 20° floor). A span of 150 ms catches 319 but not 320; 120 ms neither.
 * The floor keeps the rule to readings within the 5° target of the 25° bar: without it the rule flags 303 core-range
 * frames over all saved landmarks and the back-lit set, with it 120 (BENCHMARKS.md, session 10 chinup): every one a fast
 * arrival into a held 20° chin-up (small-tilt-flexion) or the way into the −35° hold (edge-tilt-flexion-40). Thinnest
 * margin on the other side: the full set's held −25° retrocollis (read −22…−24°) comes in at 13 deg/s, lead 24.81° at a
 * 23.47° reading (0.19° under the bar; a slow chin-up at 10 deg/s is flagged from a 24° reading). Nothing in the frame
 * separates the caught frames from the arrivals: a nod that stops at a true −20° reads the same 20–24° as fast, and the
 * eyes' rise unexplained by the reading over the same window is 0.001–0.012 face widths on the short frames and up to
 * 0.119 on the arrivals (the eye-corner width shrinks 5.7–8.7 % on the short frames, ≥ 5 % on 94 of the 115 others).
 * So such frames are low confidence (value kept), never given a new value.
 *
 * **Drop hold: a low-confidence chin-up frame within `CHIN_UP_DROP_HOLD_MS` after a chin-up frame whose flexion was not
 * given while its rotation and tilt were (flexionRange.ts's residual rule) gives no flexion either** — the flag does not
 * flicker off for one frame while the mesh is past its edge, as the edge band's hold (estimator.ts) does for confidence.
 * On the back-lit beard-glasses (backlit-640) a true −32.4° read −20.6° (11.8° off, low confidence) between two frames
 * whose flexion the residual rule dropped (its fit residual 0.008 cm under the dropped frame before it). Over all saved
 * landmarks and the back-lit set the hold takes flexion from 9 core-range frames (5 within 5°) and 29 frames of the
 * 30–45° band (7 within 5°, 20 off 5–10°, 2 off > 10°); 40 ms (the next frame at 30 fps only) would take 5 and 17. A frame
 * held back whole (the re-entry rule's not measurable) does not start the hold: it would take flexion from 58 core frames
 * on the far-turn clips.
 */
import type { FrameMeasure } from '../measures/types.ts';
import { CHIN_UP_DOUBT_DEG } from './flexionEdge.ts';
import { LAG_MIN_SPAN_MS, LAG_WINDOW_MS } from './flexionLag.ts';
import { doubted, withoutFlexion } from './doubt.ts';

/** How far ahead the outward chin-up is carried, ms (as turnLead.ts's TURN_LEAD_MS). */
export const CHIN_UP_LEAD_MS = 100;
/** Chin-up reading (from neutral) from which the lead applies, deg: within the 5° target of CHIN_UP_DOUBT_DEG. */
export const CHIN_UP_LEAD_FROM_DEG = CHIN_UP_DOUBT_DEG - 5;
/** After a chin-up frame whose flexion was not given, a low-confidence chin-up frame gives none either for this long, ms
 * (one frame at 15 fps, two at 30 fps). */
export const CHIN_UP_DROP_HOLD_MS = 70;

interface Sample { readonly ms: number; readonly chinUpDeg: number }

export class FlexionLeadGuard {
  private history: Sample[] = [];
  private lastDropMs = -Infinity;

  /** `m`: the guarded measure; `raw`: the frame's mesh measure before the in-order guards (its flexion is the mesh's reading). */
  apply(m: FrameMeasure, raw: FrameMeasure): FrameMeasure {
    if (raw.method !== 'face-mesh' || raw.flexionDeg === null || !Number.isFinite(raw.flexionDeg)) {
      this.history = []; // a break: the speed is measured over mesh frames only
      return m;
    }
    const now: Sample = { ms: raw.timestampMs, chinUpDeg: -raw.flexionDeg };
    this.history = this.history.filter((s) => s.ms < now.ms && now.ms - s.ms <= LAG_WINDOW_MS);
    this.history.push(now);
    if (now.chinUpDeg <= 0) return m;
    if (m.flexionDeg === null) {
      // Only a frame whose flexion alone was dropped (rotation and tilt kept); a frame held back whole (re-entry) is not one.
      if (m.state === 'low-confidence' && m.method === 'face-mesh' && m.reasons.includes('beyond-tracker-range')) this.lastDropMs = now.ms;
      return m;
    }
    if (m.state === 'low-confidence' && now.ms > this.lastDropMs && now.ms - this.lastDropMs <= CHIN_UP_DROP_HOLD_MS) return withoutFlexion(m, 'chin-up');
    if (m.state !== 'measured' || m.method !== 'face-mesh' || -m.flexionDeg < CHIN_UP_LEAD_FROM_DEG) return m;
    const old = this.history[0]!;
    if (now.ms - old.ms < LAG_MIN_SPAN_MS) return m;
    const outwardDegPerS = ((now.chinUpDeg - old.chinUpDeg) * 1000) / (now.ms - old.ms);
    if (outwardDegPerS <= 0) return m;
    return -m.flexionDeg + (outwardDegPerS * CHIN_UP_LEAD_MS) / 1000 >= CHIN_UP_DOUBT_DEG ? doubted(m, 'fast-bend') : m;
  }
}
