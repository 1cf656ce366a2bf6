/**
 * The clinician report: a summary (page 1, flowing on when needed) plus an appendix, built on the
 * device with pdf-lib (browser and Node alike). Text is set in DejaVu Sans when the caller passes the
 * font bytes (`fonts`), so every name prints ("Łukasz", Greek, Cyrillic); without them, the PDF
 * standard font. Everything is computed by `summarizePeriod` and the cycle analysis in @geste/core;
 * this file only lays it out. What the clinician view in the app shows comes from the same functions.
 */
import fontkit from '@pdf-lib/fontkit';
import {
  ACTIVITIES,
  describeCycles,
  fitAxis,
  formatMeasure,
  measureDef,
  measureLabel,
  roundForDisplay,
  severityTotal,
  type MeasureUnit,
  OBJECTIVE_ITEMS_SCALE,
  PAIN_NRS_SCALE,
  SYMPTOMS,
  summarizePeriod,
  type BotulinumTreatment,
  type DbsSetting,
  type GesteRecord,
  type InjectionCycle,
  type MeasurementSession,
  type PatientProfile,
  type PeriodSummary,
  type SeriesScale,
  type TimedValue,
  type WeekMean,
  formatUnits,
} from '@geste/core';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { drawChart, drawLegend, type Pen } from './charts.ts';
import type { ReportFonts } from './fonts.ts';
import { examSentences, itemSentence } from './measureWords.ts';
import { fmt, isoDate, winAnsi, wrap } from './text.ts';
import { emgSessionLines } from './emgLines.ts';

export const SAFETY_LINE =
  'Geste measures and records; it does not diagnose or recommend treatment. Measures come from a webcam and the person\'s own diary; the clinician\'s examination and judgement decide.';

export interface ReportInput {
  readonly records: readonly GesteRecord[];
  /** Period of the report (the app defaults it to where the data is: core `defaultReportPeriod`). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly generatedAtMs: number;
  /** DejaVu Sans bytes (see fonts.ts); null/absent = PDF standard font, WinAnsi only. */
  readonly fonts?: ReportFonts | null;
}

const A4 = { w: 595.28, h: 841.89 };
const M = 40;
const DAY = 86_400_000;
const WEEK = 7 * DAY;

class Writer {
  y = A4.h - M;
  page: PDFPage;
  readonly pages: PDFPage[] = [];
  constructor(readonly doc: PDFDocument, readonly pen: Pen) {
    this.page = this.newPage();
  }
  newPage(): PDFPage {
    this.page = this.doc.addPage([A4.w, A4.h]);
    this.pages.push(this.page);
    this.y = A4.h - M;
    return this.page;
  }
  /** Starts a new page unless `dy` points still fit above the footer. */
  ensure(dy: number): void {
    if (this.y - dy < 44) this.newPage();
  }
  text(s: string, opts: { size?: number; bold?: boolean; x?: number; width?: number } = {}): void {
    const size = opts.size ?? 8.5;
    const font = opts.bold === true ? this.pen.bold : this.pen.font;
    for (const line of wrap(this.pen.enc(s), font, size, opts.width ?? A4.w - 2 * M - ((opts.x ?? M) - M))) {
      this.ensure(size * 1.25);
      this.page.drawText(line, { x: opts.x ?? M, y: this.y - size, size, font });
      this.y -= size * 1.25;
    }
  }
  heading(s: string): void {
    this.ensure(40);
    this.y -= 4;
    this.text(s, { size: 10, bold: true });
    this.page.drawLine({ start: { x: M, y: this.y + 1 }, end: { x: A4.w - M, y: this.y + 1 }, thickness: 0.4, color: rgb(0.5, 0.5, 0.5) });
    this.y -= 3;
  }
  row(cells: readonly string[], xs: readonly number[], opts: { bold?: boolean; size?: number } = {}): void {
    const size = opts.size ?? 8;
    const font = opts.bold === true ? this.pen.bold : this.pen.font;
    this.ensure(size * 1.3);
    cells.forEach((c, i) => this.page.drawText(this.pen.enc(c), { x: M + xs[i]!, y: this.y - size, size, font }));
    this.y -= size * 1.3;
  }
}

