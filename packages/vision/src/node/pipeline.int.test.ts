/**
 * The two-core pipeline (face worker | body+hands worker) must give exactly the frames of the one-thread
 * detector on the same video: same models, same frame order, same schedule. Checked on the first
 * seconds of a phantom clip (the head turning 30° right and back).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LandmarkFrame } from '@geste/core';
import { createNodeDetector } from './humanNode.ts';
import { openPipelinedVideoSource } from './pipeline.ts';
import { openVideo } from './video.ts';

const REPO = join(import.meta.dirname, '..', '..', '..', '..');
const PHANTOM_DIR = join(tmpdir(), 'geste-parity-phantom-v1'); // shared with apps/web/test/parity.int.test.ts
const CLIP = 'small-rotation-right-30';
/** Enough frames for three hand sweeps (1 s apart) and eight body runs at 3 Hz at 30 fps. */
const FRAMES = 75;

function clip(): string {
  mkdirSync(PHANTOM_DIR, { recursive: true });
  const path = join(PHANTOM_DIR, `${CLIP}.mp4`);
  if (!existsSync(path)) {
    execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'packages/phantom/src/cli.ts'), 'generate', '--set', 'small', '--only', CLIP, '--out', PHANTOM_DIR, '--formats', 'mp4'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return path;
}

describe('two-core pipeline', () => {
  it('gives the same landmark frames as the one-thread detector', async () => {
    const path = clip();
    const single: LandmarkFrame[] = [];
    const d = await createNodeDetector();
    const v = await openVideo(path);
    try {
      for await (const f of v.frames()) {
        single.push(await d.detect(f.rgb, f.timestampMs, f.frameIndex));
        if (single.length === FRAMES) break;
      }
    } finally {
      await v.close();
      await d.close();
    }

    const piped: LandmarkFrame[] = [];
    const src = await openPipelinedVideoSource(path);
    try {
      for await (const f of src.frames()) {
        piped.push(f);
        if (piped.length === FRAMES) break;
      }
    } finally {
      await src.close();
    }

    expect(piped).toHaveLength(FRAMES);
    expect(single.every((f) => f.faces.length === 1 && f.bodies.length === 1)).toBe(true);
    // exactly equal, frame by frame (toEqual on numbers is exact)
    for (let i = 0; i < FRAMES; i++) expect(piped[i], `frame ${i}`).toEqual(single[i]);
    const totals = src.stageTotals();
    expect(totals.frames).toBe(FRAMES);
    // the schedule ran the body on 1 frame in 6 or so, not on every frame
    expect(totals.bodyMs).toBeGreaterThan(0);
    expect(src.info.models['workers']).toBe('pipeline: face | body+hands');
  });
});
