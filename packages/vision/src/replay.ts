/**
 * Recorded landmarks as JSON Lines, and a replay `LandmarkSource` over them. Pure (no Node, no DOM).
 *
 * Format (version 1):
 *   line 1: {"format":"geste-landmarks","version":1,"info":<SourceInfo of the original source>}
 *   line 2…: one LandmarkFrame per line, in frame order.
 * Numbers are written as JavaScript prints them (no rounding), so a replay gives exactly the numbers
 * the live source gave. Blank lines are ignored (a trailing newline is normal).
 */
import { BODY_PARTS } from '@geste/core';
import type { LandmarkFrame, LandmarkSource, SourceInfo } from '@geste/core';
import { VisionError } from './errors.ts';

export const LANDMARKS_FORMAT = 'geste-landmarks';
export const LANDMARKS_FORMAT_VERSION = 1;

export interface LandmarksHeader {
  readonly format: typeof LANDMARKS_FORMAT;
  readonly version: number;
  readonly info: SourceInfo;
}

export function headerLine(info: SourceInfo): string {
  const h: LandmarksHeader = { format: LANDMARKS_FORMAT, version: LANDMARKS_FORMAT_VERSION, info };
  return JSON.stringify(h);
}

export function frameLine(frame: LandmarkFrame): string {
  return JSON.stringify(frame);
}

/** Whole recording as one JSON Lines string (header + one line per frame, trailing newline). */
export function serializeLandmarks(info: SourceInfo, frames: Iterable<LandmarkFrame>): string {
  const lines = [headerLine(info)];
  for (const f of frames) lines.push(frameLine(f));
  return lines.join('\n') + '\n';
}

const BODY_PART_SET: ReadonlySet<string> = new Set(BODY_PARTS);

type Obj = Record<string, unknown>;

class Bad extends Error {}

