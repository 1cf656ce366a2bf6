/**
 * End-to-end: which chin up/down zero the numbers use, on screen and with the stored exam (core decides once
 * per recording whether the face's own ear–eye zero is used, pose/faceZero.ts; docs/anatomical-zero.md).
 *
 * No phantom clip takes the face's own zero (the body model's ear points follow the face), so taking it is
 * tested on frames core measures (src/measure/flexionZero.test.ts). Here the real pipeline: the phantom on
 * Chromium's fake camera, the live view naming the zero in use with no change announced, a time-shortened
 * exam whose result and stored record carry core's zero stretches, History opening an exam stored before the
 * stretches were kept, and a nodding face with ears (the matrix's edge-tilt-flexion-40 on deep-wide, refused
 * at 10.0 s on its saved landmarks) whose refusal the live view announces.
 * The change notices themselves are rendered in Chromium with the app's styles (component level).
 * Screenshots go to a temporary folder (GESTE_SHOT_DIR to choose), not docs/screenshots.
 * Run: npx vitest run apps/web/test/flexionZero.int.test.ts   (needs /usr/bin/chromium; builds the app)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launch, servePreview } from './harness.ts';
import type { Served } from './harness.ts';
import { FlexionZeroView } from '../src/components/Status.tsx';
import type { FlexionZeroChange } from '../src/measure/reference.ts';
import { WEB_DIR } from './harness.ts';
import { phantomVideo } from './phantomCamera.ts';
import { startCamera, storedSessions, waitAttr } from './pageTools.ts';

const SHOTS = process.env['GESTE_SHOT_DIR'] ?? join(tmpdir(), 'geste-flexion-zero-shots');
const snap = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

/** Puts session records straight into the app's IndexedDB, as an older or another device's version stored them. */
async function putSessions(page: Page, records: readonly object[]): Promise<void> {
  await page.evaluate(
    (recs) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('geste-measure');
        open.onerror = () => reject(new Error('cannot open geste-measure'));
        open.onsuccess = () => {
          const tx = open.result.transaction('sessions', 'readwrite');
          for (const r of recs) tx.objectStore('sessions').put(r);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error('cannot write sessions'));
        };
      }),
    records,
  );
}

/** The live reference note's first line on a measured frame (a frame that is not measured says only that). */
async function chinLine(page: Page): Promise<string> {
  const h = await page.waitForFunction(() => {
    const p = document.querySelector('[data-testid=reference-note]:not([data-not-measured]) > p');
    return p && /Chin up\/down/.test(p.textContent ?? '') ? p.textContent : null;
  }, undefined, { timeout: 30_000 });
  return (await h.jsonValue()) as string;
}

let served: Served;
let clip: string;
beforeAll(async () => {
  clip = await phantomVideo('rest-right-30');
  buildApp();
  served = await servePreview();
}, 600_000);
afterAll(async () => {
  await served?.stop();
});

