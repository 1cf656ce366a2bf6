/**
 * Differential test: the browser paths (the app's detector on WASM in headless Chromium — in the detector
 * worker, the app's default, and on the page's main thread — + core pose in the page) and the CLI path
 * (Node WASM detector + core pose) must give the same angles on the same pixels.
 * Frames of a phantom video (the head turning 30° to the right and back) are decoded once in Node and sent
 * to both.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FrameMeasure, anatomicalNeutral, measureFrame } from '@geste/core';
import { createNodeDetector, openVideo } from '@geste/vision/node';
import { buildAndServeTestPage, launch, WEB_DIR, type Launched, type Served } from './harness.ts';

/** Same pixels, same models, same WASM kernels: angles agree to well under the phantom's tolerances. */
const TOL_MEAN_DEG = 0.3;
const TOL_MAX_DEG = 1.0;
const FRAME_STEP = 2;

type Place = 'worker' | 'main';
const PLACES: readonly Place[] = ['worker', 'main'];

const REPO = join(WEB_DIR, '..', '..');
const PHANTOM_DIR = join(tmpdir(), 'geste-parity-phantom-v1');
const CLIP = 'small-rotation-right-30';
const CONFIG = join(WEB_DIR, 'src', 'parity', 'vite.config.ts');

let served: Served | undefined;
let l: Launched;

beforeAll(async () => {
  mkdirSync(PHANTOM_DIR, { recursive: true });
  if (!existsSync(join(PHANTOM_DIR, `${CLIP}.mp4`))) {
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'packages/phantom/src/cli.ts'), 'generate', '--set', 'small', '--only', CLIP, '--out', PHANTOM_DIR, '--formats', 'mp4'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  served = await buildAndServeTestPage(CONFIG);
  l = await launch({ fakeVideo: null, allowCamera: false });
}, 600_000);

afterAll(async () => {
  await l?.close();
  await served?.stop();
});

describe('browser and CLI give the same angles on the same video', () => {
  it('per frame, within the stated tolerance', async () => {
    const page = l.page;
    await page.goto(`${served!.url}?nosw`);
    await page.waitForFunction(() => (window as unknown as { gesteParityReady?: boolean }).gesteParityReady === true);
    const init = (place: Place): Promise<string> => page.evaluate((p) => (window as unknown as { gesteParity: { init(p: Place): Promise<string> } }).gesteParity.init(p), place);
    // The worker path must really run in the worker: its kind says so, and the page's own Human is never loaded.
    await expect(init('worker')).resolves.toBe('human-wasm-worker');
    await expect(init('main')).resolves.toBe('human-wasm-main');

    const node = await createNodeDetector();
    const video = await openVideo(join(PHANTOM_DIR, `${CLIP}.mp4`));
    const pairs: { cli: FrameMeasure; web: Record<Place, FrameMeasure> }[] = [];
    let k = 0;
    try {
      for await (const f of video.frames()) {
        if (k++ % FRAME_STEP) continue;
        const cliFrame = await node.detect(f.rgb, f.timestampMs, f.frameIndex);
        const cli = measureFrame(cliFrame, anatomicalNeutral());
        const b64 = Buffer.from(f.rgb.data.buffer, f.rgb.data.byteOffset, f.rgb.data.byteLength).toString('base64');
        const web = {} as Record<Place, FrameMeasure>;
        for (const place of PLACES) {
          const { measure } = await page.evaluate(
            ([p, b, w, h, i, t]) => (window as unknown as { gesteParity: { measure(...a: unknown[]): Promise<{ measure: FrameMeasure }> } }).gesteParity.measure(p, b, w, h, i, t),
            [place, b64, f.rgb.widthPx, f.rgb.heightPx, f.frameIndex, f.timestampMs] as const,
          );
          web[place] = measure;
        }
        pairs.push({ cli, web });
      }
    } finally {
      await video.close();
      await node.close();
    }
    expect(pairs.length).toBeGreaterThan(60);
    for (const place of PLACES) {
      const diffs: number[] = [];
      for (const { cli, web: all } of pairs) {
        const web = all[place];
        expect(web.state, `${place} frame ${cli.frameIndex}`).toBe(cli.state);
        for (const axis of ['rotationDeg', 'tiltDeg', 'flexionDeg'] as const) {
          const a = cli[axis], b = web[axis];
          expect(b === null, `${place} frame ${cli.frameIndex} ${axis}`).toBe(a === null);
          if (a !== null && b !== null) diffs.push(Math.abs(a - b));
        }
      }
      const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
      const max = Math.max(...diffs);
      console.log(`browser (${place}) vs CLI over ${pairs.length} frames: mean |Δ| ${mean.toFixed(3)}°, max ${max.toFixed(3)}°`);
      expect(mean).toBeLessThan(TOL_MEAN_DEG);
      expect(max).toBeLessThan(TOL_MAX_DEG);
    }
    // The clip really turns: the comparison is not between two flat lines.
    expect(Math.max(...pairs.map((p) => p.cli.rotationDeg ?? 0))).toBeGreaterThan(20);
  }, 900_000);

  it('reports worker failures as DetectorErrors with words: models missing, worker script missing, crash mid-frame', async () => {
    const page = l.page;
    await page.goto(`${served!.url}?nosw`);
    await page.waitForFunction(() => (window as unknown as { gesteParityReady?: boolean }).gesteParityReady === true);
    const r = await page.evaluate(() => (window as unknown as { gesteWorkerErrors(): Promise<Record<string, [string, string] | 'no error'>> }).gesteWorkerErrors());
    console.log('worker errors:', JSON.stringify(r, null, 1));
    expect(r['modelsMissing']?.[0]).toBe('models-missing');
    expect(r['modelsMissing']?.[1]).toMatch(/Could not load the face models from .*no-such-folder/);
    expect(r['scriptMissing']?.[0]).toBe('worker-failed');
    expect(r['crashMidFrame']).toEqual(['worker-failed', expect.stringMatching(/detector worker stopped \(.*simulated crash.*\).*\?detector=main/)]);
    expect(r['afterCrash']).toEqual(r['crashMidFrame']);
    expect(r['afterClose']?.[0]).toBe('detector-closed');
  }, 120_000);
});
