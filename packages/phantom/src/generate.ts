/**
 * Render a motion script to video (y4m and/or mp4) with its ground truth, skipping clips whose cache
 * key (renderer version + scene + truth) is unchanged.
 * Files per clip in outDir: <name>.y4m, <name>.mp4, <name>.truth.csv, <name>.events.json, <name>.done.json
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openRenderer, placeCamera, RENDERER_VERSION, type PhantomRenderer, type SceneOptions } from './render/renderer.ts';
import { sceneForSeed } from './render/variation.ts';
import { Y4mWriter } from './video/y4m.ts';
import { Mp4Writer } from './video/mp4.ts';
import { summarize, truthCsv, truthRows, frameCount, type EventsFile, type TruthRow } from './truth.ts';
import type { MotionScript } from './scripts/motion.ts';
import { findFace, expressionAt, type PhantomFace } from './render/faces.ts';
import { findCamera, sceneForCamera, postProcess, averageFrames, DEFAULT_CAMERA_ID, type CameraSetup } from './render/camera.ts';
import { headRotationMatrix, rotationDistanceDeg } from '@geste/core';
import { PhantomError } from './errors.ts';

export type VideoFormat = 'y4m' | 'mp4';

export interface GenerateOptions {
  readonly outDir: string;
  readonly fps?: number;
  readonly formats?: readonly VideoFormat[];
  /** Reuse an open renderer (its scene is replaced per clip only if it was opened for that clip). */
  readonly onProgress?: (p: { script: string; frame: number; frames: number }) => void;
  /** Face id from faces.ts (default: astronaut, the photograph as it is). */
  readonly face?: string;
  /** Camera set-up id from camera.ts (default: webcam-640); its frame rate wins over `fps`. */
  readonly camera?: string;
}

/** Scene, camera and face for a clip; throws a PhantomError for an unknown face or camera id. */
export function clipSetup(script: MotionScript, opts: Pick<GenerateOptions, 'face' | 'camera'>): { scene: SceneOptions; cam: CameraSetup; face: PhantomFace } {
  const face = findFace(opts.face ?? 'astronaut');
  if (!face) throw new PhantomError('bad-arguments', `unknown face "${opts.face}"; see packages/phantom/src/render/faces.ts for the list`);
  const cam = findCamera(opts.camera ?? DEFAULT_CAMERA_ID);
  if (!cam) throw new PhantomError('bad-arguments', `unknown camera set-up "${opts.camera}"; see packages/phantom/src/render/camera.ts for the list`);
  const base = sceneForScript(script); // the script's camera placement and trunk (issue 12)
  const scene = sceneForCamera(face.look ? { ...base, face: face.photo, look: face.look } : { ...base, face: face.photo }, cam);
  return { scene, cam, face };
}

export interface ClipFiles {
  readonly name: string;
  readonly cached: boolean;
  readonly frames: number;
  readonly renderMs: number;
  readonly truthCsv: string;
  readonly eventsJson: string;
  readonly y4m?: string;
  readonly mp4?: string;
}

export function clipCacheKey(script: MotionScript, scene: SceneOptions, fps: number, formats: readonly VideoFormat[], cam?: CameraSetup): string {
  const h = createHash('sha256');
  h.update(RENDERER_VERSION);
  h.update(JSON.stringify(scene));
  // The default camera adds nothing, so clips made before camera set-ups existed keep their keys.
  if (cam && cam.id !== DEFAULT_CAMERA_ID) h.update(JSON.stringify(cam));
  h.update(JSON.stringify(formats));
  h.update(truthCsv(truthRows(script, fps)));
  h.update(JSON.stringify(script.events));
  return h.digest('hex').slice(0, 16);
}

/** The clip's scene: the seeded look, with the script's trunk and camera placement. */
export function sceneForScript(script: MotionScript): SceneOptions {
  let scene = sceneForSeed(script.seed);
  const p = script.placement;
  if (p?.camera) scene = placeCamera(scene, p.camera);
  if (p?.torsoYawDeg) scene = { ...scene, torsoYawDeg: p.torsoYawDeg };
  if (p?.torsoRollDeg) scene = { ...scene, torsoRollDeg: p.torsoRollDeg };
  return scene;
}

