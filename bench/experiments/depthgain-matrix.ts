/**
 * Experiment (issue 13, session 10, depthgain): the complete faces × cameras matrix replayed (saved landmarks, no models)
 * with the head pose fitted in 2-D to the canonical face with its depth × k (FitOptions.depthScale), k per face × camera.
 *
 *   node --import tsx bench/experiments/depthgain-matrix.ts --k <source> [--auto] --faces … --cameras … --out DIR --report FILE
 *
 * --k: where each group's k comes from, learned on that group's far-turn-return-70 (a stored profile, applied to all 8 clips):
 *   none    the standard 3-D fit (checks that this replay equals bench/accuracy.ts --replay)
 *   fore    the foreshortening learner (depthgain-learner.ts); a refusal leaves the fit unchanged
 *   own     the 'residual-own' learner (depthgainLib.ts: own frontal x, y + canonical depth × k)
 *   oracle  the k whose 2-D fit reads the turned frames at the truth (depthgainLib.ts; an upper bound, not a learner)
 *   oracle-a  option a's oracle: the mesh's z × k before today's 3-D fit, k from the truth likewise
 * --option a: apply k as the mesh's z scale before the 3-D fit (default b: the 2-D fit to the canonical face, depth × k).
 *   <num>   one k for every group
 * --auto: k learned from the clip analysed itself (with the --k learner; a refusal, i.e. no turns, leaves the fit unchanged).
 * Needs the what-if applied (git apply bench/experiments/depthgain-whatif.patch; revert with git apply -R) unless --k none.
 * The analysis is `analyzeLandmarkSource`'s (apps/cli/src/analyze.ts) with the fit options added; the scoring and the
 * report are bench/accuracyMatrix.ts's.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RecordingAnalyzer, UNKNOWN_CAMERA, summarizeReference, summarizeSession, summaryMeasures, type LandmarkFrame } from '@geste/core';
import { learnDepthScale } from './depthgain-learner.ts';
import { RIGID_FACE_POINTS } from '../../packages/core/src/pose/faceIndices.ts';
import { runMatrix } from '../accuracyMatrix.ts';
import { learnVariants, whatIfFit } from './depthgainLib.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: {
  k: { type: 'string', default: 'none' }, option: { type: 'string', default: 'b' }, auto: { type: 'boolean', default: false },
  faces: { type: 'string', default: 'astronaut,olive-narrow,dark-stubble,deep-wide,hopper,hopper-beard,beard-glasses' },
  cameras: { type: 'string', default: 'webcam-640' }, out: { type: 'string' }, report: { type: 'string' },
} });
if (!values.out || !values.report) throw new Error('--out (a copy of the matrix replay folder) and --report are required');
const matrixDir = join(values.out, 'matrix');

type Learner = (dir: string, clip: string, frames: readonly LandmarkFrame[]) => number | null;
const learners: Record<string, Learner> = {
  none: () => null,
  fore: (_d, _c, frames) => { const r = learnDepthScale(frames, RIGID_FACE_POINTS); return r.ok ? r.depthScale : null; },
  own: (dir, clip) => learnVariants(dir, clip).residualOwn,
  oracle: (dir, clip) => learnVariants(dir, clip).oracle,
  'oracle-a': (dir, clip) => learnVariants(dir, clip).oracleMeshZ,
};
/** --k oracle-a and --option a: the mesh's z × k before the 3-D fit (option a) instead of the 2-D fit (option b). */
const optionA = values.k === 'oracle-a' || values.option === 'a';
const fixed = Number(values.k);
const learner: Learner = Number.isFinite(fixed) && fixed > 0 ? () => fixed : learners[values.k] ?? (() => { throw new Error(`unknown --k ${values.k}`); })();

/** A cheap fingerprint of a clip's frames, to know which group and clip the replay callback is given. */
const fingerprint = (frames: readonly LandmarkFrame[]) => {
  const p = (f: LandmarkFrame | undefined) => { const m = f?.faces[0]?.meshPx[1]; return m ? `${m.x.toFixed(3)},${m.y.toFixed(3)}` : '-'; };
  return `${frames.length}|${p(frames[0])}|${p(frames[Math.floor(frames.length / 2)])}|${p(frames[frames.length - 1])}`;
};
const kByClip = new Map<string, { group: string; clip: string; k: number | null }>();
const lines: string[] = [];
for (const face of values.faces.split(',')) {
  for (const camera of values.cameras.split(',')) {
    const dir = join(matrixDir, face, camera);
    if (!existsSync(dir)) continue;
    const clips = readdirSync(dir).filter((f) => f.endsWith('.landmarks.json')).map((f) => f.replace('.landmarks.json', ''));
    const profileClip = 'far-turn-return-70';
    const load = (clip: string) => (JSON.parse(readFileSync(join(dir, `${clip}.landmarks.json`), 'utf8')) as { frames: LandmarkFrame[] }).frames;
    const profile = clips.includes(profileClip) ? learner(dir, profileClip, load(profileClip)) : null;
    const ks: string[] = [];
    for (const clip of clips) {
      const frames = load(clip);
      const k = values.auto ? learner(dir, clip, frames) : profile;
      kByClip.set(fingerprint(frames), { group: `${face}/${camera}`, clip, k });
      if (values.auto) ks.push(`${clip} ${k === null ? 'refused' : k.toFixed(2)}`);
    }
    lines.push(`${face}/${camera}: ${values.auto ? ks.join(', ') : `k = ${profile === null ? 'refused (fit unchanged)' : profile.toFixed(3)}`}`);
  }
}
console.log(`k (--k ${values.k}${values.auto ? ', --auto' : ''}):\n${lines.join('\n')}`);

await runMatrix({
  root, set: 'matrix', faces: values.faces.split(','), cameras: values.cameras.split(','), cacheRoot: values.out, reuseAnalysis: false, noRender: true,
  reportPath: values.report,
  analyze: () => { throw new Error('replay only'); },
  replay: async (frames, opts) => {
    const lf = frames as LandmarkFrame[];
    const hit = kByClip.get(fingerprint(lf));
    if (!hit) throw new Error('clip not recognised (fingerprint)');
    const analyzer = new RecordingAnalyzer(opts['neutral'] as never, { camera: UNKNOWN_CAMERA, ...(hit.k === null ? {} : whatIfFit(optionA ? { meshDepthScale: hit.k } : { depthScale: hit.k })) });
    for (const f of lf) analyzer.push(f);
    const result = analyzer.finish();
    const session = summarizeSession(result.frames, result.neutral, [], [], result.mouthOpening);
    const summary = { ...session, anatomical: summarizeReference(result.anatomicalFrames, result.frames, UNKNOWN_CAMERA) };
    return { frames: result.frames, summary: { ...summary, measures: summaryMeasures(summary) } };
  },
});
