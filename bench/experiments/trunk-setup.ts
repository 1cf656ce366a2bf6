/**
 * Experiment / bench (issue 12, docs/anatomical-zero.md "Trunk reference"): the set-up shoulder width
 * (trunkSetup.ts) on cached phantom landmarks. Learns the set-up on the first clip (the person sitting
 * square), then replays every clip through RecordingAnalyzer with and without it (camera pitch given) and
 * prints the median rotation, how many frames were flagged `trunk-may-be-turned`, and the width ratio.
 *   node --import tsx bench/experiments/trunk-setup.ts <setup.landmarks.json> <clip.landmarks.json> …
 * (landmarks from bench/experiments/trunk-far.ts or bench/anatomical.ts)
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type LandmarkFrame, RecordingAnalyzer, fitHead, isTrunkSetup, learnTrunkSetup, selectPatientFace, trunkTurnEvidence } from '@geste/core';

const load = (f: string) => JSON.parse(readFileSync(f, 'utf8')).frames as LandmarkFrame[];
const med = (xs: number[]) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[s.length >> 1]! : NaN; };
const [setupFile, ...clips] = process.argv.slice(2);
const setup = learnTrunkSetup(load(setupFile!));
console.log(`set-up from ${basename(setupFile!)}:`, JSON.stringify(setup));
if (!isTrunkSetup(setup)) process.exit(1);
console.log('| clip | median rotation, no set-up (ref) | with set-up: median rotation | frames flagged trunk-may-be-turned | width ratio (median) → unsigned turn |');
console.log('|---|---|---|---|---|');
for (const file of [setupFile!, ...clips]) {
  const frames = load(file);
  const run = (withSetup: boolean) => {
    const a = new RecordingAnalyzer({ kind: 'anatomical' }, { camera: { pitchDeg: 0 }, ...(withSetup ? { trunkSetup: setup } : {}) });
    for (const f of frames) a.push(f);
    return a.finish().anatomicalFrames;
  };
  const plain = run(false), flagged = run(true);
  const rot = (ms: typeof plain) => med(ms.map((m) => m.rotationDeg ?? NaN));
  const nFlag = flagged.filter((m) => m.reference?.rotationDeg.notes.includes('trunk-may-be-turned')).length;
  const unc = med(flagged.map((m) => m.reference?.rotationDeg.uncertaintyDeg ?? NaN));
  const ev = frames.map((f) => { const s = selectPatientFace(f); const fit = s.kind === 'one' ? fitHead(s.face, f) : null; return trunkTurnEvidence(f, fit, setup); });
  const ratios = ev.flatMap((e) => (e.kind === 'width' ? [e.ratio] : []));
  const na = ev.filter((e) => e.kind === 'setup-not-applicable').length;
  const r = med(ratios);
  console.log(`| ${basename(file).replace('.landmarks.json', '')} | ${rot(plain).toFixed(1)}° (${plain.find((m) => m.reference)?.reference?.rotationDeg.frame}) | ${rot(flagged).toFixed(1)}° | ${nFlag}/${frames.length} (± ${unc.toFixed(1)}° median) | ${Number.isFinite(r) ? `${r.toFixed(3)} → ${((Math.acos(Math.min(1, r)) * 180) / Math.PI).toFixed(1)}°` : '—'}${na ? `, set-up not applicable in ${na} frames (face scale changed > 10 %)` : ''} |`);
}
