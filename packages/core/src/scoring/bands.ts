// ref: docs/clinical.md "Objective motor-severity items" — the band edges restated there (they follow the
// motor-severity bands of the original TWSTRS; Geste reports *objective severity items*, never a TWSTRS
// score, and reproduces no scale wording). Every choice docs/clinical.md leaves open is a named constant here.

/**
 * Rounding rule for every degree band: the magnitude is rounded to whole degrees, halves up
 * (22.49° → 22°, 22.5° → 23°), then compared with the integer band edges. Percentages and seconds are
 * rounded the same way to whole units; centimetres to 0.1 cm.
 */
export function roundHalfUp(x: number): number {
  return Math.floor(Math.abs(x) + 0.5);
}

function roundTenth(x: number): number {
  return Math.floor(Math.abs(x) * 10 + 0.5) / 10;
}

/** Full range each way used to place the bands, deg (stated; typical adult cervical range of motion). */
export const FULL_RANGE_DEG = {
  /** Rotation each way; the rotation bands (22/45/67/90) are its quarters. */
  rotation: 90,
  /** Lateral flexion (tilt) each way. */
  tilt: 45,
  /** Flexion (chin to chest). */
  flexion: 60,
  /** Extension (head back). */
  extension: 60,
} as const;

/** Rotation 0–4: 0 → 0; 1–22 → 1; 23–45 → 2; 46–67 → 3; ≥ 68 → 4 (whole degrees, see roundHalfUp). */
export function rotationScore(excursionDeg: number): 0 | 1 | 2 | 3 | 4 {
  const d = roundHalfUp(excursionDeg);
  if (d === 0) return 0;
  if (d <= 22) return 1;
  if (d <= 45) return 2;
  if (d <= 67) return 3;
  return 4;
}

/** Laterocollis 0–3: 0 → 0; 1–15 → 1; 16–35 → 2; ≥ 36 → 3 (whole degrees). Shoulder elevation is not part of it. */
export function laterocollisScore(excursionDeg: number): 0 | 1 | 2 | 3 {
  const d = roundHalfUp(excursionDeg);
  if (d === 0) return 0;
  if (d <= 15) return 1;
  if (d <= 35) return 2;
  return 3;
}

/**
 * Antero/retrocollis 0–3 against the full range of that direction (FULL_RANGE_DEG.flexion or .extension,
 * 60°): 0 → 0; mild = 1° up to below a quarter of the range (1–14° at 60°) → 1; moderate, about half =
 * a quarter up to below three quarters (15–44°) → 2; severe, near the full range = three quarters or more
 * (≥ 45°) → 3.
 */
export function anteroRetrocollisScore(excursionDeg: number, fullRangeDeg: number): 0 | 1 | 2 | 3 {
  const d = roundHalfUp(excursionDeg);
  if (d === 0) return 0;
  if (d < fullRangeDeg / 4) return 1;
  if (d < (3 * fullRangeDeg) / 4) return 2;
  return 3;
}

/** Lateral shift is "present" from this sustained displacement, cm (≈ the precision of a camera-derived shift; stated). */
export const LATERAL_SHIFT_PRESENT_CM = 2.0;

/** Lateral shift 0–1: 1 when |shift| rounded to 0.1 cm is ≥ 2.0 cm. */
export function lateralShiftScore(shiftCm: number): 0 | 1 {
  return roundTenth(shiftCm) >= LATERAL_SHIFT_PRESENT_CM ? 1 : 0;
}

/**
 * Duration factor 0–5 from the share of measured time the head is deviated (outside the 10° zone on any
 * axis), rounded to whole percent: 0 % → 0; [1, 25) → 1; [25, 50) → 2; [50, 75] → 3; (75, 100] → 4 — and +1
 * when the deviation is often maximal (see DURATION_NEAR_MAX_FRACTION), so 5 = constant and often maximal.
 */
export function durationFactorScore(percentDeviated: number, oftenMaximal: boolean): 0 | 1 | 2 | 3 | 4 | 5 {
  const p = roundHalfUp(percentDeviated);
  if (p === 0) return 0;
  const base = p < 25 ? 1 : p < 50 ? 2 : p <= 75 ? 3 : 4;
  return (base + (oftenMaximal ? 1 : 0)) as 1 | 2 | 3 | 4 | 5;
}

