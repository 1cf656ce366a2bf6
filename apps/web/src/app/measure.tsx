/**
 * App-wide measurement state: the camera, the detector, the loop, the camera's pitch against gravity,
 * and the person's training start. Every number is against the anatomical zero (reference.ts); the
 * straightest posture is stored separately as the training start and never moves the zero.
 * Screens read snapshots with `useMeasure()` (re-rendered at most ~10×/s) and get every frame through
 * `subscribe()` for session logic, so a 30 fps loop does not re-render the whole app 30 times a second.
 */
import { translate, useI18n } from '../i18n/i18n.tsx';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { FrameMeasure } from '@geste/core';
import { CameraError, cameraErrorFrom, listCameras, openCamera } from '../camera/camera.ts';
import type { CameraChoice, OpenCamera } from '../camera/camera.ts';
import type { FrameDetector } from '../vision/detector.ts';
import { MeasureLoop } from '../measure/loop.ts';
import type { LoopStatus, LoopTick } from '../measure/loop.ts';
import { anatomicalNeutral } from '../measure/pose.ts';
import type { Neutral } from '../measure/pose.ts';
import { EngineKeeper, FlexionZeroWatch } from '../measure/reference.ts';
import type { FlexionZero, FlexionZeroChange, PitchSource } from '../measure/reference.ts';
import { trainingStartFromJson } from '@geste/core';
import type { StraightestCheck } from '@geste/core';
import { DevicePitchSensor, browserPitchEnv, usablePitchDeg } from '../measure/devicePitch.ts';
import type { DevicePitchState } from '../measure/devicePitch.ts';
import { db, getSetting, putSetting } from '../store/db.ts';
import { debugHookEnabled } from '../debugHook.ts';

/**
 * The person's straightest comfortable posture, measured against the anatomical zero (core
 * `checkStraightest`): their training start (`check.trainingStart`), with the words and reference shown.
 */
export interface TrainingStart {
  readonly check: Extract<StraightestCheck, { ok: true }>;
  readonly measuredAtMs: number;
}

/** A stored training start, checked with core's validator; null (and dropped) when it does not parse. */
function storedTrainingStart(v: unknown): TrainingStart | null {
  try {
    const t = v as TrainingStart;
    if (!t || typeof t !== 'object' || !t.check || t.check.ok !== true || typeof t.check.sentence !== 'string' || !Number.isFinite(t.measuredAtMs)) return null;
    trainingStartFromJson(t.check.trainingStart);
    return t;
  } catch {
    return null;
  }
}

export type DetectorState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; info: string } | { kind: 'error'; message: string };

export interface MeasureSnapshot {
  readonly cameraOn: boolean;
  readonly cameraError: CameraError | null;
  readonly cameraLabel: string;
  readonly cameras: readonly CameraChoice[];
  readonly detector: DetectorState;
  readonly loopStatus: LoopStatus | null;
  readonly loopDetail: string | null;
  readonly latest: FrameMeasure | null;
  readonly facesInView: number;
  readonly brightness: number | null;
  /** Always the anatomical zero (kept for records that store `neutral`). */
  readonly neutral: Neutral;
  /** The training start (straightest posture), or null until measured. */
  readonly trainingStart: TrainingStart | null;
  /** An older version saved a calibrated "neutral" as the zero; it was dropped (say so once). */
  readonly oldNeutralDropped: boolean;
  /** The camera's pitch against gravity (phones and tablets), or why there is none. */
  readonly devicePitch: DevicePitchState;
  /** Laptops: the person says the camera is at eye height and level (set-up words). */
  readonly cameraLevelConfirmed: boolean;
  /** What the engine uses for the camera's pitch. */
  readonly pitchSource: PitchSource;
  readonly fps: number;
  readonly latencyMs: number | null;
  /**
   * The chin up/down zero in this camera run (null until a frame has chin up/down) and its latest change
   * (core decides once per recording whether the face's own zero is used; measure/reference.ts).
   */
  readonly flexionZero: FlexionZero | null;
  readonly flexionZeroChange: FlexionZeroChange | null;
  /** Counts camera starts: frames of one run belong together (the live trace starts empty on a new run). */
  readonly cameraRun: number;
}

