/**
 * Worker-thread body for the two-core pipeline (pipeline.ts): role 'face' runs the face path
 * (`createNodeDetector` with body and hands off), role 'body-hands' runs body and hands as planned.
 * Messages in:  { type: 'init', role, tuning } | { type: 'frame', seq, data, widthPx, heightPx, timestampMs, frameIndex, plan? } | { type: 'close' }
 * Messages out: { type: 'ready', info? } | { type: 'result', seq, frame, times } | { type: 'error', seq, code, message } | { type: 'closed' }
 */
import { parentPort } from 'node:worker_threads';
import type { SourceInfo } from '@geste/core';
import { isVisionError } from '../errors.ts';
import type { VisionTuning } from '../humanConfig.ts';
import type { FramePlan } from '../schedule.ts';
import { createNodeDetector } from './humanNode.ts';
import { createBodyHandsDetector } from './bodyHandsNode.ts';

export type PipelineRole = 'face' | 'body-hands';

type InMsg =
  | { type: 'init'; role: PipelineRole; tuning: VisionTuning }
  | { type: 'frame'; seq: number; data: ArrayBuffer; widthPx: number; heightPx: number; timestampMs: number; frameIndex: number; plan?: FramePlan }
  | { type: 'close' };

const port = parentPort;
if (!port) throw new Error('pipelineWorker.ts must run in a worker thread');

type Detect = (m: Extract<InMsg, { type: 'frame' }>) => Promise<{ frame: unknown; times: unknown }>;
let detect: Detect | null = null;
let close: (() => Promise<void>) | null = null;
let chain: Promise<void> = Promise.resolve();

function fail(seq: number, e: unknown): void {
  if (isVisionError(e)) port!.postMessage({ type: 'error', seq, code: e.code, message: e.message });
  else port!.postMessage({ type: 'error', seq, code: 'bad-frame', message: `Expected the detector to analyse the frame, but it failed: ${String((e as Error)?.message ?? e)}` });
}

port.on('message', (msg: InMsg) => {
  // One message after another: each Human's state follows the frame sequence.
  chain = chain.then(async () => {
    if (msg.type === 'init') {
      try {
        let info: SourceInfo | null = null;
        if (msg.role === 'face') {
          const d = await createNodeDetector({ tuning: { ...msg.tuning, body: false, hands: false }, schedule: 'human' });
          info = d.info;
          detect = async (m) => ({ frame: await d.detect({ data: new Uint8Array(m.data), widthPx: m.widthPx, heightPx: m.heightPx }, m.timestampMs, m.frameIndex), times: d.lastStageTimes() });
          close = () => d.close();
        } else {
          const d = await createBodyHandsDetector(msg.tuning);
          detect = async (m) => {
            if (!m.plan) throw new Error('body-hands worker needs a plan with every frame');
            return { frame: await d.detect({ data: new Uint8Array(m.data), widthPx: m.widthPx, heightPx: m.heightPx }, m.timestampMs, m.frameIndex, m.plan), times: d.lastTimes() };
          };
          close = () => d.close();
        }
        port.postMessage({ type: 'ready', info });
      } catch (e) {
        fail(-1, e);
      }
    } else if (msg.type === 'frame') {
      try {
        if (!detect) throw new Error('worker not initialised');
        const r = await detect(msg);
        port.postMessage({ type: 'result', seq: msg.seq, frame: r.frame, times: r.times });
      } catch (e) {
        fail(msg.seq, e);
      }
    } else {
      await close?.();
      detect = null;
      port.postMessage({ type: 'closed' });
    }
  });
});
