/**
 * Scoring what the user gets (issue 13), shared by bench/accuracy.ts and the phantom tests. Pure: no I/O.
 *
 * Per group of clips (one face × one camera set-up): angles per axis and band, also over the frames held in a
 * posture; the edges of all three axes (beyond ±45° rotation, ±30° tilt, ±30° flexion: within 5° or flagged,
 * never > 10° off while measurable); combined postures (each axis within 3° or flagged low confidence); tremor,
 * jerks and time in neutral read from `geste analyze`'s own summary (jerks on the right axis, tremor amplitude
 * scored from 0.5°); not-measurable share in the core range.
 */
import { AXES, analyzeTremorAxis, analyzeTremorSeries, type Axis, type Series } from '@geste/core';
import type { EventsFile, TruthRow } from './truth.ts';
import { REST_MS } from './scripts/motion.ts';
import {
  compareAngles, compareJerks, compareTimeInNeutral, inCoreRange, joinFrames, GROSS_ERROR_DEG, TARGETS,
  type AxisAccuracy, type JerkComparison, type MeasuredRow, type NeutralTimeComparison, type ErrorStats,
} from './accuracy.ts';

export const TARGETS_13 = {
  /** Core range (±45° rotation, ±30° tilt, ±30° flexion): MAE per axis on every face and camera set-up. */
  coreMaeDeg: 2,
  /** … and on the worst single clip. */
  worstClipMaeDeg: 3,
  /** Beyond the core range: within this, or flagged (low confidence / not measurable). */
  edgeWithinDeg: 5,
  /** Combined postures: each axis within this, or flagged low confidence. */
  combinedWithinDeg: 3,
  tremorFrequencyHz: 0.25,
  tremorAmplitudeRel: 0.2,
  /** Tremor amplitude is scored for scripted tremors of at least this peak amplitude. */
  tremorAmplitudeMinDeg: 0.5,
  jerkRecall: 0.9,
  jerkPrecision: 0.9,
  /** Time within 10° of neutral: seconds of error per minute of clip. */
  timeInNeutralSPerMin: 2,
  /** Not measurable within the core range, share of frames. */
  coreNotMeasurableShare: 0.05,
} as const;

/** Edge bands: beyond the core range up to where the scripts go. */
export const EDGE_BANDS_DEG: Readonly<Record<Axis, readonly [number, number]>> = { rotationDeg: [45, 80], tiltDeg: [30, 45], flexionDeg: [30, 45] };

export interface ClipForScoring {
  readonly name: string;
  /** All truth rows of the clip (the calibration rest included). */
  readonly truth: readonly TruthRow[];
  readonly measured: readonly MeasuredRow[];
  /** `geste analyze`'s summary (SessionSummary), read defensively. */
  readonly summary: unknown;
  readonly events: EventsFile;
}

export interface EdgeScore {
  readonly axis: Axis;
  readonly frames: number;
  /** Within 5°, or flagged (low confidence or not measurable). */
  readonly okFrames: number;
  readonly notMeasurable: number;
  readonly lowConfidence: number;
  /** Claimed (measured or low confidence) but off by > 10°. */
  readonly offBy10WhileMeasurable: number;
  readonly maxErrorWhileMeasurableDeg: number | null;
  readonly pass: boolean;
}

export interface CombinedScore {
  readonly axis: Axis;
  readonly frames: number;
  /** Within 3°, or flagged. */
  readonly okFrames: number;
  readonly maeDeg: number | null;
  readonly pass: boolean;
}

