// ref: Welch PSD (welch.ts) with Gaussian (log-parabolic) peak interpolation — M. Gasior, J. L. Gonzalez,
// "Improving FFT frequency measurement resolution by parabolic and Gaussian interpolation", CERN-AB-Note-2004-021.
// Bands and the "never high-pass above 1 Hz" rule: docs/clinical.md (dystonic head tremor ≈ 2 Hz, irregular).
import { AXES, type Axis, type FrameMeasure, type Series } from '../measures/types.ts';
import { fftInPlace, nextPowerOfTwo } from './fft.ts';
import { measuredRuns, resampleUniform } from './resample.ts';
import { cleanSeries, nominalStepMs, quantileSorted, requirePositive, seriesFromFrames } from './series.ts';
import { WelchAccumulator, type Psd } from './welch.ts';
import { coherenceAt, type MouthMovement } from './mouth.ts';

export const TREMOR_BANDS = [
  { band: '0-1.5Hz', loHz: 0, hiHz: 1.5 },
  { band: '1.5-4.5Hz', loHz: 1.5, hiHz: 4.5 },
  { band: '4.5-8Hz', loHz: 4.5, hiHz: 8 },
] as const;
export type TremorBandName = (typeof TREMOR_BANDS)[number]['band'];

export interface TremorOptions {
  /** Welch segment length, seconds. Also the least continuous data needed per axis. Default 8 s. */
  readonly segmentS: number;
  /** Gaps up to this are bridged by linear interpolation; longer ones split the data. Default max(100 ms, 2.5 frames). */
  readonly maxGapMs?: number;
  /** FFT zero-padding factor over the segment length (finer bins for the peak search). Default 4. */
  readonly zeroPadFactor: number;
  /** Half-width around the peak for the regularity share, Hz. Default 0.25 Hz (≈ the Hann main lobe at 8 s). */
  readonly regularityHalfWidthHz: number;
  /** Seconds trimmed from each end of a continuous run before the peak-to-peak percentiles (filter edge effects). Default 1 s. */
  readonly edgeTrimS: number;
}

export const TREMOR_DEFAULTS: TremorOptions = {
  segmentS: 8,
  zeroPadFactor: 4,
  regularityHalfWidthHz: 0.25,
  edgeTrimS: 1,
};

export interface TremorBandResult {
  readonly band: TremorBandName;
  readonly loHz: number;
  readonly hiHz: number;
  /** Highest frequency actually analysed (< hiHz when the frame rate's Nyquist limit cuts the band). */
  readonly analysedUpToHz: number;
  /** Spectral peak in the band, Hz, Gaussian-interpolated between bins. The DC bin is never a peak. */
  readonly peakFreqHz: number;
  /** True when the peak is the band's edge bin and the neighbour outside is higher: leakage from the next band, not a peak of its own. */
  readonly peakAtBandEdge: boolean;
  /** Band power, deg² (∫ PSD over the band). */
  readonly powerDeg2: number;
  /** RMS of the band-limited signal, deg = √power. */
  readonly rmsDeg: number;
  /** Peak-to-peak of the band-limited signal, deg: 99th minus 1st percentile (≈ 2 × amplitude for a sine; robust to single spikes). */
  readonly peakToPeakDeg: number;
  /** Peak sharpness in [0, 1]: share of the band's power within ±regularityHalfWidthHz of the peak. 1 = pure sinusoid. */
  readonly regularity: number;
}

/**
 * The strongest tremor peak of an axis, measured around the peak itself: its power is summed between the
 * spectrum's valleys on either side, so a peak that sits on a band edge (4.5 Hz) is not cut in two.
 * ref: band edges vs. peak-centred power — the 4.5 Hz split read a 4.5 Hz tremor ≈ 35 % low on perfect data
 * (issue 13).
 */
export interface TremorPeak {
  /** Peak frequency, Hz (Gaussian-interpolated). */
  readonly freqHz: number;
  /** Power between the valleys around the peak, deg². */
  readonly powerDeg2: number;
  /** √power, deg: the RMS of the tremor component around this peak. */
  readonly rmsDeg: number;
  /** The summed range, Hz. */
  readonly loHz: number;
  readonly hiHz: number;
  /** Band (TREMOR_BANDS) the peak frequency falls in. */
  readonly band: TremorBandName;
  /** Median PSD of the peak's surroundings (TREMOR_FLOOR_RING_HZ), deg²/Hz: the measurement's noise floor there. It is subtracted from every summed bin. */
  readonly floorDeg2PerHz: number;
  /** Peak density over the floor (∞ on noise-free data). */
  readonly prominence: number;
  /** Whether Geste calls this peak a tremor, and why not (docs/tremor-peak.md). */
  readonly verdict: TremorPeakVerdict;
  /** For 'harmonic-of-slower-movement': the slower rhythm (axis, Hz) of which this peak is the n-th multiple. */
  readonly harmonicOf: { readonly axis: Axis; readonly freqHz: number; readonly n: number } | null;
  /** For 'matches-the-mouth': the mouth's rhythm at this frequency (talking; signal/mouth.ts, docs/tremor-peak.md). */
  readonly mouth?: TalkingMatch;
}

