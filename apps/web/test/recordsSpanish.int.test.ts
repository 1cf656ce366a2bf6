/**
 * The records screens in Spanish on a phone (390×844), end to end in headless Chromium against the
 * built app: a diary entry; a DBS setting whose bad pulse width is refused in the words of the field
 * shown; that entry changed (same entry, new values) and deleted; a toxin visit with listed muscles in
 * Spanish; the history saved with an empty "Añadir un familiar" row. Screenshots of Diary and
 * Treatments: docs/screenshots/web-17b-es-*.png. No English from the records dictionary may be left.
 * Run: nice -n 10 npx vitest run apps/web/test/recordsSpanish.int.test.ts   (needs /usr/bin/chromium)
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsEn } from '../src/i18n/areas/records.en.ts';
import { recordsEs } from '../src/i18n/areas/records.es.ts';
import { buildApp, launch, servePreview, type Launched, type Served } from './harness.ts';
import { SCREENSHOT_DIR } from './pageTools.ts';

let served: Served;
let l: Launched;
const pageErrors: string[] = [];
beforeAll(async () => {
  buildApp();
  served = await servePreview();
  l = await launch({ fakeVideo: null, allowCamera: false, debugHook: false });
  await l.context.addInitScript(() => localStorage.setItem('geste.lang', 'es'));
  await l.page.setViewportSize({ width: 390, height: 844 });
  l.page.on('dialog', (d) => void d.accept());
  l.page.on('pageerror', (e) => pageErrors.push(e.message));
}, 300_000);
afterAll(async () => {
  await l?.close();
  await served?.stop();
});

const go = async (page: Page, route: string) => {
  await page.goto(`${served.url}?nosw#/${route}`);
  await page.waitForSelector('main h1');
};
/** A phone-screen screenshot with `sel` scrolled to the top of the view. */
async function shotAt(page: Page, sel: string, name: string): Promise<void> {
  await page.$eval(sel, (e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
const text = (page: Page, sel: string) => page.textContent(sel).then((s) => s ?? '');

/** English sentences of the records dictionary (long enough not to be shared words) still on the screen. */
async function englishLeft(page: Page): Promise<string[]> {
  const body = await page.evaluate(() => {
    const aria = [...document.querySelectorAll('[aria-label],[title],[placeholder]')].map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''} ${e.getAttribute('placeholder') ?? ''}`);
    return `${document.querySelector('main')?.innerText ?? ''}\n${aria.join('\n')}`;
  });
  return Object.entries(recordsEn)
    .filter(([k, v]) => v.length >= 8 && !v.includes('{') && recordsEs[k as keyof typeof recordsEs] !== v)
    .map(([, v]) => v)
    // Whole words only: "esternocleidomastoideo" contains "sternocleidomastoid" and is Spanish.
    .filter((v) => new RegExp(`(?<!\\p{L})${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\p{L})`, 'u').test(body));
}

describe('records screens in Spanish on a phone', () => {
  it('diary, treatments (error words, change, delete, muscles), history with an empty optional row', async () => {
    const page = l.page;

    // ---- Diary
    await go(page, 'diary');
    expect(await text(page, 'main h1')).toBe('Diario de síntomas');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await page.click('[data-testid=pain-neck] label:nth-child(7)'); // 6 of 10
    await page.click('[data-testid=bm-neck-back-left]');
    expect(await text(page, '[data-testid=bm-summary]')).toBe('Marcado: parte posterior del cuello, izquierda.');
    await page.fill('[data-testid=diary-note]', 'Peor por la tarde');
    await page.click('[data-testid=diary-save]');
    await page.waitForSelector('[data-testid=diary-status]:has-text("Guardado ✓")');
    expect(await text(page, '[data-testid=diary-list] li')).toMatch(/\(día\): dolor máximo 6 de 10 — “Peor por la tarde”/);
    expect(await englishLeft(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'web-17b-es-diary.png') });
    await shotAt(page, '.bm', 'web-17b-es-diary-bodymap');
    await shotAt(page, '[data-testid=diary-save]', 'web-17b-es-diary-saved');
    await shotAt(page, '[data-testid=diary-list]', 'web-17b-es-diary-list');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // nothing wider than the phone

    // ---- Treatments: a DBS setting with a bad pulse width
    await go(page, 'treatments');
    expect(await text(page, 'main h1')).toBe('Registro de tratamientos');
    await page.selectOption('[data-testid=tr-kind]', 'dbs-setting');
    await page.fill('[data-testid=tr-contacts]', '1-, C+');
    await page.fill('[data-testid=tr-amplitude]', '2,5');
    await page.fill('[data-testid=tr-pulse]', 'sesenta');
    await page.fill('[data-testid=tr-frequency]', '130');
    await page.click('[data-testid=tr-save]');
    const err = await text(page, '[data-testid=record-errors]');
    expect(err).toContain('Anchura de pulso (µs): escriba aquí un número');
    expect(err).not.toMatch(/pulseWidthUs|\(at |non-finite|expected/);
    await page.fill('[data-testid=tr-pulse]', '60');
    await page.click('[data-testid=tr-save]');
    await page.waitForSelector('[data-testid=tr-status]:has-text("Guardado ✓")');
    expect(await text(page, '[data-testid=tr-list]')).toContain('Ajuste de ECP izquierdo: contactos 1-, C+, 2,5 mA, 60 µs, 130 Hz');

    // Change it: the form shows the entry, the change replaces it (one entry, new values).
    const id = ((await page.getAttribute('[data-testid=tr-list] li', 'data-testid')) ?? '').replace('tr-entry-', '');
    await page.click(`[data-testid=tr-edit-${id}]`);
    expect(await text(page, '[data-testid=tr-form-h]')).toMatch(/^Cambiando la entrada del /);
    expect(await page.inputValue('[data-testid=tr-amplitude]')).toBe('2.5');
    await page.fill('[data-testid=tr-amplitude]', '3');
    await page.click('[data-testid=tr-save]');
    await page.waitForSelector('[data-testid=tr-status]:has-text("Guardado ✓ el cambio")');
    expect(await page.$$eval('[data-testid=tr-list] li', (li) => li.map((x) => x.getAttribute('data-testid')))).toEqual([`tr-entry-${id}`]);
    expect(await text(page, '[data-testid=tr-list]')).toContain('3 mA, 60 µs');
    expect(await text(page, '[data-testid=tr-form-h]')).toBe('Añadir un tratamiento');

    // A toxin visit with listed muscles (Spanish names) and a dose warning in Spanish.
    await page.selectOption('[data-testid=tr-kind]', 'botulinum');
    await page.selectOption('[data-testid=tr-product-code]', 'onabotulinumtoxinA');
    await page.selectOption('[data-testid=tr-muscle-code-0]', 'splenius capitis');
    await page.selectOption('[data-testid=tr-side-0]', 'right');
    await page.fill('[data-testid=tr-units-0]', '60');
    await page.click('[data-testid=tr-add-muscle]');
    await page.selectOption('[data-testid=tr-muscle-code-1]', 'sternocleidomastoid');
    await page.fill('[data-testid=tr-units-1]', '37,5');
    await page.fill('[data-testid=tr-total]', '90');
    expect(await text(page, '[data-testid=tr-dose-warning]')).toContain('Los músculos suman 97,5 U, más que el total de 90 U escrito');
    await page.fill('[data-testid=tr-total]', '');
    await page.click('[data-testid=tr-save]');
    await page.waitForSelector('[data-testid=tr-status]:has-text("Toxina botulínica")');
    expect(await text(page, '[data-testid=tr-list]')).toContain('esplenio de la cabeza derecho 60 U, esternocleidomastoideo izquierdo 37,5 U');
    expect(await englishLeft(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'web-17b-es-treatments.png') });
    await shotAt(page, '[data-testid=tr-muscle-code-0]', 'web-17b-es-treatments-muscles');
    await shotAt(page, '[data-testid=tr-list]', 'web-17b-es-treatments-list');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Delete the DBS entry: only the toxin visit is left.
    await page.click(`[data-testid=tr-delete-${id}]`);
    await page.waitForSelector('[data-testid=tr-status]:has-text("Se ha borrado")');
    expect(await page.$$eval('[data-testid=tr-list] li', (li) => li.length)).toBe(1);

    // ---- History: an empty "Añadir un familiar" row never blocks saving.
    await go(page, 'intake');
    await page.click('[data-testid=hi-add-relative]');
    await page.click('[data-testid=hi-save]');
    await page.waitForSelector('[data-testid=hi-status]:has-text("Guardado ✓")');
    expect(await page.$('[data-testid=record-errors]')).toBeNull();
    expect(await englishLeft(page)).toEqual([]);

    expect(pageErrors).toEqual([]);
  }, 240_000);
});