export interface TremorScore {
  readonly clip: string;
  readonly axis: Axis;
  readonly scriptedHz: number;
  readonly scriptedAmplitudeDeg: number;
  /** The same analyser on the truth angles (whole clip, like the summary). */
  readonly truthHz: number | null;
  readonly truthRmsDeg: number | null;
  /** From the summary: the tremor peak of that axis. */
  readonly measuredHz: number | null;
  readonly measuredRmsDeg: number | null;
  readonly amplitudeScored: boolean;
  readonly amplitudeErrorRel: number | null;
  /**
   * The headline tremor the user reads (summary.measures: core's summaryMeasures, listed by `geste analyze`); null
   * when the summary has no headline (an older summary). Scored too when present.
   */
  readonly headlineHz: number | null;
  readonly headlineRmsDeg: number | null;
  readonly pass: boolean;
  readonly note: string;
}

export interface GroupScore {
  readonly clips: readonly string[];
  readonly angles: readonly AxisAccuracy[];
  /** Frames inside scripted posture holds only (not diluted by near-neutral frames). */
  readonly holds: readonly AxisAccuracy[];
  readonly core: readonly { axis: Axis; stats: ErrorStats; pass: boolean }[];
  /**
   * Not measurable in the core range, per axis: a frame can carry rotation and not flexion (the flexion far-range
   * rule drops flexion alone), so the share is counted on each axis (issue 13).
   */
  readonly coreNotMeasurable: readonly { axis: Axis; frames: number; notMeasurable: number; share: number; pass: boolean }[];
  /** The worst axis's share (the target is met only when every axis meets it). */
  readonly coreNotMeasurableShare: number;
  /** Every axis × range band with frames, and the band rules it breaks (empty = met); see `bandFailures`. */
  readonly bands: readonly BandVerdict[];
  readonly worstClip: { clip: string; axis: Axis; maeDeg: number } | null;
  readonly edges: readonly EdgeScore[];
  readonly combined: readonly CombinedScore[];
  readonly tremors: readonly TremorScore[];
  /**
   * Clips with no scripted tremor whose summary headline says "tremor" although the truth angles, through the same
   * analyser, have none (a still or slowly moving head called tremulous: issue 13's "no wrong number on a still face").
   */
  readonly falseTremors: readonly FalseTremorScore[];
  readonly jerks: readonly { clip: string; cmp: JerkComparison }[];
  readonly neutral: readonly { clip: string; minutes: number; cmp: NeutralTimeComparison }[];
}

/** One axis × range band of |truth| and the band rules it breaks. */
export interface BandVerdict {
  readonly axis: Axis;
  readonly loDeg: number;
  readonly hiDeg: number;
  /** 'core': inside ±45° rotation / ±30° tilt and flexion; 'edge': the EDGE_BANDS_DEG; 'beyond': past the targets. */
  readonly zone: 'core' | 'edge' | 'beyond';
  /** All frames of the band (what the tables show). */
  readonly stats: ErrorStats;
  /** Core bands: the band's frames that are inside the core range on all three axes (what the core rules judge). */
  readonly coreStats: ErrorStats | null;
  /** Edge bands: frames within 5° or flagged (low confidence / not measurable). */
  readonly okFrames: number;
  /** Plain words, one per broken rule; empty when the band meets its rules. */
  readonly fails: readonly string[];
}

/**
 * Band rules (issue 13's targets read per band, so no band hides in a pooled number):
 * core bands: MAE ≤ 2° and not measurable ≤ 5 % over the band's frames inside the core range; edge bands: every frame within 5° or flagged;
 * every band: no frame off by > 10° while claimed measurable.
 */
