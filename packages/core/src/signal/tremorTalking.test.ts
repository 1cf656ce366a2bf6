// Talking read as tremor (issue 13, sessions 8–9; docs/tremor-peak.md, "Talking"): recorded angles, lips' and jaw's
// opening of talking phantom faces and of a true tremor (talking.fixture.ts, talkingJaw.fixture.ts), and synthetic true
// tremors with a still, a following and a talking mouth.
import { describe, expect, it } from 'vitest';
import { AXES, type Axis, type Series } from '../measures/types.ts';
import { gaussian, makeTimestampsMs, syntheticRng } from './synthetic.ts';
import type { MouthMovement } from './mouth.ts';
import { TALKING_FLEXION_DEG, TALKING_JAW_OPENING, TALKING_MOUTH_OPENING, TALKING_ROTATION_DEG, TALKING_TILT_DEG, TALKING_TIMESTAMPS_MS } from './talking.fixture.ts';
import { PITCH_7HZ_CLIP, TALKING_HD_CLIP, type RecordedMouthClip } from './talkingJaw.fixture.ts';
import { analyzeTremorSeries, TALKING_MIN_COHERENCE, TALKING_MIN_JAW_PCT_PER_HEAD_DEG, TALKING_MIN_LIPS_PCT_PER_HEAD_DEG } from './tremor.ts';

const TOL_FREQ_HZ = 0.1;
const TOL_RMS_SHARE = 0.2;

function recorded(): { angles: Record<Axis, Series>; mouth: MouthMovement } {
  const t = [...TALKING_TIMESTAMPS_MS];
  return {
    angles: {
      rotationDeg: { timestampsMs: t, values: [...TALKING_ROTATION_DEG] },
      tiltDeg: { timestampsMs: t, values: [...TALKING_TILT_DEG] },
      flexionDeg: { timestampsMs: t, values: [...TALKING_FLEXION_DEG] },
    },
    mouth: { timestampsMs: t, values: [...TALKING_MOUTH_OPENING], jaw: [...TALKING_JAW_OPENING] },
  };
}

function recordedClip(c: RecordedMouthClip): { angles: Record<Axis, Series>; mouth: MouthMovement } {
  const t = [...c.timestampsMs];
  return {
    angles: { rotationDeg: { timestampsMs: t, values: [...c.rotationDeg] }, tiltDeg: { timestampsMs: t, values: [...c.tiltDeg] }, flexionDeg: { timestampsMs: t, values: [...c.flexionDeg] } },
    mouth: { timestampsMs: t, values: [...c.lips], jaw: [...c.jaw] },
  };
}

/** The jaw of a face that does not talk: its opening (≈ 1.1 eye distances) with mesh jitter. */
const stillJaw = (_ms: number, _flexionDeg: number, g: () => number): number => 1.1 + 0.0005 * g();

/**
 * A head with a flexion tremor (fHz, ampDeg amplitude) in jitter, with the lips' opening (eye-distance ratio) made by
 * `mouthAt` and the jaw's by `jawAt`.
 */
function head(
  seed: number,
  fHz: number,
  ampDeg: number,
  mouthAt: (ms: number, flexionDeg: number, g: () => number) => number,
  jawAt: (ms: number, flexionDeg: number, g: () => number) => number = stillJaw,
): { angles: Record<Axis, Series>; mouth: MouthMovement } {
  const t = makeTimestampsMs(12, 30, 0.1, seed);
  const angles = {} as Record<Axis, Series>;
  AXES.forEach((a, i) => {
    const g = gaussian(syntheticRng(seed * 11 + i));
    angles[a] = { timestampsMs: t, values: t.map((ms) => (a === 'flexionDeg' ? ampDeg * Math.sin((2 * Math.PI * fHz * ms) / 1000 + 0.3) : 0) + 0.05 * g()) };
  });
  const g = gaussian(syntheticRng(seed * 17 + 5));
  const gj = gaussian(syntheticRng(seed * 19 + 3));
  const flex = angles.flexionDeg.values;
  return { angles, mouth: { timestampsMs: t, values: t.map((ms, i) => mouthAt(ms, flex[i] as number, g)), jaw: t.map((ms, i) => jawAt(ms, flex[i] as number, gj)) } };
}

