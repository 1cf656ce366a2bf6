/**
 * `geste analyze --timings`: where the whole command's time goes, phase by phase, printed to stderr.
 * Wall ms from the clock, CPU ms from `process.cpuUsage()` (every thread of this process: main, detector
 * workers, V8's helpers) and, on Linux, ffmpeg's CPU once it has ended (the process's reaped children).
 */
import { readFileSync } from 'node:fs';

export interface Phase {
  readonly name: string;
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface PhaseClock {
  /** Ends the phase running since the previous mark (or since the process started) and names it. */
  mark(name: string): void;
  readonly phases: readonly Phase[];
  /** Plain-words table: one line a phase, then the totals. */
  describe(frames: number | null, videoS: number | null): string;
}

/** CPU ms of this process's reaped child processes (ffmpeg), from /proc; 0 where /proc is absent. */
export function childCpuMs(): number {
  try {
    const st = readFileSync('/proc/self/stat', 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100; // cutime + cstime in USER_HZ (100 on Linux)
  } catch {
    return 0;
  }
}

function cpuNowMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000 + childCpuMs();
}

/**
 * A clock whose first phase starts when the process started (so Node's and the TypeScript loader's start-up
 * before `main` counts). `nowMs` is ms since the process started (performance.now()), `cpuMs` as above.
 */
export function phaseClock(nowMs: () => number = () => performance.now(), cpuMs: () => number = cpuNowMs): PhaseClock {
  const phases: Phase[] = [];
  let lastWallMs = 0;
  let lastCpuMs = 0;
  return {
    phases,
    mark(name) {
      const w = nowMs();
      const c = cpuMs();
      phases.push({ name, wallMs: w - lastWallMs, cpuMs: c - lastCpuMs });
      lastWallMs = w;
      lastCpuMs = c;
    },
    describe(frames, videoS) {
      const wall = phases.reduce((s, p) => s + p.wallMs, 0);
      const cpu = phases.reduce((s, p) => s + p.cpuMs, 0);
      const width = Math.max(...phases.map((p) => p.name.length), 5);
      const row = (name: string, w: number, c: number): string => `  ${name.padEnd(width)} ${(w / 1000).toFixed(2).padStart(7)} s wall ${(c / 1000).toFixed(2).padStart(7)} s CPU`;
      const lines = ['Timings (wall clock; CPU of every thread of this process, and ffmpeg once it has ended):', ...phases.map((p) => row(p.name, p.wallMs, p.cpuMs)), row('total', wall, cpu)];
      if (frames && frames > 0) {
        const rt = videoS && videoS > 0 ? `, ${(videoS / (wall / 1000)).toFixed(2)}× real time (${videoS.toFixed(1)} s of video)` : '';
        lines.push(`  ${frames} frames: ${(cpu / frames).toFixed(1)} ms CPU per frame with start-up${rt}`);
      }
      return lines.join('\n') + '\n';
    },
  };
}
