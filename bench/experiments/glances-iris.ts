/**
 * Experiment (session 12, glances): is a reported jerk led by an eye movement in the head's direction (a gaze
 * shift, "looking around") or not (an involuntary jerk, the eyes held on target)? Runs Human's face path with the
 * iris model on (478 points; the default tuning has it off, so saved landmarks carry no iris) on the frames
 * around each jerk and writes, per frame, the eye-in-head signal: each iris centre (468 / 473) against its eye's
 * corner midpoint (33–133, 263–362), along and across the corner line, in eye widths (both eyes averaged), and the
 * same in px; and a head proxy read from the same mesh: the nose tip (1) against the four eye corners' midpoint,
 * in inter-ocular widths (image x and y, so head and eye share one sign convention: + = image right / down); and
 * the lids' opening (a blink closes it, and the iris read through a closed lid is not an eye position).
 *
 *   nice -n 10 node --import tsx bench/experiments/glances-iris.ts VIDEO.mp4 WINDOWS.json OUT.jsonl
 *
 * WINDOWS.json: [{ "fromMs": …, "toMs": … }, …]; frames outside every window are decoded and skipped.
 * Analysis of OUT.jsonl: bench/experiments/glances-lead.ts.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { humanConfig, DEFAULT_TUNING } from '../../packages/vision/src/humanConfig.ts';
import { DISK_SCHEME, registerDiskModelRouter } from '../../packages/vision/src/node/diskModels.ts';
import { humanModelDir, humanNodeWasmEntry, tfjsWasmDir } from '../../packages/vision/src/node/paths.ts';
import { openVideo } from '../../packages/vision/src/node/video.ts';
import { RgbInput } from '../../packages/vision/src/node/rgbInput.ts';

const [video, windowsPath, outPath] = process.argv.slice(2);
if (!video || !windowsPath || !outPath) throw new Error('Expected VIDEO.mp4 WINDOWS.json OUT.jsonl.');
const windows = JSON.parse(readFileSync(windowsPath, 'utf8')) as { fromMs: number; toMs: number }[];

const require = createRequire(import.meta.url);
registerDiskModelRouter();
const { Human } = require(humanNodeWasmEntry()) as { Human: new (c: unknown) => any };
const human = new Human(humanConfig({ backend: 'wasm', modelBasePath: DISK_SCHEME + humanModelDir(), wasmPath: tfjsWasmDir(), debug: false }, { ...DEFAULT_TUNING, body: false, hands: false, iris: true, faceMeshRoi: 'human', faceDetectorEveryNFrames: 0 }));
await human.load();

type P = readonly number[];
const sub = (a: P, b: P): [number, number] => [a[0]! - b[0]!, a[1]! - b[1]!];
const mid = (a: P, b: P): [number, number] => [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2];
const len = (v: P): number => Math.hypot(v[0]!, v[1]!);

/** Iris centre against an eye's corner midpoint: along the corner line (oriented image-right) and across it (image-down). */
function eyeInHead(mesh: readonly P[], c1: number, c2: number, iris: P): { h: number; v: number; hPx: number; vPx: number; w: number } {
  let a = mesh[c1]!, b = mesh[c2]!;
  if (a[0]! > b[0]!) [a, b] = [b, a];
  const d = sub(b, a);
  const w = len(d);
  const u = [d[0] / w, d[1] / w];
  const n = [-u[1]!, u[0]!]; // image-down when u points image-right
  const r = sub(iris, mid(a, b));
  const hPx = r[0] * u[0]! + r[1] * u[1]!;
  const vPx = r[0] * n[0]! + r[1] * n[1]!;
  return { h: hPx / w, v: vPx / w, hPx, vPx, w };
}

const rows: string[] = [];
const dec = await openVideo(video);
const rgb = new RgbInput();
let done = 0;
for await (const f of dec.frames()) {
  const t = f.timestampMs;
  if (!windows.some((w) => t >= w.fromMs && t <= w.toMs)) continue;
  const input = rgb.tensor(f.rgb);
  const res = await human.detect(input);
  input.dispose();
  const face = res.face?.[0];
  const mesh = face?.mesh as P[] | undefined;
  if (!mesh || mesh.length < 478) {
    rows.push(JSON.stringify({ frameIndex: f.frameIndex, timestampMs: t, ok: false }));
    continue;
  }
  // Which iris belongs to which eye: the one nearer the eye's corner midpoint.
  const m1 = mid(mesh[33]!, mesh[133]!);
  const irisA = mesh[468]!, irisB = mesh[473]!;
  const aNear1 = len(sub(irisA, m1)) < len(sub(irisB, m1));
  const e1 = eyeInHead(mesh, 33, 133, aNear1 ? irisA : irisB);
  const e2 = eyeInHead(mesh, 263, 362, aNear1 ? irisB : irisA);
  const eyes = mid(mid(mesh[33]!, mesh[133]!), mid(mesh[263]!, mesh[362]!));
  const iod = len(sub(mid(mesh[263]!, mesh[362]!), mid(mesh[33]!, mesh[133]!)));
  const nose = sub(mesh[1]!, eyes);
  rows.push(JSON.stringify({
    frameIndex: f.frameIndex, timestampMs: t, ok: true, score: face.faceScore,
    eyeH: (e1.h + e2.h) / 2, eyeV: (e1.v + e2.v) / 2, eyeHPx: (e1.hPx + e2.hPx) / 2, eyeVPx: (e1.vPx + e2.vPx) / 2,
    eyeH1: e1.h, eyeH2: e2.h, eyeWidthPx: (e1.w + e2.w) / 2,
    // Lid gap (upper 159 / 386 to lower 145 / 374) over the eye width, both eyes averaged: a blink closes it.
    open: (len(sub(mesh[159]!, mesh[145]!)) / e1.w + len(sub(mesh[386]!, mesh[374]!)) / e2.w) / 2,
    headX: nose[0] / iod, headY: nose[1] / iod,
  }));
  if (++done % 100 === 0) process.stderr.write(`${done} frames\n`);
}
writeFileSync(outPath, rows.join('\n') + '\n');
process.stderr.write(`${rows.length} frames -> ${outPath}\n`);
