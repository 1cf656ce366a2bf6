/**
 * Surface-EMG devices as plain data: what every `EmgSource` produces and the EMG signal chain consumes.
 * Wire formats (Ganglion BLE packets, Cyton serial bytes, recorded JSON) are converted to these at the
 * decoder; nothing downstream sees bytes.
 *
 * Time: `timestampMs` of a sample is its place in the device's own sample clock
 * (sampleIndex × 1000 / sampleRateHz), counting samples that were lost, so a gap stays a gap in time.
 * Core never reads a clock; transports may add the arrival time separately.
 * Values are microvolts at the electrode (`valuesUv`, one per channel, in channel order).
 */

export type EmgDeviceKind = 'ganglion' | 'cyton' | 'replay';

export interface EmgSourceInfo {
  /** Which protocol the samples came through. A replay keeps the original device in `recordedFrom`. */
  readonly kind: EmgDeviceKind;
  /** 'ble', 'serial', 'simulated-ble', 'simulated-serial', 'file'. */
  readonly transport: string;
  readonly channelCount: number;
  readonly sampleRateHz: number;
  /** Largest magnitude the ADC can report, µV (railed at or beyond this). */
  readonly fullScaleUv: number;
  /** Device name as reported (BLE name, serial port info) or '' when unknown. */
  readonly deviceName: string;
  readonly recordedFrom?: EmgDeviceKind;
}

export interface EmgSample {
  /** Index in the device's sample clock, counting lost samples. */
  readonly sampleIndex: number;
  readonly timestampMs: number;
  readonly valuesUv: readonly number[];
}

/** What a source emits, in order. */
export type EmgEvent =
  | { readonly type: 'samples'; readonly samples: readonly EmgSample[] }
  /** Packets missing by the device's counter (sample-counter gap). `lostSamples` were skipped in time. */
  | { readonly type: 'loss'; readonly lostPackets: number; readonly lostSamples: number; readonly atSampleIndex: number }
  /** Accelerometer in g (x, y, z as the board labels them). */
  | { readonly type: 'accel'; readonly accelG: readonly [number, number, number]; readonly atSampleIndex: number }
  /** Electrode impedance in ohms; channel 0 = reference (Ganglion), 1… = channels. */
  | { readonly type: 'impedance'; readonly channel: number; readonly ohms: number | null }
  /** Text the board sent (firmware messages). */
  | { readonly type: 'message'; readonly text: string }
  /** Bytes that were not a valid packet (skipped; counted so a bad cable shows). */
  | { readonly type: 'garbage'; readonly bytes: number }
  /** The device went away; the source ends after this event. */
  | { readonly type: 'disconnected'; readonly reason: string };

/**
 * A stream of EMG events: a Bluetooth or serial board, a simulated board, or a replayed recording.
 * Same shape as `LandmarkSource`: `info`, one async stream, `close()`.
 */
export interface EmgSource {
  readonly info: EmgSourceInfo;
  events(): AsyncIterable<EmgEvent>;
  /** Stops the stream (sends the stop command where there is one) and releases the device. Safe to call twice. */
  close(): Promise<void>;
}

/** Closed codes for EMG input and parameter errors. */
export type EmgErrorCode = 'invalid-parameter' | 'bad-packet' | 'replay-malformed';

export class EmgError extends Error {
  override readonly name = 'EmgError';
  constructor(
    readonly code: EmgErrorCode,
    message: string,
    readonly detail: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function requireFinitePositive(name: string, v: number): void {
  if (!Number.isFinite(v) || v <= 0) throw new EmgError('invalid-parameter', `${name} must be a finite number > 0, got ${String(v)}. Pass a positive value.`, { name, value: v });
}
