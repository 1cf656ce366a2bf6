/**
 * Electrode placement for the neck and shoulder muscles Geste can train with EMG, with skin preparation.
 * Drawings are schematic (where to look, not anatomy lessons). Sources: SENIAM (Hermens et al.,
 * J Electromyogr Kinesiol 10:361–374, 2000) for skin preparation, inter-electrode distance and the
 * upper trapezius site; Falla et al., Clin Neurophysiol 113:57–63, 2002 for the sternocleidomastoid
 * (lower third of the line mastoid → sternal notch, away from the innervation zone); Sommerich et al.,
 * J Electromyogr Kinesiol 10:377–398, 2000 for splenius capitis (C3–C4 level, between the trapezius and
 * the sternocleidomastoid).
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

function Electrodes(props: { pts: readonly (readonly [number, number])[]; color: string }): ReactNode {
  return (
    <>
      {props.pts.map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r={7} fill="#fff" stroke={props.color} strokeWidth={3} />
          <circle cx={x} cy={y} r={2.5} fill={props.color} />
        </g>
      ))}
    </>
  );
}

const SKIN = '#f3d9c4';
const LINE = '#1d2b53';

function FrontView(): ReactNode {
  const { t } = useI18n();
  return (
    <svg viewBox="0 0 240 260" width="240" height="260" role="img" aria-labelledby="emg-scm-title" data-testid="emg-svg-scm">
      <title id="emg-scm-title">{t('emg.g.scmTitle')}</title>
      <ellipse cx="120" cy="70" rx="55" ry="65" fill={SKIN} stroke={LINE} strokeWidth="2" />
      <path d="M85 120 L80 200 L20 225 L20 260 L220 260 L220 225 L160 200 L155 120 Z" fill={SKIN} stroke={LINE} strokeWidth="2" />
      {/* sternocleidomastoid: mastoid (behind the ear) → sternal notch, both sides */}
      <path d="M78 105 Q95 160 112 210" stroke="#b5485a" strokeWidth="12" strokeLinecap="round" fill="none" opacity="0.55" />
      <path d="M162 105 Q145 160 128 210" stroke="#b5485a" strokeWidth="12" strokeLinecap="round" fill="none" opacity="0.55" />
      <Electrodes pts={[[101, 180], [106, 196]]} color="#0b5cad" />
      <Electrodes pts={[[139, 180], [134, 196]]} color="#0b5cad" />
      {/* reference on the collarbone (bone, not muscle) */}
      <Electrodes pts={[[185, 222]]} color="#6b6b6b" />
      <text x="8" y="250" fontSize="12" fill={LINE}>{t('emg.g.right')}</text>
      <text x="150" y="250" fontSize="12" fill={LINE}>{t('emg.g.left')}</text>
    </svg>
  );
}

function BackView(props: { muscle: 'splenius' | 'trapezius' }): ReactNode {
  const splenius = props.muscle === 'splenius';
  const { t } = useI18n();
  return (
    <svg viewBox="0 0 240 260" width="240" height="260" role="img" aria-labelledby={`emg-${props.muscle}-title`} data-testid={`emg-svg-${props.muscle}`}>
      <title id={`emg-${props.muscle}-title`}>
        {splenius ? t('emg.g.spleniusTitle') : t('emg.g.trapTitle')}
      </title>
      <ellipse cx="120" cy="60" rx="55" ry="58" fill={SKIN} stroke={LINE} strokeWidth="2" />
      <path d="M88 105 L84 170 L20 200 L20 260 L220 260 L220 200 L156 170 L152 105 Z" fill={SKIN} stroke={LINE} strokeWidth="2" />
      {/* spine and C7 */}
      <line x1="120" y1="110" x2="120" y2="260" stroke={LINE} strokeDasharray="4 4" />
      <circle cx="120" cy="172" r="5" fill={LINE} />
      <text x="126" y="168" fontSize="11" fill={LINE}>C7</text>
      {splenius ? (
        <>
          <path d="M100 100 L104 160" stroke="#b5485a" strokeWidth="10" strokeLinecap="round" opacity="0.55" />
          <path d="M140 100 L136 160" stroke="#b5485a" strokeWidth="10" strokeLinecap="round" opacity="0.55" />
          <Electrodes pts={[[101, 122], [102, 140]]} color="#0b5cad" />
          <Electrodes pts={[[139, 122], [138, 140]]} color="#0b5cad" />
        </>
      ) : (
        <>
          <path d="M120 172 L30 205" stroke="#b5485a" strokeWidth="12" strokeLinecap="round" opacity="0.55" />
          <path d="M120 172 L210 205" stroke="#b5485a" strokeWidth="12" strokeLinecap="round" opacity="0.55" />
          <circle cx="30" cy="205" r="5" fill={LINE} />
          <circle cx="210" cy="205" r="5" fill={LINE} />
          <Electrodes pts={[[66, 192], [84, 185]]} color="#0b5cad" />
          <Electrodes pts={[[174, 192], [156, 185]]} color="#0b5cad" />
        </>
      )}
      <Electrodes pts={[[120, 200]]} color="#6b6b6b" />
      <text x="8" y="250" fontSize="12" fill={LINE}>{t('emg.g.left')}</text>
      <text x="148" y="250" fontSize="12" fill={LINE}>{t('emg.g.right')}</text>
    </svg>
  );
}

export function PlacementGuide(): ReactNode {
  const { t } = useI18n();
  return (
    <section aria-labelledby="emg-guide-h" data-testid="emg-guide">
      <h2 id="emg-guide-h">{t('emg.g.title')}</h2>
      <p>{t('emg.g.intro')}</p>
      <h3>{t('emg.g.skin')}</h3>
      <ol className="tips">
        <li>{t('emg.g.skin1')}</li>
        <li>{t('emg.g.skin2')}</li>
        <li>{t('emg.g.skin3')}</li>
        <li>{t('emg.g.skin4')}</li>
      </ol>
      <div className="emg-guide-grid">
        <figure>
          <FrontView />
          <figcaption>
            <strong>{t('emg.g.scmName')}</strong>
            {t('emg.g.scm')}
          </figcaption>
        </figure>
        <figure>
          <BackView muscle="splenius" />
          <figcaption>
            <strong>{t('emg.g.spleniusName')}</strong>
            {t('emg.g.splenius')}
          </figcaption>
        </figure>
        <figure>
          <BackView muscle="trapezius" />
          <figcaption>
            <strong>{t('emg.g.trapName')}</strong>
            {t('emg.g.trap')}
          </figcaption>
        </figure>
      </div>
      <h3>{t('emg.g.board')}</h3>
      <ul className="tips">
        <li>{t('emg.g.board1')}</li>
        <li>{t('emg.g.board2')}</li>
        <li>{t('emg.g.board3')}</li>
      </ul>
      <p className="hint">{t('emg.g.safety')}</p>
    </section>
  );
}