function safetyBox(w: Writer): void {
  const lines = wrap(w.pen.enc(SAFETY_LINE), w.pen.bold, 8, A4.w - 2 * M - 12);
  const h = lines.length * 10 + 8;
  w.page.drawRectangle({ x: M, y: w.y - h, width: A4.w - 2 * M, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.8 });
  lines.forEach((l, i) => w.page.drawText(l, { x: M + 6, y: w.y - 12 - i * 10, size: 8, font: w.pen.bold }));
  w.y -= h + 6;
}

function footer(page: PDFPage, pen: Pen, n: number, total: number, generatedAtMs: number): void {
  const s = pen.enc(`Geste clinician report - generated ${isoDate(generatedAtMs)} on the device - page ${n} of ${total} - ${SAFETY_LINE.split('.')[0]}.`);
  page.drawText(s, { x: M, y: 22, size: 6.5, font: pen.font, color: rgb(0.25, 0.25, 0.25) });
}

const trendWord = (slope: number | null, unit: string): string =>
  slope === null ? 'too few values for a trend' : `${slope >= 0 ? '+' : ''}${slope.toFixed(2)}${unit === '' ? '' : ` ${unit}`} per week`;

/** Over-time chart of one scale, x-range = where its data is in the period. */
function timeChart(w: Writer, scale: SeriesScale, values: readonly TimedValue[], injections: readonly number[], x: number, width: number, input: ReportInput): void {
  const top = w.y;
  w.page.drawText(w.pen.enc(`${scale.label} (${scale.unit})`), { x, y: top - 9, size: 8, font: w.pen.bold });
  const box = { x: x + 28, y: top - 88, w: width - 34, h: 70 };
  const inP = values.filter((p) => p.atMs >= input.fromMs && p.atMs <= input.toMs);
  if (inP.length === 0) {
    w.page.drawText(w.pen.enc('No values in the period.'), { x: x + 28, y: top - 30, size: 7.5, font: w.pen.font });
    return;
  }
  const x0 = inP[0]!.atMs;
  const x1 = Math.max(inP[inP.length - 1]!.atMs, x0 + DAY);
  const spanW = (x1 - x0) / WEEK;
  const ax = fitAxis(inP.map((p) => p.value), scale);
  drawChart(w.page, w.pen, box, [{ points: inP.map((p) => ({ x: (p.atMs - x0) / WEEK, y: p.value })), width: inP.length > 40 ? 0.7 : 1.2, markers: inP.length <= 40 }], {
    xMin: 0, xMax: spanW, yMin: ax.min, yMax: ax.max, yTicks: ax.ticks,
    xTicks: [0, 0.5, 1].map((f) => ({ at: spanW * f, label: isoDate(x0 + f * (x1 - x0)) })),
    xLabel: 'date (dashed = toxin injection)', yLabel: 'points',
    marks: injections.map((ms) => ({ at: (ms - x0) / WEEK, label: 'inj.' })),
  });
}

