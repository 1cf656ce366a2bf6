/**
 * Phantom clips for Chromium's fake camera: a head that is already in a posture at rest (no straight
 * start), rendered by @geste/phantom with known angles. Cached in a temp folder (y4m is large).
 *
 * - rest-right-30: the phantom's head turned 30° to the patient's right (chin toward the right
 *   shoulder) on a straight trunk, held for the whole clip (4 s, 15 fps; the fake camera loops it).
 *   Angles are relative to the phantom's rest pose (docs/phantom.md).
 * - rest-straight-glare: the glasses-glare face (curved lenses mirroring a window and a ceiling lamp) held straight
 *   for the whole clip (4 s, 15 fps): every frame's lenses are lit, as on the matrix's glare rests (session 13).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findScript, generateClip } from '@geste/phantom';
import type { MotionScript, PoseSample } from '@geste/phantom';

export const PHANTOM_REST_ROTATION_DEG = 30;

const restRight30: MotionScript = {
  name: 'web-rest-right-30',
  description: 'head held 30° to the patient\'s right from the first frame (no straight rest)',
  seed: 121,
  durationMs: 4000,
  sets: [],
  events: { jerks: [], tremors: [], holds: [{ kind: 'posture', startMs: 0, endMs: 4000 }], tricks: [] },
  poseAt(): PoseSample {
    return { rotationDeg: PHANTOM_REST_ROTATION_DEG, tiltDeg: 0, flexionDeg: 0, lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0 };
  },
};

const restStraight: MotionScript = {
  ...restRight30,
  name: 'web-rest-straight',
  description: 'head held straight from the first frame',
  poseAt(): PoseSample {
    return { rotationDeg: 0, tiltDeg: 0, flexionDeg: 0, lateralShiftCm: 0, shoulderElevationDeg: 0, handPhase: 0 };
  },
};

const CACHE = join(tmpdir(), 'geste-web-phantom-camera-v1');

/**
 * - nods-deep-wide: the matrix's edge-tilt-flexion-40 (tilt ±40°, chin down 40°, chin up 35°; 12 s) on the
 *   deep-wide face, which has modelled ears, at webcam-640: on its saved landmarks core refuses the face's own
 *   zero at 10.0 s (the body model's ear points follow the nods; docs/anatomical-zero.md).
 */
export type PhantomClip = 'rest-right-30' | 'nods-deep-wide' | 'rest-straight-glare';

/** Path of the y4m, rendering it on first use (≈ 60 frames, or 360 for the nods; minutes on a loaded machine). */
export async function phantomVideo(kind: PhantomClip): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  if (kind === 'nods-deep-wide') {
    const nods = findScript('edge-tilt-flexion-40')!;
    const clip = await generateClip(nods, { outDir: join(CACHE, 'deep-wide'), face: 'deep-wide', camera: 'webcam-640', formats: ['y4m'] });
    return clip.y4m!;
  }
  if (kind === 'rest-straight-glare') {
    const clip = await generateClip(restStraight, { outDir: join(CACHE, 'glasses-glare'), face: 'glasses-glare', fps: 15, formats: ['y4m'] });
    return clip.y4m!;
  }
  const clip = await generateClip(restRight30, { outDir: CACHE, fps: 15, formats: ['y4m'] });
  return clip.y4m!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void phantomVideo((process.argv[2] as PhantomClip | undefined) ?? 'rest-right-30').then((p) => console.log(p));
}
