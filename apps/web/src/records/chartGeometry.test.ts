import { describe, expect, it } from 'vitest';
import { linear, pathOf } from './chartGeometry.ts';

describe('chart geometry', () => {
  it('maps domain to range, y upward', () => {
    const sy = linear(0, 10, 200, 0);
    expect(sy(0)).toBe(200);
    expect(sy(10)).toBe(0);
    expect(sy(5)).toBe(100);
  });
  it('breaks the line at missing values', () => {
    const sx = linear(0, 4, 0, 400);
    const sy = linear(0, 10, 100, 0);
    expect(pathOf([{ x: 0, y: 0 }, { x: 1, y: 10 }, { x: 2, y: null }, { x: 3, y: 5 }, { x: 4, y: 5 }], sx, sy)).toBe('M0.0 100.0 L100.0 0.0 M300.0 50.0 L400.0 50.0');
  });
});
