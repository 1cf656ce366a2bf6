// Real-clip landmarks (landmarks.jsonl from `geste analyze --landmarks`, no truth) through RecordingAnalyzer of this
// worktree's core and of a base copy (issue 13, session 8 "collapsegain"): frames whose state or angles change, and the
// frames blanked with a sure mesh inside the range (the collapse check), before and after.
//   node --import tsx bench/experiments/collapsegain-real.ts --base <dir with packages/core/src> [--neutral calibrate] FILE...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RecordingAnalyzer, anglesFromRotationMatrix, fitHead, meshEvidence, selectPatientFace, type FrameMeasure, type LandmarkFrame, type NeutralStrategy } from '@geste/core';
import { parseLandmarks } from '@geste/vision';
import { REST_MS } from '@geste/phantom';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { base: { type: 'string' }, neutral: { type: 'string', default: 'anatomical' } } });
type Analyzer = { push(f: LandmarkFrame): void; finish(): { frames: FrameMeasure[] } };
const baseCore = (await import(join(values.base!, 'packages/core/src/index.ts'))) as { RecordingAnalyzer: new (s: NeutralStrategy) => Analyzer };
const strategy: NeutralStrategy = values.neutral === 'calibrate' ? { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } : { kind: 'anatomical' };
for (const path of positionals) {
  const frames = parseLandmarks(readFileSync(path, 'utf8')).frames;
  const run = (a: Analyzer) => { for (const f of frames) a.push(f); return a.finish().frames; };
  const now = run(new RecordingAnalyzer(strategy) as unknown as Analyzer), base = run(new baseCore.RecordingAnalyzer(strategy));
  const sureInRange = (f: LandmarkFrame) => {
    const sel = selectPatientFace(f);
    if (sel.kind !== 'one' || !((meshEvidence(f)?.meshScore ?? 0) >= 0.9)) return false;
    const fit = fitHead(sel.face, f);
    return fit !== null && Math.abs(anglesFromRotationMatrix(fit.headToCamera).rotationDeg) <= 44;
  };
  let changed = 0, blankedBase = 0, blankedNow = 0, maxDiff = 0;
  for (let i = 0; i < frames.length; i++) {
    const o = base[i]!, m = now[i]!;
    if (o.state !== m.state || o.rotationDeg !== m.rotationDeg || o.tiltDeg !== m.tiltDeg || o.flexionDeg !== m.flexionDeg) {
      changed++;
      if (o.rotationDeg !== null && m.rotationDeg !== null) maxDiff = Math.max(maxDiff, Math.abs(o.rotationDeg - m.rotationDeg));
    }
    const blank = (x: FrameMeasure) => x.state === 'not-measurable' && x.reasons.includes('beyond-tracker-range') && sureInRange(frames[i]!);
    if (blank(o)) blankedBase++;
    if (blank(m)) blankedNow++;
  }
  console.log(JSON.stringify({ path, frames: frames.length, changed, maxRotDiffBothMeasured: Math.round(maxDiff * 10) / 10, sureMeshBlankedBase: blankedBase, sureMeshBlankedNow: blankedNow }));
}