function obj(v: unknown, what: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Bad(`${what} must be an object`);
  return v as Obj;
}
function num(o: Obj, k: string, what: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Bad(`${what}.${k} must be a finite number, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}
function arr(o: Obj, k: string, what: string): unknown[] {
  const v = o[k];
  if (!Array.isArray(v)) throw new Bad(`${what}.${k} must be an array`);
  return v;
}
function box(v: unknown, what: string): void {
  const b = obj(v, what);
  for (const k of ['x', 'y', 'width', 'height']) num(b, k, what);
}

function checkFrame(v: unknown): LandmarkFrame {
  const f = obj(v, 'frame');
  for (const k of ['frameIndex', 'timestampMs', 'imageWidthPx', 'imageHeightPx']) num(f, k, 'frame');
  arr(f, 'faces', 'frame').forEach((fv, i) => {
    const face = obj(fv, `faces[${i}]`);
    const mesh = arr(face, 'meshPx', `faces[${i}]`);
    if (mesh.length !== 468 && mesh.length !== 478) throw new Bad(`faces[${i}].meshPx must have 468 or 478 points, got ${mesh.length}`);
    mesh.forEach((p, j) => {
      const po = obj(p, `faces[${i}].meshPx[${j}]`);
      num(po, 'x', `faces[${i}].meshPx[${j}]`);
      num(po, 'y', `faces[${i}].meshPx[${j}]`);
      num(po, 'z', `faces[${i}].meshPx[${j}]`);
    });
    box(face['boxPx'], `faces[${i}].boxPx`);
    num(face, 'detectionScore', `faces[${i}]`);
    num(face, 'meshScore', `faces[${i}]`);
    if (face['lensGlareShares'] !== undefined) {
      const g = arr(face, 'lensGlareShares', `faces[${i}]`);
      if (g.length !== 2 || !g.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1))) {
        throw new Bad(`faces[${i}].lensGlareShares must be two shares (0..1 or null)`);
      }
    }
  });
  arr(f, 'bodies', 'frame').forEach((bv, i) => {
    const b = obj(bv, `bodies[${i}]`);
    num(b, 'score', `bodies[${i}]`);
    arr(b, 'keypoints', `bodies[${i}]`).forEach((kv, j) => {
      const k = obj(kv, `bodies[${i}].keypoints[${j}]`);
      if (typeof k['part'] !== 'string' || !BODY_PART_SET.has(k['part'])) {
        throw new Bad(`bodies[${i}].keypoints[${j}].part must be one of ${BODY_PARTS.join(', ')}, got ${JSON.stringify(k['part'])}`);
      }
      for (const n of ['xPx', 'yPx', 'score']) num(k, n, `bodies[${i}].keypoints[${j}]`);
    });
  });
  arr(f, 'hands', 'frame').forEach((hv, i) => {
    const h = obj(hv, `hands[${i}]`);
    box(h['boxPx'], `hands[${i}].boxPx`);
    num(h, 'score', `hands[${i}]`);
    if (h['skeletonScore'] !== undefined) num(h, 'skeletonScore', `hands[${i}]`);
  });
  if (f['bodyHeld'] !== undefined) {
    const held = obj(f['bodyHeld'], 'bodyHeld');
    num(held, 'ageMs', 'bodyHeld');
    if (held['faceCentrePx'] !== null) {
      const c = obj(held['faceCentrePx'], 'bodyHeld.faceCentrePx');
      num(c, 'xPx', 'bodyHeld.faceCentrePx');
      num(c, 'yPx', 'bodyHeld.faceCentrePx');
    }
  }
  return f as unknown as LandmarkFrame;
}

function checkInfo(v: unknown): SourceInfo {
  const i = obj(v, 'info');
  if (typeof i['kind'] !== 'string') throw new Bad('info.kind must be a string');
  const models = obj(i['models'], 'info.models');
  for (const [k, m] of Object.entries(models)) if (typeof m !== 'string') throw new Bad(`info.models.${k} must be a string`);
  num(i, 'imageWidthPx', 'info');
  num(i, 'imageHeightPx', 'info');
  if (i['nominalFps'] !== null) num(i, 'nominalFps', 'info');
  return i as unknown as SourceInfo;
}

function malformed(lineNo: number, why: string): VisionError {
  return new VisionError(
    'replay-malformed',
    `Expected line ${lineNo} of the landmark recording to be ${lineNo === 1 ? 'the header' : 'one LandmarkFrame'} as JSON, but ${why}. ` +
      'The recording is damaged or not a Geste landmark file; record it again or fix that line.',
    { line: lineNo },
  );
}

/** Parses the header line (line 1). */
export function parseHeader(line: string): LandmarksHeader {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw malformed(1, 'it is not valid JSON');
  }
  try {
    const h = obj(v, 'header');
    if (h['format'] !== LANDMARKS_FORMAT) throw new Bad(`header.format must be "${LANDMARKS_FORMAT}", got ${JSON.stringify(h['format']) ?? 'nothing'}`);
    const version = num(h, 'version', 'header');
    if (version !== LANDMARKS_FORMAT_VERSION) {
      throw new VisionError(
        'replay-version',
        `Expected landmark format version ${LANDMARKS_FORMAT_VERSION}, but the file has version ${version}. ` +
          'Open it with the Geste version that wrote it, or re-run the analysis on the video.',
        { line: 1, version },
      );
    }
    return { format: LANDMARKS_FORMAT, version, info: checkInfo(h['info']) };
  } catch (e) {
    if (e instanceof Bad) throw malformed(1, e.message);
    throw e;
  }
}

/** Parses one frame line; `lineNo` (1-based) goes into the error. */
export function parseFrameLine(line: string, lineNo: number): LandmarkFrame {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw malformed(lineNo, 'it is not valid JSON');
  }
  try {
    return checkFrame(v);
  } catch (e) {
    if (e instanceof Bad) throw malformed(lineNo, e.message);
    throw e;
  }
}

/** Parses a whole recording. */
export function parseLandmarks(text: string): { info: SourceInfo; frames: LandmarkFrame[] } {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw malformed(1, 'the file is empty');
  if (first !== 0) throw malformed(1, 'it is blank');
  const { info } = parseHeader(lines[0] ?? '');
  const frames: LandmarkFrame[] = [];
  let lastIndex = -Infinity;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '') continue;
    const f = parseFrameLine(l, i + 1);
    if (f.frameIndex <= lastIndex) throw malformed(i + 1, `frameIndex ${f.frameIndex} does not follow ${lastIndex}`);
    lastIndex = f.frameIndex;
    frames.push(f);
  }
  return { info, frames };
}

/** A `LandmarkSource` that replays a recording (parsed eagerly, so errors surface at creation). */
export function createReplaySource(text: string): LandmarkSource {
  const { info, frames } = parseLandmarks(text);
  return replaySourceFromFrames(frames, info);
}

/**
 * A `LandmarkSource` over frames already in memory (a parsed recording, or landmarks a benchmark saved), so they go
 * through `geste analyze`'s code again without the models. `info` defaults to a replay at the first frame's size.
 */
export function replaySourceFromFrames(frames: readonly LandmarkFrame[], info?: SourceInfo): LandmarkSource {
  let closed = false;
  const first = frames[0];
  return {
    info: { ...(info ?? { kind: 'replay', models: {}, imageWidthPx: first?.imageWidthPx ?? 640, imageHeightPx: first?.imageHeightPx ?? 480, nominalFps: null }) },
    async *frames() {
      for (const f of frames) {
        if (closed) return;
        yield f;
      }
    },
    async close() {
      closed = true;
    },
  };
}
