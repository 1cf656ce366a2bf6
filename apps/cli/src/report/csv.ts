import type { FrameMeasure } from '@geste/core';

export const FRAME_CSV_COLUMNS = [
  'frameIndex',
  'timestampMs',
  'state',
  'method',
  'confidence',
  'rotationDeg',
  'tiltDeg',
  'flexionDeg',
  'lateralShiftCm',
  'shoulderElevationDeg',
  'reasons',
] as const;

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Per-frame CSV: one row a frame, empty cells where a value is not measurable. */
export function framesToCsv(frames: readonly FrameMeasure[]): string {
  const lines = [FRAME_CSV_COLUMNS.join(',')];
  for (const f of frames) {
    lines.push(
      FRAME_CSV_COLUMNS.map((c) => (c === 'reasons' ? cell(f.reasons.join(' ')) : cell(f[c]))).join(','),
    );
  }
  return lines.join('\n') + '\n';
}
