/**
 * EMG transports (the adapters at the edge): OpenBCI Ganglion over Web Bluetooth, OpenBCI Cyton over
 * Web Serial, and simulated boards that send the same bytes through the same decoders. Each returns a
 * core `EmgSource`. Bytes stop here: core's decoders turn them into samples.
 *
 * The simulated boards exist only when a test or a developer sets `window.__GESTE_EMG_SIMULATOR__`
 * before the app loads (Playwright's addInitScript does); nothing in the app's UI can set it.
 */
import {
  CYTON,
  CytonDecoder,
  DEMO_EMG_SCRIPT,
  GANGLION,
  GanglionDecoder,
  cytonUvPerCount,
  simulatedCytonChunks,
  simulatedGanglionPackets,
  parseEmg,
  type EmgEvent,
  type EmgScript,
  type EmgSource,
  type EmgSourceInfo,
  type SimulatedChunk,
} from '@geste/core';

export type ConnectErrorCode = 'unsupported' | 'insecure-context' | 'permission-denied' | 'no-device-chosen' | 'wrong-device' | 'connect-failed';

export class EmgConnectError extends Error {
  override readonly name = 'EmgConnectError';
  constructor(
    readonly code: ConnectErrorCode,
    readonly api: 'bluetooth' | 'serial',
    message: string,
  ) {
    super(message);
  }
}

/** When each event reached this page (performance.now() ms): for the sample-to-cue latency. */
export const arrivalMs = new WeakMap<EmgEvent, number>();

