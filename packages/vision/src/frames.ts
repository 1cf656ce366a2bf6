/** Plain image frame passed from a decoder or camera to a detector. Pure. */
export interface RgbFrame {
  /** Packed RGB, 3 bytes per pixel, rows top to bottom, length = widthPx * heightPx * 3. */
  readonly data: Uint8Array;
  readonly widthPx: number;
  readonly heightPx: number;
}

/** A decoded video frame with its real presentation time. */
export interface DecodedFrame {
  /** Index among decoded frames, from 0. */
  readonly frameIndex: number;
  /** Presentation time relative to the first decoded frame, ms (real per-frame pts, VFR-safe). */
  readonly timestampMs: number;
  readonly rgb: RgbFrame;
}

/** Output size so that the longer side is at most `maxSidePx` (never upscaled; even sizes, rounded down, at least 2 px). */
export function fitWithin(widthPx: number, heightPx: number, maxSidePx: number): { widthPx: number; heightPx: number } {
  const longer = Math.max(widthPx, heightPx);
  const scale = longer > maxSidePx ? maxSidePx / longer : 1;
  const even = (n: number): number => Math.max(2, 2 * Math.floor((n * scale) / 2));
  return { widthPx: even(widthPx), heightPx: even(heightPx) };
}