/** The mouth's line that explains a peak: its frequency, size and how closely the angle follows it. */
export interface TalkingMatch {
  /** The mouth opening's peak, Hz. */
  readonly freqHz: number;
  /** Its RMS, % of the outer-eye-corner distance (floor taken off, as for angles). */
  readonly rmsPct: number;
  /** Magnitude-squared coherence of the angle with the mouth opening at the peak (COHERENCE_SEGMENT_S segments). */
  readonly coherence: number;
  /** The lips' and the jaw's lines at the peak (±2/T Hz, floor taken off), % of the eye distance. */
  readonly lipsAtPeakPct: number;
  readonly jawAtPeakPct: number;
  /** The head's whole movement at the peak: root-sum-square of the three angles' lines there (±2/T Hz, floor taken off), deg. */
  readonly headAtPeakDeg: number;
}

/**
 * 'tremor': a spectral line, at least TREMOR_MIN_RMS_DEG. 'not-above-noise': the peak does not stand
 * tremorMinProminence(segments) times over its surroundings (measurement jitter, or the skirt of a slow movement).
 * 'beside-a-stronger-line': within 4/T Hz (two Hann main-lobe half-widths, 0.5 Hz for 8 s segments) of a denser
 * line — its side lobe (a 0.8 Hz sway has one at 1.1 Hz), not a rhythm of its own; also a peak whose summed range climbs to a
 * denser bin before a real valley (a ripple on a slow movement's skirt, however far its line lies). 'too-small': under TREMOR_MIN_RMS_DEG. 'harmonic-of-slower-movement': an integer multiple of a stronger slow
 * rhythm (< 1.5 Hz, any axis) — e.g. a camera swaying at 1 Hz gives lines at 2 and 3 Hz.
 */
export type TremorPeakVerdict = 'tremor' | 'not-above-noise' | 'beside-a-stronger-line' | 'too-small' | 'harmonic-of-slower-movement' | 'matches-the-mouth';

/** Every verdict, for exhaustive renderers (closed codes). 'matches-the-mouth': the angle's rhythm follows the mouth's (talking). */
export const TREMOR_PEAK_VERDICTS: readonly TremorPeakVerdict[] = ['tremor', 'not-above-noise', 'beside-a-stronger-line', 'too-small', 'harmonic-of-slower-movement', 'matches-the-mouth'];

/**
 * Talking (docs/tremor-peak.md, "Talking"): a peak is the mouth's, not the head's, when the mouth opening has a clear
 * line at the same frequency (within the Hann main lobe, 2/T Hz), the angle follows it (coherence), and both the lips
 * and the jaw move more, per degree of the head's whole movement at that frequency, than a head rhythm moves them.
 * The mesh's lips follow a real head tremor (up to 1.33 % of the eye distance per degree, coherence 0.97: a 7 Hz pitch
 * tremor), its chin does not (≤ 0.45 %/° where the lips pass every other gate); talking moved the jaw 1.28–2.87 %/°.
 * ref: jaw and lips open the mouth together in speech — D. J. Ostry, K. G. Munhall, "Control of jaw orientation and
 * position in mastication and speech", J. Neurophysiol. 71(4):1528, 1994.
 */
export const TALKING_MIN_MOUTH_PROMINENCE = 10;
export const TALKING_MIN_COHERENCE = 0.8;
/** The least mouth line, % of the eye distance: below it a face is not talking (still faces' lip jitter: ≤ 0.45 % at a peak). */
export const TALKING_MIN_MOUTH_RMS_PCT = 0.5;
/** The lips' line at the peak per degree of the head's movement there, at least (talking: 0.83–3.96; true tremors: up to 1.33 — a sanity floor, the jaw separates). */
export const TALKING_MIN_LIPS_PCT_PER_HEAD_DEG = 0.5;
/** The jaw's line at the peak per degree of the head's movement there, at least (talking: 1.28–2.87; true tremors whose lips pass every other gate: ≤ 0.45, whose lips nearly pass: ≤ 0.66). */
export const TALKING_MIN_JAW_PCT_PER_HEAD_DEG = 0.9;

