/**
 * A recording's anatomical reference in summary form (summary.json "anatomical"): per axis, what the
 * angles were measured against, how often the zero was uncertain, the resting posture against the
 * anatomical zero, and — when a calibrated or given neutral was used — how far that neutral is from the
 * anatomical zero, with a warning beyond 10° (a calibration must never hide the posture itself).
 */
import { AXES, type Axis, type FrameMeasure } from '../measures/types.ts';
import type { AxisFrame, CameraContext, HeadZero, ReferenceNote } from '../pose/reference.ts';
import { referenceNoteWords } from '../pose/reference.ts';
import { STRAIGHTEST_WARN_DEG, axisWords } from '../pose/straightest.ts';

export interface AxisReferenceSummary {
  /** Frames with a value, by the frame of reference used. */
  readonly frames: Partial<Record<AxisFrame, number>>;
  /** Frames with a value, by the head zero used. */
  readonly zero: Partial<Record<HeadZero, number>>;
  /** Frames whose value is uncertain (its zero not known well enough). */
  readonly uncertainFrames: number;
  readonly notes: Partial<Record<ReferenceNote, number>>;
  /** Median against the anatomical zero over frames with a value, deg. */
  readonly medianDeg: number | null;
  /** Median ± from the reference alone, deg. */
  readonly uncertaintyDeg: number | null;
  /** More than half the frames with a value are uncertain: read the median as "about", never as a confident number. */
  readonly uncertain: boolean;
  /**
   * The head zero on consecutive frames with a value, in order: one entry when the zero held for the whole
   * recording; more when it changed (the face's own zero taken part-way, faceZero.ts), each with its times.
   */
  readonly zeroSegments: readonly ZeroSegment[];
  /** The reference in words, e.g. "against the camera — rotation is measured against the camera: …". */
  readonly words: string;
}

export interface ZeroSegment {
  readonly zero: HeadZero;
  /** First and last frame of the segment with a value (the frames' own timestamps), ms. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly frames: number;
}

export interface NeutralVersusAnatomical {
  /** How far the calibrated/given neutral is from the anatomical zero, per axis, deg (median of anatomical − calibrated). */
  readonly offsetDeg: Readonly<Record<Axis, number | null>>;
  /** Largest |offset| over axes whose anatomical zero is not uncertain, deg. */
  readonly maxOffsetDeg: number;
  /** Some (not uncertain) axis differs by more than 10°. */
  readonly differsByMoreThan10Deg: boolean;
  readonly sentence: string;
}

export interface ReferenceSummary {
  readonly camera: { readonly pitchDeg: number | null; readonly mirrored: boolean };
  readonly perAxis: Readonly<Record<Axis, AxisReferenceSummary>>;
  /** Null when the recording was measured against the anatomical zero itself. */
  readonly neutralVersusAnatomical: NeutralVersusAnatomical | null;
}

const FRAME_WORDS: Readonly<Record<AxisFrame, string>> = { trunk: 'against the trunk', gravity: 'against gravity', camera: 'against the camera' };

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const ZERO_WORDS: Readonly<Record<HeadZero, string>> = { 'face-geometry': 'the ear–eye line', 'canonical-face': 'an average face' };

/**
 * Names the zero the frames were actually measured on: one zero → as before (the ear–eye line named, the
 * average face said by the notes); a zero that changed → each zero with its times, so a reader is never told
 * one zero while part of the frames were measured on the other.
 */
function zeroWords(segments: readonly ZeroSegment[], startMs: number): string {
  if (segments.length === 0) return '';
  if (segments.length === 1) return segments[0]!.zero === 'face-geometry' ? ', zero from the ear–eye line' : '';
  const t = (ms: number) => ((ms - startMs) / 1000).toFixed(1);
  return ', zero ' + segments.map((g, i) => {
    const endMs = segments[i + 1]?.fromMs ?? g.toMs;
    return `${i === 0 ? 'from' : 'then from'} ${ZERO_WORDS[g.zero]} (${t(g.fromMs)}–${t(endMs)} s, ${g.frames} frame${g.frames === 1 ? '' : 's'})`;
  }).join(', ');
}

/** A frame counts for an axis when it is measurable and has a finite value with a frame of reference. */
function hasReferencedValue(f: FrameMeasure, a: Axis): boolean {
  const v = f[a];
  const r = f.reference?.[a];
  return f.state !== 'not-measurable' && v !== null && Number.isFinite(v) && !!r && r.frame !== null;
}

/**
 * The head zero of one axis on consecutive frames with a value, in order (the frames' own timestamps): one
 * segment when the zero held throughout, more when it changed (the face's own zero taken part-way,
 * faceZero.ts). The one definition behind `summarizeReference` (CLI, HTML report) and the app's session
 * records; `ZeroSegmentTracker` is the same frame by frame, for sessions too long to keep their frames.
 */
export function zeroSegments(frames: readonly FrameMeasure[], axis: Axis = 'flexionDeg'): ZeroSegment[] {
  const t = new ZeroSegmentTracker(axis);
  for (const f of frames) t.push(f);
  return t.segments();
}

