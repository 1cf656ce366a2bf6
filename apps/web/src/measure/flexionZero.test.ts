/**
 * The chin up/down zero as the app shows it: the change while measuring (the face's own zero taken or refused,
 * core pose/faceZero.ts) with its time, and a stored exam's zero stretch by stretch (core zeroSegments), in
 * English and Spanish. Frames are generated faces with ear and eye keypoints, measured by core's own
 * AnatomicalEstimator (as the app's engine), so the decisions are core's, not staged.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AnatomicalEstimator, EAR_EYE_DEPTH_CM, EAR_EYE_LATERAL_CM, MeasurementSession, headRotationMatrix, syntheticFace } from '@geste/core';
import type { BodyKeypoint, FrameMeasure, HeadAngles, LandmarkFrame } from '@geste/core';
import { FlexionZeroWatch, cameraContext, sessionFlexionZeroSegments } from './reference.ts';
import type { FlexionZeroChange } from './reference.ts';
import { clockWords, flexionZeroChangeWords, zeroSegmentsWords } from '../app/words.ts';
import { FlexionZeroView, ZeroSegmentsNote } from '../components/Status.tsx';

const CENTER: [number, number] = [320, 240];
const PX_PER_CM = 12;
/** Frames 100 ms apart (10 fps), so frame i is at i/10 s. */
const FRAME_MS = 100;

function project(angles: HeadAngles, p: readonly [number, number, number]): [number, number] {
  const r = headRotationMatrix(angles);
  return [CENTER[0] + PX_PER_CM * (r[0] * p[0] + r[1] * p[1] + r[2] * p[2]), CENTER[1] + PX_PER_CM * (r[3] * p[0] + r[4] * p[1] + r[5] * p[2])];
}

/** A generated face at `head` with shoulders and eye/ear keypoints whose ear–eye line has slope `slopeDeg` in the head. */
function frame(i: number, head: HeadAngles, slopeDeg: number): LandmarkFrame {
  const vy = EAR_EYE_DEPTH_CM * Math.tan((slopeDeg * Math.PI) / 180);
  const kps: BodyKeypoint[] = [
    { part: 'leftShoulder', xPx: CENTER[0] + 19 * PX_PER_CM, yPx: 420, score: 0.9 },
    { part: 'rightShoulder', xPx: CENTER[0] - 19 * PX_PER_CM, yPx: 420, score: 0.9 },
  ];
  for (const [side, sign] of [['left', 1], ['right', -1]] as const) {
    const eye: [number, number, number] = [sign * 3.2, -1, -4];
    const ear: [number, number, number] = [eye[0] + sign * EAR_EYE_LATERAL_CM, eye[1] + vy, eye[2] + EAR_EYE_DEPTH_CM];
    const e = project(head, eye), a = project(head, ear);
    kps.push({ part: `${side}Eye`, xPx: e[0], yPx: e[1], score: 0.9 }, { part: `${side}Ear`, xPx: a[0], yPx: a[1], score: 0.9 });
  }
  return {
    frameIndex: i, timestampMs: 5000 + i * FRAME_MS, imageWidthPx: 640, imageHeightPx: 480,
    faces: [syntheticFace({ angles: head, noisePx: 0.2, seed: i + 1, centerPx: CENTER, pxPerCm: PX_PER_CM })],
    bodies: [{ keypoints: kps, score: 0.9 }], hands: [],
  };
}

/** 30 still frames, then nods of ±10° (the face's own zero is judged only after nodding). */
const head = (i: number): HeadAngles => ({ rotationDeg: 0, tiltDeg: 0, flexionDeg: i < 30 ? 0 : ((i % 7) - 3) * (10 / 3) });

/** Measures the frames as the app's engine does: a camera set level at eye height. */
function measureAll(n: number, slopeDeg: (h: HeadAngles) => number): FrameMeasure[] {
  const e = new AnatomicalEstimator({ camera: cameraContext({ kind: 'level-at-eye-height' }) });
  return Array.from({ length: n }, (_, i) => e.measure(frame(i, head(i), slopeDeg(head(i)))));
}

const RIGID = () => 9; // an ear–eye line fixed in the head, 2° steeper than the norm
const FOLLOWS = (h: HeadAngles) => 4 + 0.6 * h.flexionDeg; // points that follow the nods (as MoveNet's did on the phantom)

function watchAll(frames: readonly FrameMeasure[]): { watch: FlexionZeroWatch; changes: { change: FlexionZeroChange; index: number }[] } {
  const watch = new FlexionZeroWatch();
  const changes: { change: FlexionZeroChange; index: number }[] = [];
  frames.forEach((m, index) => {
    const c = watch.push(m);
    if (c) changes.push({ change: c, index });
  });
  return { watch, changes };
}

const text = (el: ReturnType<typeof createElement>) =>
  renderToStaticMarkup(el).replace(/<[^>]+>/g, ' ').replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&').replace(/\s+/g, ' ').trim();

