/**
 * The one place where codes become words (camera errors, not-measurable reasons, corrections,
 * calibration failures). Plain language, second person, from the person's own point of view.
 * Every function takes the language last (English by default, for callers outside the i18n layer);
 * the words themselves live in i18n/areas/measure.{en,es}.ts. The UPPER_CASE tables are the English
 * words, kept for screens that do not pass a language yet.
 */
import type { DoubtReason, FrameMeasure, NotMeasurableReason, RangeDirection } from '@geste/core';
import type { CameraErrorCode } from '../camera/camera.ts';
import type { Correction } from '../feedback/zone.ts';
import type { LoopStatus } from '../measure/loop.ts';
import type { FlexionReference, FlexionZero, FlexionZeroChange, StoredZeroSegment, TurnTiltReference } from '../measure/reference.ts';
import { AXES, STRAIGHTEST_WARN_DEG, STRAIGHT_WITHIN_DEG, formatMeasure } from '@geste/core';
import type { Axis, ReferenceNote, StraightestCheck, StraightestFailure } from '@geste/core';
import { translate } from '../i18n/i18n.tsx';
import type { Lang } from '../i18n/i18n.tsx';
import type { DevicePitchState } from '../measure/devicePitch.ts';

export const SAFETY_LINE = 'Geste measures and trains; it does not diagnose or recommend treatment.';

const CAMERA_ERROR_CODES: readonly CameraErrorCode[] = ['permission-denied', 'no-camera', 'camera-in-use', 'unsupported', 'camera-ended', 'unknown'];
const REASONS: readonly NotMeasurableReason[] = ['no-face', 'multiple-faces', 'beyond-tracker-range', 'face-occluded', 'low-face-confidence', 'no-shoulders', 'invalid-frame'];
const CORRECTIONS: readonly Correction[] = ['turn-left', 'turn-right', 'tilt-left', 'tilt-right', 'chin-up', 'chin-down'];
const ARROWS: Record<Correction, string> = { 'turn-left': '←', 'turn-right': '→', 'tilt-left': '↶', 'tilt-right': '↷', 'chin-up': '↑', 'chin-down': '↓' };

export function cameraErrorWords(code: CameraErrorCode, lang: Lang = 'en'): { title: string; fix: string } {
  return { title: translate(lang, `m.cam.${code}.title`), fix: translate(lang, `m.cam.${code}.fix`) };
}
export function reasonWords(r: NotMeasurableReason, lang: Lang = 'en'): string {
  return translate(lang, `m.reason.${r}`);
}
/** A movement beyond the tracker's range (FrameMeasure.beyondRangeAxes), in words. */
export function beyondRangeWords(d: RangeDirection, lang: Lang = 'en'): string {
  return translate(lang, `m.beyond.${d}`);
}
/** Why a frame has lower confidence where its reasons do not say (FrameMeasure.doubts), in words. */
export function doubtWords(d: DoubtReason, lang: Lang = 'en'): string {
  return translate(lang, `m.doubt.${d}`);
}
/**
 * Why a frame is not measured or has lower confidence, as sentences with a key each: its reasons (shoulders left out:
 * they are not about the head), `beyond-tracker-range` said per movement when the frame names them (frames from before
 * session 12 do not, and keep the words for any movement), then its doubts.
 */
export function frameWhyWords(m: Pick<FrameMeasure, 'reasons' | 'beyondRangeAxes' | 'doubts'>, lang: Lang = 'en'): { key: string; reason: string; words: string }[] {
  const out: { key: string; reason: string; words: string }[] = [];
  for (const r of m.reasons) {
    if (r === 'no-shoulders') continue;
    if (r === 'beyond-tracker-range' && (m.beyondRangeAxes?.length ?? 0) > 0) {
      for (const d of m.beyondRangeAxes ?? []) out.push({ key: `${r}:${d}`, reason: r, words: beyondRangeWords(d, lang) });
    } else out.push({ key: r, reason: r, words: reasonWords(r, lang) });
  }
  for (const d of m.doubts ?? []) out.push({ key: d, reason: d, words: doubtWords(d, lang) });
  return out;
}
export function correctionWords(c: Correction, lang: Lang = 'en'): { short: string; spoken: string; arrow: string } {
  return { short: translate(lang, `m.corr.${c}.short`), spoken: translate(lang, `m.corr.${c}.spoken`), arrow: ARROWS[c] };
}
export function calibrationWords(f: StraightestFailure, lang: Lang = 'en'): string {
  return translate(lang, `m.calib.${f}`);
}
/** What turn and tilt were measured against, in words. */
export function turnTiltReferenceWords(r: TurnTiltReference, lang: Lang = 'en'): { short: string; long: string } {
  return { short: translate(lang, `m.ref.${r}.short`), long: translate(lang, `m.ref.${r}.long`) };
}
/** Why a reference was not the best one (core's reference notes), in the language. */
export function referenceNoteText(n: ReferenceNote, lang: Lang = 'en'): string {
  return translate(lang, `m.note.${n}`);
}
export function loopWords(st: LoopStatus, lang: Lang = 'en'): string {
  if (st === 'camera-ended') {
    const w = cameraErrorWords('camera-ended', lang);
    return `${w.title} ${w.fix}`;
  }
  return translate(lang, `m.loop.${st}`);
}
export function axisLabel(axis: Axis, lang: Lang = 'en'): string {
  return translate(lang, `m.axis.${axis}`);
}

