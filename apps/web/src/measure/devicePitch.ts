/**
 * The camera's pitch against gravity on phones and tablets (DeviceOrientation), for core's flexion zero.
 * Adapter only: the angle itself comes from core (`frontCameraPitchDeg`). What this file owns is the
 * browser side — permission (iOS asks through `DeviceOrientationEvent.requestPermission()` from a tap),
 * sensors that are missing (desktop browsers fire no event, or events with null angles) or denied
 * (Android's motion-sensor permission), a device that is moving — each a state with words (words.ts).
 *
 * The reading is the median of the last second of events, so a hand-held device's shake does not move it;
 * it is called 'moving' while those readings spread over more than MAX_SPREAD_DEG.
 */
import { frontCameraPitchDeg } from '@geste/core';

/** A camera pitched further than this from level cannot film a seated person's face usefully, deg. */
export const MAX_USEFUL_CAMERA_PITCH_DEG = 45;

export type DevicePitchState =
  | { readonly kind: 'idle' }
  /** iOS: the sensors need a tap on a button first. */
  | { readonly kind: 'needs-permission' }
  | { readonly kind: 'waiting' }
  /** No DeviceOrientation in this browser (most laptops and desktops). */
  | { readonly kind: 'unsupported' }
  /** The API exists but no real reading came (a laptop, or sensors switched off). */
  | { readonly kind: 'no-sensor' }
  | { readonly kind: 'denied' }
  /** Readings, but the device moves too much to trust one. */
  | { readonly kind: 'moving'; readonly spreadDeg: number }
  /** Device lying (almost) flat or upside down: the camera cannot film a face from there. */
  | { readonly kind: 'not-upright'; readonly elevationDeg: number }
  | { readonly kind: 'ok'; readonly elevationDeg: number };

/** How long to wait for a first real reading before saying there is no sensor, ms. */
export const NO_SENSOR_AFTER_MS = 1500;
/** Readings kept for the median, ms. */
export const WINDOW_MS = 1000;
/** Readings that spread more than this within the window mean the device is moving, deg. */
export const MAX_SPREAD_DEG = 4;

interface OrientationLike {
  readonly beta: number | null;
  readonly gamma: number | null;
  readonly timeStamp: number;
}

export interface DevicePitchEnv {
  /** Where 'deviceorientation' events arrive (window). */
  readonly target: EventTarget;
  /** DeviceOrientationEvent exists at all. */
  readonly supported: boolean;
  /** iOS's permission request, when the browser has one (desktop Chrome has one too). */
  readonly requestPermission?: () => Promise<'granted' | 'denied' | string>;
  /** A touch-first device (phone, tablet): only there is a permission button worth showing. */
  readonly touchFirst: boolean;
  /** Android/Chrome: the motion-sensor permission as the Permissions API reports it. */
  readonly queryPermission?: () => Promise<'granted' | 'denied' | 'prompt' | string>;
  setTimeout(cb: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export function browserPitchEnv(): DevicePitchEnv {
  const DOE = (globalThis as { DeviceOrientationEvent?: { requestPermission?: () => Promise<string> } }).DeviceOrientationEvent;
  const perms = (navigator as Navigator & { permissions?: Permissions }).permissions;
  return {
    target: window,
    supported: typeof DOE !== 'undefined',
    touchFirst: typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches,
    ...(DOE && typeof DOE.requestPermission === 'function' ? { requestPermission: () => DOE.requestPermission!() } : {}),
    ...(perms
      ? {
          queryPermission: () =>
            perms
              .query({ name: 'accelerometer' as PermissionName })
              .then((r) => r.state)
              .catch(() => 'prompt'),
        }
      : {}),
    setTimeout: (cb, ms) => window.setTimeout(cb, ms),
    clearTimeout: (id) => window.clearTimeout(id as number),
  };
}

/** Reads the camera's pitch; `onChange` gets every new state (the reading at most a few times a second). */
export class DevicePitchSensor {
  private stateValue: DevicePitchState = { kind: 'idle' };
  private readings: { tMs: number; deg: number }[] = [];
  private timer: unknown = null;
  private listening = false;
  private lastEmitMs = -Infinity;
  private readonly onEvent = (e: Event): void => this.push(e as unknown as OrientationLike);

  constructor(
    private readonly env: DevicePitchEnv,
    private readonly onChange: (s: DevicePitchState) => void,
  ) {}

  get state(): DevicePitchState {
    return this.stateValue;
  }

  /**
   * Starts without a user gesture where the browser allows it; on a phone or tablet whose browser asks
   * first (iOS), waits for `requestPermission()` from a tap. Desktop browsers may have the permission call
   * too, but no sensor: they just listen, and end at 'no-sensor'.
   */
  async start(): Promise<void> {
    if (!this.env.supported) return this.set({ kind: 'unsupported' });
    if (this.env.requestPermission && this.env.touchFirst) return this.set({ kind: 'needs-permission' });
    if (this.env.queryPermission && (await this.env.queryPermission()) === 'denied') return this.set({ kind: 'denied' });
    this.listen();
  }

  /** Call from a button's click handler (iOS shows its prompt only then). */
  async requestPermission(): Promise<void> {
    if (!this.env.requestPermission) return this.start();
    let answer: string;
    try {
      answer = await this.env.requestPermission();
    } catch {
      answer = 'denied';
    }
    if (answer !== 'granted') return this.set({ kind: 'denied' });
    this.listen();
  }

  stop(): void {
    if (this.listening) this.env.target.removeEventListener('deviceorientation', this.onEvent);
    this.listening = false;
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    this.readings = [];
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.env.target.addEventListener('deviceorientation', this.onEvent);
    this.set({ kind: 'waiting' });
    this.timer = this.env.setTimeout(() => {
      this.timer = null;
      if (this.stateValue.kind === 'waiting') this.set({ kind: 'no-sensor' });
    }, NO_SENSOR_AFTER_MS);
  }

  /** One 'deviceorientation' event (public for tests that replay recorded events). */
  push(e: OrientationLike): void {
    const deg = frontCameraPitchDeg(e.beta, e.gamma);
    if (deg === null) return; // desktop Chrome sends nulls: the 'no-sensor' timer decides
    const t = e.timeStamp;
    this.readings.push({ tMs: t, deg });
    while (this.readings.length > 0 && t - this.readings[0]!.tMs > WINDOW_MS) this.readings.shift();
    const sorted = this.readings.map((r) => r.deg).sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1]!;
    const spread = sorted[sorted.length - 1]! - sorted[0]!;
    const next: DevicePitchState =
      spread > MAX_SPREAD_DEG
        ? { kind: 'moving', spreadDeg: spread }
        : Math.abs(median) > MAX_USEFUL_CAMERA_PITCH_DEG
          ? { kind: 'not-upright', elevationDeg: median }
          : { kind: 'ok', elevationDeg: median };
    // Re-emit a changed kind at once, a changed reading at most every 250 ms.
    if (next.kind !== this.stateValue.kind || t - this.lastEmitMs >= 250) {
      this.lastEmitMs = t;
      this.set(next);
    }
  }

  private set(s: DevicePitchState): void {
    this.stateValue = s;
    this.onChange(s);
  }
}

/** The pitch core may use: a steady reading, or none (and then core says which reference it used). */
export function usablePitchDeg(s: DevicePitchState): number | null {
  return s.kind === 'ok' ? s.elevationDeg : null;
}