function cycleChart(w: Writer, scale: SeriesScale, cycles: readonly InjectionCycle[], mean: readonly WeekMean[], x: number, width: number): void {
  const top = w.y;
  w.page.drawText(w.pen.enc(`${scale.label} (${scale.unit})`), { x, y: top - 9, size: 8, font: w.pen.bold });
  const box = { x: x + 28, y: top - 110, w: width - 34, h: 88 };
  const d = describeCycles(cycles);
  const weeks = Math.max(16, mean.length - 1);
  const values = [...cycles.flatMap((c) => c.weekly.map((p) => p.mean)), ...cycles.map((c) => c.baseline)].filter((v): v is number => v !== null);
  const ax = fitAxis(values, scale);
  const series = cycles.map((c) => ({ points: c.weekly.filter((p) => p.mean !== null).map((p) => ({ x: p.week + 0.5, y: p.mean! })), width: 0.6, grey: 0.6 }));
  const meanPts = mean.filter((p) => p.mean !== null).map((p) => ({ x: p.week + 0.5, y: p.mean! }));
  const marks = [
    ...(d.onset === null ? [] : [{ at: d.onset + 0.5, label: 'onset' }]),
    ...(d.peak === null ? [] : [{ at: d.peak + 0.5, label: 'peak', dash: [1, 1] }]),
    ...(d.wearOff === null ? [] : [{ at: d.wearOff + 0.5, label: 'wear-off', dash: [4, 2] }]),
  ];
  const step = weeks <= 20 ? 4 : 8;
  drawChart(w.page, w.pen, box, [...series, { points: meanPts, width: 1.8, markers: true }], {
    xMin: 0, xMax: weeks + 1, yMin: ax.min, yMax: ax.max, yTicks: ax.ticks,
    xTicks: Array.from({ length: Math.floor(weeks / step) + 1 }, (_, i) => ({ at: i * step + 0.5, label: String(i * step) })),
    xLabel: 'weeks since injection', yLabel: 'points', marks,
  });
  drawLegend(w.page, w.pen, box.x, box.y - 32, [{ label: `each cycle (${cycles.length})`, width: 0.6, grey: 0.6 }, { label: 'mean of cycles', width: 1.8 }]);
}

function examBlock(w: Writer, s: PeriodSummary): void {
  const exams = s.exams;
  w.heading('Exams and objective measures (camera)');
  if (exams.length === 0) {
    w.text('No exams in the period.');
    return;
  }
  w.text(`${exams.length} exam${exams.length === 1 ? '' : 's'} in the period, ${isoDate(exams[0]!.startedAtMs)} to ${isoDate(exams[exams.length - 1]!.startedAtMs)}.`);
  const last = exams[exams.length - 1]!;
  w.text(`Latest exam ${isoDate(last.startedAtMs)} (${neutralWords(last)}):`, { bold: true, size: 8.5 });
  w.text(`Objective severity items: ${itemSentence(last.items)}`, { size: 8 });
  for (const line of examSentences(last.measures)) w.text(line, { size: 8 });
  const st = s.severityTotal;
  w.text(`Objective severity items total over the period (camera-derived bands, 0-35; not a clinician-rated scale): ${fmt(st.first, 0)} at the first exam, ${fmt(st.last, 0)} at the last; ${st.n} exams with a total; ${trendWord(st.slopePerWeek, 'points')}.`, { size: 8 });
  // Measures that change with the condition (not recording quality), with the registry's labels and units.
  const labelled = s.measureTrends.filter((t) => { const d = measureDef(t.key); return d !== null && d.group !== 'quality' && t.n > 0; }).slice(0, 6);
  if (labelled.length > 0 && exams.length > 1) {
    const xs = [0, 190, 275, 360, 400];
    w.row(['measure', 'first', 'last', 'exams', 'trend'], xs, { bold: true });
    // Signed values (posture) print as signed numbers in the table; what the sign means follows in words.
    const cell = (k: string, v: number | null) => { const d = measureDef(k)!; return d.positive !== undefined && v !== null ? `${v > 0 ? '+' : ''}${roundForDisplay(d.unit, v)}${d.unit === 'deg' ? '°' : ` ${UNIT_WORDS[d.unit]}`}` : formatMeasure(k, v); };
    for (const t of labelled) w.row([measureLabel(t.key), cell(t.key, t.first), cell(t.key, t.last), String(t.n), trendWord(t.slopePerWeek, UNIT_WORDS[measureDef(t.key)!.unit])], xs);
    const signed = labelled.map((t) => ({ label: measureLabel(t.key), d: measureDef(t.key)! })).filter((x) => x.d.positive !== undefined);
    if (signed.length > 0) w.text(`Signs: ${signed.map((x) => `${x.label} + = ${x.d.positive}, - = ${x.d.negative}`).join('; ')}.`, { size: 7.5 });
  }
}

const UNIT_WORDS: Record<MeasureUnit, string> = { deg: '°', s: 's', pct: '%', count: '', score: 'points', cm: 'cm', hz: 'Hz', 'deg-per-s': '°/s', 'per-min': 'per min', uv: 'µV', ms: 'ms' };

