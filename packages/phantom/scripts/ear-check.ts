/**
 * Ear check (issue 12): renders an eared face at rest, ±30° turn and ±20° nod, with the camera at eye level
 * and 20 cm below, saves a PNG per pose (head crop) and runs the project's models on the frames, printing
 * MoveNet's ear/eye scores, the ear–eye slope α (core faceZero.ts) and the anatomical flexion per pose.
 *
 *   node --import tsx packages/phantom/scripts/ear-check.ts [face] [--out /tmp/ear-check] [--frames 12] [--only eye|below]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fitHead, earEyeSlopeDeg, RecordingAnalyzer, type LandmarkFrame } from '@geste/core';
import { openRenderer, DEFAULT_SCENE, placeCamera, type FramePose, type SceneOptions } from '../src/render/renderer.ts';
import { findFace } from '../src/render/faces.ts';
import { ffmpegPath, Mp4Writer } from '../src/video/mp4.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: '/tmp/ear-check' }, frames: { type: 'string', default: '12' }, only: { type: 'string' } } });
const faceId = positionals[0] ?? 'deep-wide';
const face = findFace(faceId);
if (!face) throw new Error(`unknown face ${faceId}`);
const perPose = Number(values.frames);
mkdirSync(values.out!, { recursive: true });
const pose = (rotationDeg: number, flexionDeg: number): FramePose => ({ angles: { rotationDeg, tiltDeg: 0, flexionDeg }, lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0 });
const poses: [string, FramePose][] = [['rest', pose(0, 0)], ['turn+30', pose(30, 0)], ['turn-30', pose(-30, 0)], ['nod+20', pose(0, 20)], ['nod-20', pose(0, -20)], ['nod+10', pose(0, 10)], ['nod-10', pose(0, -10)]];
const base: SceneOptions = { ...DEFAULT_SCENE, face: face.photo, ...(face.look ? { look: face.look } : {}) };
const setups: [string, SceneOptions][] = [['eye-level', base], ['below-20', placeCamera(base, { heightCm: -20, distanceCm: 50 })]];
const { analyzeVideo } = (await import('@geste/cli')) as unknown as { analyzeVideo: (p: string, o: Record<string, unknown>) => Promise<{ landmarks: readonly LandmarkFrame[] | null }> };
for (const [setup, scene] of setups) {
  if (values.only && !setup.startsWith(values.only)) continue;
  const r = await openRenderer(scene);
  const mp4 = join(values.out!, `${faceId}-${setup}.mp4`);
  const rendered: Uint8Array[] = [];
  if (setup === 'eye-level') for (const e of await r.earPoints()) {
    const d = e.tragionC.map((v, k) => v - e.pupilC[k]!);
    console.log(`ear side ${e.side}: tragion − pupil (canonical, cm) lateral ${d[0]!.toFixed(2)} down ${d[1]!.toFixed(2)} back ${d[2]!.toFixed(2)}; pupil x ${e.pupilC[0].toFixed(2)}, tragion x ${e.tragionC[0].toFixed(2)}`);
  }
  const w = new Mp4Writer(mp4, scene.widthPx, scene.heightPx, 30);
  for (const [, p] of poses) {
    const f = await r.render(p);
    for (let k = 0; k < perPose; k++) await w.writeRgb(f.rgb);
    rendered.push(f.rgb);
  }
  await w.close();
  await r.close();
  const frames = [...((await analyzeVideo(mp4, { keepLandmarks: true, workers: 1 })).landmarks ?? [])];
  const pitchDeg = scene.cameraPitchDeg ?? 0;
  const a = new RecordingAnalyzer({ kind: 'anatomical' }, { camera: { pitchDeg } });
  for (const fr of frames) a.push(fr);
  const res = a.finish();
  console.log(`\n${faceId} ${setup} (camera pitch ${pitchDeg.toFixed(1)}°)`);
  const cropY = setup === 'eye-level' ? 60 : 120;
  poses.forEach(([label, p], i) => {
    const fr = frames.slice(i * perPose + (perPose >> 1), (i + 1) * perPose); // the body model runs at ≈ 3 Hz: the pose's second half
    // The PNG: head crop ×2, MoveNet's eye (green) and ear (red) keypoints of the pose's last frame marked.
    const kps = fr[fr.length - 1]?.bodies[0]?.keypoints.filter((k) => /Eye|Ear/.test(k.part)) ?? [];
    const boxes = kps.map((k) => `drawbox=x=${Math.round(k.xPx - 2)}:y=${Math.round(k.yPx - 2)}:w=5:h=5:color=${k.part.endsWith('Ear') ? 'red' : 'lime'}:t=fill`);
    execFileSync(ffmpegPath(), ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${scene.widthPx}x${scene.heightPx}`, '-i', '-',
      '-vf', [...boxes, `crop=320:240:160:${cropY}`, 'scale=640:480'].join(','), join(values.out!, `${faceId}-${setup}-${label}.png`)], { input: Buffer.from(rendered[i]!) });
    const parts = (name: string) => fr.map((x) => x.bodies[0]?.keypoints.find((k) => k.part === name)?.score ?? 0);
    const med = (v: number[]) => { const s = [...v].sort((x, y) => x - y); return s.length ? s[s.length >> 1]! : NaN; };
    const alphas = fr.map((x) => { const fc = x.faces[0]; const fit = fc ? fitHead(fc, x) : null; return fit ? earEyeSlopeDeg(x, fit, 0.05) : null; });
    const al = alphas.filter((v): v is number => v !== null);
    // α without the score threshold (what the keypoints say even when refused).
    const ms = res.anatomicalFrames.slice(i * perPose + (perPose >> 1), (i + 1) * perPose);
    const flex = med(ms.map((m) => m.flexionDeg ?? NaN).filter(Number.isFinite));
    const last = ms[ms.length - 1];
    const ref = last?.reference?.flexionDeg;
    console.log(`${label.padEnd(8)} truth flex ${p.angles.flexionDeg} | ears L/R ${med(parts('leftEar')).toFixed(2)}/${med(parts('rightEar')).toFixed(2)} eyes ${med(parts('leftEye')).toFixed(2)}/${med(parts('rightEye')).toFixed(2)} | α (any score) ${al.length ? med(al).toFixed(1) : '—'} | flexion ${flex.toFixed(1)} (${ref?.zero}, ±${ref?.uncertaintyDeg.toFixed(0)}, ${ref?.uncertain ? 'uncertain' : 'confident'} ${ref?.notes.join(',')})`);
  });
}
