/**
 * Worker-thread body: one Human (own module state, own tfjs engine) per worker.
 * Messages in:  { type: 'init', opts } | { type: 'frame', seq, data: ArrayBuffer, widthPx, heightPx, timestampMs, frameIndex } | { type: 'close' }
 * Messages out: { type: 'ready', info } | { type: 'result', seq, frame, times } | { type: 'error', seq, code, message } | { type: 'closed' }
 * (the loop: workerLoop.ts).
 */
import { parentPort } from 'node:worker_threads';
import { createNodeDetector, type NodeDetector, type NodeDetectorOptions } from './humanNode.ts';
import { serveWorker } from './workerLoop.ts';

type InitMsg = { type: 'init'; opts: NodeDetectorOptions };
type FrameMsg = { type: 'frame'; seq: number; data: ArrayBuffer; widthPx: number; heightPx: number; timestampMs: number; frameIndex: number };

if (!parentPort) throw new Error('detectWorker.ts must run in a worker thread');

let detector: NodeDetector | null = null;

serveWorker<InitMsg, FrameMsg>(parentPort, {
  async init(msg) {
    detector = await createNodeDetector(msg.opts);
    return detector.info;
  },
  async frame(msg) {
    const d = detector!;
    const frame = await d.detect({ data: new Uint8Array(msg.data), widthPx: msg.widthPx, heightPx: msg.heightPx }, msg.timestampMs, msg.frameIndex);
    return { frame, times: d.lastStageTimes() };
  },
  async close() {
    await detector?.close();
    detector = null;
  },
});
