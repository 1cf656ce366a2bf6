/**
 * Session 12 (webpolish): the largest text (150 %) on a 390-px phone in Spanish. Screenshots of the training summary
 * and History showed the page pushed wider by one long word ("biorretroalimentación" in a heading: 512 and 448 px
 * wide). The headings and notes as the app renders them (real words, the app's styles), in Chromium, no build.
 * Session 12 (webpolish2): the training trend table broke words inside cells ("Fec ha"); on a phone its rows are
 * cards (column name, then value), every word whole on one line.
 * Run: npx vitest run apps/web/test/phoneText.int.test.ts   (needs /usr/bin/chromium)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WEB_DIR, launch } from './harness.ts';
import { ReferenceView } from '../src/components/Status.tsx';
import { StaticI18n, translate } from '../src/i18n/i18n.tsx';
import { Trend } from '../src/screens/Train.tsx';
import type { SessionRecord } from '../src/store/db.ts';

const PHONE_WIDTH_PX = 390;
const LARGEST_ROOT_PX = 27; // 18 px × 150 % (i18n.tsx TEXT_SIZES)

describe('largest text on a phone, in Spanish', () => {
  it('a long word in a heading breaks; nothing makes the page wider than the phone', async () => {
    const css = readFileSync(join(WEB_DIR, 'src/styles.css'), 'utf8');
    const note = renderToStaticMarkup(createElement(ReferenceView, {
      reference: { turnTilt: 'camera', tilt: 'camera', flexion: 'uncertain', flexionZero: 'canonical-face', flexionUncertaintyDeg: 17, notes: [] },
      detail: false, zeros: { segments: [{ zero: 'canonical-face', fromMs: 0, toMs: 30_000, frames: 300 }], of: 'session' }, lang: 'es',
    }));
    const body = `<main class="screen"><h1>${translate('es', 'm.train.title')}</h1><ul class="session-list"><li><h2>${translate('es', 'm.hist.kind.biofeedback')} · 30 nov 2026, 22:28</h2>${note}</li></ul></main>`;
    const l = await launch({ fakeVideo: null });
    try {
      await l.page.setViewportSize({ width: PHONE_WIDTH_PX, height: 844 });
      await l.page.setContent(`<!doctype html><html lang="es" style="font-size:${LARGEST_ROOT_PX}px"><head><meta name="viewport" content="width=device-width"><style>${css}</style></head><body>${body}</body></html>`);
      const wide = await l.page.evaluate((w) => [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > w + 1).map((e) => e.tagName.toLowerCase()), PHONE_WIDTH_PX);
      expect(wide).toEqual([]);
      expect(await l.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH_PX);
    } finally {
      await l.close();
    }
  }, 120_000);

  it('the training trend table: every word whole, each value after its column name, nothing wider than the phone', async () => {
    const css = readFileSync(join(WEB_DIR, 'src/styles.css'), 'utf8');
    const start = Date.UTC(2026, 10, 30, 21, 28);
    const sessions: SessionRecord[] = [0, 1, 2].map((i) => ({
      type: 'session', schemaVersion: 1, id: `s${i}`, startedAtMs: start + i * 3_600_000, endedAtMs: i === 2 ? null : start + i * 3_600_000 + 120_000,
      kind: 'biofeedback', neutral: 'anatomical', measures: { durationS: 120, timeInZonePct: 41.5 + i * 10, longestHoldS: 12.5 }, items: {}, trick: null, note: '',
    }));
    const trend = renderToStaticMarkup(createElement(StaticI18n, { lang: 'es', children: createElement(Trend, { sessions }) }));
    const l = await launch({ fakeVideo: null });
    try {
      await l.page.setViewportSize({ width: PHONE_WIDTH_PX, height: 844 });
      await l.page.setContent(`<!doctype html><html lang="es" style="font-size:${LARGEST_ROOT_PX}px"><head><meta name="viewport" content="width=device-width"><style>${css}</style></head><body><main class="screen">${trend}</main></body></html>`);
      // Every word of the table's visible text on one line (a word split over two lines has two boxes).
      const broken = await l.page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.querySelector('[data-testid="trend"] table')!, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement!;
          if (el.getBoundingClientRect().width <= 2) continue; // visually hidden (the header row kept for screen readers)
          const text = n.textContent ?? '';
          for (const m of text.matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(n, m.index);
            r.setEnd(n, m.index + m[0].length);
            const lines = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
            if (lines.size > 1) out.push(m[0]);
          }
        }
        return out;
      });
      expect(broken).toEqual([]);
      // Each visible value reads after its column's name.
      const cells = await l.page.evaluate(() => [...document.querySelectorAll('[data-testid="trend"] tbody tr:first-child td')].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
      expect(cells).toHaveLength(4);
      expect(cells[0]).toMatch(new RegExp(`^${translate('es', 'm.train.colDate')}: 30 nov 2026`));
      expect(cells[1]).toBe(`${translate('es', 'm.train.colLength')}: 120 s`);
      expect(cells[2]).toBe(`${translate('es', 'm.train.colInZone')}: 41,5%`);
      expect(cells[3]).toBe(`${translate('es', 'm.train.colHold')}: 12,5 s`);
      // Nothing visible wider than the phone (the header row, clipped to 1 px for screen readers, is not seen).
      const wide = await l.page.evaluate((w) => [...document.querySelectorAll('main *')]
        .filter((e) => e.closest('thead') === null || e.closest('thead')!.getBoundingClientRect().width > 2)
        .filter((e) => e.getBoundingClientRect().right > w + 1).map((e) => e.tagName.toLowerCase()), PHONE_WIDTH_PX);
      expect(wide).toEqual([]);
      expect(await l.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_WIDTH_PX);
    } finally {
      await l.close();
    }
  }, 120_000);
});
