/**
 * The worker client against a real worker thread speaking its protocol (a small echo worker written
 * for the test): requests are matched to their results, and a polite close leaves nothing behind that
 * keeps the process alive (a pending 5 s guard timer once held `geste analyze` open 5 s after it finished).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startWorkerClient } from './workerClient.ts';

const ECHO_WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.type === 'init') parentPort.postMessage({ type: 'ready', info: { name: m.name } });
  else if (m.type === 'close') parentPort.postMessage({ type: 'closed' });
  else parentPort.postMessage({ type: 'result', seq: m.seq, doubled: m.value * 2, bytes: m.data.byteLength });
});
`;

/** In a fresh process (no test runner's timers): start, use and close a client, then list what is still active. */
const AFTER_CLOSE = `
import { startWorkerClient } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'workerClient.ts')).href)};
const c = await startWorkerClient(new URL(process.argv.at(-1)), { type: 'init', name: 'echo' }, 'echo');
await c.request({ value: 1, data: new ArrayBuffer(4) }, []);
await c.close();
process.stdout.write(JSON.stringify(process.getActiveResourcesInfo()));
`;

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'geste-worker-client-')), name);
  writeFileSync(path, text);
  return path;
}
const echoWorker = (): URL => pathToFileURL(tempFile('echo.mjs', ECHO_WORKER));

describe('startWorkerClient', () => {
  it('matches results to requests and transfers the buffers it is told to', async () => {
    const boot = echoWorker();
    const c = await startWorkerClient<{ name: string }, { doubled: number; bytes: number }>(boot, { type: 'init', name: 'echo' }, 'echo');
    expect(c.info).toEqual({ name: 'echo' });
    const buf = new ArrayBuffer(12);
    const results = await Promise.all([c.request({ value: 2, data: buf }, [buf]), c.request({ value: 5, data: new ArrayBuffer(3) }, [])]);
    expect(results).toEqual([{ doubled: 4, bytes: 12 }, { doubled: 10, bytes: 3 }]);
    expect(buf.byteLength).toBe(0); // transferred, not copied
    await c.close();
  });

  it('leaves no timer or worker behind after a polite close, so the process can exit at once', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', tempFile('after-close.mjs', AFTER_CLOSE), echoWorker().href], { encoding: 'utf8' });
    const active = JSON.parse(out) as string[];
    expect(active).not.toContain('Timeout');
    expect(active).not.toContain('Worker');
  });
});
