/**
 * YUV4MPEG2 writer (4:2:0, BT.601 limited range), the format Chromium's fake camera reads
 * (--use-file-for-fake-video-capture=<file.y4m>).
 * ref: https://wiki.multimedia.cx/index.php/YUV4MPEG2 ; ITU-R BT.601 (Y 16..235, Cb/Cr 16..240).
 */
import { openSync, writeSync, closeSync } from 'node:fs';

export function y4mHeader(widthPx: number, heightPx: number, fps: number): string {
  return `YUV4MPEG2 W${widthPx} H${heightPx} F${fps}:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n`;
}

/** RGB24 (rows top to bottom) → planar I420 (Y, then U, V at half resolution, 2×2 averaged). */
export function rgbToI420(rgb: Uint8Array, w: number, h: number): Uint8Array {
  if (w % 2 !== 0 || h % 2 !== 0) throw new RangeError(`4:2:0 needs even sizes, got ${w}×${h}`);
  const out = new Uint8Array(w * h * 1.5);
  const uOff = w * h, vOff = uOff + (w * h) / 4;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      const r = rgb[o]!, g = rgb[o + 1]!, b = rgb[o + 2]!;
      out[y * w + x] = Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
    }
  }
  for (let y = 0; y < h; y += 2) {
    for (let x = 0; x < w; x += 2) {
      let r = 0, g = 0, b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const o = ((y + dy) * w + x + dx) * 3;
        r += rgb[o]!; g += rgb[o + 1]!; b += rgb[o + 2]!;
      }
      r /= 4; g /= 4; b /= 4;
      const i = (y / 2) * (w / 2) + x / 2;
      out[uOff + i] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      out[vOff + i] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  return out;
}

export class Y4mWriter {
  private fd: number;
  constructor(path: string, readonly widthPx: number, readonly heightPx: number, fps: number) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, y4mHeader(widthPx, heightPx, fps));
  }
  writeRgb(rgb: Uint8Array): void {
    writeSync(this.fd, 'FRAME\n');
    writeSync(this.fd, rgbToI420(rgb, this.widthPx, this.heightPx));
  }
  close(): void { closeSync(this.fd); }
}