export function bandFailures(truth: readonly TruthRow[], measured: readonly MeasuredRow[]): BandVerdict[] {
  const acc = compareAngles(truth, measured);
  // Core-band MAE and not-measurable count only frames inside the core range on all three axes: a frame at 60°
  // rotation is rightly not measurable and must not fail the tilt 0–15° band.
  const coreAcc = compareAngles(truth, measured, { include: inCoreRange });
  const joined = joinFrames(truth, measured);
  const out: BandVerdict[] = [];
  for (const [k, a] of acc.entries()) {
    const coreLimit = TARGETS.coreRange[a.axis];
    const [edgeLo, edgeHi] = EDGE_BANDS_DEG[a.axis];
    for (const [i, b] of a.bands.entries()) {
      if (b.stats.frames === 0) continue;
      const zone = b.hiDeg <= coreLimit ? 'core' : b.loDeg >= edgeLo && b.hiDeg <= edgeHi ? 'edge' : 'beyond';
      const inBand = (t: TruthRow) => Math.abs(t[a.axis]) >= b.loDeg && (Math.abs(t[a.axis]) < b.hiDeg || (b.hiDeg === 80 && Math.abs(t[a.axis]) <= b.hiDeg));
      let ok = 0;
      for (const j of joined) {
        if (!inBand(j.truth)) continue;
        const v = claimed(j.measured, a.axis);
        if (v === null || j.measured!.state === 'low-confidence' || Math.abs(v - j.truth[a.axis]) <= TARGETS_13.edgeWithinDeg) ok++;
      }
      const fails: string[] = [];
      const s = b.stats;
      const c = coreAcc[k]!.bands[i]!.stats;
      if (zone === 'core' && c.maeDeg !== null && c.maeDeg > TARGETS_13.coreMaeDeg) fails.push(`MAE ${c.maeDeg.toFixed(2)}° > ${TARGETS_13.coreMaeDeg}°`);
      if (zone === 'core' && c.frames > 0 && c.shareNotMeasurable > TARGETS_13.coreNotMeasurableShare) fails.push(`${(100 * c.shareNotMeasurable).toFixed(1)} % not measurable > ${100 * TARGETS_13.coreNotMeasurableShare} %`);
      if (zone === 'edge' && ok < s.frames) fails.push(`${s.frames - ok}/${s.frames} frames neither within ${TARGETS_13.edgeWithinDeg}° nor flagged`);
      if (s.claimedButOffBy10 > 0) fails.push(`${s.claimedButOffBy10} frames off > ${GROSS_ERROR_DEG}° while measurable (max ${s.maxDeg!.toFixed(1)}°)`);
      out.push({ axis: a.axis, loDeg: b.loDeg, hiDeg: b.hiDeg, zone, stats: s, coreStats: zone === 'core' ? c : null, okFrames: ok, fails });
    }
  }
  return out;
}

const get = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((a, k) => (a !== null && typeof a === 'object' ? (a as Record<string | number, unknown>)[k] : undefined), o);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function claimed(m: MeasuredRow | null, axis: Axis): number | null {
  if (m === null || m.state === 'not-measurable') return null;
  const v = m[axis];
  return v === null || !Number.isFinite(v) ? null : v;
}

/** Rows of several clips joined into one comparison (frame indices made unique per clip). */
function pooled(clips: readonly ClipForScoring[], keep: (t: TruthRow, c: ClipForScoring) => boolean): { truth: TruthRow[]; measured: MeasuredRow[] } {
  const truth: TruthRow[] = [];
  const measured: MeasuredRow[] = [];
  clips.forEach((c, k) => {
    const off = k * 1_000_000;
    for (const t of c.truth) if (t.timestampMs >= REST_MS && keep(t, c)) truth.push({ ...t, frameIndex: t.frameIndex + off });
    for (const m of c.measured) measured.push({ ...m, frameIndex: m.frameIndex + off });
  });
  return { truth, measured };
}

function inHold(t: TruthRow, c: ClipForScoring): boolean {
  return c.events.events.holds.some((h) => h.kind === 'posture' && t.timestampMs >= h.startMs && t.timestampMs < h.endMs);
}

/** A combined posture: at least two axes 10° or more from neutral, inside ±35° rotation, ±20° tilt, ±15° flexion (+1° slack). */
export function isCombinedPosture(t: Pick<TruthRow, Axis>): boolean {
  const big = AXES.filter((a) => Math.abs(t[a]) >= 10).length;
  return big >= 2 && Math.abs(t.rotationDeg) <= 36 && Math.abs(t.tiltDeg) <= 21 && Math.abs(t.flexionDeg) <= 16;
}

