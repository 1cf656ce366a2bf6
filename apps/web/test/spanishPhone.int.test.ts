/**
 * The Spanish phone journey (issue 17, "Proof"): on a phone (390×844) a person chooses Español on the
 * first visit and goes through camera → posture → a short exam → what the numbers mean → a diary entry
 * → clinic → Home → a reminder calendar file, then the exercise library, a guided breathing set (the
 * voice speaks Spanish: the utterance's lang is es-ES), the program, the trick trainer and the clinic
 * screen, and the EMG screen. Every step: Spanish text asserted, axe-core (WCAG 2.2 AA) clean, a screenshot in
 * docs/screenshots/web-17-es-NN-<step>.png. On every step no English sentence may be left: the visible
 * text of <main> is checked against common English words.
 * Run: nice -n 10 npx vitest run apps/web/test/spanishPhone.int.test.ts   (needs /usr/bin/chromium; builds the app first)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildApp, launch, servePreview } from './harness.ts';
import type { Served } from './harness.ts';
import { fakeVideo } from './fakeCamera.ts';
import { SCREENSHOT_DIR, axeProblems, startCamera, storedSessions } from './pageTools.ts';

let served: Served;
beforeAll(async () => {
  buildApp();
  served = await servePreview();
}, 300_000);
afterAll(async () => {
  await served?.stop();
});

const PHONE = { width: 390, height: 844 };

/** Words that only English sentences have (case-sensitive, whole words). */
const ENGLISH = /\b(the|and|your|you|with|this|is|are|of|to|Start|Save|Stop|Back|Loading|Done|Sets|Reps|Hold)\b/;

async function englishLeft(page: Page): Promise<string[]> {
  const text = await page.$eval(
    'main',
    (m) => {
      const c = m.cloneNode(true) as HTMLElement;
      for (const el of Array.from(c.querySelectorAll('code, option'))) el.remove(); // a shell command; options are checked with their select's label
      return c.innerText;
    },
  );
  return text.split('\n').filter((line) => ENGLISH.test(line));
}