describe('chin up/down zero while measuring', () => {
  it('says when the face’s own zero is taken, once, with the time from the first frame, in both languages', () => {
    const frames = measureAll(120, RIGID);
    const { watch, changes } = watchAll(frames);
    expect(changes).toHaveLength(1);
    const { change, index } = changes[0]!;
    expect(change.from).toEqual({ zero: 'canonical-face', decision: 'open' });
    expect(change.to).toEqual({ zero: 'face-geometry', decision: 'taken' });
    // The change is the first frame core measured on the face's own zero.
    expect(frames.findIndex((m) => m.reference?.flexionDeg.zero === 'face-geometry')).toBe(index);
    expect(change.atMs).toBe(index * FRAME_MS);
    expect(watch.current).toEqual({ zero: 'face-geometry', decision: 'taken' });
    const at = clockWords(index * FRAME_MS);
    expect(flexionZeroChangeWords(change, 'en')).toBe(`Chin up/down is now measured against your face's own proportions (from ${at}).`);
    expect(flexionZeroChangeWords(change, 'es')).toBe(`La flexión/extensión se mide ahora respecto a las proporciones de su propia cara (desde ${at}).`);
    // On screen: the change and the zero now in use.
    const en = text(createElement(FlexionZeroView, { zero: watch.current, change: watch.lastChange, lang: 'en' }));
    expect(en).toContain(`now measured against your face's own proportions (from ${at})`);
    expect(en).toContain("Chin up/down zero: your face's own proportions");
    const es = text(createElement(FlexionZeroView, { zero: watch.current, change: watch.lastChange, lang: 'es' }));
    expect(es).toContain('Cero de la flexión/extensión: las proporciones de su propia cara');
  });

  it('says when the face’s own zero is refused (ear points that follow the head), and the zero stays the average face', () => {
    const frames = measureAll(120, FOLLOWS);
    const { watch, changes } = watchAll(frames);
    expect(changes).toHaveLength(1);
    const { change, index } = changes[0]!;
    expect(change.to).toEqual({ zero: 'canonical-face', decision: 'refused' });
    expect(frames[index]!.reference!.flexionDeg.notes).toContain('face-geometry-not-rigid');
    expect(frames.every((m) => m.reference?.flexionDeg.zero !== 'face-geometry')).toBe(true);
    const en = text(createElement(FlexionZeroView, { zero: watch.current, change: watch.lastChange, lang: 'en' }));
    expect(en).toContain(`stays measured against an average face (decided at ${clockWords(index * FRAME_MS)})`);
    expect(en).toContain('Chin up/down zero: an average face (your own face');
    expect(en).not.toMatch(/not-rigid|face-geometry|canonical/);
    // Nothing else changes for the rest of the run: the decision is final.
    expect(sessionFlexionZeroSegments(frames)).toEqual([{ zero: 'canonical-face', fromMs: 0, toMs: 119 * FRAME_MS, frames: 120 }]);
  });

  it('no change, no notice: still frames keep the average face for now', () => {
    const frames = measureAll(25, RIGID);
    const { watch, changes } = watchAll(frames);
    expect(changes).toEqual([]);
    expect(watch.current).toEqual({ zero: 'canonical-face', decision: 'open' });
    const en = text(createElement(FlexionZeroView, { zero: watch.current, change: null, lang: 'en' }));
    expect(en).toBe('Chin up/down zero: an average face, for now (it could be several degrees off for you).');
  });

  it('a frame without chin up/down neither changes the zero nor counts as one', () => {
    const frames = measureAll(120, RIGID);
    const gone: FrameMeasure = { ...frames[60]!, state: 'not-measurable', flexionDeg: null };
    const w = new FlexionZeroWatch();
    for (const m of frames.slice(0, 60)) w.push(m);
    const before = w.current;
    expect(w.push(gone)).toBeNull();
    expect(w.current).toEqual(before);
  });
});

