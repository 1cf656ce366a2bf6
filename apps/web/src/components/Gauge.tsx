/**
 * One large angle gauge: a half-dial from −60° to +60° with the target zone marked by a hatched band
 * and its edges, a needle, and the value in words. Colour is never the only carrier: the words
 * ("inside the zone" / "outside the zone") and the shape (hatched band, ✓ / !) say the same thing.
 */
import type { ReactNode } from 'react';
import { angleWords, axisLabel } from '../app/words.ts';
import { useI18n } from '../i18n/i18n.tsx';

const RANGE_DEG = 60;

/**
 * `bandDeg` = the target zone [from, to] when it is not ±zoneDeg around zero (graded training: e.g.
 * [−5°, 25°]); null = this axis is not trained now (its zero is uncertain, or it was not measured): no band.
 */
export function Gauge(props: {
  axis: 'rotationDeg' | 'tiltDeg' | 'flexionDeg';
  valueDeg: number | null;
  zoneDeg: number;
  bandDeg?: readonly [number, number] | null | undefined;
  /** The value's zero is uncertain by this much (± deg): shown as "≈" with its ±, never as a bare number. */
  uncertainDeg?: number | null | undefined;
}): ReactNode {
  const { axis, valueDeg, zoneDeg } = props;
  const { t, lang, number } = useI18n();
  const unc = valueDeg === null || props.uncertainDeg === null || props.uncertainDeg === undefined ? null : Math.round(props.uncertainDeg);
  // No band and no in/out verdict when the axis is not trained now (bandDeg null) or, on the plain ±zone dial,
  // when its zero is uncertain: docs/anatomical-zero.md, an uncertain axis is neither scored nor warned on.
  const notJudged = props.bandDeg === undefined && unc !== null;
  const untrained = props.bandDeg === null || notJudged;
  const [lo, hi] = props.bandDeg ?? [-zoneDeg, zoneDeg];
  const label = axisLabel(axis, lang);
  const words = unc === null ? angleWords(axis, valueDeg, lang) : t('m.gauge.about', { words: angleWords(axis, valueDeg, lang), deg: unc });
  const inside = valueDeg !== null && valueDeg >= lo && valueDeg <= hi;
  const clamp = (v: number) => Math.max(-RANGE_DEG, Math.min(RANGE_DEG, v));
  // Dial: centre (100, 100), radius 80; angle 0 points up; the mirror view puts the person's right on the right.
  const pt = (deg: number, r: number): [number, number] => {
    const a = ((clamp(deg) / RANGE_DEG) * 90 * Math.PI) / 180;
    return [100 + r * Math.sin(a), 100 - r * Math.cos(a)];
  };
  const arc = (from: number, to: number, r: number): string => {
    const [x1, y1] = pt(from, r);
    const [x2, y2] = pt(to, r);
    return `M ${x1} ${y1} A ${r} ${r} 0 0 1 ${x2} ${y2}`;
  };
  const [nx, ny] = valueDeg === null ? [100, 100] : pt(valueDeg, 70);
  const state = valueDeg === null ? 'unknown' : notJudged ? 'uncertain' : untrained ? 'untrained' : inside ? 'in' : 'out';
  const id = `hatch-${axis}`;
  const ends: Record<typeof axis, [string, string]> = {
    rotationDeg: [t('m.gauge.left'), t('m.gauge.right')],
    tiltDeg: [t('m.gauge.left'), t('m.gauge.right')],
    flexionDeg: [t('m.gauge.up'), t('m.gauge.down')],
  };
  return (
    <figure className={`gauge gauge-${state}`} data-uncertain-deg={unc ?? ''} role="group" aria-label={`${label}: ${words}`} data-axis={axis} data-value={valueDeg === null ? '' : valueDeg.toFixed(1)}>
      <figcaption className="gauge-label">{label}</figcaption>
      <svg viewBox="0 0 200 115" aria-hidden="true" focusable="false">
        <defs>
          <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="gauge-zone-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="gauge-zone-hatch" />
          </pattern>
        </defs>
        <path d={arc(-RANGE_DEG, RANGE_DEG, 80)} className="gauge-track" />
        {!untrained && <path d={arc(lo, hi, 80)} className="gauge-zone" stroke={`url(#${id})`} />}
        {(untrained ? [] : [lo, hi]).map((z) => {
          const [x1, y1] = pt(z, 66);
          const [x2, y2] = pt(z, 94);
          return <line key={z} x1={x1} y1={y1} x2={x2} y2={y2} className="gauge-zone-edge" />;
        })}
        <text x="14" y="112" className="gauge-end">{ends[axis][0]}</text>
        <text x="186" y="112" className="gauge-end" textAnchor="end">{ends[axis][1]}</text>
        {valueDeg !== null && <line x1="100" y1="100" x2={nx} y2={ny} className="gauge-needle" />}
        <circle cx="100" cy="100" r="6" className="gauge-hub" />
      </svg>
      <div className="gauge-value">
        <span className="gauge-number">{valueDeg === null ? '—' : `${unc === null ? '' : '≈'}${number(Math.round(valueDeg) || 0, 0)}°`}</span>
        {/* Not measurable: the state line says it once, with its "?" mark. */}
        {state !== 'unknown' && <span className="gauge-words">{words}</span>}
        <span className="gauge-state">{t(state === 'unknown' ? 'm.gauge.unknown' : state === 'uncertain' ? 'm.gauge.notJudged' : state === 'untrained' ? 'm.gauge.untrained' : inside ? 'm.gauge.in' : 'm.gauge.out')}</span>
      </div>
    </figure>
  );
}
