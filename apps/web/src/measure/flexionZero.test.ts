/**
 * The chin up/down zero as the app shows it: the change while measuring (the face's own zero taken or refused,
 * core pose/faceZero.ts) with its time, and a stored exam's zero stretch by stretch (core zeroSegments), in
 * English and Spanish. Frames are generated faces with ear and eye keypoints, measured by core's own
 * AnatomicalEstimator (as the app's engine), so the decisions are core's, not staged.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AnatomicalEstimator, EAR_EYE_DEPTH_CM, EAR_EYE_LATERAL_CM, MeasurementSession, headRotationMatrix, syntheticFace, zeroSegments } from '@geste/core';
import type { BodyKeypoint, FrameMeasure, HeadAngles, LandmarkFrame } from '@geste/core';
import { EngineKeeper, FlexionZeroWatch, ReferenceTally, SessionZeroSegments, cameraContext, flexionZeroOf, referenceFromMeasures, referenceOf, sessionFlexionZeroSegments } from './reference.ts';
import type { FlexionZeroChange } from './reference.ts';
import { clockWords, flexionZeroChangeWords, zeroSegmentsWords } from '../app/words.ts';
import { FlexionZeroView, ReferenceView, ZeroSegmentsNote } from '../components/Status.tsx';

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

describe('a new engine under the same watch (before session 12 the app made one when the camera’s angle changed)', () => {
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

/** Frames `from`..`from + n − 1` through the keeper's engine of the moment (head angles camera-relative). */
function measureWith(keeper: EngineKeeper, from: number, n: number, headAt: (i: number) => HeadAngles = head): FrameMeasure[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return keeper.engine.measure(frame(i, headAt(i), RIGID()));
  });
}

describe('one engine per camera run (session 12): the face’s own zero and the camera’s pitch', () => {
  it('a phone’s sensor pitch moving mid-exam changes the pitch only: the face’s own zero stays taken, no notice', () => {
    const keeper = new EngineKeeper({ kind: 'sensor', pitchDeg: 10 });
    const before = measureWith(keeper, 0, 120);
    expect(before.at(-1)!.reference!.flexionDeg.zero).toBe('face-geometry');
    // A sensor that moves by less than a degree is not a change; by 5° it is.
    expect(keeper.setPitch({ kind: 'sensor', pitchDeg: 10.6 })).toBe(false);
    expect(keeper.setPitch({ kind: 'sensor', pitchDeg: 15 })).toBe(true);
    const after = measureWith(keeper, 120, 30);
    // Session 11 made a new estimator here: its zero started undecided (average face) and the exam recorded it.
    expect(after.every((m) => m.reference?.flexionDeg.zero === 'face-geometry')).toBe(true);
    expect(after.every((m) => flexionZeroOf(m)?.decision === 'taken')).toBe(true);
    const { changes } = watchAll([...before, ...after]);
    expect(changes.map((c) => c.change.to.decision)).toEqual(['taken']);
    expect(sessionFlexionZeroSegments([...before, ...after]).map((g) => g.zero)).toEqual(['canonical-face', 'face-geometry']);
    // The new pitch is applied: the same images read 5° apart against gravity from a run that kept 10°.
    const still = new EngineKeeper({ kind: 'sensor', pitchDeg: 10 });
    measureWith(still, 0, 120);
    const same = measureWith(still, 120, 30);
    for (let k = 0; k < after.length; k++) expect(Math.abs(after[k]!.flexionDeg! - same[k]!.flexionDeg!)).toBeCloseTo(5, 4);
  });

  it('the pitch moved because the phone moved: the head’s camera-relative pitch moves with it, the face’s zero is still right', () => {
    // Which way a camera pitch moves a head's camera-relative flexion (core's sign), read from core itself.
    const a = new EngineKeeper({ kind: 'sensor', pitchDeg: 0 });
    const b = new EngineKeeper({ kind: 'sensor', pitchDeg: 5 });
    const sign = Math.sign(b.engine.measure(frame(0, head(0), 9)).flexionDeg! - a.engine.measure(frame(0, head(0), 9)).flexionDeg!);
    const keeper = new EngineKeeper({ kind: 'sensor', pitchDeg: 10 });
    const before = measureWith(keeper, 0, 120);
    const offsetDeg = before.at(-1)!.flexionDeg! - head(119).flexionDeg; // the face's own zero and the pitch, at the last nod
    keeper.setPitch({ kind: 'sensor', pitchDeg: 15 });
    // The phone tipped 5°: the same head (against gravity) is seen 5° further the other way by the camera.
    const tipped = (i: number): HeadAngles => ({ ...head(i), flexionDeg: head(i).flexionDeg - sign * 5 });
    const after = measureWith(keeper, 120, 30, tipped);
    expect(after.every((m) => m.reference?.flexionDeg.zero === 'face-geometry')).toBe(true);
    // Against gravity nothing moved: each frame reads its head's flexion with the same offset as before the tip.
    for (let k = 0; k < after.length; k++) expect(after[k]!.flexionDeg! - head(120 + k).flexionDeg).toBeCloseTo(offsetDeg, 0);
  });

  it('a camera started again is a new recording: the face’s own zero is decided again (the person may have moved or changed)', () => {
    const keeper = new EngineKeeper({ kind: 'level-at-eye-height' });
    const first = measureWith(keeper, 0, 120);
    expect(flexionZeroOf(first.at(-1)!)).toEqual({ zero: 'face-geometry', decision: 'taken' });
    keeper.newRun();
    const second = measureWith(keeper, 0, 25);
    expect(second.every((m) => m.reference?.flexionDeg.zero === 'canonical-face')).toBe(true);
    expect(flexionZeroOf(second.at(-1)!)).toEqual({ zero: 'canonical-face', decision: 'open' });
    // The new run's watch shows it as the live view does: an average face, for now; no change announced.
    const { watch, changes } = watchAll(second);
    expect(changes).toEqual([]);
    expect(text(createElement(FlexionZeroView, { zero: watch.current, change: watch.lastChange, lang: 'en' }))).toBe('Chin up/down zero: an average face, for now (it could be several degrees off for you).');
    // The pitch source is kept across runs (it belongs to the device, not the recording).
    expect(keeper.pitch).toEqual({ kind: 'level-at-eye-height' });
  });
});

