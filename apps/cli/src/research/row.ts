/**
 * One CSV row a video: every session measure and severity item of `summary.json`, flattened to named
 * columns with units in the names. The column list is fixed (not derived from the data) so CSVs of
 * different runs line up and a clinician-ratings CSV can name the same columns.
 */
import { AXES, type CsvDelimiter, type FrameMeasure, SEVERITY_ITEMS, TREMOR_BANDS, formatImportProblem, parseCsvTable } from '@geste/core';
import { CliError } from '../errors.ts';
import type { SessionSummary } from '../summary.ts';

export type Cell = string | number | boolean | null;
export type ResultRow = Readonly<Record<string, Cell>>;

/** Outcome of one video: `ok` (measured), `nothing-measurable` (analysed, no measurable frame), `failed` (could not be analysed). */
export type VideoStatus = 'ok' | 'nothing-measurable' | 'failed';

const POSTURE_KEYS = ['medianDeg', 'maxPositiveDeg', 'maxNegativeDeg'] as const;

function buildColumns(): readonly string[] {
  const c: string[] = ['video', 'videoId', 'status', 'error', 'durationS', 'frames', 'measurableFrames', 'lowConfidenceFrames', 'notMeasurableFrames', 'measurablePercent', 'meanConfidence', 'neutralKind'];
  for (const a of AXES) for (const k of POSTURE_KEYS) c.push(`${a}.${k}`);
  c.push('lateralShiftCm.median', 'lateralShiftCm.maxPositive', 'lateralShiftCm.maxNegative');
  c.push('shoulderElevationDeg.median', 'shoulderElevationDeg.maxPositive', 'shoulderElevationDeg.maxNegative');
  for (const a of AXES) c.push(`${a}.romPositiveDeg`, `${a}.romNegativeDeg`, `${a}.romTotalDeg`);
  for (const a of AXES) c.push(`${a}.neutralPercent`);
  c.push('neutral.percentWithin', 'neutral.longestHoldS');
  c.push('jerks.count', 'jerks.perMinute', 'jerks.peakVelocityDegPerS');
  for (const a of AXES) for (const b of TREMOR_BANDS) c.push(`tremor.${a}.${b.band}.rmsDeg`, `tremor.${a}.${b.band}.peakFreqHz`);
  c.push('tremor.dominantAxis');
  for (const i of SEVERITY_ITEMS) c.push(`severity.${i}`, `severity.${i}.notAssessable`);
  c.push('severity.total', 'severity.maxOfAssessed', 'severity.itemsAssessed', 'severity.complete');
  // The anatomical reference (issue 12): what each axis was measured against, whether its zero was
  // uncertain, and how far a calibrated neutral is from the anatomical zero.
  for (const a of AXES) c.push(`${a}.reference`, `${a}.referenceUncertain`, `${a}.anatomicalMedianDeg`);
  c.push('neutralVersusAnatomical.maxOffsetDeg', 'neutralVersusAnatomical.differsByMoreThan10Deg');
  return c;
}

export const RESULT_COLUMNS: readonly string[] = buildColumns();

/** Mean detector confidence over all frames (not-measurable frames included), 0–1; null with no frames. */
export function meanConfidence(frames: readonly FrameMeasure[]): number | null {
  if (frames.length === 0) return null;
  let s = 0;
  for (const f of frames) s += Number.isFinite(f.confidence) ? f.confidence : 0;
  return s / frames.length;
}

