/**
 * Ground truth per frame and per clip, computed from a motion script alone (no rendering).
 * `*.truth.csv`: frameIndex,timestampMs,rotationDeg,tiltDeg,flexionDeg,lateralShiftCm,shoulderElevationDeg,handOverFace
 * `*.events.json`: the script's events plus summary numbers a measurement must recover.
 * Frame i is at timestampMs = i·1000/fps (exact, not rounded).
 */
import { headRotationMatrix, rotationDistanceDeg, MAT3_IDENTITY } from '@geste/core';
import { tremorOffset, type MotionScript, type PoseSample, type ScriptEvents } from './scripts/motion.ts';

export interface TruthRow extends Omit<PoseSample, 'handPhase'> {
  readonly frameIndex: number;
  readonly timestampMs: number;
  /** The hand covers part of the face (from the renderer's projection; before rendering: handPhase ≥ 0.8). */
  readonly handOverFace: boolean;
}

export const TRUTH_CSV_HEADER = 'frameIndex,timestampMs,rotationDeg,tiltDeg,flexionDeg,lateralShiftCm,shoulderElevationDeg,handOverFace';

export function frameCount(script: MotionScript, fps: number): number {
  return Math.round((script.durationMs * fps) / 1000);
}

export function frameTimeMs(frameIndex: number, fps: number): number {
  return (frameIndex * 1000) / fps;
}

/** Truth rows from the script; `handOverFace` here is the script's estimate (hand phase ≥ 0.8). */
export function truthRows(script: MotionScript, fps: number): TruthRow[] {
  const n = frameCount(script, fps);
  const rows: TruthRow[] = [];
  for (let i = 0; i < n; i++) {
    const t = frameTimeMs(i, fps);
    const { handPhase, ...p } = script.poseAt(t);
    rows.push({ frameIndex: i, timestampMs: t, ...p, handOverFace: handPhase >= 0.8 });
  }
  return rows;
}

const f3 = (v: number): string => (Math.round(v * 1000) / 1000).toString();

export function truthCsv(rows: readonly TruthRow[]): string {
  const lines = [TRUTH_CSV_HEADER];
  for (const r of rows) {
    lines.push([r.frameIndex, f3(r.timestampMs), f3(r.rotationDeg), f3(r.tiltDeg), f3(r.flexionDeg), f3(r.lateralShiftCm),
      f3(r.shoulderElevationDeg), r.handOverFace ? 1 : 0].join(','));
  }
  return lines.join('\n') + '\n';
}

export function parseTruthCsv(text: string): TruthRow[] {
  const lines = text.trim().split('\n');
  if (lines[0] !== TRUTH_CSV_HEADER) throw new Error(`truth CSV header: expected "${TRUTH_CSV_HEADER}", got "${lines[0]}"`);
  return lines.slice(1).map((l) => {
    const c = l.split(',').map(Number);
    return {
      frameIndex: c[0]!, timestampMs: c[1]!, rotationDeg: c[2]!, tiltDeg: c[3]!, flexionDeg: c[4]!,
      lateralShiftCm: c[5]!, shoulderElevationDeg: c[6]!, handOverFace: c[7] === 1,
    };
  });
}

/** Geodesic angle (deg) between a frame's head orientation and the rest pose. */
export function deviationFromRestDeg(r: Pick<TruthRow, 'rotationDeg' | 'tiltDeg' | 'flexionDeg'>): number {
  return rotationDistanceDeg(MAT3_IDENTITY, headRotationMatrix(r));
}

export interface TruthSummary {
  /** Per hold-neutral interval: seconds within 10° of neutral, by two definitions. */
  readonly holdNeutral: readonly { startMs: number; endMs: number; secondsWithin10DegMaxAxis: number; secondsWithin10DegGeodesic: number }[];
  /** Per tremor: RMS and peak-to-peak (deg) of the tremor component alone over its interval; RMS over the whole clip. */
  readonly tremorMeasured: readonly { axis: string; rmsDeg: number; rmsWholeClipDeg: number; peakToPeakDeg: number }[];
}

export interface EventsFile {
  readonly script: string;
  readonly description: string;
  readonly seed: number;
  readonly fps: number;
  readonly durationMs: number;
  readonly frameCount: number;
  readonly rendererVersion: string;
  /** Face (faces.ts) and camera set-up (camera.ts) the clip was rendered with (absent in older clips). */
  readonly face?: string;
  readonly cameraSetup?: string;
  readonly events: ScriptEvents;
  readonly summary: TruthSummary;
  /**
   * The camera's pitch against gravity (deg, > 0 looking up: what a device's sensors would report) and the
   * trunk's turn and lean against the camera (renderer r4). Absent in clips from older renderers.
   */
  readonly camera?: { readonly pitchDeg: number; readonly torsoYawDeg: number; readonly torsoRollDeg: number; readonly neckPivotWorldCm: readonly number[] };
}

export function summarize(script: MotionScript, rows: readonly TruthRow[], fps: number): TruthSummary {
  const dt = 1 / fps;
  const holdNeutral = script.events.holds.filter((h) => h.kind === 'hold-neutral').map((h) => {
    let a = 0, g = 0;
    for (const r of rows) {
      if (r.timestampMs < h.startMs || r.timestampMs >= h.endMs) continue;
      if (Math.max(Math.abs(r.rotationDeg), Math.abs(r.tiltDeg), Math.abs(r.flexionDeg)) <= 10) a += dt;
      if (deviationFromRestDeg(r) <= 10) g += dt;
    }
    return { startMs: h.startMs, endMs: h.endMs, secondsWithin10DegMaxAxis: a, secondsWithin10DegGeodesic: g };
  });
  // The tremor component alone, from its closed form (the posture underneath is left out).
  const tremorMeasured = script.events.tremors.map((tr) => {
    const inside: number[] = [];
    let sumAll = 0;
    for (const r of rows) {
      const v = tremorOffset(tr, r.timestampMs, tr.phaseRad ?? 0);
      sumAll += v * v;
      if (r.timestampMs >= tr.startMs && r.timestampMs < tr.endMs) inside.push(v);
    }
    const rms = Math.sqrt(inside.reduce((a, v) => a + v * v, 0) / Math.max(1, inside.length));
    const p2p = inside.length ? Math.max(...inside) - Math.min(...inside) : 0;
    return { axis: tr.axis, rmsDeg: rms, rmsWholeClipDeg: Math.sqrt(sumAll / Math.max(1, rows.length)), peakToPeakDeg: p2p };
  });
  return { holdNeutral, tremorMeasured };
}