/** Peaks are searched from this frequency up (below it, posture changes dominate). */
export const TREMOR_PEAK_MIN_HZ = 1;
/** The summed range stops at most this far from the peak. */
export const TREMOR_PEAK_MAX_HALF_WIDTH_HZ = 1.5;
/** A dip that stays above this share of the peak's density is a ripple, not a valley: the sum goes on. */
export const TREMOR_PEAK_RIPPLE_SHARE = 0.3;
/**
 * How far a tremor peak's density must stand over its floor, by the number of Welch segments averaged: the
 * 99.9 % quantile of the strongest 1–8 Hz peak of pure measurement jitter (white and 1/f, the larger; 3000 seeds
 * per row, 30 fps), bench/experiments/tremor-prominence-table.ts (docs/tremor-peak.md). Averaging K segments shrinks the
 * scatter of a noise peak (≈ χ² with 2K degrees of freedom), so a long recording needs less than a short one.
 * Between rows the threshold is interpolated in log K; beyond the last row the last value holds (conservative).
 */
export const TREMOR_PROMINENCE_BY_SEGMENTS: readonly (readonly [segments: number, minProminence: number])[] = [
  [1, 35.4],
  [2, 16.8],
  [3, 12.7],
  [4, 8.9],
  [5, 8.0],
  [6, 7.1],
  [8, 6.4],
  [10, 5.6],
  [14, 4.6],
  [21, 4.2],
  [29, 3.7],
];
/** The least prominence (peak density over its floor) a peak from `segments` averaged Welch segments needs to be called tremor. */
export function tremorMinProminence(segments: number): number {
  const t = TREMOR_PROMINENCE_BY_SEGMENTS;
  const first = t[0] as readonly [number, number];
  const last = t[t.length - 1] as readonly [number, number];
  if (!(segments > first[0])) return first[1];
  if (segments >= last[0]) return last[1];
  let i = 1;
  while ((t[i] as readonly [number, number])[0] < segments) i++;
  const [k0, p0] = t[i - 1] as readonly [number, number];
  const [k1, p1] = t[i] as readonly [number, number];
  const w = Math.log(segments / k0) / Math.log(k1 / k0);
  return p0 + w * (p1 - p0);
}
/**
 * A slow rhythm (SLOW_RHYTHM_MIN_HZ–1.5 Hz) must stand this many times over its floor to explain a peak as its
 * overtone (the panned photograph's 1 Hz sway: 9.4 deg²/Hz, hundreds of times its floor).
 */
export const SLOW_RHYTHM_MIN_PROMINENCE = 20;
/** The surroundings: bins between these distances from the peak (and from 0.25 Hz up), Hz. */
export const TREMOR_FLOOR_RING_HZ = { inner: 0.5, outer: 2 } as const;
/** Smallest tremor reported, deg RMS (the jitter of a still phantom face reads 0.03–0.2° at a spectral peak). */
export const TREMOR_MIN_RMS_DEG = 0.1;
/** A slow rhythm is searched from this frequency up to below TREMOR_BANDS[1].loHz (1.5 Hz). */
export const SLOW_RHYTHM_MIN_HZ = 0.2;
/** Harmonic orders checked (2× … 6× the slow rhythm), for slow rhythms under HARMONIC_ALL_ORDERS_FROM_HZ. */
export const HARMONIC_MAX_ORDER = 6;
/**
 * From this slow-rhythm frequency up, every multiple up to 8 Hz is checked (0.9 Hz: up to 8×; a 1 Hz rhythm reads
 * 0.99–1.01 Hz, so the limit is not 1 Hz itself). A still photograph
 * panned 1 Hz vertically read a 7.00 Hz, 0.25° flexion line (31× its floor) — the 7th multiple of its 1.00 Hz flexion
 * sway: the angles repeat with the camera's cycle (docs/tremor-peak.md, "Higher overtones"). Not lower: breathing
 * and postural sway (0.2–0.5 Hz) have multiples every 0.2–0.5 Hz that would cover most of the band.
 */
export const HARMONIC_ALL_ORDERS_FROM_HZ = 0.9;
/** |f − n·f0| within this counts as a multiple, Hz (clean lines are located to ≈ 0.01 Hz; the panned photograph: 0.0003 Hz). */
export const HARMONIC_TOLERANCE_HZ = 0.06;

export type TremorNotMeasurableReason = 'too-little-continuous-data' | 'frame-rate-too-low';

export type TremorAxisResult =
  | {
      readonly axis: Axis;
      readonly measurable: true;
      readonly fsHz: number;
      readonly segments: number;
      /** Seconds of continuous data that went into the spectrum. */
      readonly analysedS: number;
      readonly bands: readonly TremorBandResult[];
      /** The strongest peak from 1 Hz to 8 Hz (or Nyquist), measured around itself; null when the spectrum has no peak there. */
      readonly peak: TremorPeak | null;
      /** Mean PSD (deg²/Hz) for plotting. */
      readonly psd: Psd;
    }
  | {
      readonly axis: Axis;
      readonly measurable: false;
      readonly reason: TremorNotMeasurableReason;
      /** What was needed and what was there. */
      readonly needed: { readonly minContinuousS: number; readonly longestContinuousS: number; readonly minFrameRateHz: number; readonly frameRateHz: number | null };
    };