/** `zeroSegments`, fed one frame at a time (memory: one entry per change of zero). */
export class ZeroSegmentTracker {
  private readonly segs: { zero: HeadZero; fromMs: number; toMs: number; frames: number }[] = [];
  constructor(private readonly axis: Axis = 'flexionDeg') {}

  push(f: FrameMeasure): void {
    if (!hasReferencedValue(f, this.axis)) return;
    const z = f.reference![this.axis].zero;
    const seg = this.segs.at(-1);
    if (seg && seg.zero === z) { seg.toMs = f.timestampMs; seg.frames++; }
    else this.segs.push({ zero: z, fromMs: f.timestampMs, toMs: f.timestampMs, frames: 1 });
  }

  /** The segments so far (a copy). */
  segments(): ZeroSegment[] {
    return this.segs.map((g) => ({ ...g }));
  }
}

const top = <K extends string>(r: Partial<Record<K, number>>): K | null => {
  const e = (Object.entries(r) as [K, number][]).sort((a, b) => b[1] - a[1])[0];
  return e ? e[0] : null;
};

/**
 * `anatomical`: the recording measured against the anatomical zero (RecordingAnalyzer.anatomicalFrames);
 * `measured`: the frames actually reported (the same array when the neutral is anatomical).
 */
export function summarizeReference(anatomical: readonly FrameMeasure[], measured: readonly FrameMeasure[], camera: CameraContext): ReferenceSummary {
  const perAxis = {} as Record<Axis, AxisReferenceSummary>;
  for (const a of AXES) {
    const frames: Partial<Record<AxisFrame, number>> = {};
    const zero: Partial<Record<HeadZero, number>> = {};
    const notes: Partial<Record<ReferenceNote, number>> = {};
    const values: number[] = [];
    const uncs: number[] = [];
    let uncertainFrames = 0;
    for (const f of anatomical) {
      const v = f[a];
      const r = f.reference?.[a];
      if (!hasReferencedValue(f, a) || v === null || !r || r.frame === null) continue;
      values.push(v);
      uncs.push(r.uncertaintyDeg);
      frames[r.frame] = (frames[r.frame] ?? 0) + 1;
      zero[r.zero] = (zero[r.zero] ?? 0) + 1;
      if (r.uncertain) uncertainFrames++;
      for (const n of r.notes) notes[n] = (notes[n] ?? 0) + 1;
    }
    const segments = zeroSegments(anatomical, a);
    const mainFrame = top(frames);
    const mainNotes = (Object.entries(notes) as [ReferenceNote, number][]).filter(([, c]) => c * 2 >= values.length).map(([n]) => referenceNoteWords(n));
    const uncertain = values.length > 0 && uncertainFrames * 2 > values.length;
    perAxis[a] = {
      frames, zero, uncertainFrames, notes,
      medianDeg: median(values),
      uncertaintyDeg: median(uncs),
      uncertain,
      zeroSegments: segments,
      words: mainFrame === null ? 'not measured' : [FRAME_WORDS[mainFrame] + zeroWords(segments, anatomical[0]?.timestampMs ?? 0), ...mainNotes].join(' — '),
    };
  }
  let neutralVersusAnatomical: NeutralVersusAnatomical | null = null;
  if (measured !== anatomical) {
    const byIndex = new Map(measured.map((m) => [m.frameIndex, m]));
    const offsetDeg = {} as Record<Axis, number | null>;
    for (const a of AXES) {
      const d: number[] = [];
      for (const f of anatomical) {
        const c = byIndex.get(f.frameIndex);
        const va = f[a], vc = c?.[a] ?? null;
        if (f.state === 'not-measurable' || c?.state === 'not-measurable' || va === null || vc === null) continue;
        d.push(va - vc);
      }
      offsetDeg[a] = median(d);
    }
    const sure = AXES.filter((a) => offsetDeg[a] !== null && !perAxis[a].uncertain);
    const maxOffsetDeg = Math.max(0, ...sure.map((a) => Math.abs(offsetDeg[a]!)));
    const differs = maxOffsetDeg > STRAIGHTEST_WARN_DEG;
    const far = sure.filter((a) => Math.abs(offsetDeg[a]!) > STRAIGHTEST_WARN_DEG).map((a) => axisWords(a, offsetDeg[a]!));
    const sentence = differs
      ? `Warning: the calibrated neutral is ${far.join(' and ')} from the anatomical zero (more than ${STRAIGHTEST_WARN_DEG}°). Angles against the calibrated neutral hide that posture; the anatomical values are given beside them.`
      : `The calibrated neutral is within ${STRAIGHTEST_WARN_DEG}° of the anatomical zero${sure.length < AXES.length ? ' on the axes whose zero is known' : ''}.`;
    neutralVersusAnatomical = { offsetDeg, maxOffsetDeg, differsByMoreThan10Deg: differs, sentence };
  }
  return { camera: { pitchDeg: camera.pitchDeg, mirrored: camera.mirrored ?? false }, perAxis, neutralVersusAnatomical };
}