export async function generateClip(script: MotionScript, opts: GenerateOptions): Promise<ClipFiles> {
  const { scene, cam, face } = clipSetup(script, opts);
  const fps = cam.id !== DEFAULT_CAMERA_ID ? cam.fps : opts.fps ?? 30;
  const formats = opts.formats ?? ['y4m', 'mp4'];
  mkdirSync(opts.outDir, { recursive: true });
  const base = join(opts.outDir, script.name);
  const key = clipCacheKey(script, scene, fps, formats, cam);
  const files = {
    name: script.name,
    truthCsv: `${base}.truth.csv`,
    eventsJson: `${base}.events.json`,
    ...(formats.includes('y4m') ? { y4m: `${base}.y4m` } : {}),
    ...(formats.includes('mp4') ? { mp4: `${base}.mp4` } : {}),
  };
  const doneFile = `${base}.done.json`;
  if (existsSync(doneFile)) {
    const done = JSON.parse(readFileSync(doneFile, 'utf8')) as { key: string; frames: number };
    const allThere = [files.truthCsv, files.eventsJson, files.y4m, files.mp4].every((f) => f === undefined || existsSync(f));
    if (done.key === key && allThere) return { ...files, cached: true, frames: done.frames, renderMs: 0 };
  }
  const n = frameCount(script, fps);
  const rows = truthRows(script, fps);
  const renderer: PhantomRenderer = await openRenderer(scene);
  const y4m = files.y4m ? new Y4mWriter(files.y4m, scene.widthPx, scene.heightPx, fps) : null;
  const mp4 = files.mp4 ? new Mp4Writer(files.mp4, scene.widthPx, scene.heightPx, fps, cam.encode) : null;
  const out: TruthRow[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      const poseAt = (tMs: number) => {
        const pose = script.poseAt(tMs);
        return {
          angles: { rotationDeg: pose.rotationDeg, tiltDeg: pose.tiltDeg, flexionDeg: pose.flexionDeg },
          lateralShiftCm: pose.lateralShiftCm, shoulderElevationDeg: pose.shoulderElevationDeg, handPhase: pose.handPhase,
          ...(face.look ? expressionAt(face.look, script.seed, tMs) : {}),
        };
      };
      const frame = await renderer.render(poseAt(row.timestampMs));
      let rgb = frame.rgb;
      // Motion blur: the exposure, centred on the frame time, is rendered as sub-frames where the head moves
      // more than 0.5° during it (a still head costs one render).
      if (cam.exposureShare > 0) {
        const expMs = (cam.exposureShare * 1000) / fps;
        const a = script.poseAt(row.timestampMs - expMs / 2), b = script.poseAt(row.timestampMs + expMs / 2);
        const movedDeg = rotationDistanceDeg(headRotationMatrix(a), headRotationMatrix(b));
        if (movedDeg > 0.5) {
          const k = Math.min(6, Math.max(3, Math.ceil(movedDeg / 1.5)));
          const subs: Uint8Array[] = [];
          for (let s = 0; s < k; s++) subs.push(Buffer.from((await renderer.render(poseAt(row.timestampMs - expMs / 2 + (expMs * (s + 0.5)) / k))).rgb));
          rgb = averageFrames(subs);
        }
      }
      rgb = postProcess(rgb, scene.widthPx, scene.heightPx, cam, (script.seed * 7919 + i) >>> 0);
      out.push({ ...row, handOverFace: frame.handOverFace });
      y4m?.writeRgb(rgb);
      await mp4?.writeRgb(rgb);
      opts.onProgress?.({ script: script.name, frame: i + 1, frames: n });
    }
  } finally {
    y4m?.close();
    await mp4?.close();
    await renderer.close();
  }
  const renderMs = performance.now() - t0;
  writeFileSync(files.truthCsv, truthCsv(out));
  const events: EventsFile = {
    script: script.name, description: script.description, seed: script.seed, fps, durationMs: script.durationMs,
    face: face.id, cameraSetup: cam.id,
    frameCount: n, rendererVersion: RENDERER_VERSION, events: script.events, summary: summarize(script, out, fps),
    camera: { pitchDeg: scene.cameraPitchDeg ?? 0, torsoYawDeg: scene.torsoYawDeg ?? 0, torsoRollDeg: scene.torsoRollDeg ?? 0, neckPivotWorldCm: scene.neckPivotWorldCm },
  };
  writeFileSync(files.eventsJson, JSON.stringify(events, null, 2));
  writeFileSync(doneFile, JSON.stringify({ key, frames: n, renderMs: Math.round(renderMs) }));
  return { ...files, cached: false, frames: n, renderMs };
}

export function fileSizeBytes(path: string | undefined): number {
  return path && existsSync(path) ? statSync(path).size : 0;
}