describe('training and exercise sessions keep their zero stretches (session 12)', () => {
  it('frame by frame, the same stretches as core’s zeroSegments, in ms from the session’s first frame; the record passes the schema', () => {
    const frames = measureAll(120, RIGID).slice(5); // a session that starts part-way through a camera run
    const z = new SessionZeroSegments();
    for (const m of frames) z.push(m);
    const t0 = frames[0]!.timestampMs;
    expect(z.stored()).toEqual(zeroSegments(frames).map((g) => ({ zero: g.zero, fromMs: g.fromMs - t0, toMs: g.toMs - t0, frames: g.frames })));
    expect(z.stored()).toHaveLength(2);
    expect(z.stored()).toEqual(sessionFlexionZeroSegments(frames));
    for (const kind of ['biofeedback', 'exercise', 'trick'] as const) {
      const rec = { type: 'session', schemaVersion: 1, id: `${kind}-x`, startedAtMs: 1, endedAtMs: 2, kind, neutral: 'anatomical', measures: {}, items: {}, trick: null, note: '', flexionZeroSegments: z.stored() };
      expect(MeasurementSession.safeParse(rec).success).toBe(true);
      const { flexionZeroSegments: _none, ...old } = rec;
      expect(MeasurementSession.safeParse(old).success).toBe(true); // stored before: still opens
    }
  });

  it('one zero for a whole training or exercise session is said of the session, not of an exam', () => {
    const one = [{ zero: 'canonical-face', fromMs: 0, toMs: 120_000, frames: 1100 }] as const;
    expect(zeroSegmentsWords(one, 'en', 'session')).toBe('Chin up/down was measured against an average face for the whole session.');
    expect(zeroSegmentsWords(one, 'es', 'session')).toBe('La flexión/extensión se midió respecto a una cara media durante toda la sesión.');
    const own = [{ zero: 'face-geometry', fromMs: 0, toMs: 120_000, frames: 1100 }] as const;
    expect(text(createElement(ZeroSegmentsNote, { segments: own, lang: 'es', of: 'session' }))).toBe('La flexión/extensión se midió respecto a las proporciones de su propia cara durante toda la sesión.');
    expect(zeroSegmentsWords(one, 'en')).toMatch(/whole exam\.$/);
  });
});