export interface TremorResult {
  readonly axes: Readonly<Record<Axis, TremorAxisResult>>;
  /** Per band, the axis with the largest RMS (null if no axis was measurable). */
  readonly dominantAxisByBand: Readonly<Record<TremorBandName, Axis | null>>;
  /** The axis of `headline`, or null when no peak was called tremor. */
  readonly dominantTremorAxis: Axis | null;
  /** The tremor Geste reports: of the axes' peaks (1–8 Hz) with verdict 'tremor', the one with the most power; null if none. */
  readonly headline: { readonly axis: Axis; readonly peak: TremorPeak } | null;
}

/**
 * Tremor analysis of the three head axes of a session's frames (not-measurable frames are gaps). `mouthOpening`: the mouth's opening over the same recording (signal/mouth.ts `mouthOpeningSeries`, from the landmarks
 * the angles came from); with it, a peak that is the mouth's rhythm (talking) is not called tremor.
 */
export function analyzeTremor(frames: readonly FrameMeasure[], options: Partial<TremorOptions> = {}, mouthOpening: MouthMovement | null = null): TremorResult {
  const series = {} as Record<Axis, Series>;
  for (const a of AXES) series[a] = seriesFromFrames(frames, a);
  return analyzeTremorSeries(series, options, mouthOpening);
}

export function analyzeTremorSeries(series: Readonly<Record<Axis, Series>>, options: Partial<TremorOptions> = {}, mouthOpening: MouthMovement | null = null): TremorResult {
  const opts = { ...TREMOR_DEFAULTS, ...options };
  const axes = {} as Record<Axis, TremorAxisResult>;
  for (const a of AXES) axes[a] = analyzeTremorAxis(a, series[a], opts);
  const dominantAxisByBand = {} as Record<TremorBandName, Axis | null>;
  for (const b of TREMOR_BANDS) {
    let best: Axis | null = null;
    let bestRms = -1;
    for (const a of AXES) {
      const r = axes[a];
      if (!r.measurable) continue;
      const br = r.bands.find((x) => x.band === b.band);
      if (br && br.rmsDeg > bestRms) {
        bestRms = br.rmsDeg;
        best = a;
      }
    }
    dominantAxisByBand[b.band] = best;
  }
  // A peak that is an integer multiple of a stronger slow rhythm on any axis (the head is one body: a sway on
  // one axis shows up as overtones on another through the projection) is not called tremor.
  for (const a of AXES) {
    const r = axes[a];
    if (!r.measurable || !r.peak || r.peak.verdict !== 'tremor') continue;
    const h = harmonicOf(r.peak, r.psd, AXES.map((b) => [b, axes[b]] as const).flatMap(([b, x]) => (x.measurable ? [[b, x.psd] as const] : [])));
    if (h) axes[a] = { ...r, peak: { ...r.peak, verdict: 'harmonic-of-slower-movement', harmonicOf: h } };
  }
  // A peak that is the mouth's rhythm (talking moves the lips, and the head-pose fit follows them a little).
  if (mouthOpening) {
    const lips = analyzeTremorAxis('flexionDeg', percentOf(mouthOpening), opts);
    const jaw = analyzeTremorAxis('flexionDeg', percentOf({ timestampsMs: mouthOpening.timestampsMs, values: mouthOpening.jaw }), opts);
    const angleSpectra = AXES.flatMap((b) => { const x = axes[b]; return x.measurable ? [x.psd] : []; });
    for (const a of AXES) {
      const r = axes[a];
      if (!lips.measurable || !lips.peak || !jaw.measurable || !r.measurable || !r.peak || r.peak.verdict !== 'tremor') continue;
      const m = talkingMatch(r.peak, series[a], mouthOpening, lips.peak, { lips: lips.psd, jaw: jaw.psd, angles: angleSpectra }, opts.segmentS);
      if (m) axes[a] = { ...r, peak: { ...r.peak, verdict: 'matches-the-mouth', mouth: m } };
    }
  }
  let headline: TremorResult['headline'] = null;
  for (const a of AXES) {
    const r = axes[a];
    if (!r.measurable || !r.peak || r.peak.verdict !== 'tremor') continue;
    if (!headline || r.peak.powerDeg2 > headline.peak.powerDeg2) headline = { axis: a, peak: r.peak };
  }
  return { axes, dominantAxisByBand, dominantTremorAxis: headline?.axis ?? null, headline };
}

function percentOf(s: Series): Series {
  return { timestampsMs: s.timestampsMs, values: s.values.map((v) => (v === null ? null : 100 * v)) };
}

