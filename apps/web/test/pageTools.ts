/** Small helpers the E2E tests use inside the page (read IndexedDB, hide the tab, screenshots). */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, WEB_DIR } from './harness.ts';

export const SCREENSHOT_DIR = join(WEB_DIR, '..', '..', 'docs', 'screenshots');

/** Elements inside `main` that reach past the page's right edge (a phone page that would scroll sideways); up to 5. */
export async function tooWide(page: Page, widthPx: number): Promise<string[]> {
  return page.evaluate((w) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 1 && getComputedStyle(el).position !== 'fixed') out.push(`${el.tagName.toLowerCase()}.${el.className}: right ${Math.round(r.right)}`);
    }
    return out.slice(0, 5);
  }, widthPx);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `web-${name}.png`), fullPage: true });
}

export interface StoredSession {
  id: string;
  kind: string;
  endedAtMs: number | null;
  neutral: string | null;
  note: string;
  measures: Record<string, number | null>;
  items: Record<string, number | null>;
  /** The chin up/down zero stretch by stretch (exams; training, exercise and trick sessions since session 12). */
  flexionZeroSegments?: { zero: string; fromMs: number; toMs: number; frames: number }[];
  seriesFrames: number;
}

/** Reads the sessions (and how many frames each has in its series) straight from IndexedDB. */
export async function storedSessions(page: Page): Promise<StoredSession[]> {
  return page.evaluate(
    () =>
      new Promise<StoredSession[]>((resolve, reject) => {
        const open = indexedDB.open('geste-measure');
        open.onerror = () => reject(new Error('cannot open geste-measure'));
        open.onsuccess = () => {
          const dbh = open.result;
          const tx = dbh.transaction(['sessions', 'series'], 'readonly');
          const sReq = tx.objectStore('sessions').getAll();
          const cReq = tx.objectStore('series').getAll();
          tx.oncomplete = () => {
            const counts = new Map<string, number>();
            for (const c of cReq.result as { sessionId: string; timestampsMs: number[] }[]) counts.set(c.sessionId, (counts.get(c.sessionId) ?? 0) + c.timestampsMs.length);
            resolve((sReq.result as StoredSession[]).map((s) => ({ ...s, seriesFrames: counts.get(s.id) ?? 0 })));
            dbh.close();
          };
        };
      }),
  );
}

/**
 * Makes the page report itself hidden/visible, as when the person switches tabs. Headless Chromium keeps
 * every tab visible (other tabs, minimising: checked), so the page's visibility is overridden and the
 * real `visibilitychange` event is dispatched.
 */
export async function setTabHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** Unplugs the camera as far as the page can tell: the track stops and fires `ended`. */
export async function unplugCamera(page: Page): Promise<void> {
  await page.evaluate(() => {
    const t = (window as unknown as { gesteDebug?: { track: MediaStreamTrack | null } }).gesteDebug?.track;
    if (!t) throw new Error('no camera track to unplug');
    t.stop();
    t.dispatchEvent(new Event('ended'));
  });
}

export async function startCamera(page: Page): Promise<void> {
  await page.click('[data-testid=start-camera]');
  await page.waitForFunction(() => ((window as unknown as { gesteDebug?: { framesMeasured: number } }).gesteDebug?.framesMeasured ?? 0) > 2, null, { timeout: 60_000 });
}

/** Opens a screen of the app served at `appRoot` (service worker off), or switches to it by hash if already there. */
export async function goTo(page: Page, appRoot: string, route: string): Promise<void> {
  const root = appRoot.replace(/\/$/, '');
  if (page.url().startsWith(root)) await page.evaluate((r) => void (location.hash = `#/${r}`), route);
  else await page.goto(`${root}/?nosw#/${route}`);
  await page.waitForSelector(`[data-testid="nav-${route}"][aria-current="page"]`);
  await page.waitForSelector('main h1');
}

/** Presses "Sync now" on the clinic screen and returns what the screen then says (status or error). */
export async function syncNow(page: Page, appRoot: string): Promise<string> {
  await goTo(page, appRoot, 'clinic');
  await page.click('[data-testid="sync-now"]');
  const h = await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="sync-status"]')?.textContent ?? '';
    const e = document.querySelector('[data-testid="sync-error"]')?.textContent ?? '';
    return s.startsWith('Synced ✓') ? s : e !== '' ? e : null;
  });
  return (await h.jsonValue()) as string;
}

export interface Want {
  readonly oneOf?: readonly string[];
  readonly includes?: string;
  readonly not?: string;
}

/** Waits until the element's attribute matches `want`; returns its value. */
export async function waitAttr(page: Page, selector: string, attr: string, want: Want, timeoutMs = 60_000): Promise<string | null> {
  const h = await page.waitForFunction(
    ({ sel, a, w }) => {
      const el = document.querySelector(sel);
      const v = el ? el.getAttribute(a) : null;
      if (v === null) return null;
      if (w.oneOf && !w.oneOf.includes(v)) return null;
      if (w.includes !== undefined && !v.includes(w.includes)) return null;
      if (w.not !== undefined && v === w.not) return null;
      return { v };
    },
    { sel: selector, a: attr, w: want },
    { timeout: timeoutMs },
  );
  return ((await h.jsonValue()) as { v: string | null }).v;
}


/**
 * Presses "check my straightest posture" until the check succeeds (up to 3 tries: under load, or while a fake-camera
 * clip moves, a try can fail); returns the last state ('ok' | 'failed' | null). A failed try is logged with the app's
 * own words, and the next waits `retryAfterMs` so a moving clip can come back to rest.
 */
export async function runStraightestCheck(page: Page, opts: { statusTimeoutMs?: number; retryAfterMs?: number } = {}): Promise<string | null> {
  let state: string | null = null;
  for (let attempt = 0; attempt < 3 && state !== 'ok'; attempt++) {
    await page.waitForSelector('[data-testid=calibrate]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid=calibrate]');
    state = await waitAttr(page, '[data-testid=calibration-status]', 'data-state', { oneOf: ['ok', 'failed'] }, opts.statusTimeoutMs ?? 40_000);
    if (state === 'failed') {
      console.warn('straightest-posture check failed:', await page.textContent('[data-testid=calibration-status]'));
      if (opts.retryAfterMs) await page.waitForTimeout(opts.retryAfterMs);
    }
  }
  return state;
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core (injected from node_modules, no network) on the whole page, WCAG 2.2 AA tags; one line per failing node. */
export async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    type V = { id: string; help: string; nodes: Array<{ target: unknown[] }> };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: V[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `axe ${v.id}: ${v.help} — ${JSON.stringify(n.target)}`));
  }, WCAG_TAGS);
}

/** The switches every E2E browser here starts with (no sandbox in the container, no GPU, no network of its own). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** A headless Chromium (the machine's, harness CHROMIUM) with CHROMIUM_ARGS and any extra switches. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * A fresh device: a new context and page at `viewport`, page errors printed, and (by default) every
 * confirm() accepted, as the person pressing OK. `beforePage` runs on the context before the page opens.
 */
export async function newDevice(
  browser: Browser,
  opts: { viewport: { width: number; height: number }; acceptDownloads?: boolean; acceptDialogs?: boolean; beforePage?: (ctx: BrowserContext) => Promise<void> },
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: opts.viewport, acceptDownloads: opts.acceptDownloads ?? true });
  await opts.beforePage?.(ctx);
  const page = await ctx.newPage();
  if (opts.acceptDialogs ?? true) page.on('dialog', (d) => void d.accept());
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  return { ctx, page };
}
