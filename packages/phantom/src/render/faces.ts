/**
 * The phantom's faces (issue 13): two photographs (assets/faces, see ATTRIBUTION.md) and principled
 * variations of them — mesh shape (face width, jaw, forehead, nose), skin tone, beard, eyebrows, 3-D glasses
 * frames, ears on the shell, eye blinks and talking. Pure data + pure functions; the page applies a look in
 * `page/looks.js`.
 *
 * `astronaut` is the face every earlier benchmark used; it has no look, so its clips (and their cache keys)
 * are unchanged.
 */
import { mulberry32 } from '../scripts/motion.ts';

type Rgb = readonly [number, number, number];

/** Photographs shipped in assets/faces (a <id>.png and its baked <id>.mesh.json). */
export const PHOTOS = ['astronaut', 'hopper'] as const;
export type PhotoId = (typeof PHOTOS)[number];

/** How a face differs from its photograph. Every field is optional; absent = as in the photo. */
export interface FaceLook {
  /** Bump when looks.js changes what a look draws (keys the clip cache). */
  readonly v: number;
  /** Whole-face horizontal scale (1 = the photo). */
  readonly widthScale?: number;
  /** Extra horizontal scale at the jaw (below the mouth), on top of widthScale. */
  readonly jawScale?: number;
  /** Vertical stretch of the face above the eyes. */
  readonly foreheadScale?: number;
  /** How far the nose stands out of the face (depth scale about the cheek plane). */
  readonly noseDepthScale?: number;
  readonly noseWidthScale?: number;
  /** Skin tone the cheeks should have (sRGB); the photo's skin is recoloured toward it. */
  readonly skinRgb?: Rgb;
  /** Colour of the hair on the head shell (and eyebrows unless browRgb is set). */
  readonly hairRgb?: Rgb;
  /** Beard (moustache, chin, jaw, sideburns): colour and density 0..1 (0.3 = stubble). */
  readonly beard?: { readonly rgb: Rgb; readonly density: number };
  /** Darker / thicker eyebrows: colour and strength 0..1. */
  readonly brows?: { readonly rgb: Rgb; readonly strength: number };
  /** Glasses frames as 3-D geometry (rims, bridge, temples). */
  readonly glasses?: { readonly rgb: Rgb; readonly rimCm: number; readonly lensWidthCm: number; readonly lensHeightCm: number };
  /**
   * Lens glare (needs glasses): curved lenses that mirror the room's lights (looks.js lensMaterial). Each light is
   * an angular rectangle fixed in the room, as seen from the head looking at the camera: azimuth + = image right,
   * elevation + = up; strength ≥ 1 saturates its middle. lensCurveCm = the lens front's radius of curvature.
   */
  readonly lensGlare?: {
    readonly lensCurveCm: number;
    readonly edgeSoftDeg?: number;
    readonly lights: readonly { readonly azDeg: number; readonly elDeg: number; readonly halfWidthDeg: number; readonly halfHeightDeg: number; readonly strength: number; readonly bars?: boolean }[];
  };
  /** Ears on the phantom's Frankfurt plane (looks.js buildEars; docs/phantom.md "Ears"). */
  readonly ears?: boolean;
  /** Mean time between blinks, ms (absent = no blinks). */
  readonly blinkEveryMs?: number;
  /** Talks in bursts (mouth opening at syllable rate). */
  readonly talks?: boolean;
}

export interface PhantomFace {
  readonly id: string;
  readonly photo: PhotoId;
  readonly description: string;
  readonly look?: FaceLook;
}

const LOOK_V = 1;
/**
 * Looks with ears: v2 moved the ears onto the phantom's Frankfurt plane and gave them a helix, antihelix,
 * concha and tragus (docs/phantom.md "Ears"), so only the eared faces' clips re-render.
 */
const EARED_LOOK_V = 2;

