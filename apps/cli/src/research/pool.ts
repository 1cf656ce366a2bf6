/**
 * A fixed pool of worker threads, each analysing one video at a time. Videos are handed out as threads
 * free up, so a long video does not hold back the rest. `close()` terminates every thread (also mid-video).
 */
import { Worker } from 'node:worker_threads';
import type { VideoJob, VideoOutcome } from './job.ts';

export interface VideoPool {
  run(job: VideoJob): Promise<VideoOutcome>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: ((o: VideoOutcome) => void) | null;
  fail: ((e: Error) => void) | null;
}

export function createVideoPool(threads: number): VideoPool {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`createVideoPool: threads must be a whole number ≥ 1, got ${threads}.`);
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  let closed = false;
  for (let i = 0; i < threads; i++) {
    const worker = new Worker(new URL('./thread.boot.mjs', import.meta.url));
    let markReady!: () => void;
    const slot: Slot = { worker, ready: new Promise((r) => (markReady = r)), busy: null, fail: null };
    worker.on('message', (m: VideoOutcome | 'ready') => {
      if (m === 'ready') return markReady();
      const done = slot.busy;
      slot.busy = null;
      slot.fail = null;
      done?.(m);
      waiting.shift()?.();
    });
    worker.on('error', (e) => slot.fail?.(e));
    worker.on('exit', (code) => {
      if (!closed) slot.fail?.(new Error(`A research worker thread stopped (exit code ${code}).`));
    });
    slots.push(slot);
  }
  return {
    async run(job) {
      for (;;) {
        if (closed) throw new Error('The video pool is closed.');
        const slot = slots.find((s) => s.busy === null);
        if (slot) {
          slot.busy = () => {}; // claimed before the await, so no other caller takes it
          await slot.ready;
          return new Promise<VideoOutcome>((resolve, reject) => {
            slot.busy = resolve;
            slot.fail = reject;
            slot.worker.postMessage(job);
          });
        }
        await new Promise<void>((r) => waiting.push(r));
      }
    },
    async close() {
      closed = true;
      for (const w of waiting.splice(0)) w();
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