const neutralWords = (e: MeasurementSession) => (e.neutral === 'anatomical' ? 'against anatomical straight' : e.neutral === 'calibrated' ? "against the person's calibrated straight" : 'reference not recorded');

function summaryPages(w: Writer, s: PeriodSummary, input: ReportInput, patient: PatientProfile | undefined, series: { pain: TimedValue[]; severity: TimedValue[] }): void {
  w.text('Geste - clinician summary', { size: 15, bold: true });
  w.text(`Period ${isoDate(input.fromMs)} to ${isoDate(input.toMs)} (${s.adherence.days} days)${patient !== undefined && patient.displayName.trim() !== '' ? ` - ${patient.displayName}` : ''}${patient?.birthYear != null ? `, born ${patient.birthYear}` : ''}`, { size: 9 });
  w.y -= 3;
  safetyBox(w);
  examBlock(w, s);

  const half = (A4.w - 2 * M) / 2;
  const inj = s.cycles.severity.map((c) => c.injectionAtMs).filter((t) => t >= input.fromMs && t <= input.toMs);
  ratedBlock(w, s, inj, input, half);
  // Pain and the camera's items total: charts only when there is something to draw (a cohort import
  // holds rated scales only; two empty chart pairs would push everything else off page 1).
  const hasDaily = series.pain.length > 0 || series.severity.length > 0;
  if (!hasDaily) {
    w.heading('Worst daily pain and objective severity items (camera)');
    w.text('No diary pain ratings or camera exams on record: no charts or cycle estimates for them.', { size: 8 });
  } else {
    w.heading('Over the period (one chart per scale)');
    w.ensure(105);
    let top = w.y;
    timeChart(w, PAIN_NRS_SCALE, series.pain, inj, M, half - 8, input);
    w.y = top;
    timeChart(w, OBJECTIVE_ITEMS_SCALE, series.severity, inj, M + half + 8, half - 8, input);
    w.y = top - 110;

    w.heading('Injection cycles (all cycles on record, overlaid)');
    w.ensure(155);
    top = w.y;
    cycleChart(w, PAIN_NRS_SCALE, s.cycles.pain, s.cycles.painMean, M, half - 8);
    w.y = top;
    cycleChart(w, OBJECTIVE_ITEMS_SCALE, s.cycles.severity, s.cycles.severityMean, M + half + 8, half - 8);
    w.y = top - 152;
    w.text(`Worst daily pain: ${describeCycles(s.cycles.pain).words}`, { size: 7.5 });
    w.text(`Objective severity items: ${describeCycles(s.cycles.severity).words}`, { size: 7.5 });
  }

  w.heading('Diary, mood and impact, adherence and sensory tricks');
  const d = s.diary;
  w.text(`${d.entries} diary entries. Worst pain per entry: mean ${fmt(d.painMean)}, highest ${fmt(d.painMax, 0)} (0-10). Felt severity (0-10): ${SYMPTOMS.map((k) => `${k} ${fmt(d.symptomMeans[k])}`).join(', ')}. Stress ${fmt(d.stressMean)} (10 = most), mood ${fmt(d.moodMean)} (10 = very good).`);
  w.text(`Impact on activities (0 none - 4 could not): ${ACTIVITIES.map((k) => `${k} ${fmt(d.impactMeans[k])}`).join(', ')}.`);
  const a = s.adherence;
  w.text(`Adherence: diary filled on ${a.diaryDays} of ${a.days} days (${a.diaryPct.toFixed(0)} %); ${a.exerciseSessions} exercise and ${a.biofeedbackSessions} biofeedback sessions (${a.exerciseSessionsPerWeek.toFixed(1)} per week).`);
  w.text(s.tricks.length === 0 ? 'Sensory tricks: none tested in this period.' : `Sensory tricks: ${s.tricks.map((t) => `${t.name} - ${t.n} tests, mean reduction of deviation ${fmt(t.meanReductionPct, 0)} %`).join('; ')}.`);

  w.heading('Current treatments (as logged)');
  const li = s.current.lastInjection;
  w.text(li === null ? 'Botulinum toxin: none logged.' : `Last botulinum toxin injection ${isoDate(li.atMs)}: ${li.product}; ${li.totalUnits === null ? '' : `total ${formatUnits(li.totalUnits)} U; `}${li.placebo ? 'placebo; ' : li.blinded ? 'blinded; ' : ''}${li.injections.map((j) => `${j.muscle} ${j.side} ${formatUnits(j.units)} U`).join(', ') || 'muscles not logged'}; guidance ${li.guidance}. Effect noticed from ${li.effectStartedAtMs === null ? '-' : isoDate(li.effectStartedAtMs)}, wearing off ${li.effectWoreOffAtMs === null ? '-' : isoDate(li.effectWoreOffAtMs)}.`);
  w.text(s.current.oral.length === 0 ? 'Oral medicines: none logged as current.' : `Oral medicines: ${s.current.oral.map((o) => `${o.name} ${o.amount} ${o.unit} ${o.timesPerDay}x/day`).join('; ')}.`);
  const th = Object.entries(s.current.therapies);
  if (th.length > 0) w.text(`Sessions in the period: ${th.map(([k, n]) => `${k} ${n}`).join(', ')}.`);
  if (s.current.dbs.length > 0) w.text(`DBS settings as logged (Geste controls no device): ${s.current.dbs.map((x) => `${x.side} ${x.contacts} ${x.amplitude} ${x.amplitudeUnit}, ${x.pulseWidthUs} us, ${x.frequencyHz} Hz (${isoDate(x.atMs)})`).join('; ')}.`);
}