/**
 * Talking as the phantom talks (packages/phantom faces.ts expressionAt): bursts of 1.5–3 s with 2–4 s pauses, the
 * mouth opening |sin| at 2–2.5 Hz (4–5 openings a second) from the burst's start, 0–0.25 of the eye distance.
 */
function talker(seed: number): (ms: number) => number {
  const rand = syntheticRng(seed * 31 + 7);
  const bursts: { t0: number; len: number; rate: number; depth: number }[] = [];
  for (let t0 = 1000 * rand(); t0 < 20000; ) {
    const len = 1500 + 1500 * rand();
    bursts.push({ t0, len, rate: 2 + 0.5 * rand(), depth: 0.5 + 0.5 * rand() });
    t0 += len + 2000 + 2000 * rand();
  }
  return (ms) => {
    const b = bursts.find((x) => ms >= x.t0 && ms < x.t0 + x.len);
    return 0.02 + (b ? 0.25 * b.depth * Math.abs(Math.sin((2 * Math.PI * b.rate * (ms - b.t0)) / 1000)) : 0);
  };
}

describe('talking is not a head tremor (recorded: olive-narrow, combined-extension)', () => {
  it('the 4.8 Hz flexion line that follows the mouth is "matches-the-mouth", and no tremor is reported', () => {
    const { angles, mouth } = recorded();
    // Without the mouth this is the false finding the matrix saw: "Head tremor: 4.8 Hz, 0.5° RMS".
    const blind = analyzeTremorSeries(angles);
    expect(blind.headline?.axis).toBe('flexionDeg');
    expect(Math.abs(blind.headline!.peak.freqHz - 4.84)).toBeLessThan(TOL_FREQ_HZ);
    const r = analyzeTremorSeries(angles, {}, mouth);
    const flex = r.axes.flexionDeg;
    if (!flex.measurable || !flex.peak) throw new Error('expected a flexion peak');
    expect(flex.peak.verdict).toBe('matches-the-mouth');
    expect(Math.abs((flex.peak.mouth?.freqHz ?? 0) - flex.peak.freqHz)).toBeLessThan(TOL_FREQ_HZ);
    expect(flex.peak.mouth!.coherence).toBeGreaterThanOrEqual(TALKING_MIN_COHERENCE);
    expect(r.headline).toBeNull();
  });

  it('without the jaw moving (the same lips and angles, a still jaw) the line is not put down to talking', () => {
    const { angles, mouth } = recorded();
    const jaw = mouth.jaw.map((v, i) => (v === null ? null : 1.1 + 0.0005 * Math.sin(i)));
    expect(analyzeTremorSeries(angles, {}, { ...mouth, jaw }).headline?.axis).toBe('flexionDeg');
  });
});

describe('talking is not a head tremor (recorded: olive-narrow, hd-720-60, combined-extension)', () => {
  it('the 4.83 Hz, 0.79° flexion line — lips 0.9 %/° of it, jaw 1.3 %/° of the head — is "matches-the-mouth"', () => {
    const { angles, mouth } = recordedClip(TALKING_HD_CLIP);
    const blind = analyzeTremorSeries(angles);
    expect(blind.headline?.axis).toBe('flexionDeg');
    expect(Math.abs(blind.headline!.peak.freqHz - 4.83)).toBeLessThan(TOL_FREQ_HZ);
    const r = analyzeTremorSeries(angles, {}, mouth);
    const flex = r.axes.flexionDeg;
    if (!flex.measurable || !flex.peak) throw new Error('expected a flexion peak');
    expect(flex.peak.verdict).toBe('matches-the-mouth');
    const m = flex.peak.mouth!;
    expect(m.lipsAtPeakPct / m.headAtPeakDeg).toBeGreaterThanOrEqual(TALKING_MIN_LIPS_PCT_PER_HEAD_DEG);
    expect(m.jawAtPeakPct / m.headAtPeakDeg).toBeGreaterThanOrEqual(TALKING_MIN_JAW_PCT_PER_HEAD_DEG);
    expect(r.headline).toBeNull();
  });
});

