/** Progress of a many-video run on a terminal: bar, videos done, rate (videos/min) and time left. */
export interface VideoProgress {
  update(done: number, total: number, failed: number): void;
  done(message?: string): void;
}

export function formatVideoProgress(done: number, total: number, failed: number, elapsedS: number, widthCols: number): string {
  const width = Math.max(10, Math.min(40, widthCols - 60));
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(frac * width);
  const perMin = elapsedS > 0 ? (done / elapsedS) * 60 : 0;
  const leftS = perMin > 0 ? ((total - done) / perMin) * 60 : NaN;
  const left = Number.isFinite(leftS) ? (leftS >= 90 ? `${Math.ceil(leftS / 60)} min left` : `${Math.ceil(leftS)} s left`) : '… left';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} videos${failed ? ` (${failed} failed)` : ''}, ${perMin.toFixed(1)} videos/min, ${left}`;
}

/** Draws on a TTY; elsewhere prints a line every 10 % so logs of batch jobs still show progress. */
export function videoProgress(stream: NodeJS.WriteStream, nowMs: () => number, label: string): VideoProgress {
  const started = nowMs();
  let lastDecile = -1;
  return {
    update(done, total, failed) {
      const line = `${label} ${formatVideoProgress(done, total, failed, (nowMs() - started) / 1000, stream.columns ?? 100)}`;
      if (stream.isTTY) stream.write(`\r\x1b[2K${line}`);
      else {
        const decile = total ? Math.floor((10 * done) / total) : 10;
        if (decile !== lastDecile) { lastDecile = decile; stream.write(line + '\n'); }
      }
    },
    done(message) {
      if (stream.isTTY) stream.write('\r\x1b[2K');
      if (message) stream.write(message + '\n');
    },
  };
}