/** The mouth opening's strongest 1–8 Hz line in % of the eye distance (the same spectrum and peak rules as an angle's), or null. */
export function mouthLine(mouthOpening: Series, options: Partial<TremorOptions> = {}): TremorPeak | null {
  const r = analyzeTremorAxis('flexionDeg', percentOf(mouthOpening), options);
  return r.measurable ? r.peak : null;
}

/** RMS of a spectrum's line at fHz: the bins within ±halfWidthHz of it, each less the floor around fHz (spectralFloor). */
export function lineRmsAt(psd: Psd, fHz: number, halfWidthHz: number): number {
  const floor = spectralFloor(psd, fHz);
  let power = 0;
  for (let k = 0; k < psd.psd.length; k++) if (Math.abs((psd.freqsHz[k] as number) - fHz) <= halfWidthHz) power += Math.max(0, (psd.psd[k] as number) - floor) * psd.dfHz;
  return Math.sqrt(power);
}

/** Spectra (in %, and the angles' in deg) that talkingMatch compares at a peak. */
export interface TalkingSpectra {
  readonly lips: Psd;
  readonly jaw: Psd;
  /** The measurable head axes' spectra. */
  readonly angles: readonly Psd[];
}

/**
 * The mouth's line that explains `peak` (TALKING_* rules), or null: the mouth line lies within 2/T Hz of the peak, stands
 * TALKING_MIN_MOUTH_PROMINENCE over its floor and is at least TALKING_MIN_MOUTH_RMS_PCT; at the peak (±2/T Hz) the lips move
 * at least TALKING_MIN_LIPS_PCT_PER_HEAD_DEG and the jaw TALKING_MIN_JAW_PCT_PER_HEAD_DEG per degree of the head's whole
 * movement there (all three angles); and the angle is coherent with the mouth there (≥ TALKING_MIN_COHERENCE, from 3 segments up).
 */
export function talkingMatch(peak: TremorPeak, angle: Series, mouthOpening: Series, mouth: TremorPeak, spectra: TalkingSpectra, segmentS = TREMOR_DEFAULTS.segmentS): TalkingMatch | null {
  const resolutionHz = 2 / segmentS;
  if (Math.abs(mouth.freqHz - peak.freqHz) > resolutionHz) return null;
  if (mouth.prominence < TALKING_MIN_MOUTH_PROMINENCE || mouth.rmsDeg < TALKING_MIN_MOUTH_RMS_PCT) return null;
  const head = Math.hypot(...spectra.angles.map((p) => lineRmsAt(p, peak.freqHz, resolutionHz)));
  const lips = lineRmsAt(spectra.lips, peak.freqHz, resolutionHz);
  const jaw = lineRmsAt(spectra.jaw, peak.freqHz, resolutionHz);
  if (!(head > 0) || lips < TALKING_MIN_LIPS_PCT_PER_HEAD_DEG * head || jaw < TALKING_MIN_JAW_PCT_PER_HEAD_DEG * head) return null;
  const c = coherenceAt(angle, mouthOpening, peak.freqHz);
  if (!c || c.segments < 3 || c.coherence < TALKING_MIN_COHERENCE) return null;
  return { freqHz: mouth.freqHz, rmsPct: mouth.rmsDeg, coherence: c.coherence, lipsAtPeakPct: lips, jawAtPeakPct: jaw, headAtPeakDeg: head };
}

/** Density of the PSD at frequency f (nearest bin). */
function densityAt(psd: Psd, fHz: number): number {
  return (psd.psd[Math.max(0, Math.min(psd.psd.length - 1, Math.round(fHz / psd.dfHz)))] as number);
}

/** Median PSD over TREMOR_FLOOR_RING_HZ around fHz (bins from 0.25 Hz to Nyquist); 0 when there are none. */
export function spectralFloor(psd: Psd, fHz: number): number {
  const vals: number[] = [];
  for (let k = 0; k < psd.psd.length; k++) {
    const f = psd.freqsHz[k] as number;
    const d = Math.abs(f - fHz);
    if (f >= 0.25 && d > TREMOR_FLOOR_RING_HZ.inner && d <= TREMOR_FLOOR_RING_HZ.outer) vals.push(psd.psd[k] as number);
  }
  if (vals.length === 0) return 0;
  vals.sort((p, q) => p - q);
  return quantileSorted(vals, 0.5);
}

/**
 * The slow rhythm (SLOW_RHYTHM_MIN_HZ to 1.5 Hz, on any of the given spectra) of which `peak` is the n-th
 * multiple (2 ≤ n ≤ HARMONIC_MAX_ORDER; from a slow rhythm of HARMONIC_ALL_ORDERS_FROM_HZ up, every multiple to 8 Hz), or null. The slow rhythm must be a line itself (SLOW_RHYTHM_MIN_PROMINENCE
 * over its own floor, and the densest bin within 4/T Hz of itself — a local maximum on the skirt of a larger slow
 * movement, e.g. the ripple of a turn-and-return's spectrum, makes no overtones) and at least as dense as the peak:
 * an overtone is weaker than what makes it.
 */
