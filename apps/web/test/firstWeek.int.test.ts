/**
 * A patient's first week (issue 17), end to end in headless Chromium with the fake camera, on a phone
 * (390×844) and a laptop (1280×900) viewport: the guided first visit (language → camera → posture → a
 * short exam → what the numbers mean → diary → clinic) to Home, then a reminder calendar file; and the
 * trick trainer on a still clip with no hand, which must say "no clear difference".
 * Screenshots: docs/screenshots/web-17-<viewport>-NN-<step>.png.
 * Run: npx vitest run apps/web/test/firstWeek.int.test.ts   (needs /usr/bin/chromium; builds the app first)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildApp, launch, servePreview } from './harness.ts';
import type { Served } from './harness.ts';
import { fakeVideo } from './fakeCamera.ts';
import { SCREENSHOT_DIR, startCamera, storedSessions } from './pageTools.ts';

let served: Served;
beforeAll(async () => {
  buildApp();
  served = await servePreview();
}, 300_000);
afterAll(async () => {
  await served?.stop();
});

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `web-17-${name}.png`), fullPage: false });
}

async function step(page: Page): Promise<string> {
  return (await page.getAttribute('[data-testid=visit-step]', 'data-step')) ?? '';
}

/** Local "YYYY-MM-DD" of a day `days` from now (the page's clock = this machine's). */
function localDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function journey(kind: 'phone' | 'laptop'): Promise<void> {
  const l = await launch({ fakeVideo: fakeVideo('neutral-and-tilt') });
  const errors: string[] = [];
  try {
    const page = l.page;
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize(kind === 'phone' ? PHONE : LAPTOP);
    // A first visit with no route opens the guided first visit.
    await page.goto(`${served.url}?nosw&examScale=0.1`);
    await page.waitForSelector('[data-testid=visit-step][data-step=language]');
    const n = kind === 'phone' ? 'phone' : 'laptop';
    if (kind === 'phone') {
      // The menu is folded: the first screen shows the first visit, not 17 links.
      expect(await page.isVisible('[data-testid=nav-home]')).toBe(false);
      expect(await page.isVisible('[data-testid=nav-menu]')).toBe(true);
      const h1 = await page.$eval('main h1', (e) => e.getBoundingClientRect().top);
      expect(h1).toBeLessThan(PHONE.height / 3);
      // No clinician tab among the patient's screens.
      expect(await page.$('[data-testid=nav-clinician]')).toBeNull();
    }
    await shot(page, `${n}-01-welcome`);
    // Language chosen at the first visit: Spanish on the phone, English on the laptop.
    if (kind === 'phone') {
      await page.click('label:has([data-testid=lang-es])');
      await page.waitForFunction(() => document.documentElement.lang === 'es');
      expect(await page.textContent('main h1')).toBe('Su primera visita');
      await page.click('label:has([data-testid=size-125])');
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('22.5px');
      await shot(page, `${n}-02-language-es`);
    }
    await page.click('[data-testid=visit-next]');
    expect(await step(page)).toBe('camera');
    await startCamera(page);
    await shot(page, `${n}-03-camera`);
    await page.click('[data-testid=visit-next] >> nth=0');
    expect(await step(page)).toBe('posture');
    await page.click('[data-testid=calibrate]');
    // The straightest-posture check (issue 12): its status element carries the state; the words are in straightest-result.
    await page.waitForSelector('[data-testid=calibration-status][data-state=ok], [data-testid=calibration-status][data-state=failed]', { state: 'attached', timeout: 60_000 });
    await shot(page, `${n}-04-posture`);
    await page.click('[data-testid=visit-next] >> nth=0');
    expect(await step(page)).toBe('exam');
    await page.click('[data-testid=start-exam]');
    await page.waitForSelector('[data-testid=exam-result]', { timeout: 180_000 });
    await shot(page, `${n}-05-exam-result`);
    expect((await storedSessions(page)).filter((s) => s.kind === 'exam' && s.endedAtMs !== null)).toHaveLength(1);
    await page.click('[data-testid=visit-next] >> nth=0');
    expect(await step(page)).toBe('numbers');
    await page.waitForSelector('[data-testid=visit-numbers]');
    await shot(page, `${n}-06-numbers`);
    await page.click('[data-testid=visit-next]');
    expect(await step(page)).toBe('diary');
    await page.click('[data-testid=pain-neck] label:has(input[value="3"])');
    // Body map: tap the back of the neck on the left and the right shoulder (keyboard on the laptop).
    if (kind === 'phone') {
      await page.click('[data-testid=bm-neck-back-left]');
      await page.click('[data-testid=bm-shoulder-right]');
    } else {
      await page.focus('[data-testid=bm-neck-back-left]');
      await page.keyboard.press('Enter');
      await page.focus('[data-testid=bm-shoulder-right]');
      await page.keyboard.press('Space');
    }
    expect(await page.getAttribute('[data-testid=bm-neck-back-left]', 'aria-pressed')).toBe('true');
    // The records screens speak the language chosen at the first visit (Spanish on the phone).
    const es = kind === 'phone';
    expect(await page.textContent('[data-testid=bm-summary]')).toContain(es ? 'parte posterior del cuello, izquierda' : 'back of the neck, left');
    const spot = await page.$eval('[data-testid=bm-shoulder-right]', (e) => e.getBoundingClientRect());
    expect(Math.min(spot.width, spot.height)).toBeGreaterThanOrEqual(44);
    await page.$eval('[data-testid=bm-summary]', (e) => e.closest('fieldset')?.scrollIntoView());
    await shot(page, `${n}-07a-body-map`);
    await page.fill('[data-testid=diary-note]', 'First week');
    await page.click('[data-testid=diary-save]');
    await page.waitForFunction((w) => (document.querySelector('[data-testid=diary-status]')?.textContent ?? '').startsWith(w), es ? 'Guardado' : 'Saved');
    await shot(page, `${n}-07-diary-saved`);
    // Change the entry just saved: same record (same id), new note; the map marks are kept.
    const [entryId] = await page.$$eval('[data-testid^=diary-edit-]', (bs) => bs.map((b) => b.getAttribute('data-testid')!.slice('diary-edit-'.length)));
    await page.click(`[data-testid=diary-edit-${entryId}]`);
    expect(await page.inputValue('[data-testid=diary-note]')).toBe('First week');
    await page.fill('[data-testid=diary-note]', 'First week, changed');
    await page.click('[data-testid=diary-save]');
    await page.waitForFunction((w) => (document.querySelector('[data-testid=diary-status]')?.textContent ?? '').includes(w), es ? 'cambios' : 'changes');
    const stored = await page.evaluate(
      () =>
        new Promise<Array<{ id: string; note: string; painAreas?: string[] }>>((resolve) => {
          const r = indexedDB.open('geste-records');
          r.onsuccess = () => {
            const q = r.result.transaction('records').objectStore('records').getAll();
            q.onsuccess = () => resolve((q.result as Array<{ type: string; id: string; note: string; painAreas?: string[] }>).filter((x) => x.type === 'diary'));
          };
        }),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: entryId, note: 'First week, changed', painAreas: ['neck-back-left', 'shoulder-right'] });
    await page.click('[data-testid=visit-next] >> nth=0');
    expect(await step(page)).toBe('clinic');
    await shot(page, `${n}-08-clinic`);
    await page.click('[data-testid=visit-next]');
    // Home: today's diary is done, the exam is the latest result.
    await page.waitForSelector('[data-testid=home-latest]');
    expect(await page.getAttribute('[data-testid=task-diary]', 'data-done')).toBe('true');
    expect(await page.$('[data-testid=home-visit]')).toBeNull(); // the first visit is finished
    await shot(page, `${n}-09-home`);

    // Reminders, reached through the navigation (the phone's menu).
    if (kind === 'phone') {
      await page.click('[data-testid=nav-menu]');
      await page.waitForSelector('[data-testid=nav-reminders]', { state: 'visible' });
      await shot(page, `${n}-10-menu-open`);
    }
    await page.click('[data-testid=nav-reminders]');
    await page.waitForSelector('[data-testid=rem-injection-date]');
    const due = localDay(30);
    await page.fill('[data-testid=rem-injection-date]', due);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=rem-injection-ics]')]);
    expect(dl.suggestedFilename()).toBe(`geste-injection-${due}.ics`);
    const ics = readFileSync((await dl.path()) as string, 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain(`DTSTART;VALUE=DATE:${due.replace(/-/g, '')}`);
    expect(ics).toContain('BEGIN:VALARM');
    const [dl2] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=rem-exercise-ics]')]);
    expect(readFileSync((await dl2.path()) as string, 'utf8')).toContain('RRULE:FREQ=DAILY');
    await page.waitForSelector('[data-testid=rem-msg]');
    await shot(page, `${n}-11-reminders`);
    // Notifications: on the laptop the person allows them (granted here), then a test notice is shown.
    if (kind === 'laptop') {
      await l.context.grantPermissions(['notifications'], { origin: served.url.replace(/\/$/, '') });
      await page.reload();
      await page.waitForSelector('[data-testid=rem-notify-test]');
      expect(await page.textContent('[data-testid=rem-notify-state]')).toContain('allowed');
      await page.click('[data-testid=rem-notify-test]');
      await page.waitForFunction(() => (document.querySelector('[data-testid=rem-msg]')?.textContent ?? '').includes('test notification was sent'));
    }
    // Home now shows the injection date in 30 days.
    await page.evaluate(() => void (location.hash = '#/home'));
    await page.waitForFunction(() => /30/.test(document.querySelector('[data-testid=task-injection]')?.textContent ?? ''));
    await shot(page, `${n}-12-home-injection`);
    // A relaxation session (no camera needed): breathe in, then out, with the step in words.
    await page.evaluate(() => void (location.hash = '#/relax'));
    await page.click('[data-testid=relax-start-slow-4-6]');
    await page.waitForSelector('[data-testid=relax-running][data-cue=in]');
    await page.waitForSelector('[data-testid=relax-running][data-cue=out]', { timeout: 15_000 });
    expect(await page.textContent('[data-testid=relax-step]')).toBe(kind === 'phone' ? 'Espire' : 'Breathe out');
    await shot(page, `${n}-13-relax`);
    await page.click('[data-testid=relax-stop]');
    // A reload opens Home, not the first visit again.
    await page.goto(`${served.url}?nosw`);
    await page.waitForSelector('[data-testid=home-tasks]');
    expect(errors).toEqual([]);
  } finally {
    await l.close();
  }
}

