/** Charts: diary and measures over time with injections marked, and the injection-cycle view. SVG drawn here. */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { entryPain, injectionCycles, meanCycle, severityTotal, type BotulinumTreatment, type GesteRecord, type InjectionCycle, type TimedValue } from '@geste/core';
import { linear, pathOf } from './chartGeometry.ts';
import { everything } from './data.ts';
import { showDate } from './ui.tsx';

const W = 720;
const H = 300;
const PAD = { l: 48, r: 16, t: 20, b: 44 };

interface Mark { atMs: number; label: string }
/** Other treatment events shown on the time chart: dose changes, DBS changes, surgery, implants. */
function otherMarks(records: GesteRecord[]): Mark[] {
  const out: Mark[] = [];
  for (const r of records) {
    if (r.type !== 'treatment') continue;
    if (r.kind === 'oral') r.doses.forEach((d, i) => out.push({ atMs: d.fromMs, label: i === 0 ? `start ${r.name}` : `dose ${r.name}` }));
    if (r.kind === 'oral' && r.stoppedAtMs !== null) out.push({ atMs: r.stoppedAtMs, label: `stop ${r.name}` });
    if (r.kind === 'dbs-setting') out.push({ atMs: r.atMs, label: 'DBS setting' });
    if (r.kind === 'dbs-implant') out.push({ atMs: r.atMs, label: 'DBS implant' });
    if (r.kind === 'surgery') out.push({ atMs: r.atMs, label: 'surgery' });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

function series(records: GesteRecord[]): { pain: TimedValue[]; severity: TimedValue[]; injections: BotulinumTreatment[] } {
  const pain: TimedValue[] = [];
  const severity: TimedValue[] = [];
  for (const r of records) {
    if (r.type === 'diary') { const v = entryPain(r); if (v !== null) pain.push({ atMs: r.atMs, value: v }); }
    if (r.type === 'session' && r.kind === 'exam') { const v = severityTotal(r); if (v !== null) severity.push({ atMs: r.startedAtMs, value: v }); }
  }
  const injections = records.filter((r): r is BotulinumTreatment => r.type === 'treatment' && r.kind === 'botulinum').sort((a, b) => a.atMs - b.atMs);
  return { pain: pain.sort((a, b) => a.atMs - b.atMs), severity: severity.sort((a, b) => a.atMs - b.atMs), injections };
}

export function ChartsScreen(): ReactNode {
  const [records, setRecords] = useState<GesteRecord[] | null>(null);
  const [metric, setMetric] = useState<'pain' | 'severity'>('pain');
  useEffect(() => { void everything().then(setRecords); }, []);
  if (records === null) return <p>Loading…</p>;
  const s = series(records);
  const cycles = injectionCycles(s.injections.map((b) => ({ atMs: b.atMs, effectStartedAtMs: b.effectStartedAtMs, effectWoreOffAtMs: b.effectWoreOffAtMs })), metric === 'pain' ? s.pain : s.severity);
  return (
    <section className="rec" aria-labelledby="ch-h">
      <h1 id="ch-h">Charts</h1>
      <OverTime pain={s.pain} severity={s.severity} injections={s.injections.map((b) => b.atMs)} marks={otherMarks(records)} />
      <h2>Injection cycles</h2>
      <fieldset>
        <legend>Show</legend>
        <div className="score-options">
          {(['pain', 'severity'] as const).map((m) => (
            <label key={m} className="score-opt" data-checked={metric === m}>
              <input type="radio" name="cycle-metric" checked={metric === m} onChange={() => setMetric(m)} />
              <span>{metric === m ? '✓ ' : ''}{m === 'pain' ? 'worst daily pain (0–10)' : 'objective severity items total'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {s.injections.length === 0 ? <p>Log a botulinum toxin injection in the treatment log to see the cycle view.</p> : <CycleChart cycles={cycles} yMax={metric === 'pain' ? 10 : 15} label={metric === 'pain' ? 'worst daily pain' : 'severity items total'} />}
    </section>
  );
}

function OverTime({ pain, severity, injections, marks }: { pain: TimedValue[]; severity: TimedValue[]; injections: number[]; marks: Mark[] }): ReactNode {
  const id = useId();
  const all = [...pain, ...severity].map((p) => p.atMs).concat(injections);
  if (all.length === 0) return <p>No diary entries or exams yet.</p>;
  const x0 = Math.min(...all);
  const x1 = Math.max(...all, x0 + 86_400_000);
  const sx = linear(x0, x1, PAD.l, W - PAD.r);
  const yMax = Math.max(10, ...severity.map((p) => p.value));
  const sy = linear(0, yMax, H - PAD.b, PAD.t);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => x0 + f * (x1 - x0));
  return (
    <figure>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid="chart-time">
        <title id={`${id}-t`}>Worst daily pain and objective severity over time</title>
        <desc id={`${id}-d`}>{`${pain.length} diary entries and ${severity.length} exams from ${showDate(x0)} to ${showDate(x1)}; ${injections.length} injections marked by dashed vertical lines; ${marks.length} other treatment changes marked on the time axis.`}</desc>
        <Axes sx={sx} sy={sy} yTicks={[0, 5, 10, ...(yMax > 10 ? [15] : [])]} xTicks={ticks.map((t) => ({ at: t, label: new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }) }))} xLabel="date" />
        {injections.map((t) => (
          <g key={t}>
            <line x1={sx(t)} x2={sx(t)} y1={PAD.t} y2={H - PAD.b} stroke="#333" strokeDasharray="5 4" />
            <text x={sx(t) + 3} y={PAD.t + 10} fontSize="11">injection</text>
          </g>
        ))}
        {marks.filter((m) => m.atMs >= x0 && m.atMs <= x1).map((m, i) => (
          <g key={`${m.atMs}-${i}`}>
            <line x1={sx(m.atMs)} x2={sx(m.atMs)} y1={H - PAD.b} y2={H - PAD.b - 18} stroke="#333" strokeWidth="2" />
            <text x={sx(m.atMs) + 3} y={H - PAD.b - 20 - (i % 3) * 11} fontSize="10">{m.label}</text>
          </g>
        ))}
        <path d={pathOf(pain.map((p) => ({ x: p.atMs, y: p.value })), sx, sy)} fill="none" stroke="#0047ab" strokeWidth="1.5" />
        <path d={pathOf(severity.map((p) => ({ x: p.atMs, y: p.value })), sx, sy)} fill="none" stroke="#111" strokeWidth="3" strokeDasharray="2 3" />
      </svg>
      <figcaption>Thin solid line: worst daily pain (0–10). Thick dotted line: objective severity items total. Dashed vertical lines: injections. Short ticks on the time axis: medicine starts, dose changes and stops, DBS changes, surgery (labelled).</figcaption>
    </figure>
  );
}

function Axes({ sx, sy, yTicks, xTicks, xLabel }: { sx: (v: number) => number; sy: (v: number) => number; yTicks: number[]; xTicks: Array<{ at: number; label: string }>; xLabel: string }): ReactNode {
  return (
    <g fontSize="11" fill="#111">
      <line x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} stroke="#111" />
      <line x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} stroke="#111" />
      {yTicks.map((t) => (
        <g key={t}>
          <line x1={PAD.l} x2={W - PAD.r} y1={sy(t)} y2={sy(t)} stroke="#ddd" />
          <text x={PAD.l - 6} y={sy(t) + 4} textAnchor="end">{t}</text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={t.at} x={sx(t.at)} y={H - PAD.b + 16} textAnchor="middle">{t.label}</text>
      ))}
      <text x={(PAD.l + W - PAD.r) / 2} y={H - 6} textAnchor="middle">{xLabel}</text>
    </g>
  );
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function CycleChart({ cycles, yMax, label }: { cycles: InjectionCycle[]; yMax: number; label: string }): ReactNode {
  const id = useId();
  const mean = meanCycle(cycles);
  const sx = linear(0, 16, PAD.l, W - PAD.r);
  const sy = linear(0, yMax, H - PAD.b, PAD.t);
  const est = {
    onset: median(cycles.flatMap((c) => (c.onsetWeek === null ? [] : [c.onsetWeek]))),
    peak: median(cycles.flatMap((c) => (c.peakWeek === null ? [] : [c.peakWeek]))),
    'wear-off': median(cycles.flatMap((c) => (c.wearOffWeek === null ? [] : [c.wearOffWeek]))),
  };
  const words = Object.entries(est).map(([k, v]) => `${k} ${v === null ? 'not seen' : `week ${v}`}`).join(', ');
  return (
    <figure>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid="chart-cycles">
        <title id={`${id}-t`}>{`${label} by weeks since each injection, ${cycles.length} cycles overlaid`}</title>
        <desc id={`${id}-d`}>{`Estimates from your records: ${words}.`}</desc>
        <Axes sx={sx} sy={sy} yTicks={Array.from({ length: Math.floor(yMax / 5) + 1 }, (_, i) => i * 5)} xTicks={[0, 2, 4, 6, 8, 10, 12, 14, 16].map((w) => ({ at: w, label: String(w) }))} xLabel="weeks since injection" />
        {Object.entries(est).map(([k, v], i) => (v === null ? null : (
          <g key={k}>
            <line x1={sx(v + 0.5)} x2={sx(v + 0.5)} y1={PAD.t} y2={H - PAD.b} stroke="#333" strokeDasharray={i === 1 ? '1 3' : '6 3'} />
            <text x={sx(v + 0.5) + 3} y={PAD.t + 10 + i * 13} fontSize="11">{k}</text>
          </g>
        )))}
        {cycles.map((c) => (
          <path key={c.injectionAtMs} d={pathOf(c.weekly.map((w) => ({ x: w.week + 0.5, y: w.mean })), sx, sy)} fill="none" stroke="#888" strokeWidth="1" />
        ))}
        <path d={pathOf(mean.map((w) => ({ x: w.week + 0.5, y: w.mean })), sx, sy)} fill="none" stroke="#111" strokeWidth="3.5" />
        {mean.map((w) => (w.mean === null ? null : <rect key={w.week} x={sx(w.week + 0.5) - 3} y={sy(w.mean) - 3} width="6" height="6" fill="#111" />))}
      </svg>
      <figcaption>Thin grey lines: each injection cycle. Thick black line with squares: mean of the cycles. Estimates ({words}) describe your records; they are not a treatment judgement.</figcaption>
      <details>
        <summary>Table of the mean by week</summary>
        <table className="data">
          <thead><tr><th scope="col">week</th>{mean.map((w) => <th scope="col" key={w.week}>{w.week}</th>)}</tr></thead>
          <tbody><tr><th scope="row">mean</th>{mean.map((w) => <td key={w.week}>{w.mean === null ? '–' : w.mean.toFixed(1)}</td>)}</tr></tbody>
        </table>
      </details>
    </figure>
  );
}