export interface MeasureApi {
  snapshot(): MeasureSnapshot;
  subscribeSnapshot(cb: () => void): () => void;
  /** Every analysed frame, as it comes. */
  subscribe(cb: (tick: LoopTick) => void): () => void;
  startCamera(deviceId?: string): Promise<void>;
  stopCamera(): void;
  setTrainingStart(t: TrainingStart | null): Promise<void>;
  /** iOS: ask for the motion sensors (call from a click). */
  requestPitchPermission(): Promise<void>;
  /** Laptops: the camera is (or is no longer) set level at eye height. */
  setCameraLevelConfirmed(on: boolean): Promise<void>;
  /** What the screen needs from the models now (hands during sensory-trick windows); @geste/vision schedule.ts. */
  setModelNeeds(needs: { readonly hands: boolean }): void;
  readonly video: HTMLVideoElement;
  /** The open camera (for an optional local recording). */
  camera(): OpenCamera | null;
}

const Ctx = createContext<MeasureApi | null>(null);

export interface DebugStats {
  framesMeasured: number;
  latenciesMs: number[];
  frameTimesMs: number[];
  loopStatus: LoopStatus | null;
  cameraError: string | null;
  track: MediaStreamTrack | null;
  latest: FrameMeasure | null;
  /** The detector in use, e.g. 'human-wasm-worker' (null until it is ready). */
  detectorKind: string | null;
  /** The detector's models and WASM build (for bench/web-fps.ts). */
  detectorModels: Readonly<Record<string, string>> | null;
}
declare global {
  interface Window {
    /** Only when the test harness asked for it (debugHook.ts); never in a person's browser. */
    gesteDebug?: DebugStats;
  }
}

// One measurement API per detector factory for the page's lifetime: it owns the camera and the
// <video>, which must not be duplicated if React re-creates memoised values.
const apis = new WeakMap<() => Promise<FrameDetector>, MeasureApi>();

export function MeasureProvider(props: { createDetector: () => Promise<FrameDetector>; children: ReactNode }): ReactNode {
  const createDetector = props.createDetector;
  const api = useMemo<MeasureApi>(() => {
    const existing = apis.get(createDetector);
    if (existing) return existing;
    const created = createMeasureApi(createDetector);
    apis.set(createDetector, created);
    return created;
  }, [createDetector]);
  // The measurement loop (and the camera) go when the provider goes: stopCamera disposes the loop.
  useEffect(() => () => api.stopCamera(), [api]);
  return <Ctx.Provider value={api}>{props.children}</Ctx.Provider>;
}

