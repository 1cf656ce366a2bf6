/**
 * The clinician report: one summary page plus an appendix, built on the device with pdf-lib
 * (browser and Node alike) and a standard embedded font. Everything is computed by
 * `summarizePeriod` in @geste/core; this file only lays it out.
 */
import {
  ACTIVITIES,
  SYMPTOMS,
  summarizePeriod,
  type BotulinumTreatment,
  type DbsSetting,
  type GesteRecord,
  type InjectionCycle,
  type PatientProfile,
  type PeriodSummary,
  type WeekMean,
  formatUnits,
} from '@geste/core';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { drawChart, drawLegend } from './charts.ts';
import { fmt, isoDate, winAnsi, wrap } from './text.ts';

export const SAFETY_LINE =
  'Geste measures and records; it does not diagnose or recommend treatment. Measures come from a webcam and the person\'s own diary; the clinician\'s examination and judgement decide.';

export interface ReportInput {
  readonly records: readonly GesteRecord[];
  /** Period since the last visit. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly generatedAtMs: number;
}

const A4 = { w: 595.28, h: 841.89 };
const M = 40;
const DAY = 86_400_000;
const WEEK = 7 * DAY;

class Writer {
  y: number;
  constructor(readonly page: PDFPage, readonly font: PDFFont, readonly bold: PDFFont) {
    this.y = A4.h - M;
  }
  text(s: string, opts: { size?: number; bold?: boolean; x?: number; width?: number } = {}): void {
    const size = opts.size ?? 8.5;
    const font = opts.bold === true ? this.bold : this.font;
    for (const line of wrap(s, font, size, opts.width ?? A4.w - 2 * M - ((opts.x ?? M) - M))) {
      this.page.drawText(line, { x: opts.x ?? M, y: this.y - size, size, font });
      this.y -= size * 1.25;
    }
  }
  heading(s: string): void {
    this.y -= 4;
    this.text(s, { size: 10, bold: true });
    this.page.drawLine({ start: { x: M, y: this.y + 1 }, end: { x: A4.w - M, y: this.y + 1 }, thickness: 0.4, color: rgb(0.5, 0.5, 0.5) });
    this.y -= 3;
  }
  /** Columns at given x offsets; returns nothing, moves down one row. */
  row(cells: readonly string[], xs: readonly number[], opts: { bold?: boolean; size?: number } = {}): void {
    const size = opts.size ?? 8;
    const font = opts.bold === true ? this.bold : this.font;
    cells.forEach((c, i) => this.page.drawText(winAnsi(c), { x: M + xs[i]!, y: this.y - size, size, font }));
    this.y -= size * 1.3;
  }
}

function safetyBox(w: Writer): void {
  const lines = wrap(SAFETY_LINE, w.bold, 8, A4.w - 2 * M - 12);
  const h = lines.length * 10 + 8;
  w.page.drawRectangle({ x: M, y: w.y - h, width: A4.w - 2 * M, height: h, borderColor: rgb(0, 0, 0), borderWidth: 0.8 });
  lines.forEach((l, i) => w.page.drawText(l, { x: M + 6, y: w.y - 12 - i * 10, size: 8, font: w.bold }));
  w.y -= h + 6;
}

function footer(page: PDFPage, font: PDFFont, n: number, total: number, generatedAtMs: number): void {
  const s = winAnsi(`Geste clinician report - generated ${isoDate(generatedAtMs)} on the device - page ${n} of ${total} - ${SAFETY_LINE.split('.')[0]}.`);
  page.drawText(s, { x: M, y: 22, size: 6.5, font, color: rgb(0.25, 0.25, 0.25) });
}

const trendWord = (slope: number | null, unit: string): string =>
  slope === null ? 'too few sessions for a trend' : `${slope >= 0 ? '+' : ''}${slope.toFixed(2)} ${unit} per week`;

function cycleEstimates(cycles: readonly InjectionCycle[]): { onset: number | null; peak: number | null; wear: number | null } {
  const med = (xs: number[]) => { if (xs.length === 0) return null; const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]!; };
  const pick = (f: (c: InjectionCycle) => number | null) => med(cycles.map(f).filter((x): x is number => x !== null));
  return { onset: pick((c) => c.onsetWeek), peak: pick((c) => c.peakWeek), wear: pick((c) => c.wearOffWeek) };
}

