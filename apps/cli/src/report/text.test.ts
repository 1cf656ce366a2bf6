import { describe, expect, it } from 'vitest';
import { directed } from './text.ts';

describe('terminal report words', () => {
  it('gives every angle its direction in words, by the clinical signs (+ = toward the right, right ear down, chin down)', () => {
    expect(directed('rotationDeg', 28.44)).toBe('28.4° chin turned to the right');
    expect(directed('rotationDeg', -33)).toBe('33.0° chin turned to the left');
    expect(directed('tiltDeg', 12)).toBe('12.0° right ear toward the right shoulder');
    expect(directed('flexionDeg', -15)).toBe('15.0° chin up');
    expect(directed('flexionDeg', 0.01)).toBe('0.0°');
    expect(directed('tiltDeg', null)).toBe('not measured');
    expect(directed('tiltDeg', Number.NaN)).toBe('not measured');
  });
});
