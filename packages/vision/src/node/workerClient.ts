/**
 * The main thread's side of a detector worker (`detectWorker.ts`, `pipelineWorker.ts`): start it, wait for
 * 'ready', send numbered requests and match each 'result' or 'error' to its request, close politely (then
 * terminate after 5 s). A crashed worker rejects every request still waiting, in words.
 */
import { Worker } from 'node:worker_threads';
import { VisionError, type VisionErrorCode } from '../errors.ts';

/** What a worker sends back; `R` is the payload of a result (e.g. `{ frame, times }`). */
export type WorkerOutMsg<I, R> =
  | { type: 'ready'; info: I }
  | ({ type: 'result'; seq: number } & R)
  | { type: 'error'; seq: number; code: VisionErrorCode; message: string }
  | { type: 'closed' };

export interface WorkerClient<I, R> {
  /** What the worker reported when ready (e.g. the model versions). */
  readonly info: I;
  /** Sends `msg` with a fresh sequence number, transferring `transfer`; resolves with the result's payload. */
  request(msg: Readonly<Record<string, unknown>>, transfer: readonly ArrayBuffer[]): Promise<R>;
  close(): Promise<void>;
}

/** Starts the worker at `bootUrl`, posts `initMsg` and waits until it is ready. `who` names it in errors. */
export async function startWorkerClient<I, R>(bootUrl: URL, initMsg: Readonly<Record<string, unknown>>, who: string): Promise<WorkerClient<I, R>> {
  const w = new Worker(bootUrl);
  const waiting = new Map<number, { resolve: (v: R) => void; reject: (e: unknown) => void }>();
  let seq = 0;
  let onReady: ((info: I) => void) | null = null;
  let onInitError: ((e: unknown) => void) | null = null;
  let onClosed: (() => void) | null = null;
  w.on('message', (m: WorkerOutMsg<I, R>) => {
    if (m.type === 'ready') onReady?.(m.info);
    else if (m.type === 'closed') onClosed?.();
    else if (m.type === 'result') {
      const { type: _type, seq: s, ...payload } = m;
      waiting.get(s)?.resolve(payload as unknown as R);
      waiting.delete(s);
    } else {
      const err = new VisionError(m.code, m.message);
      if (m.seq < 0) onInitError?.(err);
      else {
        waiting.get(m.seq)?.reject(err);
        waiting.delete(m.seq);
      }
    }
  });
  w.on('error', (e) => {
    const err = new VisionError('decoder-failed', `Expected the ${who} worker to keep running, but it crashed: ${e.message}`);
    onInitError?.(err);
    for (const p of waiting.values()) p.reject(err);
    waiting.clear();
  });
  const info = await new Promise<I>((resolve, reject) => {
    onReady = resolve;
    onInitError = reject;
    w.postMessage(initMsg);
  });
  let terminated = false;
  return {
    info,
    request(msg, transfer) {
      return new Promise<R>((resolve, reject) => {
        const s = seq++;
        waiting.set(s, { resolve, reject });
        w.postMessage({ ...msg, seq: s }, [...transfer]);
      });
    },
    async close() {
      if (terminated) return;
      terminated = true;
      // The 5 s guard must not outlive a polite close: a pending timer kept the whole process alive for
      // 5 s after `geste analyze` had finished (issue 15, BENCHMARKS.md "whole command").
      let guard: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        new Promise<void>((r) => {
          onClosed = r;
          w.postMessage({ type: 'close' });
        }),
        new Promise<void>((r) => {
          guard = setTimeout(r, 5000);
        }),
      ]);
      clearTimeout(guard);
      await w.terminate();
    },
  };
}
