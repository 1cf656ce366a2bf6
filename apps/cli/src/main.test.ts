import { describe, expect, it, vi } from 'vitest';
import { framesToCsv } from './report/csv.ts';
import { main, parseCamera, parseNeutral } from './main.ts';
import { EXIT_CODE } from './errors.ts';
import type { FrameMeasure } from '@geste/core';

async function run(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  try {
    return { code: await main(args), stderr, stdout };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}

describe('argument handling', () => {
  it('parses the neutral choices', () => {
    expect(parseNeutral(undefined)).toEqual({ kind: 'anatomical' });
    expect(parseNeutral('calibrate:0-2.5')).toEqual({ kind: 'calibrate-window', startMs: 0, endMs: 2500 });
    expect(parseNeutral('my/neutral.json')).toEqual({ kind: 'file', path: 'my/neutral.json' });
    expect(() => parseNeutral('calibrate:3-1')).toThrow(/end must be after its start/);
    expect(() => parseNeutral('straight')).toThrow(/anatomical.*calibrate:START-END/);
  });

  it('parses the camera: pitch in degrees or unknown, mirrored', () => {
    expect(parseCamera(undefined)).toEqual({ pitchDeg: null, mirrored: false });
    expect(parseCamera('-12.5', true)).toEqual({ pitchDeg: -12.5, mirrored: true });
    expect(() => parseCamera('up')).toThrow(/--camera-pitch takes the camera's tilt in degrees/);
    expect(() => parseCamera('120')).toThrow(/from -90 to 90/);
  });

  it('usage errors exit 2 with a one-line explanation, never a stack trace', async () => {
    for (const args of [[], ['frobnicate'], ['analyze'], ['analyze', 'a.mp4', 'b.mp4'], ['analyze', 'a.mp4', '--neutral', 'wonky'], ['analyze', 'a.mp4', '--max-side', '12'], ['analyze', 'a.mp4', '--bogus'], ['analyze', 'a.mp4', '--camera-pitch', 'level'], ['analyze', 'a.mp4', '--detector-threads', '0'], ['analyze', 'a.mp4', '--detector-threads', 'two']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(EXIT_CODE.usage);
      if (args.length) {
        expect(r.stderr).toMatch(/^geste: .+\n$/);
        expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
      }
    }
  });

  it('help and version exit 0', async () => {
    expect((await run(['--help'])).stdout).toMatch(/Usage: geste analyze/);
    expect((await run(['--version'])).stdout).toMatch(/^geste \d+\.\d+\.\d+/);
  });
});

describe('frames.csv', () => {
  it('writes empty cells where a value is not measurable and quotes reason lists', () => {
    const frames: FrameMeasure[] = [
      { frameIndex: 0, timestampMs: 0, state: 'measured', reasons: [], confidence: 0.9, method: 'face-mesh', rotationDeg: 12.3456, tiltDeg: -1, flexionDeg: 0, lateralShiftCm: null, shoulderElevationDeg: 2 },
      { frameIndex: 1, timestampMs: 33.3, state: 'not-measurable', reasons: ['no-face', 'no-shoulders'], confidence: 0, method: 'none', rotationDeg: null, tiltDeg: null, flexionDeg: null, lateralShiftCm: null, shoulderElevationDeg: null },
    ];
    const lines = framesToCsv(frames).trim().split('\n');
    expect(lines[0]).toBe('frameIndex,timestampMs,state,method,confidence,rotationDeg,tiltDeg,flexionDeg,lateralShiftCm,shoulderElevationDeg,reasons');
    expect(lines[1]).toBe('0,0,measured,face-mesh,0.9,12.346,-1,0,,2,');
    expect(lines[2]).toBe('1,33.3,not-measurable,none,0,,,,,,no-face no-shoulders');
  });
});
