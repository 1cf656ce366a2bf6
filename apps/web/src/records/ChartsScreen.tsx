/**
 * Charts: one chart per scale over time with injections and treatment changes marked, and one
 * injection-cycle chart per scale. Any numeric series with a declared range plugs in (`ScaleSeries`):
 * worst daily pain, the camera's objective items total, and each rated scale per rater role.
 * Geometry is computed in chartGeometry.ts (tested: nothing drawn outside the axes).
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { describeCycles, injectionCycles, meanCycle, OBJECTIVE_ITEMS_SCALE, PAIN_NRS_SCALE, ratedSeries, type GesteRecord, type SeriesScale, type TimedValue } from '@geste/core';
import { cycleChart, timeChart, type ChartGeom } from './chartGeometry.ts';
import { chartSeries, everything } from './data.ts';
import { translate, useI18n, type I18n } from '../i18n/i18n.tsx';

interface Mark { atMs: number; label: string }
/** Other treatment events shown on the time chart: dose changes, DBS changes, surgery, implants. */
export function otherMarks(records: readonly GesteRecord[], t: I18n['t'] = (k, v) => translate('en', k, v)): Mark[] {
  const out: Mark[] = [];
  for (const r of records) {
    if (r.type !== 'treatment') continue;
    if (r.kind === 'oral') r.doses.forEach((d, i) => out.push({ atMs: d.fromMs, label: t(i === 0 ? 'rec.ch.mark.start' : 'rec.ch.mark.dose', { name: r.name }) }));
    if (r.kind === 'oral' && r.stoppedAtMs !== null) out.push({ atMs: r.stoppedAtMs, label: t('rec.ch.mark.stop', { name: r.name }) });
    if (r.kind === 'dbs-setting') out.push({ atMs: r.atMs, label: t('rec.ch.mark.dbsSetting') });
    if (r.kind === 'dbs-implant') out.push({ atMs: r.atMs, label: t('rec.ch.mark.dbsImplant') });
    if (r.kind === 'surgery') out.push({ atMs: r.atMs, label: t('rec.ch.mark.surgery') });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

/** A numeric series with its scale: what every chart here needs. */
export interface ScaleSeries { readonly scale: SeriesScale; readonly values: readonly TimedValue[] }

export function scaleSeriesOf(records: readonly GesteRecord[]): ScaleSeries[] {
  const s = chartSeries(records);
  return [
    { scale: PAIN_NRS_SCALE, values: s.pain },
    { scale: OBJECTIVE_ITEMS_SCALE, values: s.severity },
    // Rated scales: one series per (scale, rater role), labelled clinician-rated or patient-rated.
    ...ratedSeries(records).map((r) => ({ scale: r.seriesScale, values: r.values })),
  ];
}

export function ChartsScreen(): ReactNode {
  const { t } = useI18n();
  const [records, setRecords] = useState<GesteRecord[] | null>(null);
  useEffect(() => { void everything().then(setRecords); }, []);
  if (records === null) return <p>{t('rec.loading')}</p>;
  const injections = chartSeries(records).injections;
  const series = scaleSeriesOf(records).filter((s) => s.values.length > 0);
  return (
    <section className="rec" aria-labelledby="ch-h">
      <h1 id="ch-h">{t('rec.ch.title')}</h1>
      {series.length === 0 ? <p>{t('rec.ch.empty')}</p> : null}
      <ScaleCharts series={series} injections={injections.map((b) => ({ atMs: b.atMs, effectStartedAtMs: b.effectStartedAtMs, effectWoreOffAtMs: b.effectWoreOffAtMs }))} marks={otherMarks(records, t)} />
    </section>
  );
}

/** Over-time and cycle charts for each series (shared with the clinician view). */
export function ScaleCharts({ series, injections, marks = [], range, timeTestId, cycleTestId, noCycles }: {
  series: readonly ScaleSeries[];
  injections: ReadonlyArray<{ atMs: number; effectStartedAtMs: number | null; effectWoreOffAtMs: number | null }>;
  marks?: readonly Mark[];
  range?: { fromMs: number; toMs: number };
  /** data-testid of the wrappers (the clinician view's tests find its charts by them). */
  timeTestId?: string;
  cycleTestId?: string;
  /** Shown instead of the cycle charts when there are no injections (default: how to log one). */
  noCycles?: ReactNode;
}): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <h2>{t('rec.ch.overTime')}</h2>
      <div data-testid={timeTestId}>
        {series.map((s) => (
          <TimeChart key={s.scale.id} s={s} injections={injections.map((i) => i.atMs)} marks={marks} {...(range === undefined ? {} : { range })} />
        ))}
      </div>
      <h2>{t('rec.ch.cycles')}</h2>
      {injections.length === 0 ? (noCycles ?? <p>{t('rec.ch.noCycles')}</p>) : (
        <div data-testid={cycleTestId}>{series.map((s) => <CycleChart key={s.scale.id} s={s} injections={injections} />)}</div>
      )}
    </>
  );
}