describe('a patient’s first week (issue 17)', () => {
  it('phone 390×844: first visit in Spanish to a diary entry, an exam, Home and a reminder file', async () => {
    await journey('phone');
  }, 600_000);

  it('laptop 1280×900: the same journey in English', async () => {
    await journey('laptop');
  }, 600_000);

  it('trick trainer on a still, tilted clip with no hand: "no clear difference", no winner, no hand mentioned', async () => {
    const l = await launch({ fakeVideo: fakeVideo('tilted-still') });
    try {
      const page = l.page;
      await page.goto(`${served.url}?nosw#/tricks`);
      await page.waitForSelector('[data-testid=trick-start]');
      await startCamera(page);
      // One trick of the person's own, 8 s windows: 8 + 2 + 8 + 2 + 8 = 28 s.
      for (const id of ['chin-same-touch', 'cheek-opposite-touch', 'back-of-head-same-touch']) await page.uncheck(`[data-testid=trick-${id}]`);
      await page.fill('[data-testid=own-trick-name]', 'Finger on the eyebrow');
      await page.click('[data-testid=own-trick-add]');
      expect(await page.isChecked('[data-testid=trick-own-finger-on-the-eyebrow]')).toBe(true);
      expect(await page.textContent('[data-testid=trick-start]')).toContain('1 trick');
      await page.selectOption('[data-testid=trick-window]', '8');
      await page.click('[data-testid=trick-start]');
      await page.waitForSelector('[data-testid=trick-report]', { timeout: 120_000 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'web-17-trick-no-hand.png'), fullPage: true });
      const verdict = await page.getAttribute('[data-testid=trick-verdict]', 'data-verdict');
      const row = await page.getAttribute('[data-testid=trick-row-own-finger-on-the-eyebrow]', 'data-verdict');
      const text = await page.textContent('[data-testid=trick-report]');
      console.log(`trick trainer, still clip: verdict ${verdict}, row ${row}; ${text?.slice(0, 300)}`);
      // Under heavy load the page may measure fewer than 2.5 frames a second; then "not enough measured" is the
      // honest answer (as the exam test accepts "not assessed" below 5 s measured). Never a winner.
      const frames = ((await page.textContent('[data-testid=trick-row-own-finger-on-the-eyebrow] td:last-child')) ?? '').split('/').map((x) => Number(x.trim()));
      const fewest = Math.min(...frames);
      if (verdict === 'not-enough-data') expect(fewest, 'frames measured in the sparser window').toBeLessThan(20);
      else {
        expect(verdict).toBe('no-clear-difference');
        expect(row).toBe('no-clear-difference');
      }
      expect(await page.$('[data-testid=trick-best]')).toBeNull();
      expect(text).not.toMatch(/hand over your face|hid/);
    } finally {
      await l.close();
    }
  }, 300_000);
});