export const PHANTOM_FACES: readonly PhantomFace[] = [
  { id: 'astronaut', photo: 'astronaut', description: 'woman about 40, light skin, brown bob, no glasses (the photograph as it is)' },
  {
    id: 'hopper', photo: 'hopper',
    description: 'woman about 80, light skin, wrinkles, glasses in the photograph (flat, with glare), navy cap; blinks and talks',
    look: { v: LOOK_V, blinkEveryMs: 3500, talks: true },
  },
  {
    id: 'deep-wide', photo: 'astronaut',
    description: 'deep brown skin, broad face and jaw, broad flatter nose, short black hair, ears; blinks',
    look: { v: EARED_LOOK_V, skinRgb: [112, 74, 52], hairRgb: [24, 20, 18], widthScale: 1.07, jawScale: 1.06, noseWidthScale: 1.18, noseDepthScale: 0.85, ears: true, blinkEveryMs: 4000 },
  },
  {
    id: 'beard-glasses', photo: 'astronaut',
    description: 'full dark beard and moustache, heavy brows, square jaw, high forehead, black 3-D glasses frames, ears; blinks and talks',
    look: {
      v: EARED_LOOK_V, beard: { rgb: [52, 38, 28], density: 0.9 }, brows: { rgb: [45, 33, 24], strength: 0.7 }, hairRgb: [58, 44, 32],
      jawScale: 1.1, foreheadScale: 1.08, widthScale: 1.03, glasses: { rgb: [22, 22, 24], rimCm: 0.22, lensWidthCm: 5.0, lensHeightCm: 3.6 },
      ears: true, blinkEveryMs: 3000, talks: true,
    },
  },
  {
    // beard-glasses with glare on its lenses (session 11): the same geometry, seeds and expressions, so its clips
    // pair frame for frame with beard-glasses'. A window behind the camera (upper left as the head sees it) and a
    // ceiling lamp.
    id: 'glasses-glare', photo: 'astronaut',
    description: 'beard-glasses with curved lenses mirroring a window and a ceiling lamp: glare that slides, grows and goes with the pose',
    look: {
      v: EARED_LOOK_V, beard: { rgb: [52, 38, 28], density: 0.9 }, brows: { rgb: [45, 33, 24], strength: 0.7 }, hairRgb: [58, 44, 32],
      jawScale: 1.1, foreheadScale: 1.08, widthScale: 1.03, glasses: { rgb: [22, 22, 24], rimCm: 0.22, lensWidthCm: 5.0, lensHeightCm: 3.6 },
      ears: true, blinkEveryMs: 3000, talks: true,
      lensGlare: {
        lensCurveCm: 12,
        lights: [
          { azDeg: -20, elDeg: 8, halfWidthDeg: 22, halfHeightDeg: 18, strength: 1.6, bars: true },
          { azDeg: 8, elDeg: 40, halfWidthDeg: 7, halfHeightDeg: 5, strength: 2.5 },
        ],
      },
    },
  },
  {
    id: 'olive-narrow', photo: 'astronaut',
    description: 'olive/medium skin, long narrow face, prominent nose, thin metal 3-D glasses, dark hair, ears; talks',
    look: {
      v: EARED_LOOK_V, skinRgb: [192, 142, 108], hairRgb: [40, 30, 24], widthScale: 0.92, foreheadScale: 1.1, noseDepthScale: 1.2, noseWidthScale: 0.92,
      glasses: { rgb: [160, 160, 168], rimCm: 0.1, lensWidthCm: 4.6, lensHeightCm: 3.2 }, ears: true, talks: true, blinkEveryMs: 5000,
    },
  },
  {
    id: 'hopper-beard', photo: 'hopper',
    description: 'old man: the Hopper photograph with a grey beard and moustache, grey hair, wider jaw; blinks and talks',
    look: { v: LOOK_V, beard: { rgb: [176, 174, 168], density: 0.85 }, hairRgb: [170, 168, 162], jawScale: 1.08, widthScale: 1.03, blinkEveryMs: 3200, talks: true },
  },
  {
    id: 'dark-stubble', photo: 'astronaut',
    description: 'very dark skin, stubble, narrower face, flatter nose, black hair, ears; blinks',
    look: { v: EARED_LOOK_V, skinRgb: [78, 54, 42], hairRgb: [16, 14, 13], beard: { rgb: [20, 16, 14], density: 0.35 }, widthScale: 0.96, noseDepthScale: 0.9, noseWidthScale: 1.1, ears: true, blinkEveryMs: 3800 },
  },
];

export const FACE_IDS = PHANTOM_FACES.map((f) => f.id);

export function findFace(id: string): PhantomFace | undefined {
  return PHANTOM_FACES.find((f) => f.id === id);
}

/** Eyelid closure (0 open .. 1 shut) and mouth opening (0 .. 1) at time t, seeded; pure. */
export interface Expression { readonly blink: number; readonly mouthOpen: number }

const smooth = (x: number): number => { const c = Math.max(0, Math.min(1, x)); return c * c * (3 - 2 * c); };

/**
 * Blinks: a close (80 ms), shut (50 ms), open (150 ms) cycle every blinkEveryMs ± 40 %. Talking: bursts of
 * 1.5–3 s with 2–4 s pauses, the mouth opening at ≈ 4–5 syllables/s with a varying depth. Pure in
 * (look, seed, t): the schedule is rebuilt from the seed, never from a clock.
 */
export function expressionAt(look: FaceLook | undefined, seed: number, tMs: number): Expression {
  if (!look) return { blink: 0, mouthOpen: 0 };
  let blink = 0;
  if (look.blinkEveryMs) {
    const rand = mulberry32(seed ^ 0xb11c);
    let t0 = 400 + rand() * look.blinkEveryMs;
    while (t0 <= tMs + 300) {
      const d = tMs - t0;
      if (d >= 0 && d < 280) blink = d < 80 ? smooth(d / 80) : d < 130 ? 1 : 1 - smooth((d - 130) / 150);
      t0 += look.blinkEveryMs * (0.6 + 0.8 * rand());
    }
  }
  let mouthOpen = 0;
  if (look.talks) {
    const rand = mulberry32(seed ^ 0x7a1c);
    let t0 = 2500 + 1500 * rand();
    while (t0 <= tMs) {
      const len = 1500 + 1500 * rand();
      const rate = 2.0 + 0.5 * rand(); // |sin| at 2–2.5 Hz: 4–5 syllables/s
      const depth = 0.5 + 0.5 * rand();
      if (tMs < t0 + len) {
        const u = tMs - t0;
        const env = smooth(u / 150) * smooth((len - u) / 150);
        mouthOpen = env * depth * Math.abs(Math.sin(2 * Math.PI * rate * u / 1000)) * (0.7 + 0.3 * Math.sin(2 * Math.PI * 0.9 * u / 1000));
        break;
      }
      t0 += len + 2000 + 2000 * rand();
    }
  }
  return { blink, mouthOpen };
}
