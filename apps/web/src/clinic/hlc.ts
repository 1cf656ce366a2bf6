/**
 * Hybrid logical clock on the device, in the server's stamp format `YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC`
 * (fixed width, so string order = time order; docs/sync.md). Pure: the caller passes the wall clock.
 * The stamp never goes backwards, even when the wall clock does, and it moves past every stamp the
 * device has seen from others, so a later edit always outranks what it replaces.
 * // ref: Kulkarni et al., "Logical Physical Clocks and Consistent Snapshots in Globally Distributed Databases" (2014), Fig. 5
 * Deviation: the counter has 4 digits; at 9999 the stamp moves to the next millisecond (counter 0).
 */
export const HLC_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)(?:-(\d{4}))?$/;
const MAX_COUNTER = 9999;
/** The latest time the server's format can hold (year 9999); also the 1970 floor. */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface HlcParts {
  readonly ms: number;
  readonly counter: number;
}

export function parseHlc(stamp: string): HlcParts {
  const m = HLC_RE.exec(stamp);
  if (!m) throw new Error(`Not an HLC stamp: expected YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC, got "${stamp}".`);
  const ms = Date.parse(m[1] as string);
  if (!Number.isFinite(ms)) throw new Error(`Not an HLC stamp: "${stamp}" is not a real time.`);
  return { ms, counter: m[2] === undefined ? 0 : Number(m[2]) };
}

export function formatHlc(p: HlcParts): string {
  const ms = Math.min(Math.max(0, Math.floor(p.ms)), MAX_MS);
  return `${new Date(ms).toISOString()}-${String(p.counter).padStart(4, '0')}`;
}

function bump(ms: number, counter: number): HlcParts {
  return counter > MAX_COUNTER ? { ms: ms + 1, counter: 0 } : { ms, counter };
}

/** Stamp for a local event (an edit) after `last` (null = first event on this device). */
export function tick(last: string | null, nowMs: number): string {
  const wall = Math.floor(nowMs);
  if (last === null) return formatHlc({ ms: wall, counter: 0 });
  const l = parseHlc(last);
  if (wall > l.ms) return formatHlc({ ms: wall, counter: 0 });
  return formatHlc(bump(l.ms, l.counter + 1));
}

/** The clock after seeing a stamp from another device. */
export function receive(last: string | null, remote: string, nowMs: number): string {
  const r = parseHlc(remote);
  const wall = Math.floor(nowMs);
  const l = last === null ? { ms: -1, counter: 0 } : parseHlc(last);
  const ms = Math.max(l.ms, r.ms, wall);
  let counter: number;
  if (ms === l.ms && ms === r.ms) counter = Math.max(l.counter, r.counter) + 1;
  else if (ms === l.ms) counter = l.counter + 1;
  else if (ms === r.ms) counter = r.counter + 1;
  else counter = 0;
  return formatHlc(bump(ms, counter));
}

/** Last-writer-wins order of the server: stamp first, then device id, both as code units. */
export function compareVersions(a: { updatedAt: string; deviceId: string }, b: { updatedAt: string; deviceId: string }): number {
  const sa = normalize(a.updatedAt);
  const sb = normalize(b.updatedAt);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return 0;
}

/** A bare ISO time means counter 0000, as on the server. */
export function normalize(stamp: string): string {
  return stamp.length === 24 ? `${stamp}-0000` : stamp;
}
