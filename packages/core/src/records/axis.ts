/**
 * A value axis that fits both the data and the scale's declared range (pure; used by the app's SVG
 * charts and the PDF). The axis never leaves the declared range, always contains every finite value,
 * and spans at least `minSpanFraction` of the declared range so a small wobble is not blown up to
 * look like a large change (a 5-point wobble on a 0–85 scale stays small on screen).
 */
export interface ValueAxis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

export interface AxisOptions {
  /** Smallest visible span as a fraction of the declared range (default 0.25). */
  readonly minSpanFraction?: number;
  /** Aim for about this many tick intervals (default 5). */
  readonly targetTicks?: number;
  /** Declared ranges this short or shorter are always shown whole (default 10). */
  readonly fullRangeUpTo?: number;
}

function niceStep(span: number, target: number): number {
  const raw = span / Math.max(1, target);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function fitAxis(values: readonly number[], declared: { readonly min: number; readonly max: number } | null, opts: AxisOptions = {}): ValueAxis {
  const finite = values.filter((v) => Number.isFinite(v));
  const dMin = declared?.min ?? (finite.length === 0 ? 0 : Math.min(...finite));
  const dMax = declared?.max ?? (finite.length === 0 ? 1 : Math.max(...finite));
  let lo = finite.length === 0 ? dMin : Math.min(...finite);
  let hi = finite.length === 0 ? dMax : Math.max(...finite);
  // Values outside a declared range still show (the axis widens rather than clipping them).
  const rMin = Math.min(dMin, lo);
  const rMax = Math.max(dMax, hi, rMin + 1e-9);
  const minSpan = (opts.minSpanFraction ?? 0.25) * (dMax - dMin || Math.max(1, Math.abs(hi)));
  if (declared !== null && declared.max - declared.min <= (opts.fullRangeUpTo ?? 10)) {
    // Short scales (0–10 pain, 0–4 impact) are read against their whole range.
    lo = rMin;
    hi = rMax;
  } else if (hi - lo < minSpan) {
    const mid = (lo + hi) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
    if (lo < rMin) { hi += rMin - lo; lo = rMin; }
    if (hi > rMax) { lo -= hi - rMax; hi = rMax; }
    lo = Math.max(lo, rMin);
  }
  // A little air so values on the extremes are not drawn on the frame (still within the declared range).
  const air = 0.03 * (hi - lo);
  lo = Math.max(rMin, lo - air);
  hi = Math.min(rMax, hi + air);
  const step = niceStep(hi - lo, opts.targetTicks ?? 5);
  // Never tighter than the data (the 1e-9 tolerances must not round a value off the axis).
  const dataLo = finite.length === 0 ? rMin : Math.min(...finite);
  const dataHi = finite.length === 0 ? rMax : Math.max(...finite);
  const min = Math.min(dataLo, Math.max(rMin, Math.floor(lo / step + 1e-9) * step));
  const max = Math.max(dataHi, Math.min(rMax, Math.ceil(hi / step - 1e-9) * step));
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + 1e-9; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return { min, max: max > min ? max : min + step, ticks };
}