/** A push queue turned into an async iterable (one consumer). */
class EventQueue {
  private items: EmgEvent[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  push(evs: readonly EmgEvent[], atMs: number): void {
    if (this.ended) return;
    for (const e of evs) {
      arrivalMs.set(e, atMs);
      this.items.push(e);
    }
    this.wake?.();
  }
  end(): void {
    this.ended = true;
    this.wake?.();
  }
  get isEnded(): boolean {
    return this.ended;
  }
  async *iterate(): AsyncGenerator<EmgEvent> {
    for (;;) {
      while (this.items.length > 0) yield this.items.shift()!;
      if (this.ended) return;
      await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
    }
  }
}

// ---------------------------------------------------------------- minimal Web Bluetooth / Web Serial types
interface BtCharacteristic extends EventTarget {
  value?: DataView;
  startNotifications(): Promise<BtCharacteristic>;
  stopNotifications(): Promise<BtCharacteristic>;
  writeValue(v: BufferSource): Promise<void>;
}
interface BtService {
  getCharacteristic(uuid: string): Promise<BtCharacteristic>;
}
interface BtServer {
  connected: boolean;
  connect(): Promise<BtServer>;
  disconnect(): void;
  getPrimaryService(uuid: number | string): Promise<BtService>;
}
interface BtDevice extends EventTarget {
  name?: string;
  gatt?: BtServer;
}
interface Bluetooth {
  requestDevice(o: unknown): Promise<BtDevice>;
}
interface SerialPortLike extends EventTarget {
  open(o: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  readable: ReadableStream<Uint8Array> | null;
  writable: WritableStream<Uint8Array> | null;
  getInfo?(): { usbVendorId?: number; usbProductId?: number };
}
interface Serial {
  requestPort(o?: unknown): Promise<SerialPortLike>;
}

export function bluetoothApi(): Bluetooth | null {
  return (navigator as unknown as { bluetooth?: Bluetooth }).bluetooth ?? null;
}
export function serialApi(): Serial | null {
  return (navigator as unknown as { serial?: Serial }).serial ?? null;
}

function mapRequestError(e: unknown, api: 'bluetooth' | 'serial'): EmgConnectError {
  const name = (e as { name?: string })?.name ?? '';
  const msg = String((e as { message?: string })?.message ?? e);
  if (name === 'NotFoundError') {
    // Chromium: the chooser was cancelled, or nothing matching was found
    return new EmgConnectError('no-device-chosen', api, msg);
  }
  if (name === 'SecurityError' || name === 'NotAllowedError') return new EmgConnectError('permission-denied', api, msg);
  return new EmgConnectError('connect-failed', api, msg);
}

const enc = new TextEncoder();

// ---------------------------------------------------------------- Ganglion over Web Bluetooth
export async function connectGanglion(): Promise<EmgSource> {
  if (!window.isSecureContext) throw new EmgConnectError('insecure-context', 'bluetooth', 'not a secure context');
  const bt = bluetoothApi();
  if (!bt) throw new EmgConnectError('unsupported', 'bluetooth', 'navigator.bluetooth is missing');
  let device: BtDevice;
  try {
    device = await bt.requestDevice({ filters: [{ services: [GANGLION.serviceUuid] }, { namePrefix: 'Ganglion' }], optionalServices: [GANGLION.serviceUuid] });
  } catch (e) {
    throw mapRequestError(e, 'bluetooth');
  }
  const gatt = device.gatt;
  if (!gatt) throw new EmgConnectError('wrong-device', 'bluetooth', 'no GATT server');
  let server: BtServer;
  try {
    server = await gatt.connect();
  } catch (e) {
    throw new EmgConnectError('connect-failed', 'bluetooth', String(e));
  }
  let receive: BtCharacteristic;
  let send: BtCharacteristic;
  try {
    const svc = await server.getPrimaryService(GANGLION.serviceUuid);
    receive = await svc.getCharacteristic(GANGLION.receiveUuid);
    send = await svc.getCharacteristic(GANGLION.sendUuid);
  } catch (e) {
    server.disconnect();
    throw new EmgConnectError('wrong-device', 'bluetooth', String(e));
  }
  const q = new EventQueue();
  const decoder = new GanglionDecoder();
  const onValue = (ev: Event): void => {
    const dv = (ev.target as BtCharacteristic).value;
    if (!dv) return;
    q.push(decoder.decode(new Uint8Array(dv.buffer, dv.byteOffset, dv.byteLength)), performance.now());
  };
  let closing = false;
  const onGone = (): void => {
    if (!closing) q.push([{ type: 'disconnected', reason: 'bluetooth' }], performance.now());
    q.end();
  };
  receive.addEventListener('characteristicvaluechanged', onValue);
  device.addEventListener('gattserverdisconnected', onGone);
  try {
    await receive.startNotifications();
    await send.writeValue(enc.encode(GANGLION.commands.start));
  } catch (e) {
    server.disconnect();
    throw new EmgConnectError('connect-failed', 'bluetooth', String(e));
  }
  const info: EmgSourceInfo = { kind: 'ganglion', transport: 'ble', channelCount: GANGLION.channelCount, sampleRateHz: GANGLION.sampleRateHz, fullScaleUv: GANGLION.fullScaleUv, deviceName: device.name ?? 'Ganglion' };
  return {
    info,
    events: () => q.iterate(),
    close: async () => {
      if (closing) return;
      closing = true;
      try {
        if (server.connected) await send.writeValue(enc.encode(GANGLION.commands.stop));
        await receive.stopNotifications();
      } catch {
        /* already gone */
      }
      receive.removeEventListener('characteristicvaluechanged', onValue);
      server.disconnect();
      q.end();
    },
  };
}

// ---------------------------------------------------------------- Cyton over Web Serial
export async function connectCyton(): Promise<EmgSource> {
  if (!window.isSecureContext) throw new EmgConnectError('insecure-context', 'serial', 'not a secure context');
  const serial = serialApi();
  if (!serial) throw new EmgConnectError('unsupported', 'serial', 'navigator.serial is missing');
  let port: SerialPortLike;
  try {
    port = await serial.requestPort();
  } catch (e) {
    throw mapRequestError(e, 'serial');
  }
  try {
    await port.open({ baudRate: CYTON.baudRate });
  } catch (e) {
    throw new EmgConnectError('connect-failed', 'serial', String(e));
  }
  if (!port.readable || !port.writable) throw new EmgConnectError('wrong-device', 'serial', 'port not readable');
  const q = new EventQueue();
  const decoder = new CytonDecoder(24);
  const reader = port.readable.getReader();
  const write = async (s: string): Promise<void> => {
    const w = port.writable!.getWriter();
    try {
      await w.write(enc.encode(s));
    } finally {
      w.releaseLock();
    }
  };
  let closing = false;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (value) q.push(decoder.decode(value), performance.now());
      }
    } catch {
      /* unplugged: read rejects */
    }
    if (!closing) q.push([{ type: 'disconnected', reason: 'serial' }], performance.now());
    q.end();
  })();
  await write(CYTON.commands.reset);
  await write(CYTON.commands.start);
  const info: EmgSourceInfo = { kind: 'cyton', transport: 'serial', channelCount: CYTON.channelCount, sampleRateHz: CYTON.sampleRateHz, fullScaleUv: 8388607 * cytonUvPerCount(24), deviceName: 'Cyton (serial)' };
  return {
    info,
    events: () => q.iterate(),
    close: async () => {
      if (closing) return;
      closing = true;
      try {
        await write(CYTON.commands.stop);
        await reader.cancel();
        reader.releaseLock();
        await port.close();
      } catch {
        /* already gone */
      }
      q.end();
    },
  };
}

