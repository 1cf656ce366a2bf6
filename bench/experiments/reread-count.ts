/**
 * Experiment (issue 15, the re-read rule): how many frames the face-mesh tracker reads twice (cropMotion.ts
 * needsRecentre) on each clip, with the tracker as shipped (face only: detector to start a track, then the own
 * ROI; the same face path as `geste analyze`, without body and hands), and the CPU it took.
 *   node --import tsx bench/experiments/reread-count.ts <clip.mp4> [...]
 * ROI_RECENTRE_SHARE overrides the rule ("0.01" on a circle, "along,across"; bench/experiments/recentreEnv.ts).
 */
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { humanConfig, DEFAULT_TUNING } from '../../packages/vision/src/humanConfig.ts';
import { FaceMeshTracker, type MeshModelLike, type TfLike } from '../../packages/vision/src/mesh/faceMeshTracker.ts';
import { detectionsFromHuman } from '../../packages/vision/src/mesh/facePath.ts';
import { DISK_SCHEME, registerDiskModelRouter } from '../../packages/vision/src/node/diskModels.ts';
import { humanModelDir, humanNodeWasmEntry, tfjsWasmDir } from '../../packages/vision/src/node/paths.ts';
import { openVideo } from '../../packages/vision/src/node/video.ts';
import { RgbInput } from '../../packages/vision/src/node/rgbInput.ts';

const require = createRequire(import.meta.url);
registerDiskModelRouter();
const { Human } = require(humanNodeWasmEntry()) as { Human: new (c: unknown) => any };
const human = new Human(humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + humanModelDir(), wasmPath: tfjsWasmDir(), debug: false }, { ...DEFAULT_TUNING, body: false, hands: false, iris: false }));
await human.load();
const DET = { face: { enabled: true, mesh: { enabled: false }, iris: { enabled: false }, detector: { skipFrames: 0, rotation: false } }, body: { enabled: false }, hand: { enabled: false } };
const env = process.env['ROI_RECENTRE_SHARE'];
const share = env ? (await import('./recentreEnv.ts')).recentreShareFromEnv(env) : undefined;
for (const clip of process.argv.slice(2)) {
  const tracker = new FaceMeshTracker(human.tf as TfLike, human.models.models.facemesh as MeshModelLike, { maxFaces: 1, ...(share !== undefined ? { recentreShare: share } : {}) });
  const dec = await openVideo(clip);
  const rgb = new RgbInput();
  let frames = 0, detected = 0, faces = 0;
  const c0 = process.cpuUsage();
  for await (const f of dec.frames()) {
    frames++;
    const px = { data: f.rgb.data, widthPx: f.rgb.widthPx, heightPx: f.rgb.heightPx, channels: 3 };
    let got = tracker.tracking ? (await tracker.track(px)).faces : [];
    if (!got.length) {
      detected++;
      const input = rgb.tensor(f.rgb);
      const res = await human.detect(input, DET);
      input.dispose();
      got = await tracker.seed(px, detectionsFromHuman(res.face, px.widthPx, px.heightPx));
    }
    if (got.length) faces++;
  }
  await dec.close();
  const c = process.cpuUsage(c0);
  console.log(`${basename(clip)}: ${frames} frames, face on ${faces}, detector on ${detected}, read twice ${tracker.recentredReads} (${((100 * tracker.recentredReads) / frames).toFixed(1)} %), ${((c.user + c.system) / 1000 / frames).toFixed(1)} ms CPU/frame (main process), load ${loadavg()[0]!.toFixed(1)}`);
}
