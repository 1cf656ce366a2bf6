/**
 * The live measurement loop: video frame → detector → LandmarkFrame → core pose → FrameMeasure → listeners.
 *
 * - One frame in flight at a time: frames that arrive while the detector is busy are skipped, so
 *   feedback always describes the newest frame (latency over completeness); the newest skipped frame
 *   is analysed as soon as the detector frees. (Sending frame n+1 while frame n is detected was
 *   measured too: as many measurements per second as this catch-up, at about twice the latency.)
 * - Time is the frame's own presentation/capture time (performance.now() clock), not the time
 *   the detector finished.
 * - Pauses when the tab is hidden (browsers stop delivering video frames to hidden tabs) and reports it;
 *   reports a camera that ended (unplugged, revoked) instead of freezing.
 */
import type { FrameMeasure, LandmarkFrame } from '@geste/core';
import type { FrameDetector } from '../vision/detector.ts';
import type { PoseEngine } from './pose.ts';

export type LoopStatus = 'starting' | 'running' | 'paused-hidden' | 'camera-ended' | 'stopped' | 'error';

export interface LoopTick {
  readonly frame: LandmarkFrame;
  readonly measure: FrameMeasure;
  /** When the frame was captured/presented (performance.now() clock, ms). */
  readonly frameAtMs: number;
  /** When the detector and pose finished (same clock). */
  readonly measuredAtMs: number;
  /** Mean luma 0..255 of the frame, sampled every few frames; null between samples. */
  readonly brightness: number | null;
}

export interface LoopDeps {
  readonly video: HTMLVideoElement;
  readonly track: MediaStreamTrack | null;
  readonly detector: FrameDetector;
  /** Read on every frame, so a new calibration takes effect at once. */
  readonly engine: () => PoseEngine;
  readonly onTick: (tick: LoopTick) => void;
  readonly onStatus: (status: LoopStatus, detail?: string) => void;
  /** Sample brightness every N analysed frames (0 = never). */
  readonly brightnessEvery?: number;
}

type VideoWithRvfc = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number, meta: { presentationTime: number; captureTime?: number; mediaTime: number }) => void) => number;
  cancelVideoFrameCallback?: (id: number) => void;
};

export class MeasureLoop {
  private running = false;
  private busy = false;
  /** Presentation time of the newest frame skipped while the detector was full (analysed as soon as it frees). */
  private skippedFrameAtMs: number | null = null;
  private frameIndex = 0;
  private lastTimestampMs = -Infinity;
  private handle: number | null = null;
  private status: LoopStatus = 'starting';
  private disposed = false;
  private readonly lumaCanvas: HTMLCanvasElement;
  private readonly onVisibility = (): void => this.visibilityChanged();
  private readonly onEnded = (): void => this.setStatus('camera-ended');

  constructor(private readonly deps: LoopDeps) {
    this.lumaCanvas = document.createElement('canvas');
    this.lumaCanvas.width = 32;
    this.lumaCanvas.height = 24;
  }

  get currentStatus(): LoopStatus {
    return this.status;
  }

  start(): void {
    if (this.running || this.disposed) return;
    this.running = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.deps.track?.addEventListener('ended', this.onEnded);
    this.setStatus(document.visibilityState === 'hidden' ? 'paused-hidden' : 'running');
    this.schedule();
  }

  /**
   * Stops for good and lets go of everything the loop holds: the frame callback, the document and
   * track listeners, the brightness canvas. Idempotent; `start()` after it does nothing. Call it when
   * the screen that owns the loop goes away (the detector and the camera belong to the caller).
   */
  dispose(): void {
    if (this.disposed) return;
    this.stop();
    // After 'camera-ended' or 'error' the loop is no longer running and stop() does nothing: the
    // listeners are removed here in every case.
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.deps.track?.removeEventListener('ended', this.onEnded);
    this.cancel();
    this.disposed = true;
    this.lumaCanvas.width = 0;
    this.lumaCanvas.height = 0;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.deps.track?.removeEventListener('ended', this.onEnded);
    this.cancel();
    if (this.status !== 'camera-ended' && this.status !== 'error') this.setStatus('stopped');
  }

  private setStatus(s: LoopStatus, detail?: string): void {
    if (s === this.status && detail === undefined) return;
    this.status = s;
    if (s === 'camera-ended' || s === 'error') {
      this.running = false;
      this.cancel();
    }
    this.deps.onStatus(s, detail);
  }

  private visibilityChanged(): void {
    if (!this.running) return;
    if (document.visibilityState === 'hidden') {
      this.setStatus('paused-hidden');
    } else {
      this.setStatus('running');
      this.schedule();
    }
  }

  private cancel(): void {
    const v = this.deps.video as VideoWithRvfc;
    if (this.handle !== null) {
      if (v.cancelVideoFrameCallback) v.cancelVideoFrameCallback(this.handle);
      else cancelAnimationFrame(this.handle);
    }
    this.handle = null;
  }

  private schedule(): void {
    if (!this.running || this.handle !== null) return;
    const v = this.deps.video as VideoWithRvfc;
    if (v.requestVideoFrameCallback) {
      this.handle = v.requestVideoFrameCallback((_now, meta) => {
        this.handle = null;
        void this.onFrame(meta.captureTime ?? meta.presentationTime);
      });
    } else {
      this.handle = requestAnimationFrame((now) => {
        this.handle = null;
        void this.onFrame(now);
      });
    }
  }

  private async onFrame(frameAtMs: number): Promise<void> {
    if (!this.running) return;
    if (this.deps.track && this.deps.track.readyState === 'ended') {
      this.setStatus('camera-ended');
      return;
    }
    if (document.visibilityState === 'hidden') {
      this.setStatus('paused-hidden');
      return;
    }
    const video = this.deps.video;
    if (video.readyState < 2 || video.videoWidth === 0) {
      this.schedule();
      return;
    }
    if (this.busy) {
      this.skippedFrameAtMs = frameAtMs;
      this.schedule();
      return;
    }
    this.skippedFrameAtMs = null;
    // Strictly increasing timestamps (two callbacks can report the same presentation time).
    const timestampMs = Math.max(frameAtMs, this.lastTimestampMs + 0.001);
    this.lastTimestampMs = timestampMs;
    this.busy = true;
    this.schedule(); // ask for the next frame now; it is skipped if we are still busy
    try {
      const index = this.frameIndex++;
      const frame = await this.deps.detector.detect(video, index, timestampMs);
      if (!this.running) return;
      const measure = this.deps.engine().measure(frame);
      const every = this.deps.brightnessEvery ?? 15;
      const brightness = every > 0 && index % every === 0 ? this.sampleBrightness() : null;
      this.deps.onTick({ frame, measure, frameAtMs, measuredAtMs: performance.now(), brightness });
    } catch (e) {
      if (this.running) this.setStatus('error', e instanceof Error ? e.message : String(e));
    } finally {
      this.busy = false;
    }
    // Catch up: a frame shown while the detector was busy is still the <video>'s current picture, so
    // analyse it now instead of idling until the next frame callback (its latency counts from its own
    // presentation time, so the wait is measured, not hidden).
    const skipped = this.skippedFrameAtMs;
    if (skipped !== null && this.running) {
      this.skippedFrameAtMs = null;
      void this.onFrame(skipped);
    }
  }

  private sampleBrightness(): number | null {
    const ctx = this.lumaCanvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    ctx.drawImage(this.deps.video, 0, 0, 32, 24);
    const d = ctx.getImageData(0, 0, 32, 24).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += 0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!;
    return sum / (d.length / 4);
  }
}
