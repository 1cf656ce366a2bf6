/**
 * Issue-8 and issue-12 targets on the small phantom set, through the real analyser (`analyzeVideo` of
 * @geste/cli). Slow (renders 9 short clips once — cached in packages/phantom/.cache/small — then runs the
 * face and body models on ≈ 1500 frames, a few minutes); `npm run bench:accuracy` and
 * `node --import tsx bench/anatomical.ts` report more.
 * Issue 8: calibrated on the clips' first 2 s of rest. Issue 12: against the anatomical zero, no option,
 * with the phantom's camera pitch given as a phone's sensors would (and replayed without it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AXES, type FrameMeasure, type LandmarkFrame, RecordingAnalyzer, summarizeReference } from '@geste/core';
import { generateSet } from './cli.ts';
import { parseTruthCsv, type EventsFile, type TruthRow } from './truth.ts';
import { coreRangeAccuracy, wideRotationAccuracy, type MeasuredRow } from './accuracy.ts';
import { scoreClips, tremorScore } from './score.ts';
import { REST_MS, findScript } from './scripts/motion.ts';

// On by default (CI runs it); GESTE_PHANTOM_TARGETS=0 skips it on a developer machine in a hurry.
const RUN = process.env['GESTE_PHANTOM_TARGETS'] !== '0';
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'small');

/** Issue 12 (uncalibrated, trunk visible, within ±45°): rotation and tilt MAE. */
const ANATOMICAL_ANGLE_MAE_DEG = 3;
/** Issue 12: flexion MAE where referenced (gravity). Not met on the phantom (BENCHMARKS.md); asserted as a known failure below. */
const ANATOMICAL_FLEXION_MAE_DEG = 5;
/** Never a confident number this far off: a referenced (not uncertain) flexion frame stays within it. */
const NEVER_CONFIDENTLY_OFF_DEG = 10;
const RESTING_ROTATION_TOL_DEG = 3;
const TRUNK_TURN_TOL_DEG = 3;
const CAMERA_BELOW_FLEXION_TOL_DEG = 5;

type Analyze = (p: string, o: Record<string, unknown>) => Promise<{ frames: readonly MeasuredRow[]; anatomicalFrames: readonly FrameMeasure[]; summary: unknown; landmarks: readonly LandmarkFrame[] | null }>;

interface ClipResult {
  truthAll: TruthRow[];
  truth: TruthRow[];
  frames: MeasuredRow[];
  anatomical: FrameMeasure[];
  landmarks: LandmarkFrame[];
  summary: unknown;
  events: EventsFile;
  pitchDeg: number;
  restsAtStart: boolean;
}

const results = new Map<string, ClipResult>();
const clip = (name: string): ClipResult => results.get(name)!;
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };
const values = (ms: readonly FrameMeasure[], a: (typeof AXES)[number]) => ms.filter((m) => m.state !== 'not-measurable' && m[a] !== null).map((m) => m[a]!);

function replay(frames: readonly LandmarkFrame[], strategy: ConstructorParameters<typeof RecordingAnalyzer>[0], pitchDeg: number | null) {
  const a = new RecordingAnalyzer(strategy, { camera: { pitchDeg } });
  for (const f of frames) a.push(f);
  return a.finish();
}

