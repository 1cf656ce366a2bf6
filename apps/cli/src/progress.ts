/** A one-line progress bar for terminals (stderr); silent when stderr is not a TTY or in --json mode. */
export interface ProgressSink {
  update(done: number, total: number | null, label: string): void;
  done(message?: string): void;
}

export function terminalProgress(stream: NodeJS.WriteStream, nowMs: () => number): ProgressSink {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = nowMs();
  let lastDraw = 0;
  return {
    update(done, total, label) {
      const t = nowMs();
      if (t - lastDraw < 100 && done !== total) return;
      lastDraw = t;
      const elapsedS = (t - started) / 1000;
      const rate = elapsedS > 0 ? done / elapsedS : 0;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 50));
      let bar = '';
      let tail = `${done} frames`;
      if (total && total > 0) {
        const frac = Math.min(1, done / total);
        const filled = Math.round(frac * width);
        bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% `;
        const leftS = rate > 0 ? Math.max(0, (total - done) / rate) : NaN;
        tail = `${done}/${total} frames, ${rate.toFixed(1)} fps, ${Number.isFinite(leftS) ? `${Math.ceil(leftS)} s left` : '…'}`;
      } else {
        tail += `, ${rate.toFixed(1)} fps`;
      }
      stream.write(`\r\x1b[2K${label} ${bar}${tail}`);
    },
    done(message) {
      stream.write(`\r\x1b[2K${message ? message + '\n' : ''}`);
    },
  };
}