function cycleChart(w: Writer, title: string, cycles: readonly InjectionCycle[], mean: readonly WeekMean[], yMax: number, yLabel: string, x: number, width: number): void {
  const top = w.y;
  w.page.drawText(winAnsi(title), { x, y: top - 9, size: 8.5, font: w.bold });
  const box = { x: x + 26, y: top - 128, w: width - 34, h: 100 };
  const series = cycles.map((c) => ({ points: c.weekly.filter((p) => p.mean !== null).map((p) => ({ x: p.week + 0.5, y: p.mean! })), width: 0.6, grey: 0.6 }));
  const meanPts = mean.filter((p) => p.mean !== null).map((p) => ({ x: p.week + 0.5, y: p.mean! }));
  const est = cycleEstimates(cycles);
  const marks = [
    ...(est.onset === null ? [] : [{ at: est.onset + 0.5, label: 'onset' }]),
    ...(est.peak === null ? [] : [{ at: est.peak + 0.5, label: 'peak', dash: [1, 1] }]),
    ...(est.wear === null ? [] : [{ at: est.wear + 0.5, label: 'wear-off', dash: [4, 2] }]),
  ];
  drawChart(w.page, w.font, box, [...series, { points: meanPts, width: 1.8, markers: true }], {
    xMin: 0, xMax: 16, yMin: 0, yMax,
    xTicks: [0, 4, 8, 12, 16].map((t) => ({ at: t, label: String(t) })),
    yTicks: Array.from({ length: Math.floor(yMax / 5) + 1 }, (_, i) => i * 5),
    xLabel: 'weeks since injection', yLabel, marks,
  });
  drawLegend(w.page, w.font, box.x, box.y - 32, [{ label: `each cycle (${cycles.length})`, width: 0.6, grey: 0.6 }, { label: 'mean of cycles', width: 1.8 }]);
}