describe('the chin up/down zero on screen and with the exam', () => {
  it('live names the zero in use; the exam keeps core’s stretches and says them; an exam stored without them still opens', async () => {
    const l = await launch({ fakeVideo: clip });
    const errors: string[] = [];
    try {
      const page = l.page;
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${served.url}?nosw&examScale=0.1#/live`);
      await startCamera(page);
      // A laptop's camera: pitch unknown, no nodding: the average face's zero, undecided, and no change announced.
      await waitAttr(page, '[data-testid=flexion-zero]', 'data-decision', { oneOf: ['open'] });
      expect(await page.getAttribute('[data-testid=flexion-zero]', 'data-zero')).toBe('canonical-face');
      // Said once, in the reference note's chin line with its ± (session 13, webpolish3), not on a line of its own.
      expect(await chinLine(page)).toMatch(/ Chin up\/down: uncertain \(about ±\d+°\), with its zero from an average face for now \(it may change to your own face's later\)\.$/);
      expect(await page.textContent('[data-testid=flexion-zero]')).toBe('');
      expect(await page.$('[data-testid=flexion-zero-change]')).toBeNull();
      await snap(page, 'live-zero');

      await page.click('[data-testid=nav-exam]');
      await page.click('[data-testid=start-exam]');
      // The zero's live region is there, empty until the zero changes: the reference note says the zero in use.
      await page.waitForSelector('[data-testid=flexion-zero]', { state: 'attached' });
      await page.waitForSelector('[data-testid=exam-result]', { timeout: 180_000 });
      const exam = (await storedSessions(page)).find((s) => s.kind === 'exam') as unknown as { id: string; flexionZeroSegments: { zero: string; fromMs: number; toMs: number; frames: number }[]; seriesFrames: number };
      // Core's stretches of the exam's frames: one, the average face's, over the frames that had chin up/down.
      expect(exam.flexionZeroSegments).toHaveLength(1);
      expect(exam.flexionZeroSegments[0]!.zero).toBe('canonical-face');
      expect(exam.flexionZeroSegments[0]!.frames).toBeGreaterThan(0);
      expect(exam.flexionZeroSegments[0]!.frames).toBeLessThanOrEqual(exam.seriesFrames);
      // One statement with the reference (session 12, webpolish): the chin up/down line names its zero.
      expect(await page.textContent('[data-testid=exam-result] [data-testid=zero-segments]')).toMatch(/^Chin up\/down: .+, with its zero from an average face for the whole exam\.$/);
      await snap(page, 'exam-result-zero');

      // History: this exam with its words; an exam stored before the stretches were kept opens without them;
      // one whose zero changed part-way (as another device could store it) names each stretch with its times.
      const t0 = Date.now() - 86_400_000;
      const base = { type: 'session', schemaVersion: 1, endedAtMs: t0 + 120_000, kind: 'exam', neutral: 'anatomical', items: {}, trick: null, note: '', measures: { referenceTrunkPct: 0, flexionReferenceUncertainPct: 100, flexionReferenceUncertaintyDeg: 18 } };
      // A camera set level at eye height: the average face's zero is uncertain (± 9°), the face's own is not (± 8°).
      const changedMeasures = { referenceTrunkPct: 0, flexionReferenceGravityPct: 67.7, flexionReferenceFaceGeometryPct: 0, flexionReferenceUncertainPct: 32.3, flexionReferenceUncertaintyDeg: 8.2 };
      await putSessions(page, [
        { ...base, id: 'exam-old-1', startedAtMs: t0 },
        { ...base, measures: changedMeasures, id: 'exam-changed-1', startedAtMs: t0 + 3_600_000, endedAtMs: t0 + 3_720_000, flexionZeroSegments: [{ zero: 'canonical-face', fromMs: 0, toMs: 41_900, frames: 420 }, { zero: 'face-geometry', fromMs: 42_000, toMs: 130_000, frames: 880 }] },
      ]);
      await page.click('[data-testid=nav-history]');
      await page.waitForSelector('[data-testid=session-list]');
      expect(await page.textContent(`[data-id="${exam.id}"] [data-testid=zero-segments]`)).toMatch(/average face for the whole exam/);
      expect(await page.$('[data-id="exam-old-1"]')).not.toBeNull();
      expect(await page.$('[data-id="exam-old-1"] [data-testid=zero-segments]')).toBeNull();
      expect(await page.textContent('[data-id="exam-changed-1"] [data-testid=zero-segments]')).toBe("Chin up/down: against the vertical (gravity) (about ±8°), with its zero from an average face (0:00 to 0:42), then your face's own proportions (0:42 to 2:10).");
      await snap(page, 'history-zero');
      expect(errors).toEqual([]);
    } finally {
      await l.close();
    }
  }, 600_000);

  it('the change notices as the live view shows them: large, plain words with the time (component in Chromium)', async () => {
    const open = { zero: 'canonical-face', decision: 'open' } as const;
    const changes: FlexionZeroChange[] = [
      { from: open, to: { zero: 'face-geometry', decision: 'taken' }, atMs: 42_300 },
      { from: open, to: { zero: 'canonical-face', decision: 'refused' }, atMs: 75_000 },
    ];
    const css = readFileSync(join(WEB_DIR, 'src/styles.css'), 'utf8');
    const l = await launch({ fakeVideo: null });
    try {
      for (const lang of ['en', 'es'] as const) {
        const body = changes.map((c) => renderToStaticMarkup(createElement(FlexionZeroView, { zero: c.to, change: c, lang }))).join('<hr>');
        await l.page.setContent(`<!doctype html><html lang="${lang}"><head><style>${css}</style></head><body><main class="screen">${body}</main></body></html>`);
        const notices = await l.page.$$eval('[data-testid=flexion-zero-change]', (els) => els.map((e) => ({ text: e.textContent ?? '', px: parseFloat(getComputedStyle(e).fontSize) })));
        expect(notices.map((n) => n.text)).toEqual(
          lang === 'en'
            ? ["Chin up/down is now measured against your face's own proportions (from 0:42).", expect.stringMatching(/^Chin up\/down stays measured against an average face \(decided at 1:15\)/)]
            : ['La flexión/extensión se mide ahora respecto a las proporciones de su propia cara (desde 0:42).', expect.stringMatching(/^La flexión\/extensión se sigue midiendo respecto a una cara media \(decidido en 1:15\)/)],
        );
        // Larger than the body text (18 px), as the zone banner and exam instruction are.
        for (const n of notices) expect(n.px).toBeGreaterThan(18 * 1.3);
        await snap(l.page, `zero-change-notices-${lang}`);
      }
    } finally {
      await l.close();
    }
  }, 120_000);

  it('a nodding phantom with ears: the live view says the face’s own zero was refused, with its time', async () => {
    const nods = await phantomVideo('nods-deep-wide');
    const l = await launch({ fakeVideo: nods });
    try {
      const page = l.page;
      await page.goto(`${served.url}?nosw#/live`);
      await startCamera(page);
      // Core decides from the readings, not the clock; the fake camera loops the 12 s clip.
      await waitAttr(page, '[data-testid=flexion-zero]', 'data-decision', { oneOf: ['refused', 'taken'] }, 150_000);
      expect(await page.getAttribute('[data-testid=flexion-zero]', 'data-decision')).toBe('refused');
      expect(await page.getAttribute('[data-testid=flexion-zero-change]', 'data-to')).toBe('refused');
      const notice = (await page.textContent('[data-testid=flexion-zero-change]')) ?? '';
      expect(notice).toMatch(/^Chin up\/down stays measured against an average face \(decided at \d+:\d\d\): the points found at your ears did not move the way ears do/);
      await snap(page, 'live-zero-refused');
      // The camera stopped and started again is a new recording (the person may have moved or changed): the
      // refusal is not carried over; the zero is undecided again, with nothing announced (session 12).
      await page.click('.camera-controls button:has-text("Stop camera")');
      await page.waitForSelector('[data-testid=start-camera]');
      await startCamera(page);
      await waitAttr(page, '[data-testid=flexion-zero]', 'data-decision', { oneOf: ['open', 'refused', 'taken'] }, 60_000);
      expect(await page.getAttribute('[data-testid=flexion-zero]', 'data-decision')).toBe('open');
      expect(await page.$('[data-testid=flexion-zero-change]')).toBeNull();
      expect(await chinLine(page)).toMatch(/, with its zero from an average face for now \(it may change to your own face's later\)\.$/);
      await snap(page, 'live-zero-after-restart');
    } finally {
      await l.close();
    }
  }, 400_000);
});
