/**
 * Worker-thread body: one Human (own module state, own tfjs engine) per worker.
 * Messages in:  { type: 'init', opts } | { type: 'frame', seq, data: ArrayBuffer, widthPx, heightPx, timestampMs, frameIndex } | { type: 'close' }
 * Messages out: { type: 'ready', info } | { type: 'result', seq, frame, times } | { type: 'error', seq, code, message } | { type: 'closed' }
 */
import { parentPort } from 'node:worker_threads';
import { isVisionError } from '../errors.ts';
import { createNodeDetector, type NodeDetector, type NodeDetectorOptions } from './humanNode.ts';

type InMsg =
  | { type: 'init'; opts: NodeDetectorOptions }
  | { type: 'frame'; seq: number; data: ArrayBuffer; widthPx: number; heightPx: number; timestampMs: number; frameIndex: number }
  | { type: 'close' };

const port = parentPort;
if (!port) throw new Error('detectWorker.ts must run in a worker thread');

let detector: NodeDetector | null = null;
let chain: Promise<void> = Promise.resolve();

function fail(seq: number, e: unknown): void {
  if (isVisionError(e)) port!.postMessage({ type: 'error', seq, code: e.code, message: e.message });
  else port!.postMessage({ type: 'error', seq, code: 'bad-frame', message: `Expected the detector to analyse the frame, but it failed: ${String((e as Error)?.message ?? e)}` });
}

port.on('message', (msg: InMsg) => {
  // Handle messages strictly one after another: Human state is per frame sequence.
  chain = chain.then(async () => {
    if (msg.type === 'init') {
      try {
        detector = await createNodeDetector(msg.opts);
        port.postMessage({ type: 'ready', info: detector.info });
      } catch (e) {
        fail(-1, e);
      }
    } else if (msg.type === 'frame') {
      try {
        if (!detector) throw new Error('worker not initialised');
        const frame = await detector.detect({ data: new Uint8Array(msg.data), widthPx: msg.widthPx, heightPx: msg.heightPx }, msg.timestampMs, msg.frameIndex);
        port.postMessage({ type: 'result', seq: msg.seq, frame, times: detector.lastStageTimes() });
      } catch (e) {
        fail(msg.seq, e);
      }
    } else {
      await detector?.close();
      detector = null;
      port.postMessage({ type: 'closed' });
    }
  });
});
