/** Seeded look of a clip: background, shirt, lighting. Pure; same seed → same scene. */
import { mulberry32 } from '../scripts/motion.ts';
import { DEFAULT_SCENE, type BackgroundRect, type SceneOptions } from './renderer.ts';

type Rgb = readonly [number, number, number];

export function sceneForSeed(seed: number, base: SceneOptions = DEFAULT_SCENE): SceneOptions {
  const rand = mulberry32(seed ^ 0x5eed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length) % xs.length]!;
  const jitter = (c: Rgb, d: number): Rgb => c.map((v) => Math.max(0, Math.min(255, Math.round(v + (rand() - 0.5) * 2 * d)))) as unknown as Rgb;
  const walls: Rgb[] = [[206, 202, 192], [180, 196, 205], [222, 214, 196], [150, 160, 150], [235, 235, 232], [120, 110, 100]];
  const shirts: Rgb[] = [[58, 86, 128], [120, 40, 45], [60, 100, 70], [40, 40, 45], [150, 150, 155], [190, 120, 60]];
  const wall = jitter(pick(walls), 12);
  const bgRects: BackgroundRect[] = [];
  const nRects = Math.floor(rand() * 4);
  for (let i = 0; i < nRects; i++) {
    bgRects.push({ x: rand() * 0.9, y: rand() * 0.7, w: 0.05 + rand() * 0.25, h: 0.1 + rand() * 0.4, rgb: jitter(pick([...walls, ...shirts]), 30) });
  }
  const warm = rand();
  const lightRgb: Rgb = [255, Math.round(240 + 15 * (1 - warm)), Math.round(215 + 40 * (1 - warm))];
  return {
    ...base,
    shirtRgb: jitter(pick(shirts), 15),
    bgTopRgb: wall,
    bgBottomRgb: jitter(wall.map((v) => v * 0.82) as unknown as Rgb, 8),
    bgRects,
    lightRgb,
    ambientIntensity: 1.2 + 0.6 * rand(),
    keyIntensity: 0.6 + 0.9 * rand(),
    keyFromCamera: [(rand() - 0.5) * 1.6, -0.3 - 0.5 * rand(), -1],
  };
}