/**
 * Rated scales beside the objective measures: per (scale, rater role) one over-time chart and one
 * injection-cycle chart side by side, then the values and the cycle words (onset / peak / wear-off,
 * or "not enough change" / "not enough data"). Rater role is in every label.
 */
function ratedBlock(w: Writer, s: PeriodSummary, inj: readonly number[], input: ReportInput, half: number): void {
  if (s.rated.length === 0) return;
  w.heading('Rated scales (entered by the rater; not camera-derived)');
  for (const r of s.rated) {
    w.ensure(175);
    const top = w.y;
    timeChart(w, r.seriesScale, r.values, inj, M, half - 8, input);
    w.y = top;
    cycleChart(w, r.seriesScale, r.cycles, r.cycleMean, M + half + 8, half - 8);
    w.y = top - 152;
    const t = r.trend;
    w.text(`${r.seriesScale.label}: ${t.n} value${t.n === 1 ? '' : 's'} in the period, ${fmt(t.first, 0)} at the first, ${fmt(t.last, 0)} at the last (${r.seriesScale.unit}; lower = less severe). Cycles: ${describeCycles(r.cycles).words}`, { size: 7.5 });
    w.y -= 4;
  }
}

function appendix(w: Writer, s: PeriodSummary, records: readonly GesteRecord[], input: ReportInput, unicode: boolean): void {
  w.newPage();
  w.text('Appendix', { size: 13, bold: true });
  w.heading('Exams in the period: one row per exam');
  if (s.exams.length === 0) w.text('No exams in the period.', { size: 8 });
  else {
    w.text('Degrees from straight. Resting posture signs: rotation + = chin turned to the right; tilt + = right ear toward the right shoulder; chin + = down. Range of motion: right / left (turn, tilt), down / up (chin). Items total = objective severity items over the items assessed (camera-derived).', { size: 7 });
    const xs = [0, 50, 100, 140, 178, 216, 266, 316, 366, 410, 452];
    w.row(['date', 'items total', 'rest turn', 'rest tilt', 'rest chin', 'turn R/L', 'tilt R/L', 'chin dn/up', 'tremor Hz', 'jerks/min', 'measured'], xs, { bold: true, size: 7 });
    const n = (m: Readonly<Record<string, number | null>>, k: string, signed = false) => { const v = m[k]; return typeof v === 'number' && Number.isFinite(v) ? `${signed && v > 0 ? '+' : ''}${Math.abs(v) < 10 && !Number.isInteger(v) ? v.toFixed(1) : Math.round(v)}` : '-'; };
    for (const e of s.exams) {
      const m = e.measures;
      const tot = severityTotal(e);
      const max = e.items['maxOfAssessed'];
      const items = typeof tot === 'number' ? `${tot}${typeof max === 'number' ? ` of ${max}` : ''}` : '-';
      const seen = typeof m['framesMeasured'] === 'number' && typeof m['framesTotal'] === 'number' && m['framesTotal']! > 0 ? `${Math.round((100 * m['framesMeasured']!) / m['framesTotal']!)} %` : '-';
      w.row([isoDate(e.startedAtMs), items, n(m, 'restRotationDeg', true), n(m, 'restTiltDeg', true), n(m, 'restFlexionDeg', true), `${n(m, 'romRotationRightDeg')} / ${n(m, 'romRotationLeftDeg')}`, `${n(m, 'romTiltRightDeg')} / ${n(m, 'romTiltLeftDeg')}`, `${n(m, 'romFlexionDeg')} / ${n(m, 'romExtensionDeg')}`, n(m, 'tremorPeakHz'), n(m, 'jerksPerMin'), seen], xs, { size: 7 });
    }
    const last = s.exams[s.exams.length - 1]!;
    w.text(`Items of the latest exam (${isoDate(last.startedAtMs)}): ${itemSentence(last.items)}`, { size: 7.5 });
  }
  w.heading('Weekly diary means (weeks with entries; worst pain, felt severity, stress, mood)');
  const xs = [0, 70, 130, 175, 220, 265, 310, 360, 410];
  w.row(['week from', 'entries', 'pain', 'pulling', 'spasms', 'jerks', 'tremor', 'stress', 'mood'], xs, { bold: true });
  const diary = records.filter((r): r is Extract<GesteRecord, { type: 'diary' }> => r.type === 'diary' && r.atMs >= input.fromMs && r.atMs <= input.toMs);
  const weeks = Math.ceil((input.toMs - input.fromMs) / WEEK);
  const m = (xs2: (number | null)[]) => { const v = xs2.filter((x): x is number => x !== null); return v.length === 0 ? null : v.reduce((p, q) => p + q, 0) / v.length; };
  let empty = 0;
  for (let i = 0; i < weeks; i++) {
    const from = input.fromMs + i * WEEK;
    const es = diary.filter((e) => e.atMs >= from && e.atMs < from + WEEK);
    if (es.length === 0) { empty++; continue; } // no rows of empty time
    const pain = es.map((e) => { const v = [e.pain.neck, e.pain.shoulders, e.pain.head].filter((x): x is number => x !== null); return v.length === 0 ? null : Math.max(...v); });
    w.row([isoDate(from), String(es.length), fmt(m(pain)), ...SYMPTOMS.map((k) => fmt(m(es.map((e) => e.symptoms[k])))), fmt(m(es.map((e) => e.stress))), fmt(m(es.map((e) => e.mood)))], xs);
  }
  if (empty > 0) w.text(`${empty} week${empty === 1 ? '' : 's'} without diary entries ${empty === 1 ? 'is' : 'are'} not listed.`, { size: 7.5 });
  w.heading('Botulinum toxin injections on record');
  const botox = records.filter((r): r is BotulinumTreatment => r.type === 'treatment' && r.kind === 'botulinum').sort((a, b) => a.atMs - b.atMs);
  if (botox.length === 0) w.text('None logged.', { size: 8 });
  for (const t of botox) {
    w.text(`${isoDate(t.atMs)} - ${t.product} - guidance ${t.guidance}${t.clinician === '' ? '' : ` - ${t.clinician}`}: ${t.totalUnits === null ? '' : `total ${formatUnits(t.totalUnits)} U; `}${t.placebo ? 'placebo; ' : t.blinded ? 'blinded; ' : ''}${t.injections.map((j) => `${j.muscle} (${j.side}) ${formatUnits(j.units)} U`).join(', ') || 'muscles not logged'}. Effect noticed: ${t.effectStartedAtMs === null ? '-' : isoDate(t.effectStartedAtMs)} to ${t.effectWoreOffAtMs === null ? '-' : isoDate(t.effectWoreOffAtMs)}.`, { size: 8 });
  }
  const dbs = records.filter((r): r is DbsSetting => r.type === 'treatment' && r.kind === 'dbs-setting');
  if (dbs.length > 0) {
    w.heading('DBS setting changes as logged (facts only; Geste programs no device)');
    for (const x of dbs.sort((a, b) => a.atMs - b.atMs)) w.text(`${isoDate(x.atMs)} ${x.side}: contacts ${x.contacts}, ${x.amplitude} ${x.amplitudeUnit}, ${x.pulseWidthUs} us, ${x.frequencyHz} Hz`, { size: 8 });
  }
  const emgLines = emgSessionLines(records, input.fromMs, input.toMs);
  if (emgLines.length > 0) {
    w.heading('EMG (muscle activity) training sessions in the period');
    for (const line of emgLines) w.text(line, { size: 7.5 });
  }
  w.y -= 6;
  const thr = [s.cycles.pain, s.cycles.severity, ...s.rated.map((r) => r.cycles)].map((c) => c.find((x) => x.threshold !== null)?.threshold).filter((t) => t !== undefined);
  w.text(`Notes on method: objective severity items follow the bands of a published severity scale for cervical dystonia but are computed from camera measures; they are not a clinician-rated scale score. Cycle estimates use weekly means (accurate to about a week) and are made only when at least two weeks improve on the baseline by the threshold or more: ${thr.map((t) => t!.source).join('; ') || 'no threshold could be set (too little data)'}. Onset = first such week, peak = largest improvement, wear-off = first later week back within the threshold.${unicode ? '' : ' Text was set in the PDF standard font: letters outside Western European ones print as "?".'}`, { size: 7.5 });
}

