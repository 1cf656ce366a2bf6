/**
 * Landmark recordings with known motion, for research-mode tests and the bench: the canonical face of
 * @geste/core posed at scripted angles, serialised as replayable `.jsonl` recordings. They go through
 * the same analysis as a decoded video (minus the detector), fast and deterministic.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type LandmarkFrame, syntheticFace } from '@geste/core';
import { serializeLandmarks } from '@geste/vision';

export interface PhantomRecordingSpec {
  readonly name: string;
  readonly durationS: number;
  /** Held angle after a 2 s neutral start and a 1 s ramp, deg (clinical signs of docs/clinical.md). */
  readonly rotationDeg: number;
  readonly tiltDeg: number;
  readonly flexionDeg: number;
  /** Optional head tremor on rotation: amplitude (deg, peak) and frequency (Hz). */
  readonly tremor?: { readonly amplitudeDeg: number; readonly freqHz: number };
  readonly seed: number;
}

const FPS = 30;

/** Angle at time t: neutral for 2 s, a 1 s ramp to the held value, then held. */
export function scriptedAngle(heldDeg: number, tMs: number): number {
  if (tMs < 2000) return 0;
  return heldDeg * Math.min(1, (tMs - 2000) / 1000);
}

export function phantomRecording(spec: PhantomRecordingSpec): string {
  const frames: LandmarkFrame[] = [];
  const n = Math.round(spec.durationS * FPS);
  for (let i = 0; i < n; i++) {
    const t = (i * 1000) / FPS;
    const tremor = spec.tremor ? spec.tremor.amplitudeDeg * Math.sin(2 * Math.PI * spec.tremor.freqHz * (t / 1000)) : 0;
    frames.push({
      frameIndex: i,
      timestampMs: t,
      imageWidthPx: 640,
      imageHeightPx: 480,
      faces: [syntheticFace({
        angles: { rotationDeg: scriptedAngle(spec.rotationDeg, t) + tremor, tiltDeg: scriptedAngle(spec.tiltDeg, t), flexionDeg: scriptedAngle(spec.flexionDeg, t) },
        noisePx: 0.3,
        seed: spec.seed * 100_003 + i,
      })],
      bodies: [],
      hands: [],
    });
  }
  return serializeLandmarks({ kind: 'phantom-recording', models: {}, imageWidthPx: 640, imageHeightPx: 480, nominalFps: FPS }, frames);
}

/** A varied set: holds at several angles on each axis, and two with tremor. */
export function phantomSpecs(count: number, durationS = 10): PhantomRecordingSpec[] {
  // Held turns stay within the face mesh's trusted range (core pose/range.ts, 44°): beyond it a frame is not measurable.
  const holds: readonly [number, number, number][] = [[0, 0, 0], [30, 0, 0], [-40, 0, 0], [0, 20, 0], [0, -12, 0], [0, 0, 25], [15, 0, -15], [-20, 10, 0]];
  return Array.from({ length: count }, (_, i) => {
    const [r, t, f] = holds[i % holds.length]!;
    return {
      name: `exam-${String(i + 1).padStart(3, '0')}`,
      durationS,
      rotationDeg: r, tiltDeg: t, flexionDeg: f,
      ...(i % 4 === 3 ? { tremor: { amplitudeDeg: 2, freqHz: 5 } } : {}),
      seed: i + 1,
    };
  });
}

/** Writes `<name>.landmarks.jsonl` for each spec into dir; returns the paths. */
export async function writePhantomRecordings(dir: string, specs: readonly PhantomRecordingSpec[]): Promise<string[]> {
  const paths: string[] = [];
  for (const s of specs) {
    const p = join(dir, `${s.name}.landmarks.jsonl`);
    await writeFile(p, phantomRecording(s));
    paths.push(p);
  }
  return paths;
}