// ---------------------------------------------------------------- simulated boards (test hook only)
export interface SimulatorHook {
  readonly script?: EmgScript;
  readonly dropPackets?: readonly number[];
  /** The simulated board disconnects at this time after the start, ms. */
  readonly disconnectAtMs?: number;
  /** Ganglion in accelerometer mode (18-bit packets). */
  readonly accel?: boolean;
}

export function simulatorHook(): SimulatorHook | null {
  const h = (window as unknown as { __GESTE_EMG_SIMULATOR__?: SimulatorHook }).__GESTE_EMG_SIMULATOR__;
  return h && typeof h === 'object' ? h : null;
}

/** A simulated board: the scripted bytes delivered on a 10 ms timer through the real decoders. */
export function simulatedSource(kind: 'ganglion' | 'cyton', hook: SimulatorHook): EmgSource {
  const script = hook.script ?? DEMO_EMG_SCRIPT;
  const opts = { ...(hook.dropPackets ? { dropPackets: hook.dropPackets } : {}), ...(hook.accel ? { accel: true } : {}) };
  const chunks: SimulatedChunk[] = kind === 'ganglion' ? simulatedGanglionPackets(script, opts) : simulatedCytonChunks(script, opts);
  const decode: (b: Uint8Array) => EmgEvent[] = kind === 'ganglion' ? ((d) => (b: Uint8Array) => d.decode(b))(new GanglionDecoder()) : ((d) => (b: Uint8Array) => d.decode(b))(new CytonDecoder(24));
  const q = new EventQueue();
  const t0 = performance.now();
  let next = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const elapsed = now - t0;
    if (hook.disconnectAtMs !== undefined && elapsed >= hook.disconnectAtMs) {
      clearInterval(timer);
      q.push([{ type: 'disconnected', reason: kind === 'ganglion' ? 'bluetooth' : 'serial' }], now);
      q.end();
      return;
    }
    while (next < chunks.length && chunks[next]!.atMs <= elapsed) q.push(decode(chunks[next++]!.bytes), performance.now());
    if (next >= chunks.length) {
      clearInterval(timer);
      q.push([{ type: 'disconnected', reason: 'simulation-ended' }], now);
      q.end();
    }
  }, 10);
  const info: EmgSourceInfo =
    kind === 'ganglion'
      ? { kind, transport: 'simulated-ble', channelCount: GANGLION.channelCount, sampleRateHz: GANGLION.sampleRateHz, fullScaleUv: GANGLION.fullScaleUv, deviceName: 'Simulated Ganglion' }
      : { kind, transport: 'simulated-serial', channelCount: CYTON.channelCount, sampleRateHz: CYTON.sampleRateHz, fullScaleUv: 8388607 * cytonUvPerCount(24), deviceName: 'Simulated Cyton' };
  return {
    info,
    events: () => q.iterate(),
    close: async () => {
      clearInterval(timer);
      q.end();
    },
  };
}

// ---------------------------------------------------------------- replay of a recording, paced in real time
/**
 * A recorded session (core's geste-emg JSON Lines) played back at the speed it was recorded: each
 * samples event is released when its last sample's time has come. Throws EmgError('replay-malformed')
 * with the line and how to fix it for a damaged file.
 */
export function pacedReplaySource(text: string, fileName: string): EmgSource {
  const { info, events } = parseEmg(text);
  const q = new EventQueue();
  const t0 = performance.now();
  let firstMs: number | null = null;
  let next = 0;
  const due = (e: EmgEvent): number => {
    if (e.type !== 'samples' || e.samples.length === 0) return -Infinity;
    const t = e.samples[e.samples.length - 1]!.timestampMs;
    firstMs ??= t;
    return t - firstMs;
  };
  const timer = setInterval(() => {
    const elapsed = performance.now() - t0;
    while (next < events.length && due(events[next]!) <= elapsed) q.push([events[next++]!], performance.now());
    if (next >= events.length) {
      clearInterval(timer);
      q.push([{ type: 'disconnected', reason: 'replay-ended' }], performance.now());
      q.end();
    }
  }, 10);
  return {
    info: { ...info, kind: 'replay', transport: 'file', recordedFrom: info.recordedFrom ?? info.kind, deviceName: `Recording ${fileName}` },
    events: () => q.iterate(),
    close: async () => {
      clearInterval(timer);
      q.end();
    },
  };
}