/** Encoder for a Unicode font: letters the font lacks become '?', line breaks become spaces. */
function unicodeEnc(font: PDFFont): (s: string) => string {
  const has = new Set(font.getCharacterSet());
  return (s: string) => {
    let out = '';
    for (const ch of s) {
      const c = ch.codePointAt(0)!;
      out += ch === '\n' || ch === '\r' || ch === '\t' ? ' ' : c < 0x20 ? '' : has.has(c) ? ch : '?';
    }
    return out;
  };
}

/** Builds the PDF bytes. Deterministic for the same input (creation date = generatedAtMs). */
export async function buildClinicianReport(input: ReportInput): Promise<Uint8Array> {
  const s = summarizePeriod(input.records, input.fromMs, input.toMs);
  const patient = input.records.find((r): r is PatientProfile => r.type === 'patient');
  const doc = await PDFDocument.create();
  doc.setTitle('Geste clinician report');
  doc.setSubject(SAFETY_LINE);
  doc.setProducer('Geste');
  doc.setCreator('Geste');
  doc.setCreationDate(new Date(input.generatedAtMs));
  doc.setModificationDate(new Date(input.generatedAtMs));
  let pen: Pen;
  const unicode = input.fonts != null;
  if (input.fonts != null) {
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(input.fonts.regular, { subset: true });
    const bold = await doc.embedFont(input.fonts.bold, { subset: true });
    pen = { font, bold, enc: unicodeEnc(font) };
  } else {
    pen = { font: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold), enc: winAnsi };
  }
  const w = new Writer(doc, pen);
  const series = { pain: allPain(input.records), severity: [...s.severityTotal.points] };
  summaryPages(w, s, input, patient, series);
  appendix(w, s, input.records, input, unicode);
  w.pages.forEach((p, i) => footer(p, pen, i + 1, w.pages.length, input.generatedAtMs));
  return doc.save({ useObjectStreams: false });
}

function allPain(records: readonly GesteRecord[]): TimedValue[] {
  return records.flatMap((r) => {
    if (r.type !== 'diary') return [];
    const v = [r.pain.neck, r.pain.shoulders, r.pain.head].filter((x): x is number => x !== null);
    return v.length === 0 ? [] : [{ atMs: r.atMs, value: Math.max(...v) }];
  }).sort((a, b) => a.atMs - b.atMs);
}
