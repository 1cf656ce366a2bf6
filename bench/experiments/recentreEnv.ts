/**
 * ROI_RECENTRE_SHARE for the crop experiments: "0.01" (a share of the crop side on a circle) or "0.02,0.01"
 * (along the eye line, across it: cropMotion.ts RecentreShares); "Infinity" never re-reads.
 */
import type { RecentreShares } from '../../packages/vision/src/mesh/cropMotion.ts';

export function recentreShareFromEnv(v: string): number | RecentreShares {
  const parts = v.split(',').map(Number);
  if (parts.some((x) => Number.isNaN(x)) || parts.length > 2) throw new Error(`ROI_RECENTRE_SHARE: expected "share" or "along,across", got "${v}"`);
  return parts.length === 2 ? { alongEyes: parts[0]!, acrossEyes: parts[1]! } : parts[0]!;
}
