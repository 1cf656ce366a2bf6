/**
 * Session 13 (glarehold): the web app's straightest-posture check with the glare hold (apps/web/src/measure/
 * calibration.ts) replayed on saved landmarks that carry lens glare shares. The check is "pressed" at the clip's
 * start and every 5 s after (each a fresh attempt: 2 s get ready, 3 s rest); each attempt runs until it finishes or
 * the clip ends. A held attempt is also run on with "Calibrate anyway" pressed at the moment of the hold.
 *
 *   node --import tsx bench/experiments/glare-hold.ts --files A.landmarks.json,B.landmarks.jsonl,… [--every-ms 5000]
 *
 * Prints one markdown row per file: attempts, held, finished (no glare note / glare frames left out / kept), failed,
 * unfinished, the first finished check's offsets (deg, against the anatomical zero, no camera pitch), and for held
 * attempts the "anyway" result (kept, frames, offsets).
 */
import { AnatomicalEstimator } from '@geste/core';
import type { FrameMeasure, LandmarkFrame } from '@geste/core';
import { loadLandmarkFrames } from './savedLandmarks.ts';
import { calibrateAnyway, calibrationStep, startCalibration } from '../../apps/web/src/measure/calibration.ts';
import type { CalState } from '../../apps/web/src/measure/calibration.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

type End = { state: CalState; heldAt: number | null; restarted: number };

/** Runs one attempt from frame index `from`; `anywayOnHold` presses "Calibrate anyway" at the first hold. */
function attempt(frames: readonly LandmarkFrame[], measures: readonly FrameMeasure[], from: number, anywayOnHold: boolean): End {
  let state = startCalibration(frames[from]!.timestampMs);
  let heldAt: number | null = null;
  let restarted = 0;
  for (let i = from; i < frames.length; i++) {
    const f = frames[i]!;
    const step = calibrationStep(state, { frame: f, measure: measures[i]! }, f.timestampMs, 0);
    if (step.state.kind === 'held' && state.kind !== 'held') {
      heldAt ??= f.timestampMs;
      if (anywayOnHold) {
        state = calibrateAnyway(step.state, f.timestampMs).state;
        continue;
      }
    }
    if (step.say === 'glare-clear') restarted++;
    state = step.state;
    if (state.kind === 'ok' || state.kind === 'failed') break;
  }
  return { state, heldAt, restarted };
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

const files = (arg('files') ?? '').split(',').filter(Boolean);
const everyMs = Number(arg('every-ms') ?? 5000);
console.log('| clip | attempts | held | ok, no glare note | ok, glare left out | failed | unfinished | restarts after clear | first finished check: rot / tilt / flex offsets | "anyway" on held: kept (glare/frames), rot / tilt / flex offsets |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const path of files) {
  const frames = loadLandmarkFrames(path);
  const est = new AnatomicalEstimator();
  const measures = frames.map((f) => est.measure(f));
  const t0 = frames[0]!.timestampMs, tEnd = frames[frames.length - 1]!.timestampMs;
  const n = { attempts: 0, held: 0, ok: 0, leftOut: 0, failed: 0, unfinished: 0, restarts: 0 };
  const anyway: string[] = [];
  let firstOk = '—';
  for (let t = t0; t + 5000 <= tEnd; t += everyMs) {
    const from = frames.findIndex((f) => f.timestampMs >= t);
    n.attempts++;
    const e = attempt(frames, measures, from, false);
    n.restarts += e.restarted;
    if (e.heldAt !== null) n.held++;
    if (e.state.kind === 'ok') {
      const p = e.state.check.perAxis;
      if (firstOk === '—') firstOk = `${fmt(p.rotationDeg.offsetDeg)} / ${fmt(p.tiltDeg.offsetDeg)} / ${fmt(p.flexionDeg.offsetDeg)} @${Math.round(t / 1000)} s`;
      if (e.state.check.lensGlare?.outcome === 'left-out') n.leftOut++;
      else n.ok++;
    } else if (e.state.kind === 'failed') n.failed++;
    else n.unfinished++;
    if (e.heldAt !== null) {
      const a = attempt(frames, measures, from, true).state;
      if (a.kind === 'ok') {
        const g = a.check.lensGlare;
        const p = a.check.perAxis;
        anyway.push(`${g?.outcome ?? 'none'} (${g?.framesWithGlare ?? 0}/${g?.framesChecked ?? 0}) ${fmt(p.rotationDeg.offsetDeg)} / ${fmt(p.tiltDeg.offsetDeg)} / ${fmt(p.flexionDeg.offsetDeg)} @${Math.round(t / 1000)} s`);
      } else anyway.push(`${a.kind}${a.kind === 'failed' ? ` ${a.reason}` : ''} @${Math.round(t / 1000)} s`);
    }
  }
  const name = path.split('/').slice(-3).join('/').replace(/[./]landmarks\.jsonl?$/, '');
  console.log(`| ${name} | ${n.attempts} | ${n.held} | ${n.ok} | ${n.leftOut} | ${n.failed} | ${n.unfinished} | ${n.restarts} | ${firstOk} | ${anyway.join('; ') || '—'} |`);
}
