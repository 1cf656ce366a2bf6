/**
 * Pain body map for the diary: front and back figures with tap regions (native toggle buttons, at least
 * 44×44 px, keyboard operable, state in words and by a ✓ mark, not by colour alone). Left and right are the
 * person's own: on the front view their left is on the viewer's right, as in a mirror-less photo.
 */
import type { ReactNode } from 'react';
import type { BodyRegion } from '@geste/core';
import { useI18n, type Key } from '../i18n/i18n.tsx';

interface Spot {
  readonly id: BodyRegion;
  readonly label: '' | 'R' | 'L';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The words for a region (i18n key `rec.region.<id>`). */
export const regionKey = (r: BodyRegion): Key => `rec.region.${r}`;

// Front: the person's right is on the viewer's left.
const FRONT: readonly Spot[] = [
  { id: 'head', label: '', x: 86, y: 2, w: 48, h: 46 },
  { id: 'jaw-right', label: 'R', x: 62, y: 50, w: 46, h: 44 },
  { id: 'jaw-left', label: 'L', x: 112, y: 50, w: 46, h: 44 },
  { id: 'neck-front-right', label: 'R', x: 62, y: 98, w: 46, h: 44 },
  { id: 'neck-front-left', label: 'L', x: 112, y: 98, w: 46, h: 44 },
  { id: 'shoulder-right', label: 'R', x: 8, y: 110, w: 50, h: 46 },
  { id: 'shoulder-left', label: 'L', x: 162, y: 110, w: 50, h: 46 },
  { id: 'arm-right', label: 'R', x: 4, y: 170, w: 46, h: 80 },
  { id: 'arm-left', label: 'L', x: 170, y: 170, w: 46, h: 80 },
];
// Back: the person's left is on the viewer's left.
const BACK: readonly Spot[] = [
  { id: 'back-of-head', label: '', x: 86, y: 2, w: 48, h: 46 },
  { id: 'neck-back-left', label: 'L', x: 62, y: 60, w: 46, h: 44 },
  { id: 'neck-back-right', label: 'R', x: 112, y: 60, w: 46, h: 44 },
  { id: 'shoulder-blade-left', label: 'L', x: 38, y: 120, w: 48, h: 56 },
  { id: 'upper-back', label: '', x: 88, y: 120, w: 44, h: 56 },
  { id: 'shoulder-blade-right', label: 'R', x: 134, y: 120, w: 48, h: 56 },
  { id: 'lower-back', label: '', x: 86, y: 200, w: 48, h: 50 },
];

function Figure(): ReactNode {
  return (
    <svg className="bm-figure" viewBox="0 0 220 260" width="220" height="260" aria-hidden="true" focusable="false">
      <circle cx="110" cy="26" r="24" />
      <rect x="94" y="48" width="32" height="40" rx="8" />
      <path d="M30 120 Q30 96 70 92 L150 92 Q190 96 190 120 L182 260 L38 260 Z" />
      <path d="M30 120 L10 250 L34 252 L50 150 Z" />
      <path d="M190 120 L210 250 L186 252 L170 150 Z" />
    </svg>
  );
}

function View(props: { title: string; spots: readonly Spot[]; value: readonly BodyRegion[]; onToggle: (r: BodyRegion) => void }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="bm-view" role="group" aria-label={props.title}>
      <p className="bm-title">{props.title}</p>
      <div className="bm-canvas">
        <Figure />
        {props.spots.map((s) => {
          const on = props.value.includes(s.id);
          return (
            <button
              key={s.id}
              type="button"
              className="bm-spot"
              style={{ left: s.x, top: s.y, width: s.w, height: s.h }}
              aria-pressed={on}
              aria-label={t(regionKey(s.id))}
              title={t(regionKey(s.id))}
              data-testid={`bm-${s.id}`}
              onClick={() => props.onToggle(s.id)}
            >
              <span aria-hidden="true">{on ? '✓' : s.label === '' ? '' : t(s.label === 'R' ? 'rec.bm.R' : 'rec.bm.L')}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

export function BodyMap(props: { value: readonly BodyRegion[]; onChange: (v: BodyRegion[]) => void }): ReactNode {
  const { t } = useI18n();
  const toggle = (r: BodyRegion): void => props.onChange(props.value.includes(r) ? props.value.filter((x) => x !== r) : [...props.value, r]);
  return (
    <fieldset className="bm">
      <legend>{t('rec.bm.legend')}</legend>
      <div className="bm-views">
        <View title={t('rec.bm.front')} spots={FRONT} value={props.value} onToggle={toggle} />
        <View title={t('rec.bm.back')} spots={BACK} value={props.value} onToggle={toggle} />
      </div>
      <p data-testid="bm-summary" aria-live="polite">
        {props.value.length === 0 ? t('rec.bm.none') : t('rec.bm.marked', { list: props.value.map((r) => t(regionKey(r)).toLowerCase()).join(', ') })}
      </p>
    </fieldset>
  );
}
