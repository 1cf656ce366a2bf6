import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkStamp, compareVersions, formatHlc, HLC_MAX_SKEW_MS, normalizeHlc, parseHlc, receive, tick, tryParseHlc } from './hlc.ts';

const NOW_MS = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('hlc', () => {
  it('normalises a bare ISO time to counter 0000 and refuses other shapes with a clear message', () => {
    expect(normalizeHlc('2026-01-02T03:04:05.678Z')).toBe('2026-01-02T03:04:05.678Z-0000');
    expect(normalizeHlc('2026-01-02T03:04:05.678Z-0042')).toBe('2026-01-02T03:04:05.678Z-0042');
    expect(() => normalizeHlc('2026-01-02')).toThrow(/expected YYYY-MM-DDTHH:MM:SS\.mmmZ-CCCC, got "2026-01-02"/);
  });

  it('refuses impossible calendar dates that the pattern lets through', () => {
    for (const s of ['2026-99-99T99:99:99.999Z-0000', '2026-02-30T00:00:00.000Z-0000', '2026-13-01T00:00:00.000Z', '2026-01-01T24:00:00.000Z-0000']) {
      expect(tryParseHlc(s), s).toBeNull();
      expect(() => parseHlc(s)).toThrow(/not a real time/);
      expect(checkStamp(s, NOW_MS)).toMatchObject({ ok: false, problem: 'not-a-time' });
    }
    expect(tryParseHlc('2028-02-29T00:00:00.000Z-0001')).toEqual({ ms: Date.UTC(2028, 1, 29), counter: 1 });
  });

  it('bounds stamps against the clock: at most HLC_MAX_SKEW_MS ahead, not before 2020', () => {
    expect(checkStamp('9999-12-31T23:59:59.999Z-9999', NOW_MS)).toMatchObject({ ok: false, problem: 'ahead' });
    expect(checkStamp(formatHlc({ ms: NOW_MS + HLC_MAX_SKEW_MS + 1, counter: 0 }), NOW_MS)).toMatchObject({ ok: false, problem: 'ahead' });
    expect(checkStamp(formatHlc({ ms: NOW_MS + HLC_MAX_SKEW_MS, counter: 0 }), NOW_MS).ok).toBe(true);
    expect(checkStamp('1970-01-01T00:00:00.000Z-0000', NOW_MS)).toMatchObject({ ok: false, problem: 'too-old' });
    expect(checkStamp('2026-11-29T11:00:00.000Z', NOW_MS)).toMatchObject({ ok: true, stamp: '2026-11-29T11:00:00.000Z-0000' });
  });

  it('a clock survives poisoned stamps: ignores them on receive and leaves a poisoned last stamp behind', () => {
    const last = formatHlc({ ms: NOW_MS - 1000, counter: 3 });
    expect(receive(last, '2026-99-99T99:99:99.999Z-0000', NOW_MS)).toBe(last);
    expect(receive(last, '9999-12-31T23:59:59.999Z-9999', NOW_MS)).toBe(last);
    expect(receive(null, 'garbage', NOW_MS)).toBe(formatHlc({ ms: NOW_MS, counter: 0 }));
    // A device whose clock already jumped to 9999 (before the server refused such stamps) comes back to now.
    expect(tick('9999-12-31T23:59:59.999Z-9999', NOW_MS)).toBe(formatHlc({ ms: NOW_MS, counter: 0 }));
    expect(tick('2026-99-99T99:99:99.999Z-0000', NOW_MS)).toBe(formatHlc({ ms: NOW_MS, counter: 0 }));
    // A stamp a little ahead (within the skew) is honoured, as the HLC requires.
    const ahead = formatHlc({ ms: NOW_MS + 60_000, counter: 7 });
    expect(receive(last, ahead, NOW_MS)).toBe(formatHlc({ ms: NOW_MS + 60_000, counter: 8 }));
    expect(tick(ahead, NOW_MS)).toBe(formatHlc({ ms: NOW_MS + 60_000, counter: 8 }));
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
        const c = compareVersions({ updatedAt: sx, deviceId: x.dev }, { updatedAt: sy, deviceId: y.dev });
        expect(c).toBe(-compareVersions({ updatedAt: sy, deviceId: y.dev }, { updatedAt: sx, deviceId: x.dev }) || 0);
        if (c === 0) expect(sx === sy && x.dev === y.dev).toBe(true);
      }),
    );
  });

  it('property: tick never goes backwards and always outranks what it received (within the skew)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ remote: fc.boolean(), dMs: fc.integer({ min: -5000, max: 5000 }) }), { maxLength: 40 }), (steps) => {
        let clock: string | null = null;
        let wall = NOW_MS;
        for (const s of steps) {
          wall += s.dMs;
          const before = clock;
          if (s.remote) {
            const r = formatHlc({ ms: wall + s.dMs, counter: 5 });
            clock = receive(clock, r, wall);
            expect(clock > r).toBe(true);
          } else clock = tick(clock, wall);
          if (before !== null) expect(clock > before).toBe(true);
        }
      }),
    );
  });
});