export const CAMERA_ERROR_WORDS = Object.fromEntries(CAMERA_ERROR_CODES.map((c) => [c, cameraErrorWords(c)])) as Record<CameraErrorCode, { title: string; fix: string }>;
export const REASON_WORDS = Object.fromEntries(REASONS.map((r) => [r, reasonWords(r)])) as Record<NotMeasurableReason, string>;
export const CORRECTION_WORDS = Object.fromEntries(CORRECTIONS.map((c) => [c, correctionWords(c)])) as Record<Correction, { short: string; spoken: string; arrow: string }>;
export const CALIBRATION_WORDS: Record<StraightestFailure, string> = { 'too-few-frames': calibrationWords('too-few-frames'), 'not-still': calibrationWords('not-still') };
export const TURN_TILT_REFERENCE_WORDS: Record<TurnTiltReference, { short: string; long: string }> = {
  trunk: turnTiltReferenceWords('trunk'),
  camera: turnTiltReferenceWords('camera'),
  none: turnTiltReferenceWords('none'),
};

/** What chin up/down was measured against, in words (uncertainty added where known). */
export function flexionReferenceWords(ref: FlexionReference, uncertaintyDeg: number | null, lang: Lang = 'en'): { short: string; long: string } {
  const pm = uncertaintyDeg === null ? '' : translate(lang, 'm.fref.pm', { deg: Math.round(uncertaintyDeg) });
  if (ref === 'uncertain') {
    return { short: translate(lang, 'm.fref.uncertain.short', { pm: pm || translate(lang, 'm.fref.uncertain.severalDeg') }), long: translate(lang, 'm.fref.uncertain.long', { pm }) };
  }
  if (ref === 'none') return { short: translate(lang, 'm.fref.none.short'), long: translate(lang, 'm.fref.none.long') };
  return { short: translate(lang, `m.fref.${ref}.short`, { pm }), long: translate(lang, `m.fref.${ref}.long`, { pm }) };
}

/** The camera's pitch, in words for the set-up screen and the live view. */
export function devicePitchWords(s: DevicePitchState, lang: Lang = 'en'): { ok: boolean | null; text: string } {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, number>): string => translate(lang, k, v);
  switch (s.kind) {
    case 'idle':
    case 'waiting':
      return { ok: null, text: t('m.pitch.waiting') };
    case 'needs-permission':
      return { ok: null, text: t('m.pitch.needs-permission') };
    case 'unsupported':
    case 'no-sensor':
      return { ok: null, text: t('m.pitch.no-sensor') };
    case 'denied':
      return { ok: false, text: t('m.pitch.denied') };
    case 'moving':
      return { ok: false, text: t('m.pitch.moving') };
    case 'not-upright':
      return { ok: false, text: t(s.elevationDeg > 0 ? 'm.pitch.not-upright.up' : 'm.pitch.not-upright.down', { deg: Math.round(Math.abs(s.elevationDeg)) }) };
    case 'ok': {
      const a = Math.round(Math.abs(s.elevationDeg));
      return { ok: true, text: a === 0 ? t('m.pitch.level') : t(s.elevationDeg > 0 ? 'm.pitch.up' : 'm.pitch.down', { deg: a }) };
    }
  }
}

export const LOOP_WORDS = Object.fromEntries((['starting', 'running', 'paused-hidden', 'camera-ended', 'stopped', 'error'] as const).map((st) => [st, loopWords(st)])) as Record<LoopStatus, string>;