describe('a stored exam’s chin up/down zero', () => {
  it('keeps core’s stretches with the exam (times from its first frame) and names them in words like the CLI’s', () => {
    const frames = measureAll(120, RIGID);
    const segs = sessionFlexionZeroSegments(frames);
    const taken = frames.findIndex((m) => m.reference?.flexionDeg.zero === 'face-geometry');
    expect(segs).toEqual([
      { zero: 'canonical-face', fromMs: 0, toMs: (taken - 1) * FRAME_MS, frames: taken },
      { zero: 'face-geometry', fromMs: taken * FRAME_MS, toMs: 119 * FRAME_MS, frames: 120 - taken },
    ]);
    // The record with its stretches passes core's session schema (what sync and backup check).
    const rec = { type: 'session', schemaVersion: 1, id: 'exam-x', startedAtMs: 1, endedAtMs: 2, kind: 'exam', neutral: 'anatomical', measures: {}, items: {}, trick: null, note: '', flexionZeroSegments: segs };
    const parsed = MeasurementSession.safeParse(rec);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.flexionZeroSegments).toEqual(segs);
    const at = clockWords(taken * FRAME_MS);
    expect(zeroSegmentsWords(segs, 'en')).toBe(`Chin up/down zero: an average face (0:00 to ${at}), then your face's own proportions (${at} to 0:11).`);
    expect(zeroSegmentsWords(segs, 'es')).toBe(`Cero de la flexión/extensión: una cara media (0:00 a ${at}); después, las proporciones de su propia cara (${at} a 0:11).`);
    expect(text(createElement(ZeroSegmentsNote, { segments: segs, lang: 'en' }))).toBe(zeroSegmentsWords(segs, 'en'));
  });

  it('one zero for the whole exam is said as such', () => {
    const one = [{ zero: 'canonical-face', fromMs: 0, toMs: 95_000, frames: 900 }] as const;
    expect(zeroSegmentsWords(one, 'en')).toBe('Chin up/down was measured against an average face for the whole exam.');
    expect(zeroSegmentsWords(one, 'es')).toBe('La flexión/extensión se midió respecto a una cara media durante todo el examen.');
  });

  it('an exam stored before the stretches were kept still opens: no words, no crash; its record still passes the schema', () => {
    expect(zeroSegmentsWords(undefined, 'en')).toBeNull();
    expect(zeroSegmentsWords([], 'es')).toBeNull();
    expect(renderToStaticMarkup(createElement(ZeroSegmentsNote, { segments: undefined, lang: 'en' }))).toBe('');
    const old = { type: 'session', schemaVersion: 1, id: 'exam-old', startedAtMs: 1, endedAtMs: 2, kind: 'exam', neutral: 'anatomical', measures: { referenceTrunkPct: 0 }, items: {}, trick: null, note: '' };
    expect(MeasurementSession.safeParse(old).success).toBe(true);
    const backwards = { ...old, flexionZeroSegments: [{ zero: 'canonical-face', fromMs: 500, toMs: 100, frames: 3 }] };
    expect(MeasurementSession.safeParse(backwards).success).toBe(false);
  });

  it('clock words: m:ss, never negative', () => {
    expect(clockWords(0)).toBe('0:00');
    expect(clockWords(42_900)).toBe('0:42');
    expect(clockWords(725_000)).toBe('12:05');
    expect(clockWords(-5)).toBe('0:00');
  });
});

describe('a new engine part-way (the camera’s angle changed: the app makes a new estimator)', () => {
  it('the face’s own zero dropped back to the average face is announced; a refusal reopened is not', () => {
    const taken = measureAll(120, RIGID);
    const again = measureAll(20, RIGID).map((m, i) => ({ ...m, timestampMs: taken.at(-1)!.timestampMs + (i + 1) * FRAME_MS }));
    const w = new FlexionZeroWatch();
    for (const m of taken) w.push(m);
    const back = again.map((m) => w.push(m)).filter((c) => c !== null);
    expect(back).toHaveLength(1);
    expect(back[0]!.to).toEqual({ zero: 'canonical-face', decision: 'open' });
    expect(flexionZeroChangeWords(back[0]!, 'en')).toBe(`Chin up/down is measured against an average face again (from ${clockWords(120 * FRAME_MS)}).`);
    // Stretches of such an exam: average face, own zero, average face again.
    expect(sessionFlexionZeroSegments([...taken, ...again]).map((g) => g.zero)).toEqual(['canonical-face', 'face-geometry', 'canonical-face']);

    const refused = measureAll(120, FOLLOWS);
    const w2 = new FlexionZeroWatch();
    for (const m of refused) w2.push(m);
    const reopened = measureAll(20, RIGID).map((m, i) => ({ ...m, timestampMs: refused.at(-1)!.timestampMs + (i + 1) * FRAME_MS })).map((m) => w2.push(m));
    expect(reopened.every((c) => c === null)).toBe(true);
    expect(w2.current).toEqual({ zero: 'canonical-face', decision: 'open' });
    expect(w2.lastChange).toBeNull(); // the refusal's notice is taken down with it
  });
});

describe('training stays quiet', () => {
  it('the zero note is a live region in the live view and exam, not in training (shown, not announced)', () => {
    const change: FlexionZeroChange = { from: { zero: 'canonical-face', decision: 'open' }, to: { zero: 'face-geometry', decision: 'taken' }, atMs: 42_000 };
    const live = renderToStaticMarkup(createElement(FlexionZeroView, { zero: change.to, change, lang: 'en' }));
    const quiet = renderToStaticMarkup(createElement(FlexionZeroView, { zero: change.to, change, lang: 'en', quiet: true }));
    expect(live).toContain('aria-live="polite"');
    expect(quiet).not.toMatch(/aria-live|role="status"/);
    expect(text(createElement(FlexionZeroView, { zero: change.to, change, lang: 'en', quiet: true }))).toContain('(from 0:42)');
  });
});
