/**
 * Session 12 (webpolish): the largest text (150 %) on a 390-px phone in Spanish. Screenshots of the training summary
 * and History showed the page pushed wider by one long word ("biorretroalimentación" in a heading: 512 and 448 px
 * wide). The headings and notes as the app renders them (real words, the app's styles), in Chromium, no build.
 * Run: npx vitest run apps/web/test/phoneText.int.test.ts   (needs /usr/bin/chromium)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WEB_DIR, launch } from './harness.ts';
import { ReferenceView } from '../src/components/Status.tsx';
import { translate } from '../src/i18n/i18n.tsx';

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
});
