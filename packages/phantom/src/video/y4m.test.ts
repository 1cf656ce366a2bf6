import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rgbToI420, Y4mWriter, y4mHeader } from './y4m.ts';

const TOL_LEVELS = 1;

describe('y4m writer', () => {
  it('maps black, white and grey to BT.601 limited-range levels', () => {
    for (const [v, y] of [[0, 16], [255, 235], [128, 126]] as const) {
      const out = rgbToI420(new Uint8Array(4 * 3).fill(v), 2, 2);
      expect(Math.abs(out[0]! - y)).toBeLessThanOrEqual(TOL_LEVELS);
      expect(Math.abs(out[4]! - 128)).toBeLessThanOrEqual(TOL_LEVELS);
      expect(Math.abs(out[5]! - 128)).toBeLessThanOrEqual(TOL_LEVELS);
    }
  });

  it('pure red has high Cr and low Cb', () => {
    const red = new Uint8Array(12);
    for (let i = 0; i < 4; i++) red[i * 3] = 255;
    const out = rgbToI420(red, 2, 2);
    expect(out[5]!).toBeGreaterThan(230); // V (Cr)
    expect(out[4]!).toBeLessThan(110); // U (Cb)
  });

  it('writes header + FRAME records of w·h·1.5 bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'y4m-'));
    try {
      const p = join(dir, 'a.y4m');
      const w = new Y4mWriter(p, 4, 2, 30);
      w.writeRgb(new Uint8Array(4 * 2 * 3));
      w.writeRgb(new Uint8Array(4 * 2 * 3).fill(255));
      w.close();
      const buf = readFileSync(p);
      const header = y4mHeader(4, 2, 30);
      expect(buf.subarray(0, header.length).toString()).toBe(header);
      expect(buf.length).toBe(header.length + 2 * ('FRAME\n'.length + 12));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses odd sizes with a message', () => {
    expect(() => rgbToI420(new Uint8Array(9), 3, 1)).toThrow(/even sizes/);
  });
});
