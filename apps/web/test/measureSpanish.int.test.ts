/**
 * The measuring screens in Spanish on a phone (390×844), end to end in headless Chromium with the fake
 * camera: set-up (straightest posture), live view, a shortened guided exam with its results, a 30 s
 * training session and the sessions list. Checks
 * that no English sentence of the app's dictionaries or the measure registry is left on those screens
 * and that nothing is wider than the phone. Screenshots: docs/screenshots/web-17a-es-*.png.
 * Run: npx vitest run apps/web/test/measureSpanish.int.test.ts   (needs /usr/bin/chromium; builds the app first)
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MEASURES, measureWords } from '@geste/core';
import { buildApp, launch, servePreview } from './harness.ts';
import type { Served } from './harness.ts';
import { fakeVideo } from './fakeCamera.ts';
import { SCREENSHOT_DIR, runStraightestCheck, startCamera, tooWide, waitAttr } from './pageTools.ts';
import { en } from '../src/i18n/en.ts';
import { es } from '../src/i18n/es.ts';

const PHONE = { width: 390, height: 844 };

let served: Served;
beforeAll(async () => {
  buildApp();
  served = await servePreview();
}, 300_000);
afterAll(async () => {
  await served?.stop();
});

/** English sentences and labels that must not show on a Spanish screen (longer than a word or two). */
const ENGLISH: readonly string[] = (() => {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(en)) {
    const frag = v.split(/\{\w+\}/).map((x) => x.trim()).filter((x) => x.length >= 14 && / /.test(x));
    if (es[k as keyof typeof es] !== v) for (const f of frag) out.add(f);
  }
  for (const k of Object.keys(MEASURES)) {
    const w = measureWords(k, 'en')!;
    for (const x of [w.label, w.positive, w.negative]) if (x && x.length >= 10) out.add(x);
  }
  return [...out];
})();

async function englishLeft(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return ENGLISH.filter((s) => text.includes(s));
}

/** Same-document navigation keeps the camera on; start it only where it is off. */
async function ensureCamera(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=start-camera], .camera-controls button', { timeout: 30_000 });
  if (await page.$('[data-testid=start-camera]')) await startCamera(page);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `web-17a-es-${name}.png`), fullPage: true });
}

describe('measuring screens in Spanish on a phone', () => {
  it('set-up, live view, a guided exam, a training session and the sessions list speak Spanish only and fit 390 px', async () => {
    expect(ENGLISH.length).toBeGreaterThan(200);
    const l = await launch({ fakeVideo: fakeVideo('neutral-and-tilt') });
    const errors: string[] = [];
    try {
      const page = l.page;
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setViewportSize(PHONE);
      await page.goto(`${served.url}?nosw&examScale=0.1#/setup`);
      await page.evaluate(() => localStorage.setItem('geste.lang', 'es'));
      await page.reload();
      await page.waitForFunction(() => document.documentElement.lang === 'es');
      expect(await page.textContent('main h1')).toBe('Preparar');
      await startCamera(page);
      await waitAttr(page, '[data-testid=check-face]', 'data-ok', { oneOf: ['true'] });
      expect(await runStraightestCheck(page, { statusTimeoutMs: 30_000, retryAfterMs: 4000 })).toBe('ok');
      expect(await page.textContent('[data-testid=straightest-words]')).toMatch(/Su postura más recta/);
      expect(await englishLeft(page)).toEqual([]);
      await shot(page, 'setup');

      await page.goto(`${served.url}?nosw&examScale=0.1#/live`);
      await ensureCamera(page);
      await waitAttr(page, '.gauge[data-axis=tiltDeg]', 'data-value', { not: '' });
      await page.waitForTimeout(2500);
      expect(await page.textContent('main h1')).toBe('Vista en directo');
      const labels = await page.$$eval('.gauge', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      expect(labels[0]).toMatch(/^Rotación \(giro\): /);
      expect(await englishLeft(page)).toEqual([]);
      expect(await tooWide(page, PHONE.width)).toEqual([]);
      await shot(page, 'live');

      await page.goto(`${served.url}?nosw&examScale=0.1#/exam`);
      await page.waitForSelector('[data-testid=start-exam]');
      if (await page.$('[data-testid=start-camera]')) await startCamera(page);
      await page.click('[data-testid=start-exam]');
      await waitAttr(page, '[data-testid=exam-step]', 'data-step', { oneOf: ['rest'] });
      expect(await page.textContent('[data-testid=exam-step]')).toMatch(/^Descanso/);
      expect(await englishLeft(page)).toEqual([]);
      await shot(page, 'exam-running');
      await page.waitForSelector('[data-testid=exam-result]', { timeout: 180_000 });
      expect(await page.textContent('[data-item=rotation] th')).toBe('Rotación (tortícolis)');
      expect(await page.textContent('[data-testid=exam-measures]')).toMatch(/Rotación a la derecha \(rango de movimiento\)/);
      expect(await englishLeft(page)).toEqual([]);
      expect(await tooWide(page, PHONE.width)).toEqual([]);
      await shot(page, 'exam-result');

      // Biofeedback training: the set-up form, a 30 s session (spoken prompts are captioned) and its summary.
      await page.goto(`${served.url}?nosw&examScale=0.1#/train`);
      await page.waitForSelector('[data-testid=start-session]');
      expect(await page.textContent('main h1')).toBe('Entrenamiento con biorretroalimentación');
      expect(await englishLeft(page)).toEqual([]);
      await page.check('input[name=length][value="30"]');
      await page.click('[data-testid=start-session]');
      await page.waitForSelector('[data-testid=zone-state]');
      await page.waitForTimeout(3000);
      expect(await englishLeft(page)).toEqual([]);
      expect(await tooWide(page, PHONE.width)).toEqual([]);
      await shot(page, 'train-running');
      await page.waitForSelector('[data-testid=session-summary]', { timeout: 120_000 });
      expect(await page.textContent('[data-testid=session-summary] h2')).toBe('Resumen de la sesión');
      // The session keeps its chin up/down zero stretches and says them (session 12).
      expect(await page.textContent('[data-testid=session-summary] [data-testid=zero-segments]')).toMatch(/^Flexión\/extensión: .+, con el cero tomado de una cara media durante toda la sesión\.$/);
      expect(await englishLeft(page)).toEqual([]);
      expect(await tooWide(page, PHONE.width)).toEqual([]);
      await shot(page, 'train-summary');

      await page.goto(`${served.url}?nosw#/history`);
      await page.waitForSelector('[data-testid=session-list]');
      expect(await page.textContent('main h1')).toBe('Sesiones en este dispositivo');
      expect(await englishLeft(page)).toEqual([]);
      await shot(page, 'history');
      expect(errors).toEqual([]);
    } finally {
      await l.close();
    }
  }, 420_000);
});