describe('a stored session’s reference note names its chin up/down zero (session 12, webpolish)', () => {
  // Measured frames, their tally (what a record keeps) and their stretches, as a finished exam stores them.
  const frames = measureAll(120, RIGID);
  const tally = new ReferenceTally();
  for (const m of frames) tally.push(m);
  const ref = referenceFromMeasures(tally.measures())!;
  const segs = sessionFlexionZeroSegments(frames);
  const at = clockWords(segs[1]!.fromMs);
  const note = (lang: 'en' | 'es', zeros: Parameters<typeof ReferenceView>[0]['zeros']) => text(createElement(ReferenceView, { reference: ref, detail: false, zeros, lang }));

  it('one statement: the chin up/down reference and its zero, stretch by stretch, in English and Spanish', () => {
    expect(segs.map((g) => g.zero)).toEqual(['canonical-face', 'face-geometry']);
    const en = note('en', { segments: segs, of: 'exam' });
    expect(en).toMatch(new RegExp(`Chin up/down: .+, with its zero from an average face \\(0:00 to ${at}\\), then your face's own proportions \\(${at} to 0:11\\)\\.$`));
    expect(en.match(/Chin up\/down/g)).toHaveLength(1);
    const es = note('es', { segments: segs, of: 'exam' });
    expect(es).toMatch(new RegExp(`Flexión/extensión: .+, con el cero tomado de una cara media \\(0:00 a ${at}\\); después, las proporciones de su propia cara \\(${at} a 0:11\\)\\.$`));
    expect(es.match(/[Ff]lexión\/extensión/g)).toHaveLength(1);
    // The zero line keeps its test id and stretches for the E2E tests.
    expect(renderToStaticMarkup(createElement(ReferenceView, { reference: ref, detail: false, zeros: { segments: segs, of: 'exam' }, lang: 'en' }))).toContain('data-testid="zero-segments" data-segments="canonical-face,face-geometry"');
  });

  it('one zero for a whole training session; without stretches the note reads as before', () => {
    const one = [{ zero: 'canonical-face', fromMs: 0, toMs: 120_000, frames: 1100 }] as const;
    expect(note('en', { segments: one, of: 'session' })).toMatch(/^Measured from straight \(the anatomical zero\)\. Turn and tilt: .+\. Chin up\/down: .+, with its zero from an average face for the whole session\.$/);
    expect(note('es', { segments: one, of: 'session' })).toMatch(/, con el cero tomado de una cara media durante toda la sesión\.$/);
    const before = note('en', { segments: undefined, of: 'session' });
    expect(before).toBe(note('en', null));
    expect(before).toMatch(/Chin up\/down: [^,]+\.$/);
  });
});