/** "12° to your right" style words for one angle. */
export function angleWords(axis: Axis, v: number | null, lang: Lang = 'en'): string {
  if (v === null) return translate(lang, 'm.angle.notMeasurable');
  const a = Math.round(Math.abs(v));
  if (a === 0) return translate(lang, 'm.angle.straight');
  return translate(lang, `m.angle.${axis}.${v > 0 ? 'pos' : 'neg'}`, { deg: a });
}

/** "18° turned to the right" for one axis (core's `axisWords`, in the language). */
export function axisWordsIn(axis: Axis, valueDeg: number, lang: Lang = 'en'): string {
  return translate(lang, `m.axisw.${axis}.${valueDeg > 0 ? 'pos' : 'neg'}`, { deg: Math.round(Math.abs(valueDeg)) });
}

/** "a, b and c" in the language. */
export function joinAnd(parts: readonly string[], lang: Lang = 'en'): string {
  if (parts.length <= 1) return parts.join('');
  return translate(lang, 'm.list.and', { a: parts.slice(0, -1).join(', '), b: parts.at(-1)! });
}

export const AXIS_LABELS = {
  rotationDeg: axisLabel('rotationDeg'),
  tiltDeg: axisLabel('tiltDeg'),
  flexionDeg: axisLabel('flexionDeg'),
} as const;

/**
 * The set-up screen's shoulder check, from the latest frame's reference and core's notes. `text` is what the tick (or
 * "!") stands for; `hint` is neutral advice shown apart from it, so a tick is never followed by a limitation.
 */
export function trunkCheckWords(ref: { turnTilt: TurnTiltReference; notes: readonly string[] } | null, lang: Lang = 'en'): { ok: boolean | null; text: string; hint?: string } {
  const t = (k: Parameters<typeof translate>[1]): string => translate(lang, k);
  if (!ref || ref.turnTilt === 'none') return { ok: null, text: t('m.trunk.waiting') };
  const has = (n: string): boolean => ref.notes.includes(n);
  if (has('trunk-multiple-people')) return { ok: false, text: t('m.trunk.multiple') };
  if (has('trunk-sides-swapped')) return { ok: false, text: t('m.trunk.swapped') };
  if (has('trunk-occluded')) return { ok: false, text: t('m.trunk.occluded') };
  if (has('trunk-not-visible')) return { ok: false, text: t('m.trunk.notVisible') };
  if (ref.turnTilt === 'trunk') return { ok: true, text: t('m.trunk.trunk') };
  return { ok: true, text: t('m.trunk.camera'), hint: t('m.trunk.cameraHint') };
}

/** A training start's angles in words ("30° turned to the right"), largest first; core's words per axis. */
export function trainingStartWords(anglesDeg: Readonly<Record<Axis, number | null>>, lang: Lang = 'en'): string {
  const off = AXES.filter((a) => anglesDeg[a] !== null && Math.abs(anglesDeg[a]!) > STRAIGHT_WITHIN_DEG).sort((x, y) => Math.abs(anglesDeg[y]!) - Math.abs(anglesDeg[x]!));
  if (off.length === 0) return translate(lang, 'm.withinStraight', { deg: STRAIGHT_WITHIN_DEG });
  return joinAnd(off.map((a) => axisWordsIn(a, anglesDeg[a]!, lang)), lang);
}

/**
 * Core's straightest-posture sentence in the language: English is core's own sentence; other languages
 * are rebuilt from the same per-axis numbers with the same rules (checkStraightest in core).
 */
export function straightestSentence(c: Extract<StraightestCheck, { ok: true }>, lang: Lang = 'en'): string {
  if (lang === 'en') return c.sentence;
  const sure = AXES.filter((a) => c.perAxis[a].offsetDeg !== null && !c.perAxis[a].uncertain);
  const off = sure.filter((a) => Math.abs(c.perAxis[a].offsetDeg!) > STRAIGHT_WITHIN_DEG).sort((x, y) => Math.abs(c.perAxis[y].offsetDeg!) - Math.abs(c.perAxis[x].offsetDeg!));
  const parts: string[] = [
    off.length === 0
      ? translate(lang, sure.length < AXES.length ? 'm.straight.withinSome' : 'm.straight.within', { deg: STRAIGHT_WITHIN_DEG })
      : translate(lang, 'm.straight.is', { words: joinAnd(off.map((a) => axisWordsIn(a, c.perAxis[a].offsetDeg!, lang)), lang) }),
  ];
  for (const a of AXES.filter((x) => c.perAxis[x].offsetDeg !== null && c.perAxis[x].uncertain)) {
    parts.push(translate(lang, 'm.straight.unsure', { axis: translate(lang, `m.axisShort.${a}`), words: axisWordsIn(a, c.perAxis[a].offsetDeg!, lang), pm: Math.round(c.reference?.[a].uncertaintyDeg ?? 0) }));
  }
  if (c.warn) parts.push(translate(lang, 'm.straight.warn', { deg: STRAIGHTEST_WARN_DEG }));
  return parts.join(' ');
}

