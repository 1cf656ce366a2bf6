/** Saved EMG sessions as a chart: time at or below target (bars, %) and the median level × rest (dots). */
import type { ReactNode } from 'react';
import type { MeasurementSession } from '@geste/core';
import { useI18n } from '../i18n/i18n.tsx';

export function EmgChart(props: { sessions: readonly MeasurementSession[] }): ReactNode {
  const s = props.sessions.slice(-20);
  const i18n = useI18n();
  const t = i18n.t;
  if (s.length === 0) return <p data-testid="emg-chart-empty">{t('emg.chart.empty')}</p>;
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
        <title id="emg-chart-t">{t('emg.chart.title')}</title>
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
                <title>{`${i18n.dateTime(x.startedAtMs)}: ${pct == null ? t('emg.chart.nm') : t('emg.chart.pct', { pct: pct.toFixed(0) })}${interrupted ? t('emg.chart.interrupted') : ''}`}</title>
              </rect>
              {r != null && <circle cx={left + i * bw + bw / 2} cy={h - bottom - ((h - bottom - 10) * r) / maxRatio} r={4} fill="#0b5cad" />}
              <text x={left + i * bw + bw / 2} y={h - 10} fontSize="10" textAnchor="middle">{`${d.getDate()}/${d.getMonth() + 1}`}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        {t('emg.chart.caption', { max: i18n.number(maxRatio) })}
      </figcaption>
      <table className="emg-sessions" data-testid="emg-session-table">
        <thead>
          <tr><th>{t('emg.col.started')}</th><th>{t('emg.col.muscle')}</th><th>{t('emg.col.below')}</th><th>{t('emg.col.above')}</th><th>{t('emg.col.lost')}</th><th>{t('emg.col.note')}</th></tr>
        </thead>
        <tbody>
          {s.slice().reverse().map((x) => (
            <tr key={x.id}>
              <td>{i18n.dateTime(x.startedAtMs)}</td>
              <td>{x.note.split(' · ')[1] ?? ''}</td>
              <td>{x.measures['emg.timeBelowTargetPct'] == null ? '—' : `${x.measures['emg.timeBelowTargetPct']!.toFixed(0)} %`}</td>
              <td>{x.measures['emg.cueCount'] ?? '—'}</td>
              <td>{x.measures['emg.lostPct'] == null ? '—' : `${i18n.number(x.measures['emg.lostPct']!)} %`}</td>
              <td>{x.measures['emg.interrupted'] === 1 ? t('emg.interruptedNote') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
