/**
 * Deterministic random numbers for generated test data, demos and the phantom (never for anything secret).
 * ref: mulberry32 (Tommy Ettinger, public domain) — a 32-bit state generator; Box–Muller for normals.
 */

/** Uniform [0, 1) from a 32-bit seed; the same seed gives the same sequence on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
