/**
 * Shared by the session-10 realvideo experiments (realvideo-checks.ts, realvideo-facezero.ts): the frame rows of a
 * reading, and the frame-by-frame agreement of two readings of the same frames (a mirror compares a with −b).
 */
export type Variant = 'ref' | 'mirror' | 'crf35' | 'half';
export const VARIANTS: readonly Variant[] = ['ref', 'mirror', 'crf35', 'half'];
export const AXES = ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const;
export type Axis = (typeof AXES)[number];
/** Quantities whose sign a left-right mirror flips (patient's view: left ↔ right). Flexion keeps its sign. */
export const MIRROR_FLIPS: Record<Axis | 'lateralShiftCm', boolean> = { rotationDeg: true, tiltDeg: true, flexionDeg: false, lateralShiftCm: true };

export interface FrameRow {
  readonly frameIndex: number;
  readonly timestampMs: number;
  readonly state: string;
  readonly values: Record<Axis | 'lateralShiftCm', number | null>;
  readonly reasons: string;
}

export interface Summary {
  durationS: number;
  frames: number;
  measurableFrames: number;
  lowConfidenceFrames: number;
  notMeasurableFrames: number;
  notMeasurableReasons: Record<string, number>;
  timeInNeutral: { combined: { percentWithin: number | null; withinS: number; measuredS: number }; perAxis: Record<Axis, { percentWithin: number | null; notMeasurableS: number }> };
  jerks: { count: number; jerks: Array<{ axis: Axis; peakMs: number; excursionDeg: number; peakVelocityDegPerS: number }> };
  tremor: { dominantTremorAxis: string | null; axes: Record<Axis, { measurable: boolean; peak: { freqHz: number; rmsDeg: number; verdict: string } | null }> };
  measures: { tremorPeakHz: number | null; tremorRmsDeg: number | null; timeInNeutralPct: number | null; jerksPerMin: number | null };
  posture: Record<Axis, { medianDeg: number | null }>;
}

export function parseFramesCsv(text: string): FrameRow[] {
  const lines = text.trim().split('\n');
  const head = lines[0]!.split(',');
  const col = (n: string): number => {
    const i = head.indexOf(n);
    if (i < 0) throw new Error(`frames.csv has no column ${n}; columns: ${head.join(', ')}`);
    return i;
  };
  const ci = { frameIndex: col('frameIndex'), timestampMs: col('timestampMs'), state: col('state'), reasons: col('reasons') };
  const num = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));
  return lines.slice(1).map((l) => {
    const c = l.split(',');
    return {
      frameIndex: Number(c[ci.frameIndex]),
      timestampMs: Number(c[ci.timestampMs]),
      state: c[ci.state]!,
      values: {
        rotationDeg: num(c[col('rotationDeg')]),
        tiltDeg: num(c[col('tiltDeg')]),
        flexionDeg: num(c[col('flexionDeg')]),
        lateralShiftCm: num(c[col('lateralShiftCm')]),
      },
      reasons: c.slice(ci.reasons).join(','),
    };
  });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

export interface AxisAgreement {
  readonly quantity: Axis | 'lateralShiftCm';
  /** Frames with a value in both readings. */
  readonly both: number;
  /** Frames with a value in one reading only (measured in one, not in the other). */
  readonly oneOnly: number;
  readonly medianAbs: number;
  readonly p95Abs: number;
  readonly maxAbs: number;
  /** Median of the signed difference: a steady offset (for the mirror, the model's own left-right asymmetry). */
  readonly medianSigned: number;
  readonly over5: number;
  /** Frame index of the largest difference. */
  readonly worstFrame: number | null;
}

/** Per-frame agreement of two readings of the same frames; `flip` compares a with −b (a mirror), else a with b. */
export function agreement(a: readonly FrameRow[], b: readonly FrameRow[], quantity: Axis | 'lateralShiftCm', flip: boolean): AxisAgreement {
  const byIndex = new Map(b.map((r) => [r.frameIndex, r]));
  const diffs: number[] = [];
  let oneOnly = 0;
  let worst: { d: number; i: number } | null = null;
  for (const ra of a) {
    const rb = byIndex.get(ra.frameIndex);
    const va = ra.values[quantity];
    const vb = rb?.values[quantity] ?? null;
    if (va === null && vb === null) continue;
    if (va === null || vb === null) {
      oneOnly++;
      continue;
    }
    const d = flip ? va + vb : va - vb;
    diffs.push(d);
    if (!worst || Math.abs(d) > Math.abs(worst.d)) worst = { d, i: ra.frameIndex };
  }
  const abs = diffs.map(Math.abs).sort((x, y) => x - y);
  const signed = [...diffs].sort((x, y) => x - y);
  return {
    quantity,
    both: diffs.length,
    oneOnly,
    medianAbs: quantile(abs, 0.5),
    p95Abs: quantile(abs, 0.95),
    maxAbs: abs.length ? abs[abs.length - 1]! : NaN,
    medianSigned: quantile(signed, 0.5),
    over5: abs.filter((x) => x > 5).length,
    worstFrame: worst?.i ?? null,
  };
}