function page1(w: Writer, s: PeriodSummary, input: ReportInput, patient: PatientProfile | undefined): void {
  w.text('Geste - clinician summary', { size: 15, bold: true });
  w.text(`Period ${isoDate(input.fromMs)} to ${isoDate(input.toMs)} (${s.adherence.days} days)${patient !== undefined && patient.displayName.trim() !== '' ? ` - ${patient.displayName}` : ''}${patient?.birthYear != null ? `, born ${patient.birthYear}` : ''}`, { size: 9 });
  w.y -= 3;
  safetyBox(w);

  w.heading('Objective measures and trend');
  const st = s.severityTotal;
  w.text(`Objective severity items, total (bands as in the clinical literature, max 35): ${fmt(st.first, 0)} at the first exam, ${fmt(st.last, 0)} at the last; ${st.n} exams; ${trendWord(st.slopePerWeek, 'points')}.`);
  const keyMeasures = s.measureTrends.slice(0, 6);
  if (keyMeasures.length > 0) {
    const xs = [0, 150, 215, 280, 330];
    w.row(['measure', 'first', 'last', 'exams', 'trend'], xs, { bold: true });
    for (const t of keyMeasures) w.row([t.key, fmt(t.first), fmt(t.last), String(t.n), trendWord(t.slopePerWeek, '')], xs);
  }
  // Trend chart of the severity total with injections marked.
  const chartTop = w.y - 6;
  const box = { x: M + 30, y: chartTop - 92, w: A4.w - 2 * M - 40, h: 80 };
  const spanW = Math.max(1, (input.toMs - input.fromMs) / WEEK);
  const inj = s.cycles.severity.map((c) => c.injectionAtMs);
  drawChart(w.page, w.font, box, [{ points: st.points.map((p) => ({ x: (p.atMs - input.fromMs) / WEEK, y: p.value })), width: 1.2, markers: true }], {
    xMin: 0, xMax: spanW, yMin: 0, yMax: Math.max(10, Math.ceil(Math.max(0, ...st.points.map((p) => p.value)) / 5) * 5),
    xTicks: Array.from({ length: 5 }, (_, i) => { const at = (spanW * i) / 4; return { at, label: isoDate(input.fromMs + at * WEEK) }; }),
    yTicks: [0, 5, 10], xLabel: 'date (exam sessions; dashed lines = toxin injections)', yLabel: 'items total',
    marks: inj.map((ms) => ({ at: (ms - input.fromMs) / WEEK, label: 'inj.' })),
  });
  w.y = box.y - 28;

  w.heading('Injection cycles (all cycles on record, overlaid)');
  const top = w.y;
  const half = (A4.w - 2 * M) / 2;
  cycleChart(w, 'Objective severity items total', s.cycles.severity, s.cycles.severityMean, 15, 'items total', M, half - 8);
  w.y = top;
  cycleChart(w, 'Worst daily pain (0-10)', s.cycles.pain, s.cycles.painMean, 10, 'pain', M + half + 8, half - 8);
  w.y = top - 170;
  const e = cycleEstimates(s.cycles.severity);
  const ep = cycleEstimates(s.cycles.pain);
  const wk = (v: number | null) => (v === null ? 'not seen' : `week ${v}`);
  w.text(`Estimates from the person's own records (median over cycles): severity - onset ${wk(e.onset)}, peak ${wk(e.peak)}, wear-off ${wk(e.wear)}; pain - onset ${wk(ep.onset)}, peak ${wk(ep.peak)}, wear-off ${wk(ep.wear)}.`, { size: 8 });

  w.heading('Diary, adherence and sensory tricks');
  const d = s.diary;
  w.text(`${d.entries} diary entries. Worst pain per entry: mean ${fmt(d.painMean)}, highest ${fmt(d.painMax, 0)} (0-10). Felt severity (0-10): ${SYMPTOMS.map((k) => `${k} ${fmt(d.symptomMeans[k])}`).join(', ')}. Stress ${fmt(d.stressMean)}, mood ${fmt(d.moodMean)} (10 = very good).`);
  w.text(`Impact on activities (0 none - 4 could not): ${ACTIVITIES.map((k) => `${k} ${fmt(d.impactMeans[k])}`).join(', ')}.`);
  const a = s.adherence;
  w.text(`Adherence: diary filled on ${a.diaryDays} of ${a.days} days (${a.diaryPct.toFixed(0)} %); ${a.exerciseSessions} exercise and ${a.biofeedbackSessions} biofeedback sessions (${a.exerciseSessionsPerWeek.toFixed(1)} per week).`);
  w.text(s.tricks.length === 0 ? 'Sensory tricks: none tested in this period.' : `Sensory tricks: ${s.tricks.map((t) => `${t.name} - ${t.n} tests, mean reduction of deviation ${fmt(t.meanReductionPct, 0)} %`).join('; ')}.`);

  w.heading('Current treatments (as logged)');
  const li = s.current.lastInjection;
  w.text(li === null ? 'Botulinum toxin: none logged.' : `Last botulinum toxin injection ${isoDate(li.atMs)}: ${li.product}; ${li.injections.map((j) => `${j.muscle} ${j.side} ${formatUnits(j.units)} U`).join(', ')}; guidance ${li.guidance}. Effect noticed from ${li.effectStartedAtMs === null ? '-' : isoDate(li.effectStartedAtMs)}, wearing off ${li.effectWoreOffAtMs === null ? '-' : isoDate(li.effectWoreOffAtMs)}.`);
  w.text(s.current.oral.length === 0 ? 'Oral medicines: none logged as current.' : `Oral medicines: ${s.current.oral.map((o) => `${o.name} ${o.amount} ${o.unit} ${o.timesPerDay}x/day`).join('; ')}.`);
  const th = Object.entries(s.current.therapies);
  if (th.length > 0) w.text(`Sessions in the period: ${th.map(([k, n]) => `${k} ${n}`).join(', ')}.`);
  if (s.current.dbs.length > 0) w.text(`DBS settings as logged (Geste controls no device): ${s.current.dbs.map((x) => `${x.side} ${x.contacts} ${x.amplitude} ${x.amplitudeUnit}, ${x.pulseWidthUs} us, ${x.frequencyHz} Hz (${isoDate(x.atMs)})`).join('; ')}.`);
}

