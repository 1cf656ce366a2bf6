/**
 * The faces × cameras benchmark (bench/accuracyMatrix.ts) on a copy of the phantom cache under another root, so a
 * helper can re-analyse cached renders without writing into the shared cache (docs/roi-sampling.md):
 *
 *   node --import tsx bench/experiments/sampling-matrix.ts --root <dir with packages/phantom/.cache/matrix/...> \
 *     --faces astronaut --cameras hd-720-60 --only small-tilt-flexion --report <file.md> [--tuning '{...}'] [--max-side 1280]
 *
 * --set full reads <root>/packages/phantom/.cache/full/<face>/<camera>/ (default matrix). Clips missing under <root> are rendered there (Chromium), like the matrix bench does in the shared cache.
 */
import { parseArgs } from 'node:util';
import { runMatrix } from '../accuracyMatrix.ts';

const { values } = parseArgs({ options: { root: { type: 'string' }, faces: { type: 'string' }, cameras: { type: 'string' }, only: { type: 'string' }, report: { type: 'string' }, tuning: { type: 'string' }, set: { type: 'string' }, 'max-side': { type: 'string' } } });
if (!values.root || !values.report) throw new Error('usage: --root <dir> --report <file.md> [--faces a,b] [--cameras c] [--only clip]');
const cli = (await import('@geste/cli')) as { analyzeVideo: Parameters<typeof runMatrix>[0]['analyze'] };
await runMatrix({
  root: values.root, set: (values.set ?? 'matrix') as 'matrix',
  faces: (values.faces ?? 'astronaut').split(','), cameras: (values.cameras ?? 'webcam-640').split(','),
  ...(values.only ? { only: values.only.split(',') } : {}), reuseAnalysis: false,
  reportPath: values.report,
  // --max-side 1280: analyse the frames at their own size, so sampleRoi itself scales a 720p face down (as the browser does).
  analyze: values['max-side'] ? (p, o) => cli.analyzeVideo(p, { ...o, maxSidePx: Number(values['max-side']) }) : cli.analyzeVideo,
  ...(values.tuning ? { tuning: JSON.parse(values.tuning) as Record<string, unknown> } : {}),
});
process.exit(0);
