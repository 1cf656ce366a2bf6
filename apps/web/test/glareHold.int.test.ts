/**
 * End-to-end, session 13: the phantom glasses-glare face (curved lenses mirroring a window and a ceiling lamp) held
 * straight on Chromium's fake camera, through the real models, the vision package's lens glare shares and core. The
 * straightest-posture check must not finish under the glare: it is held with words that say what to do, the lenses'
 * state and a "Calibrate anyway" button; "anyway" calibrates with the existing glare note. Then the same in Spanish on
 * a phone at 150 % text (words, nothing wider than the phone). The words, the lenses' state and the button are in the
 * window after the press, without scrolling (session 13, webpolish3).
 * Screenshots: docs/screenshots/web-25-glare-hold.png, web-25a-es-glare-hold-phone.png.
 * Run: npx vitest run apps/web/test/glareHold.int.test.ts   (needs /usr/bin/chromium; builds the app)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildApp, launch, servePreview } from './harness.ts';
import type { Served } from './harness.ts';
import { phantomVideo } from './phantomCamera.ts';
import { join } from 'node:path';
import { SCREENSHOT_DIR, axeProblems, startCamera, tooWide, waitAttr } from './pageTools.ts';
import { en } from '../src/i18n/en.ts';
import { es } from '../src/i18n/es.ts';

const PHONE = { width: 390, height: 844 };
/** Targets at least this tall and wide (docs/web.md, accessibility). */
const MIN_TARGET_PX = 44;

let served: Served;
let clip: string;
beforeAll(async () => {
  clip = await phantomVideo('rest-straight-glare');
  buildApp();
  served = await servePreview();
}, 600_000);
afterAll(async () => {
  await served?.stop();
});

/** Presses the check and waits for the hold (the get-ready pause, then a second of lit rest). */
async function calibrateIntoHold(page: Page): Promise<void> {
  await startCamera(page);
  await waitAttr(page, '[data-testid=check-face]', 'data-ok', { oneOf: ['true'] });
  await page.waitForSelector('[data-testid=calibrate]:not([disabled])', { timeout: 60_000 });
  await page.click('[data-testid=calibrate]');
  expect(await waitAttr(page, '[data-testid=calibration-status]', 'data-state', { oneOf: ['held', 'ok', 'failed'] }, 60_000)).toBe('held');
  await waitAttr(page, '[data-testid=lens-state]', 'data-lens', { oneOf: ['reflections'] }, 10_000);
  // Seen without scrolling after the press (session 13, webpolish3): they appear below the button, and fell below the
  // window on a 1280 × 900 desktop and on a phone at 150 % text.
  const outside = await page.evaluate(() =>
    ['glare-held', 'lens-state', 'calibrate-anyway'].filter((id) => {
      const r = document.querySelector(`[data-testid=${id}]`)!.getBoundingClientRect();
      return r.top < 0 || r.bottom > window.innerHeight;
    }),
  );
  expect(outside).toEqual([]);
}

/** What the person sees while held: the window as the app left it after the press (not the full page). */
async function heldShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `web-${name}.png`) });
}

const textOf = async (page: Page, sel: string) => ((await page.textContent(sel)) ?? '').replace(/\s+/g, ' ').trim();

describe('glare on glasses holds the straightest-posture check (session 13)', () => {
  it('holds with words, the lenses\' state and "Calibrate anyway"; anyway calibrates with the glare note; Spanish on a phone at 150 %', async () => {
    const l = await launch({ fakeVideo: clip });
    const errors: string[] = [];
    try {
      const page = l.page;
      page.on('pageerror', (e) => errors.push(e.message));
      // What the app says aloud (speechSynthesis utterances; the set-up screen shows its words, it has no caption).
      await l.context.addInitScript(() => {
        const w = window as unknown as { __spoken: string[] };
        w.__spoken = [];
        const synth = window.speechSynthesis;
        const speak = synth.speak.bind(synth);
        synth.speak = (u: SpeechSynthesisUtterance) => {
          w.__spoken.push(`${u.lang}|${u.text}`);
          speak(u);
        };
      });
      await page.goto(`${served.url}?nosw#/setup`);
      await calibrateIntoHold(page);
      expect(await textOf(page, '[data-testid=glare-held]')).toBe(en['m.setup.glareHeld']);
      expect(await textOf(page, '[data-testid=lens-state]')).toBe(`! ${en['m.setup.lensReflections']}`);
      const spoken = () => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
      expect((await spoken()).filter((u) => u.endsWith(`|${en['m.setup.glareHeld']}`))).toEqual([`en|${en['m.setup.glareHeld']}`]);
      expect(await page.isDisabled('[data-testid=calibrate]')).toBe(true);
      const box = (await page.locator('[data-testid=calibrate-anyway]').boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(MIN_TARGET_PX);
      expect(await textOf(page, '[data-testid=calibrate-anyway]')).toBe(en['m.setup.calibrateAnyway']);
      await heldShot(page, '25-glare-hold');
      expect(await axeProblems(page)).toEqual([]);

      // Anyway: calibrates under the glare as before the hold, and the result carries the existing warning.
      await page.click('[data-testid=calibrate-anyway]');
      const st = await waitAttr(page, '[data-testid=calibration-status]', 'data-state', { oneOf: ['ok', 'failed'] }, 60_000);
      if (st === 'failed') console.warn('straightest-posture check failed:', await textOf(page, '[data-testid=calibration-status]'));
      expect(await waitAttr(page, '[data-testid=calibration-status]', 'data-state', { oneOf: ['ok', 'failed'] }, 60_000)).toBe('ok');
      expect(await page.getAttribute('[data-testid=glare-words]', 'data-outcome')).toBe('kept');
      expect(await textOf(page, '[data-testid=glare-words]')).toMatch(/^! Reflections on your glasses during the calibration: (\d+) of \1 pictures/);

      // Spanish, phone, largest text.
      await page.setViewportSize(PHONE);
      await page.evaluate(() => {
        localStorage.setItem('geste.lang', 'es');
        localStorage.setItem('geste.textSize', '150');
      });
      await page.reload();
      await page.waitForFunction(() => document.documentElement.lang === 'es');
      await calibrateIntoHold(page);
      expect(await textOf(page, '[data-testid=glare-held]')).toBe(es['m.setup.glareHeld']);
      expect(await textOf(page, '[data-testid=lens-state]')).toBe(`! ${es['m.setup.lensReflections']}`);
      expect(await textOf(page, '[data-testid=calibrate-anyway]')).toBe(es['m.setup.calibrateAnyway']);
      expect((await spoken()).filter((u) => u.includes(es['m.setup.glareHeld']))).toHaveLength(1);
      const wide = await tooWide(page, PHONE.width);
      expect(wide).toEqual([]);
      await heldShot(page, '25a-es-glare-hold-phone');
      expect(errors).toEqual([]);
    } finally {
      await l.close();
    }
  }, 600_000);
});
