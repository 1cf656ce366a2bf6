/**
 * Hybrid logical clock stamps as they travel: `YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC`, an ISO-8601 UTC time
 * with milliseconds and a 4-digit logical counter. Fixed width, so string order is time order.
 * A bare ISO time (no counter) is accepted and read as counter 0000.
 * // ref: Kulkarni et al., "Logical Physical Clocks and Consistent Snapshots in Globally Distributed Databases" (2014)
 */
export const HLC_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z(-[0-9]{4})?$';
const HLC_RE = new RegExp(HLC_PATTERN);

export function normalizeHlc(stamp: string): string {
  if (!HLC_RE.test(stamp)) throw new Error(`Not an HLC stamp: expected YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC, got "${stamp}".`);
  return stamp.length === 24 ? `${stamp}-0000` : stamp;
}

/** Total order used by last-writer-wins: stamp first, then device id (both compared as code units). */
export function compareVersions(a: { hlc: string; deviceId: string }, b: { hlc: string; deviceId: string }): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return 0;
}