export function harmonicOf(peak: TremorPeak, ownPsd: Psd, spectra: readonly (readonly [Axis, Psd])[]): { axis: Axis; freqHz: number; n: number } | null {
  const f = peak.freqHz;
  const tol = HARMONIC_TOLERANCE_HZ;
  const peakDensity = densityAt(ownPsd, f);
  let best: { axis: Axis; freqHz: number; n: number; density: number } | null = null;
  for (const [axis, psd] of spectra) {
    const p = psd.psd;
    for (let k = 1; k + 1 < p.length; k++) {
      const fk = psd.freqsHz[k] as number;
      if (fk < SLOW_RHYTHM_MIN_HZ || fk >= Math.min(TREMOR_BANDS[1].loHz, f / 2 + tol)) continue;
      const v = p[k] as number;
      if (!(v >= (p[k - 1] as number) && v > (p[k + 1] as number)) || v < peakDensity) continue;
      const f0 = interpolatePeakHz(psd, k);
      const n = Math.round(f / f0);
      const maxOrder = f0 >= HARMONIC_ALL_ORDERS_FROM_HZ ? Math.max(HARMONIC_MAX_ORDER, Math.floor((TREMOR_BANDS[2].hiHz + tol) / f0)) : HARMONIC_MAX_ORDER;
      if (n < 2 || n > maxOrder || Math.abs(f - n * f0) > tol) continue;
      if (v < SLOW_RHYTHM_MIN_PROMINENCE * spectralFloor(psd, f0)) continue;
      if (!isDensestWithin(psd, k, sideLobeHz(psd))) continue;
      if (!best || v > best.density) best = { axis, freqHz: f0, n, density: v };
    }
  }
  return best ? { axis: best.axis, freqHz: best.freqHz, n: best.n } : null;
}

/** Two Hann main-lobe half-widths, 4/T Hz (0.5 Hz for 8 s segments): a weaker local maximum this close to a denser bin is its side lobe. */
function sideLobeHz(psd: Psd): number {
  return (4 * psd.fsHz) / psd.segmentLength;
}

/** No other bin within ±widthHz of bin k is denser: k is a line of its own, not a ripple on the skirt of a stronger one. */
function isDensestWithin(psd: Psd, k: number, widthHz: number, centreHz = psd.freqsHz[k] as number): boolean {
  const fk = centreHz;
  const v = psd.psd[k] as number;
  for (let j = 0; j < psd.psd.length; j++) if (j !== k && Math.abs((psd.freqsHz[j] as number) - fk) <= widthHz && (psd.psd[j] as number) > v) return false;
  return true;
}