export function summaryToRow(video: string, videoId: string, s: SessionSummary, meanConf: number | null): ResultRow {
  const r: Record<string, Cell> = {
    video,
    videoId,
    status: s.measurableFrames === 0 ? 'nothing-measurable' : 'ok',
    error: null,
    durationS: s.durationS,
    frames: s.frames,
    measurableFrames: s.measurableFrames,
    lowConfidenceFrames: s.lowConfidenceFrames,
    notMeasurableFrames: s.notMeasurableFrames,
    measurablePercent: s.frames ? (100 * s.measurableFrames) / s.frames : null,
    meanConfidence: meanConf,
    neutralKind: s.neutral.kind,
  };
  for (const a of AXES) for (const k of POSTURE_KEYS) r[`${a}.${k}`] = s.posture[a][k];
  r['lateralShiftCm.median'] = s.lateralShiftCm.medianCm;
  r['lateralShiftCm.maxPositive'] = s.lateralShiftCm.maxPositiveCm;
  r['lateralShiftCm.maxNegative'] = s.lateralShiftCm.maxNegativeCm;
  r['shoulderElevationDeg.median'] = s.shoulderElevationDeg.medianDeg;
  r['shoulderElevationDeg.maxPositive'] = s.shoulderElevationDeg.maxPositiveDeg;
  r['shoulderElevationDeg.maxNegative'] = s.shoulderElevationDeg.maxNegativeDeg;
  for (const a of AXES) {
    const rom = s.rangeOfMotion[a];
    r[`${a}.romPositiveDeg`] = rom.positiveDeg;
    r[`${a}.romNegativeDeg`] = rom.negativeDeg;
    r[`${a}.romTotalDeg`] = rom.totalDeg;
    r[`${a}.neutralPercent`] = s.timeInNeutral.perAxis[a].percentWithin;
  }
  r['neutral.percentWithin'] = s.timeInNeutral.combined.percentWithin;
  r['neutral.longestHoldS'] = s.timeInNeutral.longestHoldS;
  r['jerks.count'] = s.jerks.count;
  r['jerks.perMinute'] = s.jerks.perMinute;
  r['jerks.peakVelocityDegPerS'] = s.jerks.peakVelocityDegPerS;
  for (const a of AXES) {
    const t = s.tremor.axes[a];
    for (const b of TREMOR_BANDS) {
      const band = t.measurable ? t.bands.find((x) => x.band === b.band) : undefined;
      r[`tremor.${a}.${b.band}.rmsDeg`] = band ? band.rmsDeg : null;
      r[`tremor.${a}.${b.band}.peakFreqHz`] = band ? band.peakFreqHz : null;
    }
  }
  r['tremor.dominantAxis'] = s.tremor.dominantTremorAxis;
  for (const i of SEVERITY_ITEMS) {
    const item = s.severity.items.find((x) => x.item === i);
    r[`severity.${i}`] = item?.assessable ? item.score : null;
    r[`severity.${i}.notAssessable`] = item && !item.assessable ? (item.reason ?? 'not-assessable') : null;
  }
  r['severity.total'] = s.severity.total.score;
  r['severity.maxOfAssessed'] = s.severity.total.maxOfAssessed;
  r['severity.itemsAssessed'] = s.severity.total.itemsAssessed;
  r['severity.complete'] = s.severity.total.complete;
  for (const a of AXES) {
    const ref = s.anatomical?.perAxis[a];
    const frames = ref ? Object.entries(ref.frames).sort((x, y) => y[1] - x[1])[0]?.[0] ?? null : null;
    r[`${a}.reference`] = frames;
    r[`${a}.referenceUncertain`] = ref ? ref.uncertain : null;
    r[`${a}.anatomicalMedianDeg`] = ref ? ref.medianDeg : null;
  }
  r['neutralVersusAnatomical.maxOffsetDeg'] = s.anatomical?.neutralVersusAnatomical?.maxOffsetDeg ?? null;
  r['neutralVersusAnatomical.differsByMoreThan10Deg'] = s.anatomical?.neutralVersusAnatomical?.differsByMoreThan10Deg ?? null;
  return r;
}

/** The row of a video that could not be analysed: identity, status and the error's code and words. */
export function failedRow(video: string, videoId: string, error: string): ResultRow {
  return { video, videoId, status: 'failed', error };
}

function cell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  // 6 significant decimals: stable across runs, far below any measure's resolution.
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The run's CSV: header + one row a video, ordered by the `video` column (so order does not depend on finishing order). */
export function rowsToCsv(rows: readonly ResultRow[]): string {
  const sorted = [...rows].sort((a, b) => String(a.video).localeCompare(String(b.video), 'en') || String(a.videoId).localeCompare(String(b.videoId), 'en'));
  const lines = [RESULT_COLUMNS.map((c) => cell(c)).join(',')];
  for (const r of sorted) lines.push(RESULT_COLUMNS.map((c) => cell(r[c])).join(','));
  return lines.join('\n') + '\n';
}

/** A CSV file read into records keyed by header name, with the separator it used. */
export interface CsvRecords {
  readonly delimiter: CsvDelimiter;
  readonly records: Record<string, string>[];
}

/**
 * CSV text with a header → records keyed by header name. Parsing by papaparse through core's
 * `parseCsvTable` (the same reader as `geste import`): comma, semicolon or tab (guessed, or given),
 * quoted fields, doubled quotes, CRLF / LF / CR (mixed too), a leading BOM. A ragged row, a duplicate or empty header, an
 * empty file → CliError('input') listing each problem with its row ("row 4: 2 cells, but …").
 * `what` names the file in the message ("The ratings CSV").
 */
export function readCsvRecords(text: string, what: string, delimiter: CsvDelimiter | 'auto' = 'auto'): CsvRecords {
  // papaparse takes the line ending of the first line for the whole file; files pasted together mix them.
  const t = parseCsvTable(text.replace(/\r\n?/g, '\n'), { delimiter, maxBytes: 256 * 1024 * 1024 });
  if (!t.ok) throw new CliError('input', `${what} cannot be read: ${t.problems.map((p) => formatImportProblem(p)).join('; ')}`);
  const { header, rows } = t.value;
  return { delimiter: t.value.delimiter, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

/** A comma-separated file written by `rowsToCsv` (results.csv) → records keyed by header name. */
export function csvToRecords(text: string, what = 'The CSV'): Record<string, string>[] {
  return readCsvRecords(text, what, ',').records;
}
