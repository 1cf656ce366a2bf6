import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENE, placeCamera } from './renderer.ts';
import { sceneForScript } from '../generate.ts';
import { findScript } from '../scripts/motion.ts';

describe('camera and trunk placement', () => {
  it('a camera 20 cm below the eyes at 50 cm looks up atan(20/50); 15 cm above looks down', () => {
    const below = placeCamera(DEFAULT_SCENE, { heightCm: -20, distanceCm: 50 });
    expect(below.cameraPitchDeg).toBeCloseTo((Math.atan(20 / 50) * 180) / Math.PI, 9);
    // Eyes 20 cm above the camera (y down), pivot 5.5 cm below and 9.5 cm behind them.
    expect(below.neckPivotWorldCm).toEqual([0, -14.5, 59.5]);
    expect(placeCamera(DEFAULT_SCENE, { heightCm: 15, distanceCm: 90 }).cameraPitchDeg).toBeLessThan(0);
  });

  it('scripts carry their placement into the scene; the rest keep the default camera', () => {
    expect(sceneForScript(findScript('small-trunk-turned-15')!).torsoYawDeg).toBe(15);
    expect(sceneForScript(findScript('small-camera-below-20')!).cameraPitchDeg).toBeGreaterThan(20);
    const plain = sceneForScript(findScript('small-rotation-right-30')!);
    expect(plain.cameraPitchDeg ?? 0).toBe(0);
    expect(plain.neckPivotWorldCm).toEqual(DEFAULT_SCENE.neckPivotWorldCm);
  });
});