describe('the live view says the chin up/down zero and its ± once, above the dials (session 13, webpolish3)', () => {
  // What LiveScreen (and the running exam) render above the dials: the reference note with the zero in use, then
  // the zero's change notice. Until session 13 the ± was in the note and "an average face, for now (it could be
  // several degrees off for you)" on a line of its own: the same uncertainty said twice in words.
  const top = (frames: readonly FrameMeasure[], lang: 'en' | 'es'): string => {
    const { watch } = watchAll(frames);
    const ref = referenceOf(frames.at(-1)!);
    const html = renderToStaticMarkup(createElement('div', null,
      createElement(ReferenceView, { reference: ref, detail: true, zeros: null, lang, liveZero: watch.current }),
      createElement(FlexionZeroView, { zero: watch.current, change: watch.lastChange, lang, inNote: true })));
    // What is in view: "Why?" (closed until asked) explains the ± at length and is left out.
    expect(html).toMatch(/<details[^>]*data-testid="reference-why"(?![^>]*open)/);
    return text(createElement('div', { dangerouslySetInnerHTML: { __html: html.replace(/<details[\s\S]*<\/details>/, '') } }));
  };

  it('undecided: one chin line with the ± and "for now", in English and Spanish', () => {
    const frames = measureAll(25, RIGID);
    const ref = referenceOf(frames.at(-1)!);
    expect(ref.flexion).toBe('uncertain');
    const pm = Math.round(ref.flexionUncertaintyDeg!);
    const en = top(frames, 'en');
    expect(en).toContain(`Chin up/down: uncertain (about ±${pm}°), with its zero from an average face for now (it may change to your own face's later).`);
    expect(en.match(/Chin up\/down/g)).toHaveLength(1);
    expect(en.match(/±/g)).toHaveLength(1);
    expect(en.match(/average face/g)).toHaveLength(1);
    expect(en).not.toMatch(/several degrees off/);
    const es = top(frames, 'es');
    expect(es).toContain(`Flexión/extensión: incierto (unos ±${pm}°), con el cero tomado de una cara media por ahora (después puede pasar a la de su propia cara).`);
    expect(es.match(/[Ff]lexión\/extensión/g)).toHaveLength(1);
    expect(es.match(/cara media/g)).toHaveLength(1);
  });

  it('taken: the chin line names the face’s own zero; the change notice stays, with its time', () => {
    const frames = measureAll(120, RIGID);
    const { changes } = watchAll(frames);
    const at = clockWords(changes[0]!.index * FRAME_MS);
    const en = top(frames, 'en');
    expect(en).toMatch(/Chin up\/down: [^.]*±\d+°\), with its zero from your face's own proportions \(the line from your ear to your eye\)\./);
    expect(en).toContain(`Chin up/down is now measured against your face's own proportions (from ${at}).`);
    expect(en).not.toContain('Chin up/down zero:');
  });
});

describe('the session share “chin up/down zero from the face’s ear–eye line” (session 12)', () => {
  it('counts the frames on the face’s own zero, against gravity too (it was 0 % whatever the frames)', () => {
    const keeper = new EngineKeeper({ kind: 'sensor', pitchDeg: 10 });
    const frames = measureWith(keeper, 0, 120);
    const own = frames.filter((m) => m.reference?.flexionDeg.zero === 'face-geometry').length;
    expect(own).toBeGreaterThan(0);
    const t = new ReferenceTally();
    for (const m of frames) t.push(m);
    const m = t.measures();
    expect(m['flexionReferenceFaceGeometryPct']).toBe(Math.round((1000 * own) / 120) / 10);
    // Frame of reference and zero are two questions: every frame is against gravity or uncertain, and with a
    // sensor's ± 2° exactly the frames on the face's own zero (± 5° instead of 8°) are confident, against
    // gravity, which is why the old count, "confident and not against gravity", never counted one.
    expect((m['flexionReferenceGravityPct'] ?? 0) + (m['flexionReferenceUncertainPct'] ?? 0)).toBeCloseTo(100, 6);
    expect(m['flexionReferenceGravityPct']).toBe(m['flexionReferenceFaceGeometryPct']);
    const dominant = referenceFromMeasures(m)!;
    expect(dominant.flexion).toBe(own * 2 >= 120 ? 'gravity' : 'uncertain');
    expect(dominant.flexionZero).toBe(own * 2 >= 120 ? 'face-geometry' : 'canonical-face');
    // Without a camera pitch the face's own zero still counts (chin up/down stays uncertain).
    const blind = new EngineKeeper({ kind: 'unknown' });
    const tb = new ReferenceTally();
    for (const f of measureWith(blind, 0, 120)) tb.push(f);
    expect(tb.measures()['flexionReferenceUncertainPct']).toBe(100);
    expect(tb.measures()['flexionReferenceFaceGeometryPct']).toBe(m['flexionReferenceFaceGeometryPct']);
  });

  it('a session stored before with the old count (always 0 %) reads back as it did', () => {
    const old = { referenceTrunkPct: 0, flexionReferenceGravityPct: 100, flexionReferenceFaceGeometryPct: 0, flexionReferenceUncertainPct: 0, flexionReferenceUncertaintyDeg: 8.2 };
    expect(referenceFromMeasures(old)).toMatchObject({ flexion: 'gravity', flexionZero: 'canonical-face' });
  });
});