/** Tremor analysis of one axis. Exported for tests and for single-measure use. */
export function analyzeTremorAxis(axis: Axis, input: Series, options: Partial<TremorOptions> = {}): TremorAxisResult {
  const opts = { ...TREMOR_DEFAULTS, ...options };
  requirePositive('segmentS', opts.segmentS);
  requirePositive('zeroPadFactor', opts.zeroPadFactor);
  requirePositive('regularityHalfWidthHz', opts.regularityHalfWidthHz);
  const minFrameRateHz = 2 * TREMOR_BANDS[1].hiHz; // the main tremor band must lie below Nyquist
  const s = cleanSeries(input);
  const measuredT = s.timestampsMs.filter((_, i) => s.values[i] !== null);
  const stepMs = nominalStepMs(measuredT);
  const fsHz = stepMs === null ? null : 1000 / stepMs;
  const notMeasurable = (reason: TremorNotMeasurableReason, longestS: number): TremorAxisResult => ({
    axis,
    measurable: false,
    reason,
    needed: { minContinuousS: opts.segmentS, longestContinuousS: longestS, minFrameRateHz, frameRateHz: fsHz },
  });
  if (stepMs === null || fsHz === null) return notMeasurable('too-little-continuous-data', 0);
  const maxGapMs = opts.maxGapMs ?? Math.max(100, 2.5 * stepMs);
  const grid = resampleUniform(s, { stepMs, maxGapMs, method: 'cubic' });
  const segLen = Math.round(opts.segmentS * fsHz);
  const runs = measuredRuns(grid.values);
  const longestS = runs.reduce((m, [a, b]) => Math.max(m, (b - a) / fsHz), 0);
  if (fsHz < minFrameRateHz) return notMeasurable('frame-rate-too-low', longestS);
  const longRuns = runs.filter(([a, b]) => b - a >= segLen);
  if (segLen < 4 || longRuns.length === 0) return notMeasurable('too-little-continuous-data', longestS);

  const x = Float64Array.from(grid.values, (v) => v ?? 0);
  const acc = new WelchAccumulator({
    fsHz,
    segmentLength: segLen,
    nfft: nextPowerOfTwo(segLen) * nextPowerOfTwo(opts.zeroPadFactor),
    detrend: 'constant',
  });
  let analysed = 0;
  for (const [a, b] of longRuns) {
    acc.addRun(x, a, b);
    analysed += b - a;
  }
  const psd = acc.result();
  const nyquist = fsHz / 2;
  const trim = Math.round(opts.edgeTrimS * fsHz);

  // Band-limited time signals for peak-to-peak: FFT of each run (mean removed, zero-padded ×2 against
  // wrap-around), bins outside the band zeroed, inverse FFT. Only mean removal: no high-pass above 1 Hz.
  const bandSamples: number[][] = TREMOR_BANDS.map(() => []);
  for (const [a, b] of longRuns) {
    const len = b - a;
    const n = nextPowerOfTwo(2 * len);
    let mean = 0;
    for (let i = a; i < b; i++) mean += x[i] as number;
    mean /= len;
    const re0 = new Float64Array(n);
    const im0 = new Float64Array(n);
    for (let i = 0; i < len; i++) re0[i] = (x[a + i] as number) - mean;
    fftInPlace(re0, im0);
    TREMOR_BANDS.forEach((band, bi) => {
      const re = new Float64Array(n);
      const im = new Float64Array(n);
      for (let k = 1; k <= n / 2; k++) {
        const f = (k * fsHz) / n;
        if (inBand(f, band.loHz, band.hiHz)) {
          re[k] = re0[k] as number;
          im[k] = im0[k] as number;
          if (k !== n / 2) {
            re[n - k] = re0[n - k] as number;
            im[n - k] = im0[n - k] as number;
          }
        }
      }
      fftInPlace(re, im, true);
      const lo = len > 2 * trim + 1 ? trim : 0;
      const hi = len > 2 * trim + 1 ? len - trim : len;
      const dst = bandSamples[bi] as number[];
      for (let i = lo; i < hi; i++) dst.push(re[i] as number);
    });
  }

  const bands: TremorBandResult[] = TREMOR_BANDS.map((band, bi) => {
    const upTo = Math.min(band.hiHz, nyquist);
    let power = 0;
    let kPeak = -1;
    for (let k = 0; k < psd.psd.length; k++) {
      const f = psd.freqsHz[k] as number;
      if (!inBand(f, band.loHz, upTo)) continue;
      power += (psd.psd[k] as number) * psd.dfHz;
      if (k >= 1 && (kPeak < 0 || (psd.psd[k] as number) > (psd.psd[kPeak] as number))) kPeak = k;
    }
    let peakFreqHz = NaN;
    let peakAtBandEdge = false;
    let regularity = 0;
    if (kPeak >= 1) {
      peakFreqHz = interpolatePeakHz(psd, kPeak);
      const fLo = psd.freqsHz[kPeak - 1];
      const fHi = psd.freqsHz[kPeak + 1];
      const pk = psd.psd[kPeak] as number;
      if (fLo !== undefined && !inBand(fLo, band.loHz, upTo) && (psd.psd[kPeak - 1] as number) > pk) peakAtBandEdge = true;
      if (fHi !== undefined && !inBand(fHi, band.loHz, upTo) && (psd.psd[kPeak + 1] as number) > pk) peakAtBandEdge = true;
      let near = 0;
      for (let k = 0; k < psd.psd.length; k++) {
        const f = psd.freqsHz[k] as number;
        if (inBand(f, band.loHz, upTo) && Math.abs(f - peakFreqHz) <= opts.regularityHalfWidthHz) near += (psd.psd[k] as number) * psd.dfHz;
      }
      regularity = power > 0 ? near / power : 0;
    }
    const samples = (bandSamples[bi] as number[]).slice().sort((p, q) => p - q);
    const p2p = samples.length > 0 ? quantileSorted(samples, 0.99) - quantileSorted(samples, 0.01) : 0;
    return {
      band: band.band,
      loHz: band.loHz,
      hiHz: band.hiHz,
      analysedUpToHz: upTo,
      peakFreqHz,
      peakAtBandEdge,
      powerDeg2: power,
      rmsDeg: Math.sqrt(power),
      peakToPeakDeg: p2p,
      regularity,
    };
  });
  return { axis, measurable: true, fsHz, segments: psd.segments, analysedS: analysed / fsHz, bands, peak: tremorPeak(psd), psd };
}