describe.skipIf(!RUN)('phantom small-set targets', () => {
  beforeAll(async () => {
    const { analyzeVideo } = (await import('@geste/cli')) as unknown as { analyzeVideo: Analyze };
    const clips = await generateSet('small', cacheDir, { formats: ['mp4'], log: () => {} });
    for (const c of clips) {
      const events = JSON.parse(readFileSync(c.eventsJson, 'utf8')) as EventsFile;
      const script = findScript(c.name)!;
      const restsAtStart = !script.placement && script.events.holds[0]?.kind === 'rest' && script.events.holds[0].endMs >= REST_MS;
      const pitchDeg = events.camera?.pitchDeg ?? 0;
      const res = await analyzeVideo(c.mp4!, {
        ...(restsAtStart ? { neutral: { kind: 'calibrate-window', startMs: 0, endMs: REST_MS } } : {}),
        camera: { pitchDeg }, keepLandmarks: true,
      });
      const truthAll = parseTruthCsv(readFileSync(c.truthCsv, 'utf8'));
      results.set(c.name, {
        truthAll, truth: truthAll.filter((t) => t.timestampMs >= REST_MS),
        frames: [...res.frames], anatomical: [...res.anatomicalFrames], landmarks: [...(res.landmarks ?? [])],
        summary: res.summary, events, pitchDeg, restsAtStart,
      });
    }
  }, 3_600_000);

  it('issue 8: calibrated angle, wide-rotation, tremor and jerk targets', () => {
    const all = [...results.values()].filter((r) => r.restsAtStart);
    const truth = all.flatMap((r, k) => r.truth.map((t) => ({ ...t, frameIndex: t.frameIndex + k * 1e6 })));
    const frames = all.flatMap((r, k) => r.frames.map((f) => ({ ...f, frameIndex: f.frameIndex + k * 1e6 })));
    for (const a of coreRangeAccuracy(truth, frames).perAxis) expect(a.stats.maeDeg ?? Infinity, `MAE ${a.axis}`).toBeLessThanOrEqual(3);
    const wide = wideRotationAccuracy(truth, frames);
    expect(wide.claimedButOffBy10).toBe(0);
    expect(wide.okFrames).toBe(wide.frames);

    // Tremor and jerks as the user gets them: from `geste analyze`'s own summary, scored by score.ts (the
    // bench's code): the summary's tremor peak against the same analyser on the truth; jerks on the right axis.
    const forScoring = (name: string) => { const r = results.get(name)!; return { name, truth: r.truthAll, measured: r.frames, summary: r.summary, events: r.events }; };
    const tremor = tremorScore(forScoring('small-tremor-yaw-2hz'), 0);
    expect(tremor.pass, JSON.stringify(tremor)).toBe(true);
    const jerks = scoreClips([forScoring('small-jerks')]).jerks[0]!.cmp;
    expect(jerks.recall, JSON.stringify(jerks)).toBeGreaterThanOrEqual(0.9);
    expect(jerks.precision, JSON.stringify(jerks)).toBeGreaterThanOrEqual(0.9);
    // All three axes honest at the edges (issue 13): never off by > 10° while claimed measurable.
    for (const e of scoreClips([...results.keys()].map(forScoring)).edges) expect(e.offBy10WhileMeasurable, `${e.axis} frames off > 10°`).toBe(0);
  }, 3_600_000);

  // Every clip except the turned trunk (whose turn a 2-D body model cannot see; known failure below).
  const anatomicalPairs = () => {
    const all = [...results.entries()].filter(([n]) => n !== 'small-trunk-turned-15').map(([, r]) => r);
    const truth = all.flatMap((r, k) => r.truthAll.map((t) => ({ ...t, frameIndex: t.frameIndex + k * 1e6 })));
    const frames = all.flatMap((r, k) => r.anatomical.map((f) => ({ ...f, frameIndex: f.frameIndex + k * 1e6 })));
    return { truth, frames };
  };

  it('issue 12: uncalibrated rotation and tilt within 3° MAE against the anatomical zero; flexion never confidently off by 10°', () => {
    const { truth, frames } = anatomicalPairs();
    const acc = coreRangeAccuracy(truth, frames).perAxis;
    for (const a of acc.filter((x) => x.axis !== 'flexionDeg')) expect(a.stats.maeDeg ?? Infinity, `MAE ${a.axis}`).toBeLessThanOrEqual(ANATOMICAL_ANGLE_MAE_DEG);
    const byIndex = new Map(truth.map((t) => [t.frameIndex, t]));
    for (const f of frames) {
      const t = byIndex.get(f.frameIndex);
      if (!t || f.flexionDeg === null || f.state === 'not-measurable') continue;
      if (f.reference?.flexionDeg.uncertain) {
        expect(f.reference.flexionDeg.notes.length, `frame ${f.frameIndex}: an uncertain value says why`).toBeGreaterThan(0);
        continue;
      }
      expect(Math.abs(f.flexionDeg - t.flexionDeg), `frame ${f.frameIndex}`).toBeLessThanOrEqual(NEVER_CONFIDENTLY_OFF_DEG);
    }
  });

  // Never referenced on the phantom: the astronaut has no ears, and on faces with modelled ears MoveNet's ear
  // points do not follow the ears (docs/anatomical-zero.md "What the phantom's ears showed"), so the ear–eye
  // zero is refused and every flexion is marked uncertain (the average face reads it ≈ 6.5° chin-down).
  it.fails('issue 12 (not met): uncalibrated flexion within 5° MAE where referenced — the ear–eye zero is refused on the phantom', () => {
    const pairs = anatomicalPairs();
    const truth = pairs.truth;
    const frames = pairs.frames.map((f) => (f.reference?.flexionDeg.uncertain ? { ...f, flexionDeg: null } : f));
    const flex = coreRangeAccuracy(truth, frames).perAxis.find((a) => a.axis === 'flexionDeg')!;
    expect(flex.stats.maeDeg ?? Infinity).toBeLessThanOrEqual(ANATOMICAL_FLEXION_MAE_DEG);
  });

  it('issue 12: a clip resting in 30° right torticollis from frame 0 reads 30° ± 3° right with no option, and says against what', () => {
    const c = clip('small-start-torticollis-right-30');
    const s = c.summary as { neutral: { kind: string }; posture: { rotationDeg: { medianDeg: number } }; anatomical: { perAxis: { rotationDeg: { words: string } } } };
    expect(s.neutral.kind).toBe('anatomical');
    expect(Math.abs(s.posture.rotationDeg.medianDeg - 30)).toBeLessThanOrEqual(RESTING_ROTATION_TOL_DEG);
    expect(s.anatomical.perAxis.rotationDeg.words).toMatch(/against the camera/);
    // Calibrating on that posture keeps the anatomical values and warns (> 10°).
    const cal = replay(c.landmarks, { kind: 'calibrate-window', startMs: 0, endMs: REST_MS }, c.pitchDeg);
    const ref = summarizeReference(cal.anatomicalFrames, cal.frames, { pitchDeg: c.pitchDeg });
    expect(ref.neutralVersusAnatomical?.differsByMoreThan10Deg).toBe(true);
    expect(ref.neutralVersusAnatomical?.sentence).toMatch(/turned to the right/);
    expect(cal.straightest?.ok && cal.straightest.warn).toBe(true);
  });

  it('issue 12: camera 20 cm below eye level, head straight: flexion 0° ± 5° where referenced, otherwise marked uncertain', () => {
    const c = clip('small-camera-below-20');
    const flexKnown = c.anatomical.filter((f) => f.flexionDeg !== null && f.state !== 'not-measurable');
    expect(flexKnown.length).toBeGreaterThan(0);
    for (const f of flexKnown) {
      if (!f.reference?.flexionDeg.uncertain) expect(Math.abs(f.flexionDeg!)).toBeLessThanOrEqual(CAMERA_BELOW_FLEXION_TOL_DEG);
      expect(f.reference?.flexionDeg.frame).toBe('gravity');
    }
    // Against gravity the value is near the truth even on the average face's zero (its ± is what makes it uncertain).
    expect(Math.abs(median(values(c.anatomical, 'flexionDeg')))).toBeLessThanOrEqual(NEVER_CONFIDENTLY_OFF_DEG);
    const unknown = replay(c.landmarks, { kind: 'anatomical' }, null);
    const flex = unknown.frames.filter((f) => f.flexionDeg !== null && f.state !== 'not-measurable');
    expect(flex.length).toBeGreaterThan(0);
    for (const f of flex) {
      expect(f.reference?.flexionDeg.uncertain).toBe(true);
      expect(f.reference?.flexionDeg.notes).toContain('camera-pitch-unknown');
    }
  });

  it('issue 12: a turned trunk that cannot be seen is said so (trunk-yaw-unavailable with a 2-D body model)', () => {
    const c = clip('small-trunk-turned-15');
    const notes = c.anatomical.filter((f) => f.rotationDeg !== null).map((f) => f.reference?.rotationDeg);
    expect(notes.length).toBeGreaterThan(0);
    for (const r of notes) {
      expect(r?.frame).toBe('camera');
      expect(r?.notes.some((n) => n === 'trunk-yaw-unavailable' || n === 'trunk-not-visible')).toBe(true);
    }
  });

  // MoveNet has no depth; BlazePose's depth read this trunk's 15° as 10.3° (full) / 5.7° (heavy) and found no
  // body on the torticollis clip (docs/anatomical-zero.md "BlazePose tried"), so it was not adopted.
  it.fails('issue 12 (not met with MoveNet): trunk turned 15°, head straight on the trunk reads 0° ± 3°', () => {
    const c = clip('small-trunk-turned-15');
    expect(Math.abs(median(values(c.anatomical, 'rotationDeg')))).toBeLessThanOrEqual(TRUNK_TURN_TOL_DEG);
  });
});