async function check(page: Page, name: string, spanish: RegExp | string, opts: { noEnglish?: boolean; at?: string } = {}): Promise<void> {
  if (opts.at) await page.$eval(opts.at, (e) => e.scrollIntoView());
  await page.waitForTimeout(200);
  const main = (await page.textContent('main')) ?? '';
  if (typeof spanish === 'string') expect(main, name).toContain(spanish);
  else expect(main, name).toMatch(spanish);
  expect(await axeProblems(page), name).toEqual([]);
  if (opts.noEnglish ?? true) expect(await englishLeft(page), name).toEqual([]);
  // No line of text wider than the phone (nothing cut off or scrolling sideways).
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: page width`).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `web-17-es-${name}.png`), fullPage: false });
}

const stepOf = async (page: Page): Promise<string> => (await page.getAttribute('[data-testid=visit-step]', 'data-step')) ?? '';

function localDay(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('the Spanish phone journey (390×844)', () => {
  it('Español from the first visit to a diary entry, an exam, a reminder file, exercises, tricks and clinic', async () => {
    const l = await launch({ fakeVideo: fakeVideo('neutral-and-tilt') });
    const errors: string[] = [];
    try {
      const page = l.page;
      page.on('pageerror', (e) => errors.push(e.message));
      // What the voice is asked to say, and in which language (speechSynthesis itself still runs).
      await l.context.addInitScript(() => {
        const w = window as unknown as { __spoken: Array<{ text: string; lang: string }> };
        w.__spoken = [];
        if ('speechSynthesis' in window) {
          const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
          window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
            w.__spoken.push({ text: u.text, lang: u.lang });
            speak(u);
          };
        }
      });
      await page.setViewportSize(PHONE);
      await page.goto(`${served.url}?nosw&examScale=0.1`);
      await page.waitForSelector('[data-testid=visit-step][data-step=language]');
      await page.click('label:has([data-testid=lang-es])');
      await page.waitForFunction(() => document.documentElement.lang === 'es');
      await check(page, '01-language', 'Su primera visita');

      await page.click('[data-testid=visit-next]');
      expect(await stepOf(page)).toBe('camera');
      await startCamera(page);
      await check(page, '02-camera', 'Preparar la cámara');

      await page.click('[data-testid=visit-next] >> nth=0');
      expect(await stepOf(page)).toBe('posture');
      await page.click('[data-testid=calibrate]');
      await page.waitForSelector('[data-testid=calibration-status][data-state=ok], [data-testid=calibration-status][data-state=failed]', { state: 'attached', timeout: 60_000 });
      await check(page, '03-posture', 'Medir su postura');

      await page.click('[data-testid=visit-next] >> nth=0');
      expect(await stepOf(page)).toBe('exam');
      await page.click('[data-testid=start-exam]');
      await page.waitForSelector('[data-testid=exam-result]', { timeout: 180_000 });
      expect((await storedSessions(page)).filter((s) => s.kind === 'exam' && s.endedAtMs !== null)).toHaveLength(1);
      await check(page, '04-exam-result', 'Un primer examen corto');

      await page.click('[data-testid=visit-next] >> nth=0');
      expect(await stepOf(page)).toBe('numbers');
      await check(page, '05-numbers', 'Giro (rotación)');

      await page.click('[data-testid=visit-next]');
      expect(await stepOf(page)).toBe('diary');
      await page.click('[data-testid=pain-neck] label:has(input[value="4"])');
      await page.fill('[data-testid=diary-note]', 'Primera semana');
      await page.click('[data-testid=diary-save]');
      await page.waitForFunction(() => (document.querySelector('[data-testid=diary-status]')?.textContent ?? '') !== '');
      const diary = await page.evaluate(
        () =>
          new Promise<Array<{ note: string }>>((resolve) => {
            const r = indexedDB.open('geste-records');
            r.onsuccess = () => {
              const q = r.result.transaction('records').objectStore('records').getAll();
              q.onsuccess = () => resolve((q.result as Array<{ type: string; note: string }>).filter((x) => x.type === 'diary'));
            };
          }),
      );
      expect(diary.map((d) => d.note)).toEqual(['Primera semana']);
      await check(page, '06-diary-saved', 'Su diario');

      await page.click('[data-testid=visit-next] >> nth=0');
      expect(await stepOf(page)).toBe('clinic');
      await check(page, '07-clinic-step', 'Conectar con su clínica (opcional)');
      await page.click('[data-testid=visit-next]');
      await page.waitForSelector('[data-testid=home-latest]');
      await check(page, '08-home', 'Tareas de hoy');

      // A reminder file, reached through the phone's menu.
      await page.click('[data-testid=nav-menu]');
      await page.click('[data-testid=nav-reminders]');
      await page.waitForSelector('[data-testid=rem-injection-date]');
      const due = localDay(28);
      await page.fill('[data-testid=rem-injection-date]', due);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=rem-injection-ics]')]);
      expect(dl.suggestedFilename()).toBe(`geste-injection-${due}.ics`);
      const ics = readFileSync((await dl.path()) as string, 'utf8').replace(/\r\n[ \t]/g, ''); // unfold RFC 5545 lines
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(ics).toContain(`DTSTART;VALUE=DATE:${due.replace(/-/g, '')}`);
      expect(ics).toContain('SUMMARY:Inyección de toxina botulínica (recordatorio de Geste)');
      await page.waitForSelector('[data-testid=rem-msg]');
      await check(page, '09-reminder-file', 'Se ha creado el archivo de calendario');

      // The exercise library and a guided breathing set: words, captions and the voice in Spanish.
      await page.evaluate(() => void (location.hash = '#/exercises'));
      await page.waitForSelector('[data-testid=ex-card-slow-breathing]');
      await check(page, '10-exercises', 'Ejercicios en casa', { noEnglish: true });
      await page.click('[data-testid=ex-start-slow-breathing]');
      await page.waitForSelector('[data-testid=paced-phase]');
      await page.waitForFunction(() => /respiración 1 de 10/.test(document.querySelector('[data-testid=paced-phase]')?.textContent ?? ''));
      expect(await page.textContent('[data-testid=caption]')).toBe('Dicho en voz alta: Inspire despacio.');
      const spoken = await page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken);
      if (await page.evaluate(() => 'speechSynthesis' in window)) expect(spoken).toContainEqual({ text: 'Inspire despacio.', lang: 'es-ES' });
      await check(page, '11-breathing-set', 'Respiración lenta', { noEnglish: true, at: '#ex-session-h' });
      // Finished early: the summary counts the breaths completed, not the ten planned.
      const breathNow = Number(/respiración (\d+) de 10/.exec((await page.textContent('[data-testid=paced-phase]')) ?? '')?.[1]);
      await page.click('[data-testid=ex-finish]');
      await page.waitForSelector('[data-testid=ex-summary]');
      const breathsDone = Number(await page.textContent('[data-testid=ex-summary] dd'));
      expect(breathsDone).toBeGreaterThanOrEqual(breathNow - 1);
      expect(breathsDone).toBeLessThanOrEqual(breathNow);
      await check(page, '12-set-summary', 'Resumen', { noEnglish: true, at: '#ex-session-h' });

      await page.evaluate(() => void (location.hash = '#/program'));
      await page.waitForSelector('[data-testid=prog-save]');
      await page.click('[data-testid=prog-save]');
      await page.waitForSelector('[data-testid=prog-adherence]');
      await check(page, '13-program', 'Programa de ejercicios', { noEnglish: true, at: '#prog-h' });

      await page.evaluate(() => void (location.hash = '#/tricks'));
      await page.waitForSelector('[data-testid=trick-start]');
      expect(await page.textContent('label:has([data-testid=trick-chin-same-touch])')).toBe('Toque ligero en la barbilla, del mismo lado del tirón');
      await check(page, '14-tricks', 'Entrenador de trucos sensitivos', { noEnglish: true, at: '#trick-h' });

      await page.evaluate(() => void (location.hash = '#/clinic'));
      await page.waitForSelector('[data-testid=patient-url]');
      await check(page, '15-clinic', 'Clínica y sincronización', { noEnglish: true });
      // A clinic error in Spanish: no server at this address.
      await page.fill('[data-testid=patient-url]', 'http://127.0.0.1:9');
      await page.fill('[data-testid=patient-email]', 'ana@example.org');
      await page.fill('[data-testid=patient-password]', 'una contraseña larga');
      await page.click('[data-testid=patient-login]');
      await page.waitForSelector('[data-testid=patient-connect-error]');
      expect(await page.textContent('[data-testid=patient-connect-error]')).toMatch(/^(No se puede contactar con el servidor de la clínica|Este dispositivo no tiene conexión)/);
      await page.$eval('[data-testid=patient-connect-error]', (e) => e.scrollIntoView());
      await check(page, '16-clinic-error', 'No se puede contactar', { noEnglish: true });

      // The EMG screen (no board needed to read it) and its electrode guide.
      await page.evaluate(() => void (location.hash = '#/emg'));
      await page.waitForSelector('[data-testid=emg-connect]');
      await check(page, '17-emg', 'Actividad muscular (EMG)', { noEnglish: true, at: '#emg-h' });
      await page.click('[data-testid=emg-tab-guide]');
      await page.waitForSelector('[data-testid=emg-guide]', { state: 'visible' });
      await check(page, '18-emg-guide', 'Dónde poner los electrodos', { noEnglish: true, at: '#emg-guide-h' });

      expect(errors).toEqual([]);
    } finally {
      await l.close();
    }
  }, 600_000);
});