/** The strongest local maximum of the PSD in [TREMOR_PEAK_MIN_HZ, min(8 Hz, Nyquist)], summed valley to valley. */
export function tremorPeak(psd: Psd): TremorPeak | null {
  const p = psd.psd;
  const f = psd.freqsHz;
  const hiLimit = Math.min(TREMOR_BANDS[2].hiHz, psd.fsHz / 2);
  let kPeak = -1;
  for (let k = 1; k + 1 < p.length; k++) {
    const fk = f[k] as number;
    if (fk < TREMOR_PEAK_MIN_HZ || fk > hiLimit) continue;
    const v = p[k] as number;
    if (v >= (p[k - 1] as number) && v > (p[k + 1] as number) && (kPeak < 0 || v > (p[kPeak] as number))) kPeak = k;
  }
  if (kPeak < 0 || !((p[kPeak] as number) > 0)) return null;
  const freqHz = interpolatePeakHz(psd, kPeak);
  const top = p[kPeak] as number;
  // Set when a walk climbs to a bin denser than the peak without first passing a real valley: the peak is a ripple
  // on the skirt of a stronger line (e.g. a slow excursion's), however far that line lies (docs/tremor-peak.md, "A ripple on a slow movement's skirt").
  let onStrongerSkirt = false;
  const walk = (dir: -1 | 1): number => {
    let k = kPeak;
    let kDip = kPeak;
    for (;;) {
      const n = k + dir;
      if (n < 1 || n >= p.length) break;
      const fn = f[n] as number;
      if (Math.abs(fn - freqHz) > TREMOR_PEAK_MAX_HALF_WIDTH_HZ || fn < TREMOR_PEAK_MIN_HZ / 2 || fn > psd.fsHz / 2) break;
      if ((p[n] as number) < 0.02 * top) break; // the peak's skirt has ended
      const rising = (p[n] as number) > (p[k] as number);
      if (rising && (p[k] as number) < TREMOR_PEAK_RIPPLE_SHARE * top) break; // a real valley: the next peak starts here
      if ((p[n] as number) > top) {
        // A denser line's skirt: its power is not this peak's. Stop at the deepest dip on the way.
        onStrongerSkirt = true;
        return kDip;
      }
      k = n;
      if ((p[k] as number) < (p[kDip] as number)) kDip = k;
    }
    return k;
  };
  // At least the window's main lobe (±2/T for a Hann segment of T s): in jitter the walk can stop inside it, and
  // a line's power lies there — with the floor taken off, the bins added beyond the valley add nothing but the line.
  const lobeBins = Math.ceil(((2 * psd.fsHz) / psd.segmentLength) / psd.dfHz);
  const kLo = Math.max(1, Math.min(walk(-1), kPeak - lobeBins));
  const kHi = Math.min(p.length - 1, Math.max(walk(1), kPeak + lobeBins));
  // The noise under the peak is not tremor: the floor (median of the surroundings) is taken off every bin.
  const floor = spectralFloor(psd, freqHz);
  let power = 0;
  for (let k = kLo; k <= kHi; k++) power += Math.max(0, (p[k] as number) - floor) * psd.dfHz;
  const band = TREMOR_BANDS.find((b) => inBand(freqHz, b.loHz, b.hiHz)) ?? TREMOR_BANDS[2];
  const prominence = floor > 0 ? top / floor : Infinity;
  const rmsDeg = Math.sqrt(power);
  const minProminence = tremorMinProminence(psd.segments);
  const besideStronger = onStrongerSkirt || !isDensestWithin(psd, kPeak, sideLobeHz(psd), freqHz);
  const verdict: TremorPeakVerdict = besideStronger ? 'beside-a-stronger-line' : prominence < minProminence ? 'not-above-noise' : rmsDeg < TREMOR_MIN_RMS_DEG ? 'too-small' : 'tremor';
  return { freqHz, powerDeg2: power, rmsDeg, loHz: f[kLo] as number, hiHz: f[kHi] as number, band: band.band, floorDeg2PerHz: floor, prominence, verdict, harmonicOf: null };
}

/** Bands are [lo, hi) except the last (4.5–8 Hz), which includes 8 Hz. */
function inBand(f: number, lo: number, hi: number): boolean {
  return f >= lo && (f < hi || (hi >= 8 && f <= hi));
}

/** Gaussian interpolation: parabola through the logs of the three bins around the peak bin. */
function interpolatePeakHz(p: Psd, k: number): number {
  const a = p.psd[k - 1];
  const b = p.psd[k] as number;
  const c = p.psd[k + 1];
  const f = p.freqsHz[k] as number;
  if (a === undefined || c === undefined || a <= 0 || b <= 0 || c <= 0) return f;
  const la = Math.log(a);
  const lb = Math.log(b);
  const lc = Math.log(c);
  const den = la - 2 * lb + lc;
  if (den >= 0) return f;
  const delta = Math.max(-0.5, Math.min(0.5, (0.5 * (la - lc)) / den));
  return f + delta * p.dfHz;
}
