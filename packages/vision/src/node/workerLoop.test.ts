/** The shared detector-worker loop on a real MessageChannel: order, typed failures, init before frames, close. */
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { VisionError } from '../errors.ts';
import { serveWorker } from './workerLoop.ts';

type Init = { type: 'init'; failWith?: 'vision' | 'plain' };
type Frame = { type: 'frame'; seq: number; delayMs: number; fail?: boolean };

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A loop serving a body that records what it did; returns the other end and a reader of its next n messages. */
function start() {
  const ch = new MessageChannel();
  channels.push(ch);
  const log: string[] = [];
  serveWorker<Init, Frame>(ch.port2, {
    async init(m) {
      if (m.failWith === 'vision') throw new VisionError('models-missing', 'Expected the model files in models/, found none.');
      if (m.failWith === 'plain') throw new Error('disk on fire');
      log.push('init');
      return { kind: 'test' };
    },
    async frame(m) {
      await new Promise((r) => setTimeout(r, m.delayMs));
      if (m.fail) throw new Error(`frame ${m.seq} unreadable`);
      log.push(`frame ${m.seq}`);
      return { frame: { seq: m.seq }, times: { ms: m.delayMs } };
    },
    async close() {
      log.push('close');
    },
  });
  const got: unknown[] = [];
  ch.port1.on('message', (m) => got.push(m));
  const next = async (n: number): Promise<unknown[]> => {
    while (got.length < n) await new Promise((r) => setTimeout(r, 2));
    return got.slice(0, n);
  };
  return { send: (m: unknown) => ch.port1.postMessage(m), next, log };
}

describe('serveWorker', () => {
  it('answers init, frames in the order sent (a slow frame holds back the next) and close', async () => {
    const w = start();
    w.send({ type: 'init' });
    w.send({ type: 'frame', seq: 1, delayMs: 30 });
    w.send({ type: 'frame', seq: 2, delayMs: 0 });
    w.send({ type: 'close' });
    expect(await w.next(4)).toEqual([
      { type: 'ready', info: { kind: 'test' } },
      { type: 'result', seq: 1, frame: { seq: 1 }, times: { ms: 30 } },
      { type: 'result', seq: 2, frame: { seq: 2 }, times: { ms: 0 } },
      { type: 'closed' },
    ]);
    expect(w.log).toEqual(['init', 'frame 1', 'frame 2', 'close']);
  });

  it('a frame that fails gives a bad-frame error for that frame, and the next frame is still read', async () => {
    const w = start();
    w.send({ type: 'init' });
    w.send({ type: 'frame', seq: 5, delayMs: 0, fail: true });
    w.send({ type: 'frame', seq: 6, delayMs: 0 });
    const [, err, ok] = await w.next(3);
    expect(err).toEqual({ type: 'error', seq: 5, code: 'bad-frame', message: 'Expected the detector to analyse the frame, but it failed: frame 5 unreadable' });
    expect(ok).toMatchObject({ type: 'result', seq: 6 });
  });

  it("a failed init keeps a VisionError's code (seq −1), and frames after it are refused, not run", async () => {
    const w = start();
    w.send({ type: 'init', failWith: 'vision' });
    w.send({ type: 'frame', seq: 1, delayMs: 0 });
    const [initErr, frameErr] = await w.next(2);
    expect(initErr).toEqual({ type: 'error', seq: -1, code: 'models-missing', message: 'Expected the model files in models/, found none.' });
    expect(frameErr).toMatchObject({ type: 'error', seq: 1, code: 'bad-frame' });
    expect((frameErr as { message: string }).message).toContain('worker not initialised');
    expect(w.log).toEqual([]);
  });

  it('any other init failure is reported as bad-frame with its message', async () => {
    const w = start();
    w.send({ type: 'init', failWith: 'plain' });
    expect(await w.next(1)).toEqual([{ type: 'error', seq: -1, code: 'bad-frame', message: 'Expected the detector to analyse the frame, but it failed: disk on fire' }]);
  });
});