describe('a true tremor whose mesh lips follow the head is still a tremor (recorded: astronaut, 7 Hz pitch)', () => {
  it('the 7 Hz, 0.32° pitch tremor is the headline and no axis is put down to the mouth', () => {
    const { angles, mouth } = recordedClip(PITCH_7HZ_CLIP);
    const r = analyzeTremorSeries(angles, {}, mouth);
    expect(r.headline?.axis).toBe('flexionDeg');
    expect(Math.abs(r.headline!.peak.freqHz - 7)).toBeLessThan(TOL_FREQ_HZ);
    expect(Math.abs(r.headline!.peak.rmsDeg / 0.32 - 1)).toBeLessThan(TOL_RMS_SHARE);
    // Its 0.17° rotation line follows the lips too (2.8 %/° of that axis): session 8's rule called it the mouth's.
    for (const a of AXES) {
      const x = r.axes[a];
      if (x.measurable && x.peak) expect(x.peak.verdict).not.toBe('matches-the-mouth');
    }
  });
});

describe('a real tremor is still found', () => {
  for (const seed of [1, 2, 3]) {
    it(`4.8 Hz, 0.5° flexion tremor with a still mouth (seed ${seed})`, () => {
      const { angles, mouth } = head(seed, 4.8, 0.5 * Math.SQRT2, (_ms, _f, g) => 0.02 + 0.0005 * g());
      const r = analyzeTremorSeries(angles, {}, mouth);
      expect(r.headline?.axis).toBe('flexionDeg');
      expect(Math.abs(r.headline!.peak.freqHz - 4.8)).toBeLessThan(TOL_FREQ_HZ);
      expect(Math.abs(r.headline!.peak.rmsDeg / 0.5 - 1)).toBeLessThan(TOL_RMS_SHARE);
    });
    it(`4.5 Hz, 1° tremor whose mesh lips follow the head (coherent, 0.25 % of the eye distance per degree; seed ${seed})`, () => {
      // The phantom's real roll tremors moved a still mouth 0.13–0.28 %/°, coherence up to 0.92.
      expect(0.25).toBeLessThan(TALKING_MIN_LIPS_PCT_PER_HEAD_DEG);
      const { angles, mouth } = head(seed, 4.5, Math.SQRT2, (_ms, f, g) => 0.02 + 0.0025 * f + 0.0002 * g());
      const r = analyzeTremorSeries(angles, {}, mouth);
      expect(r.headline?.axis).toBe('flexionDeg');
      expect(Math.abs(r.headline!.peak.freqHz - 4.5)).toBeLessThan(TOL_FREQ_HZ);
    });
    it(`7 Hz, 0.5° flexion tremor whose lips follow at 1.4 %/° and jaw at 0.66 %/° (the largest leaks seen; seed ${seed})`, () => {
      // The full set's 7 Hz, 0.32° flexion tremor (astronaut, no talking) moved the lip gap 0.44 %, coherence 0.98 —
      // more than the lips/head floor; the chin moved at most 0.45 %/° of the head where the lips passed every other gate,
      // 0.66 %/° where they nearly did (olive-narrow's 7 Hz tremor, own crop: coherence 0.79).
      expect(1.4).toBeGreaterThan(TALKING_MIN_LIPS_PCT_PER_HEAD_DEG);
      expect(0.66).toBeLessThan(TALKING_MIN_JAW_PCT_PER_HEAD_DEG);
      const { angles, mouth } = head(seed, 7, 0.5 * Math.SQRT2, (_ms, f, g) => 0.02 + 0.014 * f + 0.0002 * g(), (_ms, f, g) => 1.1 + 0.0066 * f + 0.0005 * g());
      const r = analyzeTremorSeries(angles, {}, mouth);
      expect(r.headline?.axis).toBe('flexionDeg');
      expect(Math.abs(r.headline!.peak.freqHz - 7)).toBeLessThan(TOL_FREQ_HZ);
    });
    it(`4.8 Hz, 0.5° tremor while talking at the same rate (not coherent; seed ${seed})`, () => {
      const talking = talker(seed);
      const { angles, mouth } = head(seed, 4.8, 0.5 * Math.SQRT2, (ms, _f, g) => talking(ms) + 0.0005 * g(), (ms, _f, g) => 1.1 + 1.5 * (talking(ms) - 0.02) + 0.0005 * g());
      const r = analyzeTremorSeries(angles, {}, mouth);
      expect(r.headline?.axis).toBe('flexionDeg');
      expect(Math.abs(r.headline!.peak.freqHz - 4.8)).toBeLessThan(TOL_FREQ_HZ);
    });
  }
});
