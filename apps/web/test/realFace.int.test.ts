/**
 * End-to-end, issues 12/13: a real photographed face on Chromium's fake camera, through the real models and
 * core, as a patient would use the app. The 2nd thumbnail of Human's samples.jpg is a woman whose head is
 * turned ≈ 28° to her own left (the CLI reads 28.0° left on the same clip): the straightest-posture check must
 * say so in words, on the right side (the patient's own; the mirrored preview must not flip it), with the
 * warning, and Live must then read ≈ 28° left against the anatomical zero (the check never becomes the zero);
 * the same photo mirrored must read ≈ 28° right (the side comes from the face, not from the app).
 * The 3rd thumbnail (a man, near frontal; the CLI reads ≈ 6° left) must raise no warning.
 * The photograph's licence is unknown: the y4m is made from node_modules at test time (realFaceCamera.ts) and
 * nothing derived from it is committed; without samples.jpg the tests are skipped with a message.
 * Run: npx vitest run apps/web/test/realFace.int.test.ts   (needs /usr/bin/chromium; builds the app)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildApp, launch, servePreview } from './harness.ts';
import type { Served } from './harness.ts';
import { realFaceVideo, samplesJpgOrNull } from './realFaceCamera.ts';
import { runStraightestCheck, startCamera, waitAttr } from './pageTools.ts';

/** The woman's turn to her left, as the CLI reads the same clip (BENCHMARKS.md "A second real face"); mirrored: to her right. */
const TURNED_FACE_ROTATION_DEG = -28;
const TURNED_FACES = [
  { face: 'thumb2', rotationDeg: TURNED_FACE_ROTATION_DEG },
  { face: 'thumb2-mirror', rotationDeg: -TURNED_FACE_ROTATION_DEG },
] as const;
/** The app must agree with that within this (same models and core; the page's frames are fewer and later). */
const TOL_ROTATION_DEG = 5;
/** The check warns past this (core `checkStraightest`); the near-frontal face reads ≈ 6° and must not warn. */
const WARN_DEG = 10;

const photo = samplesJpgOrNull();
if (photo === null) console.warn('realFace.int.test.ts skipped: node_modules/@vladmandic/human/assets/samples.jpg is missing (run npm install)');

let served: Served;
beforeAll(async () => {
  if (photo === null) return;
  for (const f of TURNED_FACES) realFaceVideo(f.face, 'still');
  realFaceVideo('thumb3', 'still');
  buildApp();
  served = await servePreview();
}, 600_000);
afterAll(async () => {
  await served?.stop();
});

/** Opens set-up, runs the straightest-posture check (pageTools' runStraightestCheck: up to 3 tries under load). */
async function openAndCheck(page: Page): Promise<void> {
  await page.goto(`${served.url}?nosw#/setup`);
  await startCamera(page);
  await waitAttr(page, '[data-testid=check-face]', 'data-ok', { oneOf: ['true'] });
  expect(await runStraightestCheck(page)).toBe('ok');
}

describe.skipIf(photo === null)('a real photographed face on the fake camera (issues 12/13)', () => {
  it.each(TURNED_FACES)('$face, a head turned ≈ 28° ($rotationDeg°): the check says so in words on her side with the warning, and Live reads it against the anatomical zero', async ({ face, rotationDeg }) => {
    const side = rotationDeg < 0 ? 'left' : 'right';
    const l = await launch({ fakeVideo: realFaceVideo(face, 'still') });
    const errors: string[] = [];
    try {
      const page = l.page;
      page.on('pageerror', (e) => errors.push(e.message));
      await openAndCheck(page);
      const words = (await page.textContent('[data-testid=straightest-words]')) ?? '';
      const said = /Your straightest is (\d+)° turned to (?:your|the) (left|right)/.exec(words);
      expect(said, words).not.toBeNull();
      expect(said![2]).toBe(side);
      expect(Math.abs(Number(said![1]) - Math.abs(rotationDeg))).toBeLessThanOrEqual(TOL_ROTATION_DEG);
      const offset = Number(await page.getAttribute('[data-testid=straightest-result] [data-axis=rotationDeg]', 'data-value'));
      expect(Math.abs(offset - rotationDeg)).toBeLessThanOrEqual(TOL_ROTATION_DEG);
      expect(await page.getAttribute('[data-testid=straightest-result]', 'data-warn')).toBe('true');
      expect(await page.textContent('[data-testid=straightest-warning]')).toMatch(/More than 10° from straight/);

      // Live, after the check: still ≈ 28° left, against the anatomical zero (not ≈ 0°).
      await page.click('[data-testid=nav-live]');
      await waitAttr(page, '.gauge[data-axis=rotationDeg]', 'data-value', { not: '' });
      await page.waitForTimeout(1500);
      const liveDeg = Number(await page.getAttribute('.gauge[data-axis=rotationDeg]', 'data-value'));
      expect(Math.abs(liveDeg - rotationDeg)).toBeLessThanOrEqual(TOL_ROTATION_DEG);
      expect(await page.getAttribute('.gauge[data-axis=rotationDeg]', 'aria-label')).toContain(`turned to your ${side}`);
      expect(await page.getAttribute('.gauge[data-axis=rotationDeg]', 'class')).toMatch(/gauge-out/);
      expect(await page.textContent('[data-testid=reference-note]')).toMatch(/anatomical zero/);
      // Chin up/down has no reliable zero here (no camera pitch): shown with its ±, and neither in nor out of the zone.
      const flexion = '.gauge[data-axis=flexionDeg]';
      if ((await page.getAttribute(flexion, 'data-uncertain-deg')) !== '') {
        expect(await page.getAttribute(flexion, 'class')).toMatch(/gauge-uncertain/);
        expect(await page.textContent(`${flexion} .gauge-state`)).not.toMatch(/zone/);
      }
      expect(errors).toEqual([]);
    } finally {
      await l.close();
    }
  }, 180_000);

  it('a near-frontal face: the check reads near straight and raises no warning', async () => {
    const l = await launch({ fakeVideo: realFaceVideo('thumb3', 'still') });
    try {
      const page = l.page;
      await openAndCheck(page);
      const rotation = Number(await page.getAttribute('[data-testid=straightest-result] [data-axis=rotationDeg]', 'data-value'));
      const tilt = Number(await page.getAttribute('[data-testid=straightest-result] [data-axis=tiltDeg]', 'data-value'));
      expect(Math.abs(rotation)).toBeLessThan(WARN_DEG);
      expect(Math.abs(tilt)).toBeLessThan(WARN_DEG);
      expect(await page.getAttribute('[data-testid=straightest-result]', 'data-warn')).toBe('false');
      expect(await page.$('[data-testid=straightest-warning]')).toBeNull();
    } finally {
      await l.close();
    }
  }, 180_000);
});