function createMeasureApi(createDetector: () => Promise<FrameDetector>): MeasureApi {
  {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.autoplay = true;
    video.className = 'camera-video';
    video.setAttribute('aria-label', translate('en', 'm.video.label')); // VideoSlot sets it in the chosen language
    // Keep the video in the document even when no screen shows it, so frames keep flowing.
    const parking = document.createElement('div');
    parking.className = 'video-parking';
    parking.setAttribute('aria-hidden', 'true');
    document.body.appendChild(parking);
    parking.appendChild(video);
    let snap: MeasureSnapshot = {
      cameraOn: false,
      cameraError: null,
      cameraLabel: '',
      cameras: [],
      detector: { kind: 'idle' },
      loopStatus: null,
      loopDetail: null,
      latest: null,
      facesInView: 0,
      brightness: null,
      neutral: anatomicalNeutral(),
      trainingStart: null,
      oldNeutralDropped: false,
      devicePitch: { kind: 'idle' },
      cameraLevelConfirmed: false,
      pitchSource: { kind: 'unknown' },
      fps: 0,
      latencyMs: null,
      flexionZero: null,
      flexionZeroChange: null,
      cameraRun: 0,
    };
    const snapListeners = new Set<() => void>();
    const tickListeners = new Set<(t: LoopTick) => void>();
    // One engine per camera run; within a run a change of the camera's pitch (the sensor wins over the
    // person's word; a sensor's pitch counts when it moves by a degree or more) changes only its pitch, so the
    // face's own chin up/down zero is not decided again mid-exam (EngineKeeper).
    const keeper = new EngineKeeper({ kind: 'unknown' });
    const updatePitch = (st: DevicePitchState, levelConfirmed: boolean): void => {
      const deg = usablePitchDeg(st);
      const next: PitchSource = deg !== null ? { kind: 'sensor', pitchDeg: deg } : levelConfirmed ? { kind: 'level-at-eye-height' } : { kind: 'unknown' };
      const changed = keeper.setPitch(next);
      set({ devicePitch: st, cameraLevelConfirmed: levelConfirmed, ...(changed ? { pitchSource: next } : {}) }, changed || (st.kind !== 'ok' && st.kind !== 'moving'));
    };
    const pitchSensor = new DevicePitchSensor(browserPitchEnv(), (st) => updatePitch(st, snap.cameraLevelConfirmed));
    let detector: FrameDetector | null = null;
    let detectorPromise: Promise<FrameDetector> | null = null;
    let cam: OpenCamera | null = null;
    let loop: MeasureLoop | null = null;
    let pendingEmit = false;
    let lastEmitMs = 0;
    const debug: DebugStats = { framesMeasured: 0, latenciesMs: [], frameTimesMs: [], loopStatus: null, cameraError: null, track: null, latest: null, detectorKind: null, detectorModels: null };
    if (debugHookEnabled()) window.gesteDebug = debug;

    const set = (patch: Partial<MeasureSnapshot>, immediate = true): void => {
      snap = { ...snap, ...patch };
      const now = performance.now();
      if (immediate || now - lastEmitMs > 100) {
        lastEmitMs = now;
        pendingEmit = false;
        for (const l of snapListeners) l();
      } else if (!pendingEmit) {
        pendingEmit = true;
        setTimeout(() => {
          if (!pendingEmit) return;
          pendingEmit = false;
          lastEmitMs = performance.now();
          for (const l of snapListeners) l();
        }, 100);
      }
    };

    let modelNeeds = { hands: false };
    const getDetector = (): Promise<FrameDetector> => {
      if (detector) return Promise.resolve(detector);
      if (!detectorPromise) {
        set({ detector: { kind: 'loading' } });
        detectorPromise = createDetector().then(
          (d) => {
            detector = d;
            d.setNeeds?.(modelNeeds);
            debug.detectorKind = d.info.kind;
            debug.detectorModels = d.info.models;
            set({ detector: { kind: 'ready', info: d.info.kind } });
            return d;
          },
          (e: unknown) => {
            detectorPromise = null;
            set({ detector: { kind: 'error', message: e instanceof Error ? e.message : String(e) } });
            throw e;
          },
        );
      }
      return detectorPromise;
    };

    const recentFrames: number[] = [];
    let zeroWatch = new FlexionZeroWatch();
    const onTick = (tick: LoopTick): void => {
      for (const l of tickListeners) l(tick);
      zeroWatch.push(tick.measure);
      const z = zeroWatch.current, shown = snap.flexionZero;
      if (z && (!shown || shown.zero !== z.zero || shown.decision !== z.decision)) set({ flexionZero: z, flexionZeroChange: zeroWatch.lastChange });
      const doneMs = performance.now();
      const latency = doneMs - tick.frameAtMs;
      debug.framesMeasured++;
      debug.latenciesMs.push(latency);
      debug.frameTimesMs.push(doneMs);
      if (debug.latenciesMs.length > 2000) debug.latenciesMs.splice(0, 1000);
      if (debug.frameTimesMs.length > 2000) debug.frameTimesMs.splice(0, 1000);
      debug.latest = tick.measure;
      recentFrames.push(doneMs);
      while (recentFrames.length > 0 && doneMs - recentFrames[0]! > 2000) recentFrames.shift();
      const fps = recentFrames.length > 1 ? ((recentFrames.length - 1) * 1000) / (doneMs - recentFrames[0]!) : 0;
      set(
        {
          latest: tick.measure,
          facesInView: tick.frame.faces.length,
          ...(tick.brightness !== null ? { brightness: tick.brightness } : {}),
          fps,
          latencyMs: latency,
        },
        false,
      );
    };

    const onStatus = (s: LoopStatus, detail?: string): void => {
      debug.loopStatus = s;
      if (s === 'camera-ended') {
        loop?.dispose();
        loop = null;
        cam?.close();
        cam = null;
        debug.track = null;
        const err = new CameraError('camera-ended', 'The camera track ended.');
        debug.cameraError = err.code;
        set({ loopStatus: s, loopDetail: detail ?? null, cameraOn: false, cameraError: err, latest: null });
        return;
      }
      set({ loopStatus: s, loopDetail: detail ?? null });
    };

    const api: MeasureApi = {
      video,
      snapshot: () => snap,
      subscribeSnapshot(cb) {
        snapListeners.add(cb);
        return () => snapListeners.delete(cb);
      },
      subscribe(cb) {
        tickListeners.add(cb);
        return () => tickListeners.delete(cb);
      },
      camera: () => cam,
      async startCamera(deviceId) {
        api.stopCamera();
        // A new camera run is a new recording: the face's own zero is decided again (EngineKeeper).
        keeper.newRun();
        zeroWatch = new FlexionZeroWatch();
        set({ cameraError: null, loopStatus: 'starting', flexionZero: null, flexionZeroChange: null, cameraRun: snap.cameraRun + 1 });
        debug.cameraError = null;
        try {
          const [c, d] = await Promise.all([openCamera(deviceId), getDetector()]);
          cam = c;
          debug.track = c.track;
          video.srcObject = c.stream;
          await video.play().catch(() => undefined);
          const cameras = await listCameras().catch(() => []);
          loop = new MeasureLoop({ video, track: c.track, detector: d, engine: () => keeper.engine, onTick, onStatus });
          set({ cameraOn: true, cameraLabel: c.label, cameras });
          loop.start();
        } catch (e) {
          // A detector failure is shown through `detector` state; anything else is a camera error.
          const detectorFailed = snap.detector.kind === 'error';
          const err = e instanceof CameraError ? e : detectorFailed ? null : cameraErrorFrom(e);
          cam?.close();
          cam = null;
          debug.cameraError = err?.code ?? 'detector';
          set({ cameraOn: false, cameraError: err, loopStatus: null });
        }
      },
      stopCamera() {
        loop?.dispose();
        loop = null;
        cam?.close();
        cam = null;
        debug.track = null;
        video.srcObject = null;
        set({ cameraOn: false, latest: null });
      },
      async setTrainingStart(t) {
        set({ trainingStart: t });
        await putSetting('trainingStart', t);
      },
      requestPitchPermission: () => pitchSensor.requestPermission(),
      async setCameraLevelConfirmed(on) {
        updatePitch(snap.devicePitch, on);
        await putSetting('cameraLevelConfirmed', on);
      },
      setModelNeeds(needs) {
        modelNeeds = needs;
        detector?.setNeeds?.(needs);
      },
    };

    void pitchSensor.start();
    void getSetting<unknown>('trainingStart').then((v) => {
      const t = storedTrainingStart(v);
      if (t && !snap.trainingStart) set({ trainingStart: t });
    });
    void getSetting<boolean>('cameraLevelConfirmed').then((on) => {
      if (on === true) updatePitch(snap.devicePitch, true);
    });
    // Versions before the anatomical zero stored a calibrated "neutral" and measured from it. It is not
    // used any more (it erased the resting posture from the numbers); drop it and say so once.
    void getSetting<Neutral>('neutral').then(async (n) => {
      if (n && n.kind === 'calibrated') {
        await db().settings.delete('neutral');
        set({ oldNeutralDropped: true });
      }
    });
    void listCameras()
      .then((cameras) => set({ cameras }))
      .catch(() => undefined);
    return api;
  }
}