function TimeChart({ s, injections, marks, range }: { s: ScaleSeries; injections: number[]; marks: readonly Mark[]; range?: { fromMs: number; toMs: number } }): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const all = [...injections.map((atMs) => ({ atMs, label: t('rec.ch.mark.injection') })), ...marks];
  const g = timeChart(s.values, s.scale, all, range);
  const first = s.values[0]?.atMs;
  const last = s.values[s.values.length - 1]?.atMs;
  return (
    <ChartSvg g={g} testId={`chart-time-${s.scale.id}`} title={t('rec.ch.timeTitle', { scale: s.scale.label })} yLabel={s.scale.unit}
      desc={t('rec.ch.timeDesc', { n: s.values.length, span: first === undefined ? '' : t('rec.ch.span', { from: i18n.date(first), to: i18n.date(last!) }), inj: injections.length, other: marks.length })}
      caption={t('rec.ch.timeCaption', { scale: s.scale.label, unit: s.scale.unit })} xLabel={t('rec.ch.date')} />
  );
}

function CycleChart({ s, injections }: { s: ScaleSeries; injections: ReadonlyArray<{ atMs: number; effectStartedAtMs: number | null; effectWoreOffAtMs: number | null }> }): ReactNode {
  const { t } = useI18n();
  const cycles = injectionCycles(injections, s.values, { scale: s.scale });
  const mean = meanCycle(cycles);
  const d = describeCycles(cycles);
  const g = cycleChart(cycles, mean, s.scale, d);
  return (
    <>
      <ChartSvg g={g} testId={`chart-cycles-${s.scale.id}`} title={t('rec.ch.cycleTitle', { scale: s.scale.label, n: cycles.length })} yLabel={s.scale.unit} xLabel={t('rec.ch.weeksSince')}
        desc={d.words} caption={t('rec.ch.cycleCaption', { words: d.words })} />
      <details>
        <summary>{t('rec.ch.table', { scale: s.scale.label })}</summary>
        <table className="data">
          <thead><tr><th scope="col">{t('rec.ch.week')}</th>{mean.map((w) => <th scope="col" key={w.week}>{w.week}</th>)}</tr></thead>
          <tbody><tr><th scope="row">{t('rec.ch.mean')}</th>{mean.map((w) => <td key={w.week}>{w.mean === null ? '–' : w.mean.toFixed(1)}</td>)}</tr></tbody>
        </table>
      </details>
    </>
  );
}

/** Draws a ChartGeom: axes, grid, lines (clipped to the plot as a second guard), marks, labels. */
export function ChartSvg({ g, title, desc, caption, yLabel, xLabel = 'date', testId }: { g: ChartGeom; title: string; desc: string; caption: string; yLabel: string; xLabel?: string; testId: string }): ReactNode {
  const id = useId();
  const clip = `${id}-clip`.replace(/:/g, '');
  const p = g.plot;
  return (
    <figure>
      <svg className="chart" viewBox={`0 0 ${g.W} ${g.H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid={testId}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        <defs><clipPath id={clip}><rect x={p.x0} y={p.y1} width={p.x1 - p.x0} height={p.y0 - p.y1} /></clipPath></defs>
        <g fontSize="11" fill="#111">
          {g.yTicks.map((t) => (
            <g key={t.value}>
              <line x1={p.x0} x2={p.x1} y1={t.y} y2={t.y} stroke="#ddd" />
              <text x={p.x0 - 6} y={t.y + 4} textAnchor="end">{t.value}</text>
            </g>
          ))}
          <line x1={p.x0} x2={p.x1} y1={p.y0} y2={p.y0} stroke="#111" />
          <line x1={p.x0} x2={p.x0} y1={p.y1} y2={p.y0} stroke="#111" />
          {g.xTicks.map((t) => <text key={`${t.x}`} x={t.x} y={p.y0 + 16} textAnchor={t.anchor}>{t.label}</text>)}
          <text x={(p.x0 + p.x1) / 2} y={g.H - 6} textAnchor="middle">{xLabel}</text>
          <text x={12} y={(p.y0 + p.y1) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(p.y0 + p.y1) / 2})`}>{yLabel}</text>
        </g>
        {g.marks.map((m, i) => (
          <g key={`${m.x}-${i}`}>
            <line x1={m.x} x2={m.x} y1={p.y1} y2={p.y0} stroke="#333" strokeDasharray={m.dash} />
            <text x={m.labelX} y={m.labelY} fontSize="11" textAnchor={m.anchor}>{m.label}</text>
          </g>
        ))}
        <g clipPath={`url(#${clip})`}>
          {g.paths.map((path, i) => (
            <path key={i} d={path.d} fill="none" stroke={path.role === 'main' ? '#111' : '#888'} strokeWidth={path.role === 'main' ? 3 : 1} />
          ))}
          {g.points.map((q, i) => <rect key={i} x={q.x - 3} y={q.y - 3} width="6" height="6" fill="#111" />)}
        </g>
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
