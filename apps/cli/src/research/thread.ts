/** Body of a local research worker thread: analyses the videos the pool sends, one at a time. */
import { parentPort } from 'node:worker_threads';
import { type VideoJob, runVideoJob } from './job.ts';

if (!parentPort) throw new Error('research/thread.ts runs only as a worker thread.');
const port = parentPort;
port.on('message', (job: VideoJob) => {
  void runVideoJob(job).then((outcome) => port.postMessage(outcome));
});
port.postMessage('ready');