export function useMeasureApi(): MeasureApi {
  const api = useContext(Ctx);
  if (!api) throw new Error('useMeasureApi outside MeasureProvider');
  return api;
}

export function useMeasure(): MeasureSnapshot {
  const api = useMeasureApi();
  return useSyncExternalStore(api.subscribeSnapshot, api.snapshot);
}

/** Calls `cb` for every analysed frame while mounted. */
export function useTicks(cb: (tick: LoopTick) => void): void {
  const api = useMeasureApi();
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => api.subscribe((t) => ref.current(t)), [api]);
}

/** Places the shared camera <video> in this component. */
export function VideoSlot(props: { className?: string }): ReactNode {
  const api = useMeasureApi();
  const label = useI18n().t('m.video.label');
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    api.video.setAttribute('aria-label', label);
  }, [api, label]);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    el.appendChild(api.video);
    void api.video.play().catch(() => undefined);
    return () => {
      if (api.video.parentElement === el) document.querySelector('.video-parking')?.appendChild(api.video);
    };
  }, [api]);
  return <div ref={host} className={props.className ?? 'video-slot'} />;
}

export function useInterval(cb: () => void, ms: number | null): void {
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => {
    if (ms === null) return;
    const id = setInterval(() => ref.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}

export function useForceRender(): () => void {
  const [, set] = useState(0);
  return useCallback(() => set((n) => n + 1), []);
}