export function edgeScores(truth: readonly TruthRow[], measured: readonly MeasuredRow[]): EdgeScore[] {
  const joined = joinFrames(truth, measured);
  return AXES.map((axis) => {
    const [lo, hi] = EDGE_BANDS_DEG[axis];
    let frames = 0, ok = 0, nm = 0, low = 0, gross = 0;
    let maxErr: number | null = null;
    for (const j of joined) {
      const a = Math.abs(j.truth[axis]);
      if (a <= lo || a > hi) continue;
      frames++;
      const v = claimed(j.measured, axis);
      if (v === null) { nm++; ok++; continue; }
      const e = Math.abs(v - j.truth[axis]);
      maxErr = Math.max(maxErr ?? 0, e);
      const flagged = j.measured!.state === 'low-confidence';
      if (flagged) low++;
      if (e <= TARGETS_13.edgeWithinDeg || flagged) ok++;
      if (e > GROSS_ERROR_DEG) gross++;
    }
    return { axis, frames, okFrames: ok, notMeasurable: nm, lowConfidence: low, offBy10WhileMeasurable: gross, maxErrorWhileMeasurableDeg: maxErr, pass: gross === 0 && ok === frames };
  });
}

export function combinedScores(truth: readonly TruthRow[], measured: readonly MeasuredRow[]): CombinedScore[] {
  const joined = joinFrames(truth, measured).filter((j) => isCombinedPosture(j.truth));
  return AXES.map((axis) => {
    let ok = 0;
    const errs: number[] = [];
    for (const j of joined) {
      const v = claimed(j.measured, axis);
      if (v === null || j.measured!.state === 'low-confidence') { ok++; if (v !== null) errs.push(Math.abs(v - j.truth[axis])); continue; }
      const e = Math.abs(v - j.truth[axis]);
      errs.push(e);
      if (e <= TARGETS_13.combinedWithinDeg) ok++;
    }
    return { axis, frames: joined.length, okFrames: ok, maeDeg: errs.length ? errs.reduce((s, x) => s + x, 0) / errs.length : null, pass: ok === joined.length };
  });
}

export interface FalseTremorScore {
  readonly clip: string;
  /** The headline `geste analyze` printed (summary.measures), null = "none found". */
  readonly headlineHz: number | null;
  readonly headlineRmsDeg: number | null;
  /** What the same analyser calls tremor on the truth angles (null = none). */
  readonly truthHeadlineHz: number | null;
  readonly pass: boolean;
}

/**
 * A clip with no scripted tremor: the summary's headline must be "none found" unless the truth angles themselves,
 * through the same analyser, show a tremor (a scripted rhythm that is not labelled as tremor). Null when the summary
 * has no headline field to read.
 */
export function falseTremorScore(c: ClipForScoring): FalseTremorScore | null {
  const measures = get(c.summary, 'measures');
  if (measures === undefined || c.events.events.tremors.length > 0) return null;
  const series = {} as Record<Axis, Series>;
  for (const a of AXES) series[a] = { timestampsMs: c.truth.map((r) => r.timestampMs), values: c.truth.map((r) => r[a]) };
  const truthHeadlineHz = analyzeTremorSeries(series).headline?.peak.freqHz ?? null;
  const headlineHz = num(get(measures, 'tremorPeakHz'));
  const headlineRmsDeg = num(get(measures, 'tremorRmsDeg'));
  const pass = headlineHz === null || (truthHeadlineHz !== null && Math.abs(headlineHz - truthHeadlineHz) <= TARGETS_13.tremorFrequencyHz);
  return { clip: c.name, headlineHz, headlineRmsDeg, truthHeadlineHz, pass };
}

