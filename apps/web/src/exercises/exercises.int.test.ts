/**
 * End-to-end in headless Chromium with Chromium's fake camera (the astronaut photo, level for 20 s, then
 * tipped 25° in the image plane for ~3 s, looping every 26 s — apps/web/test/fakeCamera.ts) and the real
 * detector: one guided exercise set ("Ear to shoulder, both sides": the tip counts as a rep by the camera,
 * then one rep by hand through "I can't be seen" → "Count it") and one sensory-trick test.
 * The screens are served from a small test page (e2e/) that mounts `exerciseScreens` inside the app's own
 * providers, so this test does not depend on the shell's navigation.
 * Needs /usr/bin/chromium and ffmpeg (for the fake video).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeVideo } from '../../test/fakeCamera.ts';
import { buildAndServeTestPage, launch, WEB_DIR, type Launched, type Served } from '../../test/harness.ts';
import { startCamera, storedSessions } from '../../test/pageTools.ts';

const CONFIG = join(WEB_DIR, 'src', 'exercises', 'e2e', 'vite.config.ts');

async function buildAndServe(): Promise<Served> {
  return buildAndServeTestPage(CONFIG);
}

let served: Served;
let l: Launched;
const errors: string[] = [];

beforeAll(async () => {
  const video = fakeVideo('neutral-and-tilt');
  served = await buildAndServe();
  l = await launch({ fakeVideo: video });
  l.page.on('pageerror', (e) => errors.push(e.message));
}, 300_000);
afterAll(async () => {
  await l?.close();
  await served?.stop();
});

const textOf = async (page: Page, sel: string): Promise<string> => (await page.textContent(sel)) ?? '';

describe('exercise screens in Chromium with the fake camera', () => {
  it('library: every exercise has an avatar and a labelled start button of at least 44 px', async () => {
    const page = l.page;
    await page.goto(`${served.url}?nosw#/exercises`);
    await page.waitForSelector('[data-testid=ex-physio-line]');
    const cards = await page.$$('.ex-card');
    expect(cards.length).toBeGreaterThanOrEqual(10);
    for (const c of cards) {
      expect(await c.$('svg.ex-avatar')).not.toBeNull();
      const b = await c.$('button');
      const box = await b?.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      expect(((await b?.textContent()) ?? '').startsWith('Start ')).toBe(true);
    }
  }, 60_000);

  it('guided set: the camera counts the tip as a rep, "Count it" adds one by hand, the summary is saved', async () => {
    const page = l.page;
    await page.click('[data-testid=ex-start-side-bend-both]');
    await page.waitForSelector('[data-testid=exercise-session]');
    await startCamera(page);
    // The fake video tips 25° at 20–26 s of each 26 s loop: wait for the camera-counted rep.
    await page.waitForFunction(() => /^\s*1\s*\//.test(document.querySelector('[data-testid=rep-count]')?.textContent ?? ''), null, { timeout: 120_000 });
    expect(await textOf(page, '[data-testid=ex-last-event]')).toMatch(/Rep 1 counted/);
    await page.click('[data-testid=ex-cant-see]');
    await page.click('[data-testid=ex-count-it]');
    await page.waitForFunction(() => /^\s*2\s*\//.test(document.querySelector('[data-testid=rep-count]')?.textContent ?? ''), null, { timeout: 5000 });
    await page.click('[data-testid=ex-finish]');
    await page.waitForSelector('[data-testid=ex-summary]');
    expect(await textOf(page, '[data-testid=sum-reps]')).toMatch(/^2 of 10 \(1 counted by you\)/);
    const range = Number((await textOf(page, '[data-testid=sum-range]')).replace('°', ''));
    expect(range).toBeGreaterThanOrEqual(12); // the target; the video tips 25°
    expect(range).toBeLessThanOrEqual(40);
    const saved = (await storedSessions(page)).filter((s) => s.kind === 'exercise');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.measures).toMatchObject({ reps: 2, manualReps: 1, target: 10 });
    expect(saved[0]?.note).toBe('exercise:side-bend-both');
    // The set keeps its chin up/down zero stretches, as an exam does, and its summary says them (session 12).
    expect(saved[0]?.flexionZeroSegments?.map((g) => g.zero)).toEqual(['canonical-face']);
    expect(await textOf(page, '[data-testid=exercise-session] [data-testid=zero-segments]')).toBe('Chin up/down was measured against an average face for the whole session.');
    if (process.env['GESTE_SHOT_DIR']) await page.screenshot({ path: join(process.env['GESTE_SHOT_DIR'], 'exercise-summary-zero.png'), fullPage: true });
  }, 180_000);

  it('sensory-trick test: walks through one trick and reports its verdict', async () => {
    const page = l.page;
    await page.click('[data-testid=ex-back]');
    await page.evaluate(() => (location.hash = '#/tricks'));
    await page.waitForSelector('[data-testid=trick-start]');
    // One trick, 4 s windows: 4 + 2 + 4 + 2 + 4 = 16 s.
    await page.uncheck('[data-testid=trick-cheek-opposite-touch]');
    await page.uncheck('[data-testid=trick-back-of-head-same-touch]');
    await page.selectOption('[data-testid=trick-window]', '4');
    await page.click('[data-testid=trick-start]');
    await page.waitForSelector('[data-testid=trick-running]');
    await page.waitForSelector('[data-testid=trick-report]', { timeout: 60_000 });
    const row = await textOf(page, '[data-testid=trick-row-chin-same-touch]');
    expect(row).toMatch(/Light touch on the chin, same side as the pull/);
    // The verdict against the posture's own noise (issue 17), in words.
    expect(row).toMatch(/Clearly helped|Clearly worse|No clear difference|Not enough measured|Posture already near straight/);
    const saved = (await storedSessions(page)).filter((s) => s.kind === 'trick');
    expect(saved).toHaveLength(1);
    expect(Object.keys(saved[0]?.measures ?? {})).toEqual(['reductionPct.chin-same-touch']);
    const phases = await page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const open = indexedDB.open('geste-measure');
          open.onsuccess = () => {
            const tx = open.result.transaction('settings', 'readonly');
            const r = tx.objectStore('settings').get('sensoryTrickExamPhases');
            r.onsuccess = () => resolve(r.result);
          };
        }),
    );
    expect(JSON.stringify(phases)).toMatch(/"kind":"sensory-trick".*"trick":"chin-same-touch"/);
    expect(errors).toEqual([]);
  }, 120_000);
});