/** A deviated moment is "near maximal" when its largest |angle| is ≥ this share of the session's sustained maximum. */
export const DURATION_NEAR_MAX_FRACTION = 0.8;
/** The deviation is "often maximal" when near-maximal time is ≥ this share of the deviated time (i.e. not mostly submaximal). */
export const DURATION_OFTEN_MAX_SHARE = 0.5;

/** Sensory-trick effect 0–2 from the best trick's percent reduction (whole percent): ≥ 75 → 0 (complete relief); 25–74 → 1 (partial); < 25 → 2. */
export function sensoryTrickScore(reductionPercent: number): 0 | 1 | 2 {
  const r = reductionPercent < 0 ? -roundHalfUp(reductionPercent) : roundHalfUp(reductionPercent);
  if (r >= 75) return 0;
  if (r >= 25) return 1;
  return 2;
}

/** Possible shoulder elevation (shoulder line to horizontal, one shoulder fully shrugged), deg (stated). Thirds: 5° and 10°. */
export const SHOULDER_FULL_RANGE_DEG = 15;
/** Below this sustained elevation the shoulders count as level (keypoint noise floor), deg. */
export const SHOULDER_ABSENT_BELOW_DEG = 2;
/** "Constant" = at least this share of measured time at the level in question. */
export const CONSTANT_SHARE = 0.75;

/**
 * Shoulder elevation 0–3 from the sustained maximum |elevation| (whole degrees) and how constant it is:
 * < 2° → 0; mild (< a third of 15° = < 5°) → 1; moderate (5–9°) → 2 if constant (≥ 5° for ≥ 75 % of the
 * time) else 1; severe (≥ two thirds = ≥ 10°) → 3 if constant (≥ 10° for ≥ 75 %) else 2.
 */
export function shoulderElevationScore(maxDeg: number, shareAtModerate: number, shareAtSevere: number): 0 | 1 | 2 | 3 {
  const d = roundHalfUp(maxDeg);
  const third = SHOULDER_FULL_RANGE_DEG / 3;
  if (d < SHOULDER_ABSENT_BELOW_DEG) return 0;
  if (d < third) return 1;
  if (d < 2 * third) return shareAtModerate >= CONSTANT_SHARE ? 2 : 1;
  return shareAtSevere >= CONSTANT_SHARE ? 3 : 2;
}

/** Half-width of the midline zone for range of motion, deg (the same 10° as the neutral zone). */
export const MIDLINE_ZONE_DEG = 10;
/** "Reaches the extreme opposite position" = at least this share of the full range on the opposite side. */
export const EXTREME_SHARE = 0.8;

/**
 * Range of motion 0–4 on the axis of the abnormal posture. `reachDeg`: how far past the midline the
 * head got toward the side opposite the posture (negative = it stayed on the posture's side);
 * `postureDeg`: magnitude of the abnormal posture; `fullRangeDeg`: full range on the opposite side.
 * Whole degrees: reach ≥ 80 % of full → 0; reach > 10° → 1 (well past the midline); 0–10° → 2 (barely
 * past); below the midline but ≥ 10° away from the posture → 3 (toward, not past); else → 4.
 */
export function rangeOfMotionScore(reachDeg: number, postureDeg: number, fullRangeDeg: number): 0 | 1 | 2 | 3 | 4 {
  const r = reachDeg < 0 ? -roundHalfUp(reachDeg) : roundHalfUp(reachDeg);
  const p = roundHalfUp(postureDeg);
  if (r >= EXTREME_SHARE * fullRangeDeg) return 0;
  if (r > MIDLINE_ZONE_DEG) return 1;
  if (r >= 0) return 2;
  if (p + r >= MIDLINE_ZONE_DEG) return 3;
  return 4;
}

/** Cap of one hold attempt, s (docs/clinical.md). */
export const HOLD_CAP_S = 60;

/**
 * Time holding neutral 0–4 from the mean of the attempts' seconds (each capped at 60): the full 60 s → 0;
 * otherwise, rounded to whole seconds, 46–60 → 1; 31–45 → 2; 16–30 → 3; ≤ 15 → 4.
 */
export function timeHoldingNeutralScore(meanHeldS: number): 0 | 1 | 2 | 3 | 4 {
  if (meanHeldS >= HOLD_CAP_S) return 0;
  const s = roundHalfUp(meanHeldS);
  if (s >= 46) return 1;
  if (s >= 31) return 2;
  if (s >= 16) return 3;
  return 4;
}
