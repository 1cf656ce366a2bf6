// Candidate narrowings of the re-entry hold (core pose/reentry.ts), for the survey only (issue 13, session 8 "farturn").
// Each is the core guard with one change on a run that started near the range edge after a far turn (the 150 ms hold):
//   A: released (low confidence) after 2 sure, agreeing frames instead of 3;
//   B: released (low confidence) on a sure frame that agrees with the usable frame before it (2 frames, the 2nd sure).
// Injected into GuardedFrameMeasurer by farturn-survey.ts --variant; nothing here is used by the product.
import { type FrameMeasure, RangeReentryGuard, CONSISTENT_MESH_SCORE, type MeshEvidence } from '@geste/core';

type Internals = {
  mode: 'free' | 'beyond' | 'jump';
  run: { startMs: number; needMs: number; last: unknown; lastMs: number; consistent: number } | null;
  provisionalUntilMs: number;
  holdMs: number;
};

export class VariantGuard extends RangeReentryGuard {
  private runFrames = 0;
  constructor(private readonly variant: 'A' | 'B') { super(); }
  override apply(m: FrameMeasure, evidence: MeshEvidence | null = null): FrameMeasure {
    const self = this as unknown as Internals;
    const before = self.run;
    const held = self.mode !== 'free';
    const out = super.apply(m, evidence);
    if (!held || self.mode !== 'beyond' && self.mode !== 'jump') { this.runFrames = 0; return out; }
    const run = self.run;
    if (run === null) { this.runFrames = 0; return out; }
    this.runFrames = before !== null && run.startMs === before.startMs ? this.runFrames + 1 : 1;
    if (self.mode !== 'beyond' || run.needMs !== self.holdMs) return out; // only runs that began near the edge
    const sure = evidence !== null && evidence.meshScore >= CONSISTENT_MESH_SCORE;
    const prev = before !== null && before.startMs === run.startMs ? (before.last as Record<string, number>) : null;
    const dtMs = before ? m.timestampMs - before.lastMs : 0;
    const agrees = prev !== null && m.rotationDeg !== null && dtMs > 0 &&
      Math.max(Math.abs(prev['rotationDeg']! - m.rotationDeg), Math.abs(prev['tiltDeg']! - (m.tiltDeg ?? NaN)), Math.abs(prev['flexionDeg']! - (m.flexionDeg ?? NaN))) <= 0.3 * dtMs + 3;
    const release = this.variant === 'A' ? run.consistent >= 2 : sure && agrees;
    if (!release || out.state !== 'not-measurable') return out;
    self.provisionalUntilMs = run.startMs + run.needMs;
    self.mode = 'free';
    self.run = null;
    (this as unknown as { trusted: unknown }).trusted = { angles: { rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg }, ms: m.timestampMs };
    this.runFrames = 0;
    return m.state === 'measured' ? { ...m, state: 'low-confidence', confidence: Math.min(m.confidence, 0.49) } : m;
  }
}
