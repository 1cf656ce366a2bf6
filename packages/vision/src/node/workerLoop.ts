/**
 * The message loop both detector worker bodies share (detectWorker.ts: one whole detector; pipelineWorker.ts: one
 * stage of the two-core pipeline). Messages are handled strictly one after another (a Human's state follows the
 * frame sequence); a failure goes back as { type: 'error', seq, code, message } with a VisionError's own code, or
 * 'bad-frame' with what was expected and what happened. seq −1 is the init message.
 * Messages out: { type: 'ready', info } | { type: 'result', seq, frame, times } | { type: 'error', … } | { type: 'closed' }.
 */
import type { MessagePort } from 'node:worker_threads';
import { isVisionError } from '../errors.ts';

/** Every frame message carries its sequence number; its other fields are the body's. */
export interface FrameMessage {
  readonly type: 'frame';
  readonly seq: number;
}

export interface WorkerBody<Init extends { type: 'init' }, Frame extends FrameMessage> {
  /** Loads the models; returns the `info` the ready message carries. */
  init(msg: Init): Promise<unknown>;
  /** One frame: the result message's frame and stage times. */
  frame(msg: Frame): Promise<{ frame: unknown; times: unknown }>;
  /** Frees the models (called on the close message, initialised or not). */
  close(): Promise<void>;
}

/** Posts a failure of message `seq` on `port`: a VisionError keeps its code, anything else is 'bad-frame'. */
export function postFailure(port: Pick<MessagePort, 'postMessage'>, seq: number, e: unknown): void {
  if (isVisionError(e)) port.postMessage({ type: 'error', seq, code: e.code, message: e.message });
  else port.postMessage({ type: 'error', seq, code: 'bad-frame', message: `Expected the detector to analyse the frame, but it failed: ${String((e as Error)?.message ?? e)}` });
}

/** Serves `body` on `port` (a worker's parentPort, or a MessageChannel's end) until the close message; frames before a successful init fail with 'bad-frame'. */
export function serveWorker<Init extends { type: 'init' }, Frame extends FrameMessage>(port: MessagePort, body: WorkerBody<Init, Frame>): void {
  let ready = false;
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (msg: Init | Frame | { type: 'close' }): void => {
    chain = chain.then(async () => {
      if (msg.type === 'init') {
        try {
          const info = await body.init(msg as Init);
          ready = true;
          port.postMessage({ type: 'ready', info });
        } catch (e) {
          postFailure(port, -1, e);
        }
      } else if (msg.type === 'frame') {
        const m = msg as Frame;
        try {
          if (!ready) throw new Error('worker not initialised');
          const r = await body.frame(m);
          port.postMessage({ type: 'result', seq: m.seq, frame: r.frame, times: r.times });
        } catch (e) {
          postFailure(port, m.seq, e);
        }
      } else {
        // A failure to free the models is reported (seq −1) but still ends in 'closed': the client is waiting for it.
        try {
          await body.close();
        } catch (e) {
          postFailure(port, -1, e);
        }
        ready = false;
        port.postMessage({ type: 'closed' });
      }
    });
  });
}
