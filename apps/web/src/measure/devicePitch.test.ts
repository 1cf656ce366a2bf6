import { describe, expect, it } from 'vitest';
import { DevicePitchSensor, NO_SENSOR_AFTER_MS, usablePitchDeg } from './devicePitch.ts';
import type { DevicePitchEnv, DevicePitchState } from './devicePitch.ts';

/** A real EventTarget and a manual clock for the no-sensor timeout. */
function env(over: Partial<DevicePitchEnv> = {}): DevicePitchEnv & { fire(): void } {
  let pending: (() => void) | null = null;
  return {
    target: new EventTarget(),
    supported: true,
    touchFirst: true,
    setTimeout: (cb) => ((pending = cb), 1),
    clearTimeout: () => (pending = null),
    fire: () => pending?.(),
    ...over,
  };
}
function orientation(beta: number | null, gamma: number | null, timeStamp: number): Event {
  return Object.assign(new Event("deviceorientation"), { beta, gamma, atMs: timeStamp });
}
function sensor(e: DevicePitchEnv): { s: DevicePitchSensor; states: DevicePitchState[] } {
  const states: DevicePitchState[] = [];
  return { s: new DevicePitchSensor(e, (x) => states.push(x)), states };
}

describe('DevicePitchSensor', () => {
  it('says unsupported where the browser has no DeviceOrientation (a laptop)', async () => {
    const { s } = sensor(env({ supported: false }));
    await s.start();
    expect(s.state.kind).toBe('unsupported');
    expect(usablePitchDeg(s.state)).toBeNull();
  });

  it('says no-sensor when only null readings come (desktop Chrome) within the wait', async () => {
    const e = env();
    const { s } = sensor(e);
    await s.start();
    expect(s.state.kind).toBe('waiting');
    e.target.dispatchEvent(orientation(null, null, 10));
    e.fire(); // NO_SENSOR_AFTER_MS elapsed
    expect(NO_SENSOR_AFTER_MS).toBeGreaterThan(0);
    expect(s.state.kind).toBe('no-sensor');
  });

  it('reads a device leaning back 10° as the camera looking 10° up (median of the last second)', async () => {
    const e = env();
    const { s } = sensor(e);
    await s.start();
    for (let i = 0; i < 20; i++) s.push({ beta: 80 + (i % 2 ? 0.5 : -0.5), gamma: 0, timeStamp: i * 50 });
    expect(s.state.kind).toBe('ok');
    expect(usablePitchDeg(s.state)).toBeCloseTo(10, 0);
    e.fire(); // a late timeout does not undo a reading
    expect(s.state.kind).toBe('ok');
  });

  it('says moving while the readings spread, and not-upright for a device lying flat', async () => {
    const { s } = sensor(env());
    await s.start();
    s.push({ beta: 90, gamma: 0, timeStamp: 0 });
    s.push({ beta: 70, gamma: 0, timeStamp: 100 });
    expect(s.state.kind).toBe('moving');
    expect(usablePitchDeg(s.state)).toBeNull();
    for (let i = 0; i < 30; i++) s.push({ beta: 5, gamma: 0, timeStamp: 2000 + i * 50 });
    expect(s.state).toMatchObject({ kind: 'not-upright' });
  });

  it('iOS: waits for a tap, then reports a refusal as denied', async () => {
    const { s } = sensor(env({ requestPermission: () => Promise.resolve('denied') }));
    await s.start();
    expect(s.state.kind).toBe('needs-permission');
    await s.requestPermission();
    expect(s.state.kind).toBe('denied');
  });

  it('a desktop browser with the permission call but no touch screen just listens (no button)', async () => {
    const e = env({ touchFirst: false, requestPermission: () => Promise.resolve('granted') });
    const { s } = sensor(e);
    await s.start();
    expect(s.state.kind).toBe('waiting');
    e.fire();
    expect(s.state.kind).toBe('no-sensor');
  });

  it('Android: a motion-sensor permission already refused is denied without listening', async () => {
    const { s } = sensor(env({ queryPermission: () => Promise.resolve('denied') }));
    await s.start();
    expect(s.state.kind).toBe('denied');
  });
});
