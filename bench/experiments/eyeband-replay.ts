/**
 * Session 12 (eyeband): the accuracy replay with the head fit's eye band (faceIndices.ts `inEyeBand`: eyes, lids,
 * brows, where glasses' rims and lens glare sit) left out — on every frame ('all') or only on frames with a lit lens
 * ('lit': lensGlareShares ≥ 10 %) — through core's bench-only switch (headFit.ts `setEyeBandExperiment`).
 *
 * The switch is not in core: apply the what-if first and take it out after (the eye band as in eyeband-lib.ts; it also
 * leaves the band out of flexionRange.ts's no-mouth fit):
 *   git apply bench/experiments/eyeband-whatif.patch
 *   node --import tsx bench/experiments/eyeband-replay.ts --eyeband off|all|lit <bench/accuracy.ts's arguments>
 *   git apply -R bench/experiments/eyeband-whatif.patch
 * Always pass --out and --report (copies; never the committed results).
 */
import * as core from '@geste/core';

type EyeBandExperiment = 'off' | 'all' | 'lit';
const setEyeBandExperiment = (core as unknown as { setEyeBandExperiment?: (m: EyeBandExperiment) => void }).setEyeBandExperiment;
if (!setEyeBandExperiment) throw new Error('core has no eye-band switch: git apply bench/experiments/eyeband-whatif.patch first');

const k = process.argv.indexOf('--eyeband');
const mode = (k >= 0 ? process.argv[k + 1] : 'off') as EyeBandExperiment;
if (!['off', 'all', 'lit'].includes(mode)) throw new Error(`--eyeband off|all|lit, not ${mode}`);
if (k >= 0) process.argv.splice(k, 2);
if (!process.argv.includes('--report') || !process.argv.includes('--out')) throw new Error('pass --out and --report');
setEyeBandExperiment(mode);
console.error(`eyeband: ${mode}`);
await import('../accuracy.ts');
