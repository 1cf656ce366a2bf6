/**
 * Test/bench harness: builds (once) and serves the built app with `vite preview` on a free port of
 * 127.0.0.1, and launches Debian's headless Chromium through playwright-core with a fresh profile
 * and, optionally, Chromium's fake camera fed from a y4m file.
 */
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './clinic/testServer.ts';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = process.env['GESTE_CHROMIUM'] ?? '/usr/bin/chromium';

/** A free loopback port (one implementation, shared with the clinic test server). */
export { freePort } from './clinic/testServer.ts';

/**
 * Production build into this process's own folder (tests and benches never race another build of
 * apps/web/dist). NODE_ENV is forced to production: Vitest sets it to 'test', which would give a
 * development React build. GESTE_WEB_DIST=<folder> reuses an existing build.
 */
export function buildApp(): string {
  const given = process.env['GESTE_WEB_DIST'];
  if (given && existsSync(join(given, 'index.html'))) return (OUT_DIR = given);
  execFileSync(process.execPath, [viteBin(), 'build', '--logLevel', 'error', '--outDir', OUT_DIR, '--emptyOutDir'], {
    cwd: WEB_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return OUT_DIR;
}
let OUT_DIR = mkdtempSync(join(tmpdir(), 'geste-web-dist-'));

function viteBin(): string {
  const local = join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  return existsSync(local) ? local : join(WEB_DIR, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
}

export interface Served {
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
}

/** Serves the build from `buildApp()` with `vite preview` on a random free port. */
export async function servePreview(): Promise<Served> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [viteBin(), 'preview', '--outDir', OUT_DIR, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: WEB_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}/`;
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`vite preview did not start on ${url}: ${out}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    dir: OUT_DIR,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          if (!process.env['GESTE_WEB_DIST']) rmSync(OUT_DIR, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface LaunchOptions {
  /** y4m file for the fake camera; null = no fake device (the machine's real devices, i.e. none here). */
  readonly fakeVideo: string | null;
  /** Auto-accept the camera prompt (default true). false = the prompt is refused. */
  readonly allowCamera?: boolean;
  /**
   * Install the app's test hooks (`window.gesteDebug`, detector timings; src/debugHook.ts) by setting
   * `window.__GESTE_DEBUG__` before any page script runs (default true). false = the page as people get it.
   */
  readonly debugHook?: boolean;
}

export interface Launched {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

export async function launch(opts: LaunchOptions): Promise<Launched> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'geste-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${userDataDir}`,
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
  ];
  if (opts.fakeVideo) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${opts.fakeVideo}`);
  }
  if (opts.allowCamera ?? true) args.push('--use-fake-ui-for-media-stream');
  else args.push('--deny-permission-prompts');
  // playwright-core's launch() manages its own profile; launchPersistentContext takes ours.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: args.filter((a) => !a.startsWith('--user-data-dir')),
    viewport: { width: 1280, height: 900 },
    ignoreDefaultArgs: ['--mute-audio'],
  });
  if (opts.debugHook ?? true) await context.addInitScript(() => void ((window as unknown as { __GESTE_DEBUG__: boolean }).__GESTE_DEBUG__ = true));
  const page = context.pages()[0] ?? (await context.newPage());
  const browser = context.browser() as Browser;
  return {
    browser,
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Builds a test page that has its own Vite config (e.g. src/parity/vite.config.ts, which extends the app's
 * config) into a temporary folder and serves it with `vite preview` on a random free port.
 */
export async function buildAndServeTestPage(configPath: string): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'geste-test-page-'));
  execFileSync(process.execPath, [viteBin(), 'build', '--config', configPath, '--logLevel', 'error', '--outDir', dir, '--emptyOutDir'], {
    cwd: WEB_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [viteBin(), 'preview', '--config', configPath, '--outDir', dir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: WEB_DIR, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`vite preview did not start on ${url}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    dir,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
