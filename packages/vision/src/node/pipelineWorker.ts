/**
 * Worker-thread body for the two-core pipeline (pipeline.ts): role 'face' runs the face path
 * (`createNodeDetector` with body and hands off), role 'body-hands' runs body and hands as planned.
 * Messages in:  { type: 'init', role, tuning } | { type: 'frame', seq, data, widthPx, heightPx, timestampMs, frameIndex, plan? } | { type: 'close' }
 * Messages out: { type: 'ready', info? } | { type: 'result', seq, frame, times } | { type: 'error', seq, code, message } | { type: 'closed' }
 * (the loop: workerLoop.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { SourceInfo } from '@geste/core';
import type { VisionTuning } from '../humanConfig.ts';
import type { FramePlan } from '../schedule.ts';
import { createNodeDetector } from './humanNode.ts';
import { createBodyHandsDetector } from './bodyHandsNode.ts';
import { serveWorker } from './workerLoop.ts';

export type PipelineRole = 'face' | 'body-hands';

type InitMsg = { type: 'init'; role: PipelineRole; tuning: VisionTuning };
type FrameMsg = { type: 'frame'; seq: number; data: ArrayBuffer; widthPx: number; heightPx: number; timestampMs: number; frameIndex: number; plan?: FramePlan };

if (!parentPort) throw new Error('pipelineWorker.ts must run in a worker thread');

let detect: ((m: FrameMsg) => Promise<{ frame: unknown; times: unknown }>) | null = null;
let close: (() => Promise<void>) | null = null;

serveWorker<InitMsg, FrameMsg>(parentPort, {
  async init(msg) {
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
    return info;
  },
  frame: (msg) => detect!(msg),
  async close() {
    await close?.();
    detect = null;
    close = null;
  },
});