/**
 * A stored measure for the screen: core's `formatMeasure`, except a range of motion that never crossed
 * straight to that side (core stores it negative: "negative if never reached"), which is said in words —
 * a head resting 30° right that cannot turn left reads "not reached: stayed 30° on the other side of
 * straight", never "turn to the left −30°".
 */
export function measureValueWords(key: string, value: number | null, lang: Lang = 'en'): string {
  if (value === null) return translate(lang, 'm.val.notMeasurable');
  if (/^rom[A-Z]/.test(key) && value < 0) return translate(lang, 'm.val.notReached', { deg: Math.round(-value) });
  return formatMeasure(key, value, lang);
}

/** A time into a session as m:ss ("0:42", "12:05"); never negative. */
export function clockWords(ms: number): string {
  const totalS = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(totalS / 60)}:${String(totalS % 60).padStart(2, '0')}`;
}

/** The chin up/down zero in use, in words for the live view. */
export function flexionZeroWords(z: FlexionZero, lang: Lang = 'en'): string {
  return translate(lang, `m.fzero.in.${z.decision}`);
}

/**
 * The chin up/down zero in use while measuring as a phrase for the live reference note's chin line ("… with its
 * zero from an average face for now (…)"): the zero and the ± said in one statement, once, above the dials.
 */
export function liveZeroPhrase(z: FlexionZero, lang: Lang = 'en'): string {
  return translate(lang, `m.fzero.phrase.live.${z.decision}`);
}

/** A change of the chin up/down zero while measuring, with its time ("… (from 0:42)."). */
export function flexionZeroChangeWords(c: FlexionZeroChange, lang: Lang = 'en'): string {
  const at = clockWords(c.atMs);
  if (c.to.decision === 'taken') return translate(lang, 'm.fzero.now.taken', { at });
  if (c.to.decision === 'refused') return translate(lang, 'm.fzero.now.refused', { at });
  return translate(lang, 'm.fzero.now.average', { at });
}

/**
 * The chin up/down zero of a stored exam or training/exercise session (`of`), stretch by stretch (core
 * `zeroSegments`, kept with the record), like the CLI's "zero from an average face (0.0–6.3 s), then from the
 * ear–eye line (6.3–20.0 s)". A stretch ends where the next begins. Null for records stored without them:
 * nothing is said rather than a guess.
 */
export function zeroSegmentsWords(segments: readonly StoredZeroSegment[] | undefined, lang: Lang = 'en', of: 'exam' | 'session' = 'exam'): string | null {
  if (!segments || segments.length === 0) return null;
  if (segments.length === 1) return translate(lang, of === 'exam' ? `m.fzero.seg.whole.${segments[0]!.zero}` : `m.fzero.seg.wholeSession.${segments[0]!.zero}`);
  const list = segments
    .map((g, i) => translate(lang, `m.fzero.seg.item.${g.zero}`, { from: clockWords(g.fromMs), to: clockWords(segments[i + 1]?.fromMs ?? g.toMs) }))
    .join(translate(lang, 'm.fzero.seg.then'));
  return translate(lang, 'm.fzero.seg.list', { list });
}

/**
 * The same stretches as a phrase for the stored reference note's chin up/down line ("… with its zero from an
 * average face for the whole exam"), so the reference and the zero read as one statement. Null without stretches.
 */
export function zeroSegmentsPhrase(segments: readonly StoredZeroSegment[] | undefined, lang: Lang = 'en', of: 'exam' | 'session' = 'exam'): string | null {
  if (!segments || segments.length === 0) return null;
  if (segments.length === 1) return translate(lang, `m.fzero.phrase.${of}.${segments[0]!.zero}`);
  return segments
    .map((g, i) => translate(lang, `m.fzero.seg.item.${g.zero}`, { from: clockWords(g.fromMs), to: clockWords(segments[i + 1]?.fromMs ?? g.toMs) }))
    .join(translate(lang, 'm.fzero.seg.then'));
}