/** A scripted tremor against the summary's tremor peak on its axis; truth = the same analyser on the truth angles. */
export function tremorScore(c: ClipForScoring, i: number): TremorScore {
  const tr = c.events.events.tremors[i]!;
  const t = analyzeTremorAxis(tr.axis, { timestampsMs: c.truth.map((r) => r.timestampMs), values: c.truth.map((r) => r[tr.axis]) });
  const truthPeak = t.measurable ? t.peak : null;
  const axisResult = get(c.summary, 'tremor', 'axes', tr.axis);
  const measuredHz = num(get(axisResult, 'peak', 'freqHz'));
  const measuredRms = num(get(axisResult, 'peak', 'rmsDeg'));
  const notes: string[] = [];
  if (get(axisResult, 'measurable') === false) notes.push(`summary: axis not measurable (${String(get(axisResult, 'reason'))})`);
  else if (measuredHz === null) notes.push('summary: no tremor peak on the axis');
  const truthRms = truthPeak?.rmsDeg ?? null;
  const amplitudeScored = tr.amplitudeDeg >= TARGETS_13.tremorAmplitudeMinDeg;
  const aErr = measuredRms !== null && truthRms !== null && truthRms > 0 ? Math.abs(measuredRms - truthRms) / truthRms : null;
  const fOk = measuredHz !== null && Math.abs(measuredHz - tr.frequencyHz) <= TARGETS_13.tremorFrequencyHz;
  const aOk = !amplitudeScored || (aErr !== null && aErr <= TARGETS_13.tremorAmplitudeRel);
  // The headline (summary.measures), when the summary has one: the user reads this number, not the axis peak.
  const measures = get(c.summary, 'measures');
  const headlineHz = num(get(measures, 'tremorPeakHz'));
  const headlineRmsDeg = num(get(measures, 'tremorRmsDeg'));
  let headlineOk = true;
  // The headline covers 1–8 Hz (core's tremor verdict, docs/tremor-peak.md).
  if (measures !== undefined && tr.frequencyHz >= 1) {
    const hErr = headlineRmsDeg !== null && truthRms !== null && truthRms > 0 ? Math.abs(headlineRmsDeg - truthRms) / truthRms : null;
    headlineOk = headlineHz !== null && Math.abs(headlineHz - tr.frequencyHz) <= TARGETS_13.tremorFrequencyHz
      && (!amplitudeScored || (hErr !== null && hErr <= TARGETS_13.tremorAmplitudeRel));
    if (!headlineOk) notes.push(`headline (summary.measures) ${headlineHz === null ? 'none' : `${headlineHz.toFixed(2)} Hz, ${headlineRmsDeg?.toFixed(2) ?? '—'}°`}`);
  }
  return {
    clip: c.name, axis: tr.axis, scriptedHz: tr.frequencyHz, scriptedAmplitudeDeg: tr.amplitudeDeg,
    truthHz: truthPeak?.freqHz ?? null, truthRmsDeg: truthRms, measuredHz, measuredRmsDeg: measuredRms,
    amplitudeScored, amplitudeErrorRel: aErr, headlineHz, headlineRmsDeg, pass: fOk && aOk && headlineOk, note: notes.join('; '),
  };
}

function summaryJerks(summary: unknown): { peakMs: number; axis?: Axis }[] {
  const js = get(summary, 'jerks', 'jerks');
  if (!Array.isArray(js)) return [];
  return js.map((j) => ({ peakMs: num(get(j, 'peakMs')) ?? NaN, axis: get(j, 'axis') as Axis })).filter((j) => Number.isFinite(j.peakMs));
}

