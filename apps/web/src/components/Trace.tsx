/**
 * 30-second trace of the three angles (uPlot) of the current camera run (traceWindow.ts); redrawn ~8×/s.
 * Not-measurable frames are gaps (null), never zeros. Lines differ by dash pattern as well as colour.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useInterval, useMeasureApi, useTicks } from '../app/measure.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { TraceWindow } from './traceWindow.ts';

export function Trace(props: { zoneDeg: number }): ReactNode {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const api = useMeasureApi();
  // One camera run per trace: a new run starts it empty (traceWindow.ts).
  const data = useRef(new TraceWindow());
  const zone = props.zoneDeg;
  const { t, lang } = useI18n();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(280, el.clientWidth || 600);
    const opts: uPlot.Options = {
      width,
      height: 220,
      scales: { x: { time: false }, y: { range: [-60, 60] } },
      axes: [
        { label: t('m.trace.secondsAgo'), values: (_u, v) => v.map((x) => `${Math.round(x)}`), stroke: '#111' },
        { label: t('m.trace.degrees'), stroke: '#111' },
      ],
      series: [
        {},
        { label: t('m.trace.turn'), stroke: '#0047ab', width: 2.5 },
        { label: t('m.trace.tilt'), stroke: '#b00020', width: 2.5, dash: [10, 5] },
        { label: t('m.trace.chin'), stroke: '#1b5e20', width: 2.5, dash: [2, 4] },
      ],
      legend: { show: true, live: false },
      cursor: { show: false },
      hooks: {
        drawAxes: [
          (u) => {
            const ctx = u.ctx;
            const y1 = u.valToPos(zone, 'y', true);
            const y2 = u.valToPos(-zone, 'y', true);
            ctx.save();
            ctx.fillStyle = 'rgba(0,0,0,0.07)';
            ctx.fillRect(u.bbox.left, y1, u.bbox.width, y2 - y1);
            ctx.restore();
          },
        ],
      },
    };
    plot.current = new uPlot(opts, [[], [], [], []], el);
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(280, el.clientWidth), height: 220 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [zone, lang]); // eslint-disable-line react-hooks/exhaustive-deps -- t follows lang

  useTicks((tick) => data.current.push(tick.measure, api.snapshot().cameraRun));

  useInterval(() => {
    const d = data.current;
    const p = plot.current;
    if (!p) return;
    d.keepRun(api.snapshot().cameraRun);
    const s = d.series();
    p.setData([s.secondsAgo, s.rotationDeg, s.tiltDeg, s.flexionDeg] as uPlot.AlignedData, false);
    p.setScale('x', { min: -30, max: 0 });
  }, 125);

  return (
    <figure className="trace">
      <figcaption>{t('m.trace.caption')}</figcaption>
      <div ref={host} className="trace-plot" aria-hidden="true" />
    </figure>
  );
}
