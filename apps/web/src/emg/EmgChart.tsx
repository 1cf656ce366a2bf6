/** Saved EMG sessions as a chart: time at or below target (bars, %) and the median level × rest (dots). */
import type { ReactNode } from 'react';
import type { MeasurementSession } from '@geste/core';

export function EmgChart(props: { sessions: readonly MeasurementSession[] }): ReactNode {
  const s = props.sessions.slice(-20);
  if (s.length === 0) return <p data-testid="emg-chart-empty">No EMG session saved yet.</p>;
  const w = 560;
  const h = 200;
  const left = 40;
  const bottom = 30;
  const bw = Math.min(60, (w - left) / s.length);
  const ratios = s.map((x) => {
    const m = x.measures['emg.medianEnvelopeUv'];
    const r = x.measures['emg.restUv'];
    return m != null && r != null && r > 0 ? m / r : null;
  });
  const maxRatio = Math.max(2, ...ratios.map((r) => r ?? 0));
  return (
    <figure>
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" style={{ maxWidth: w }} role="img" aria-labelledby="emg-chart-t" data-testid="emg-chart" data-sessions={s.length}>
        <title id="emg-chart-t">Per session: bars show the share of time at or below the target; dots show the median muscle level as a multiple of rest.</title>
        <line x1={left} y1={h - bottom} x2={w} y2={h - bottom} stroke="#1d2b53" />
        <text x="2" y="14" fontSize="11">100 %</text>
        <text x="2" y={h - bottom} fontSize="11">0 %</text>
        {s.map((x, i) => {
          const pct = x.measures['emg.timeBelowTargetPct'];
          const bh = pct == null ? 0 : ((h - bottom - 10) * pct) / 100;
          const r = ratios[i];
          const interrupted = x.measures['emg.interrupted'] === 1;
          const d = new Date(x.startedAtMs);
          return (
            <g key={x.id}>
              <rect x={left + i * bw + 4} y={h - bottom - bh} width={Math.max(2, bw - 8)} height={bh} fill={interrupted ? '#c9a227' : '#2e7d4f'}>
                <title>{`${d.toLocaleString()}: ${pct == null ? 'not measurable' : pct.toFixed(0) + ' % at or below target'}${interrupted ? ' (interrupted)' : ''}`}</title>
              </rect>
              {r != null && <circle cx={left + i * bw + bw / 2} cy={h - bottom - ((h - bottom - 10) * r) / maxRatio} r={4} fill="#0b5cad" />}
              <text x={left + i * bw + bw / 2} y={h - 10} fontSize="10" textAnchor="middle">{`${d.getDate()}/${d.getMonth() + 1}`}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        Green bars: share of the session at or below the target (higher is better); yellow: the session was interrupted. Blue dots: median
        level as a multiple of rest (scale 0 – {maxRatio.toFixed(1)} ×).
      </figcaption>
      <table className="emg-sessions" data-testid="emg-session-table">
        <thead>
          <tr><th>Started</th><th>Muscle</th><th>At or below target</th><th>Times above</th><th>Lost</th><th>Note</th></tr>
        </thead>
        <tbody>
          {s.slice().reverse().map((x) => (
            <tr key={x.id}>
              <td>{new Date(x.startedAtMs).toLocaleString()}</td>
              <td>{x.note.split(' · ')[1] ?? ''}</td>
              <td>{x.measures['emg.timeBelowTargetPct'] == null ? '—' : `${x.measures['emg.timeBelowTargetPct']!.toFixed(0)} %`}</td>
              <td>{x.measures['emg.cueCount'] ?? '—'}</td>
              <td>{x.measures['emg.lostPct'] == null ? '—' : `${x.measures['emg.lostPct']!.toFixed(1)} %`}</td>
              <td>{x.measures['emg.interrupted'] === 1 ? 'interrupted (disconnected)' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