export function scoreClips(clips: readonly ClipForScoring[]): GroupScore {
  const all = pooled(clips, () => true);
  const holds = pooled(clips, inHold);
  const angles = compareAngles(all.truth, all.measured);
  const coreAcc = compareAngles(all.truth, all.measured, { include: inCoreRange });
  const core = coreAcc.map((a) => ({ axis: a.axis, stats: a.all, pass: a.all.maeDeg !== null && a.all.maeDeg <= TARGETS_13.coreMaeDeg }));
  let worstClip: GroupScore['worstClip'] = null;
  for (const c of clips) {
    const p = pooled([c], () => true);
    for (const a of compareAngles(p.truth, p.measured, { include: inCoreRange })) {
      if (a.all.maeDeg !== null && (worstClip === null || a.all.maeDeg > worstClip.maeDeg)) worstClip = { clip: c.name, axis: a.axis, maeDeg: a.all.maeDeg };
    }
  }
  const tremors = clips.flatMap((c) => c.events.events.tremors.map((_, i) => tremorScore(c, i)));
  const falseTremors = clips.map(falseTremorScore).filter((x): x is FalseTremorScore => x !== null);
  const jerks = clips.filter((c) => c.events.events.jerks.length > 0).map((c) => ({ clip: c.name, cmp: compareJerks(c.events.events.jerks, summaryJerks(c.summary), 250, true) }));
  const neutral = clips.filter((c) => c.events.events.holds.some((h) => h.kind === 'hold-neutral')).map((c) => {
    const fps = c.events.fps;
    const truthS = c.truth.filter((t) => AXES.every((a) => Math.abs(t[a]) <= 10)).length / fps;
    const minutes = c.truth.length / fps / 60;
    const cmp = compareTimeInNeutral(truthS, num(get(c.summary, 'timeInNeutral', 'combined', 'withinS')));
    return { clip: c.name, minutes, cmp: { ...cmp, pass: cmp.errorS !== null && cmp.errorS <= TARGETS_13.timeInNeutralSPerMin * minutes } };
  });
  return {
    clips: clips.map((c) => c.name),
    angles,
    holds: compareAngles(holds.truth, holds.measured),
    core,
    coreNotMeasurable: coreAcc.map((a) => ({
      axis: a.axis, frames: a.all.frames, notMeasurable: a.all.frames - a.all.measuredFrames, share: a.all.shareNotMeasurable,
      pass: a.all.shareNotMeasurable <= TARGETS_13.coreNotMeasurableShare,
    })),
    coreNotMeasurableShare: Math.max(...coreAcc.map((a) => a.all.shareNotMeasurable)),
    bands: bandFailures(all.truth, all.measured),
    worstClip,
    edges: edgeScores(all.truth, all.measured),
    combined: combinedScores(all.truth, all.measured),
    tremors,
    falseTremors,
    jerks,
    neutral,
  };
}