function appendix(doc: PDFDocument, font: PDFFont, bold: PDFFont, s: PeriodSummary, records: readonly GesteRecord[], input: ReportInput): PDFPage[] {
  const pages: PDFPage[] = [];
  let w = new Writer(doc.addPage([A4.w, A4.h]), font, bold);
  pages.push(w.page);
  const ensure = (dy: number) => {
    if (w.y - dy < 50) {
      w = new Writer(doc.addPage([A4.w, A4.h]), font, bold);
      pages.push(w.page);
    }
  };
  w.text('Appendix', { size: 13, bold: true });
  w.heading('Weekly diary means in the period (worst pain, felt severity, stress, mood)');
  const xs = [0, 70, 130, 175, 220, 265, 310, 360, 410];
  w.row(['week from', 'entries', 'pain', 'pulling', 'spasms', 'jerks', 'tremor', 'stress', 'mood'], xs, { bold: true });
  const diary = records.filter((r): r is Extract<GesteRecord, { type: 'diary' }> => r.type === 'diary' && r.atMs >= input.fromMs && r.atMs <= input.toMs);
  const weeks = Math.ceil((input.toMs - input.fromMs) / WEEK);
  const m = (xs2: (number | null)[]) => { const v = xs2.filter((x): x is number => x !== null); return v.length === 0 ? null : v.reduce((p, q) => p + q, 0) / v.length; };
  for (let i = 0; i < weeks; i++) {
    const from = input.fromMs + i * WEEK;
    const es = diary.filter((e) => e.atMs >= from && e.atMs < from + WEEK);
    ensure(12);
    const pain = es.map((e) => { const v = [e.pain.neck, e.pain.shoulders, e.pain.head].filter((x): x is number => x !== null); return v.length === 0 ? null : Math.max(...v); });
    w.row([isoDate(from), String(es.length), fmt(m(pain)), ...SYMPTOMS.map((k) => fmt(m(es.map((e) => e.symptoms[k])))), fmt(m(es.map((e) => e.stress))), fmt(m(es.map((e) => e.mood)))], xs);
  }
  w.heading('Botulinum toxin injections on record');
  for (const t of records.filter((r): r is BotulinumTreatment => r.type === 'treatment' && r.kind === 'botulinum').sort((a, b) => a.atMs - b.atMs)) {
    ensure(24);
    w.text(`${isoDate(t.atMs)} - ${t.product} - guidance ${t.guidance}${t.clinician === '' ? '' : ` - ${t.clinician}`}: ${t.totalUnits === null ? '' : `total ${formatUnits(t.totalUnits)} U; `}${t.placebo ? 'placebo; ' : t.blinded ? 'blinded; ' : ''}${t.injections.map((j) => `${j.muscle} (${j.side}) ${formatUnits(j.units)} U`).join(', ') || 'muscles not logged'}. Effect noticed: ${t.effectStartedAtMs === null ? '-' : isoDate(t.effectStartedAtMs)} to ${t.effectWoreOffAtMs === null ? '-' : isoDate(t.effectWoreOffAtMs)}.`, { size: 8 });
  }
  const dbs = records.filter((r): r is DbsSetting => r.type === 'treatment' && r.kind === 'dbs-setting');
  if (dbs.length > 0) {
    w.heading('DBS setting changes as logged (facts only; Geste programs no device)');
    for (const x of dbs.sort((a, b) => a.atMs - b.atMs)) { ensure(12); w.text(`${isoDate(x.atMs)} ${x.side}: contacts ${x.contacts}, ${x.amplitude} ${x.amplitudeUnit}, ${x.pulseWidthUs} us, ${x.frequencyHz} Hz`, { size: 8 }); }
  }
  w.heading('Exam sessions in the period: objective severity items');
  const exams = records.filter((r): r is Extract<GesteRecord, { type: 'session' }> => r.type === 'session' && r.kind === 'exam' && r.startedAtMs >= input.fromMs && r.startedAtMs <= input.toMs).sort((a, b) => a.startedAtMs - b.startedAtMs);
  for (const e of exams) {
    ensure(12);
    w.text(`${isoDate(e.startedAtMs)} (${e.neutral ?? 'neutral not recorded'}): ${Object.entries(e.items).map(([k, v]) => `${k} ${v === null ? 'not measurable' : v}`).join(', ')}`, { size: 7.5 });
  }
  ensure(30);
  w.y -= 6;
  w.text('Notes on method: objective severity items follow the bands of a published severity scale for cervical dystonia but are computed from camera measures; they are not a clinician-rated scale score. Cycle estimates use weekly means (accurate to about a week): onset = first week reaching half of the largest improvement, wear-off = first later week falling below it.', { size: 7.5 });
  return pages;
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
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w = new Writer(doc.addPage([A4.w, A4.h]), font, bold);
  page1(w, s, input, patient);
  const pages = [w.page, ...appendix(doc, font, bold, s, input.records, input)];
  pages.forEach((p, i) => footer(p, font, i + 1, pages.length, input.generatedAtMs));
  return doc.save({ useObjectStreams: false });
}
