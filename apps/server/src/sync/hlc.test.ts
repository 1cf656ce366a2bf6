import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVersions, normalizeHlc } from './hlc.ts';

describe('hlc', () => {
  it('normalises a bare ISO time to counter 0000 and refuses other shapes with a clear message', () => {
    expect(normalizeHlc('2026-01-02T03:04:05.678Z')).toBe('2026-01-02T03:04:05.678Z-0000');
    expect(normalizeHlc('2026-01-02T03:04:05.678Z-0042')).toBe('2026-01-02T03:04:05.678Z-0042');
    expect(() => normalizeHlc('2026-01-02')).toThrow(/expected YYYY-MM-DDTHH:MM:SS\.mmmZ-CCCC, got "2026-01-02"/);
  });

  it('property: string order of stamps is (time, counter) order, and the version order is total', () => {
    const stamp = fc.record({ ms: fc.integer({ min: 0, max: 4e12 }), ctr: fc.integer({ min: 0, max: 9999 }), dev: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(stamp, stamp, (x, y) => {
        const sx = normalizeHlc(`${new Date(x.ms).toISOString()}-${String(x.ctr).padStart(4, '0')}`);
        const sy = normalizeHlc(`${new Date(y.ms).toISOString()}-${String(y.ctr).padStart(4, '0')}`);
        const byTime = x.ms !== y.ms ? Math.sign(x.ms - y.ms) : Math.sign(x.ctr - y.ctr);
        const byString = sx === sy ? 0 : sx < sy ? -1 : 1;
        expect(byString).toBe(byTime);
        const c = compareVersions({ hlc: sx, deviceId: x.dev }, { hlc: sy, deviceId: y.dev });
        expect(c).toBe(-compareVersions({ hlc: sy, deviceId: y.dev }, { hlc: sx, deviceId: x.dev }) || 0);
        if (c === 0) expect(sx === sy && x.dev === y.dev).toBe(true);
      }),
    );
  });
});