/** One line per target: what was found and whether it is met (— when the group has no frames for it). */
export function targetLines(g: GroupScore): { target: string; result: string; pass: boolean | null }[] {
  const f = (v: number | null, d = 2) => (v === null ? '—' : v.toFixed(d));
  const out: { target: string; result: string; pass: boolean | null }[] = [];
  out.push({
    target: `core range MAE ≤ ${TARGETS_13.coreMaeDeg}° per axis`,
    result: g.core.map((c) => `${c.axis.replace('Deg', '')} ${f(c.stats.maeDeg)}°`).join(', '),
    pass: g.core.every((c) => c.stats.frames === 0) ? null : g.core.every((c) => c.pass),
  });
  out.push({ target: `worst clip MAE ≤ ${TARGETS_13.worstClipMaeDeg}°`, result: g.worstClip ? `${g.worstClip.clip} ${g.worstClip.axis.replace('Deg', '')} ${f(g.worstClip.maeDeg)}°` : '—', pass: g.worstClip ? g.worstClip.maeDeg <= TARGETS_13.worstClipMaeDeg : null });
  for (const n of g.coreNotMeasurable) {
    out.push({
      target: `not measurable ≤ ${100 * TARGETS_13.coreNotMeasurableShare} % in the core range, ${n.axis.replace('Deg', '')}`,
      result: `${(100 * n.share).toFixed(1)} % (${n.notMeasurable}/${n.frames} frames)`,
      pass: n.frames ? n.pass : null,
    });
  }
  for (const axis of AXES) {
    const bs = g.bands.filter((b) => b.axis === axis);
    const failing = bs.filter((b) => b.fails.length > 0);
    out.push({
      target: `every ${axis.replace('Deg', '')} band: core bands MAE ≤ ${TARGETS_13.coreMaeDeg}° and ≤ ${100 * TARGETS_13.coreNotMeasurableShare} % not measurable, edge bands within ${TARGETS_13.edgeWithinDeg}° or flagged, none off > ${GROSS_ERROR_DEG}° while measurable`,
      result: bs.length === 0 ? 'no frames' : failing.length === 0 ? `${bs.length} bands met` : failing.map((b) => `${b.loDeg}–${b.hiDeg}° (${b.zone}): ${b.fails.join(', ')}`).join('; '),
      pass: bs.length ? failing.length === 0 : null,
    });
  }
  for (const e of g.edges) {
    out.push({
      target: `${e.axis.replace('Deg', '')} ${EDGE_BANDS_DEG[e.axis][0]}–${EDGE_BANDS_DEG[e.axis][1]}°: within ${TARGETS_13.edgeWithinDeg}° or flagged, 0 off > 10° while measurable`,
      result: e.frames ? `${e.okFrames}/${e.frames} ok (${e.notMeasurable} not measurable, ${e.lowConfidence} low confidence), ${e.offBy10WhileMeasurable} off > 10°, max ${f(e.maxErrorWhileMeasurableDeg, 1)}°` : 'no frames',
      pass: e.frames ? e.pass : null,
    });
  }
  const comb = g.combined.filter((c) => c.frames > 0);
  out.push({ target: `combined postures: each axis within ${TARGETS_13.combinedWithinDeg}° or flagged`, result: comb.length ? comb.map((c) => `${c.axis.replace('Deg', '')} ${c.okFrames}/${c.frames} (MAE ${f(c.maeDeg)}°)`).join(', ') : 'no frames', pass: comb.length ? comb.every((c) => c.pass) : null });
  for (const t of g.tremors) {
    out.push({
      target: `tremor ${t.clip}: f within ${TARGETS_13.tremorFrequencyHz} Hz${t.amplitudeScored ? `, RMS within ${100 * TARGETS_13.tremorAmplitudeRel} %` : ''}`,
      result: `f ${f(t.scriptedHz)} → ${f(t.measuredHz)} Hz; RMS ${f(t.truthRmsDeg)} → ${f(t.measuredRmsDeg)}°${t.amplitudeErrorRel !== null ? ` (${(100 * t.amplitudeErrorRel).toFixed(0)} %)` : ''}${t.headlineHz !== null ? `; headline ${f(t.headlineHz)} Hz, ${f(t.headlineRmsDeg)}°` : ''}${t.note ? `; ${t.note}` : ''}`,
      pass: t.pass,
    });
  }
  const falseT = g.falseTremors.filter((t) => !t.pass);
  if (g.falseTremors.length) {
    out.push({
      target: 'no tremor reported where the truth has none',
      result: falseT.length === 0 ? `${g.falseTremors.length} clips: none found` : falseT.map((t) => `${t.clip}: ${f(t.headlineHz)} Hz, ${f(t.headlineRmsDeg)}°`).join('; '),
      pass: falseT.length === 0,
    });
  }
  for (const j of g.jerks) out.push({ target: `jerks ${j.clip} (same axis): recall and precision ≥ 90 %`, result: `${j.cmp.matched}/${j.cmp.truth} found, ${j.cmp.detected} detected`, pass: j.cmp.pass });
  for (const n of g.neutral) out.push({ target: `time in neutral ${n.clip}: within ${TARGETS_13.timeInNeutralSPerMin} s/min`, result: `truth ${f(n.cmp.truthS, 1)} s, measured ${f(n.cmp.measuredS, 1)} s`, pass: n.cmp.pass });
  return out;
}
