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
  return (
    <svg viewBox="0 0 240 260" width="240" height="260" role="img" aria-labelledby="emg-scm-title" data-testid="emg-svg-scm">
      <title id="emg-scm-title">Front of the neck: two electrodes on the lower third of the sternocleidomastoid, along the muscle, reference on the collarbone</title>
      <ellipse cx="120" cy="70" rx="55" ry="65" fill={SKIN} stroke={LINE} strokeWidth="2" />
      <path d="M85 120 L80 200 L20 225 L20 260 L220 260 L220 225 L160 200 L155 120 Z" fill={SKIN} stroke={LINE} strokeWidth="2" />
      {/* sternocleidomastoid: mastoid (behind the ear) → sternal notch, both sides */}
      <path d="M78 105 Q95 160 112 210" stroke="#b5485a" strokeWidth="12" strokeLinecap="round" fill="none" opacity="0.55" />
      <path d="M162 105 Q145 160 128 210" stroke="#b5485a" strokeWidth="12" strokeLinecap="round" fill="none" opacity="0.55" />
      <Electrodes pts={[[101, 180], [106, 196]]} color="#0b5cad" />
      <Electrodes pts={[[139, 180], [134, 196]]} color="#0b5cad" />
      {/* reference on the collarbone (bone, not muscle) */}
      <Electrodes pts={[[185, 222]]} color="#6b6b6b" />
      <text x="8" y="250" fontSize="12" fill={LINE}>patient's right</text>
      <text x="150" y="250" fontSize="12" fill={LINE}>patient's left</text>
    </svg>
  );
}

function BackView(props: { muscle: 'splenius' | 'trapezius' }): ReactNode {
  const splenius = props.muscle === 'splenius';
  return (
    <svg viewBox="0 0 240 260" width="240" height="260" role="img" aria-labelledby={`emg-${props.muscle}-title`} data-testid={`emg-svg-${props.muscle}`}>
      <title id={`emg-${props.muscle}-title`}>
        {splenius
          ? 'Back of the neck: two electrodes at the level of the third and fourth neck vertebrae, between the trapezius edge and the sternocleidomastoid'
          : 'Back of the shoulders: two electrodes halfway between the bony point of the shoulder and the bump at the base of the neck, along that line'}
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
      <text x="8" y="250" fontSize="12" fill={LINE}>patient's left</text>
      <text x="148" y="250" fontSize="12" fill={LINE}>patient's right</text>
    </svg>
  );
}

export function PlacementGuide(): ReactNode {
  return (
    <section aria-labelledby="emg-guide-h" data-testid="emg-guide">
      <h2 id="emg-guide-h">Where to put the electrodes</h2>
      <p>
        Two electrodes on each muscle you measure, about 2 cm apart (centre to centre), in the direction of the muscle; one reference
        electrode on bone. Blue circles: measuring electrodes. Grey circle: reference.
      </p>
      <h3>Before you start: skin preparation</h3>
      <ol className="tips">
        <li>Shave hair at the spots if there is any; clean the skin with an alcohol wipe and let it dry.</li>
        <li>Use fresh gel electrodes. Press them on for a few seconds.</li>
        <li>Tape the cables loosely to your clothes so a turn of the head does not pull an electrode.</li>
        <li>Do not place electrodes on broken, irritated or sore skin. Take them off if the skin itches or reddens.</li>
      </ol>
      <div className="emg-guide-grid">
        <figure>
          <FrontView />
          <figcaption>
            <strong>Sternocleidomastoid (SCM)</strong>, front and side of the neck. To find it, turn your head to the other side: the muscle
            stands out as a band from behind the ear to the top of the breastbone. Put both electrodes on its lower third, along the band.
            Stay on the muscle, not on the pulse you can feel beside it.
          </figcaption>
        </figure>
        <figure>
          <BackView muscle="splenius" />
          <figcaption>
            <strong>Splenius capitis</strong>, back of the neck. At the height of the third–fourth neck vertebra (about two finger-widths
            below the skull), in the soft area between the edge of the trapezius and the SCM.
          </figcaption>
        </figure>
        <figure>
          <BackView muscle="trapezius" />
          <figcaption>
            <strong>Upper trapezius</strong>, top of the shoulder. Halfway along the line from the bony point of the shoulder (acromion) to the
            bump at the base of the neck (C7), along that line.
          </figcaption>
        </figure>
      </div>
      <h3>Connecting to the board</h3>
      <ul className="tips">
        <li>One channel per muscle: its two electrodes go to that channel's + and − inputs (bipolar). Note which channel is which muscle.</li>
        <li>The reference (and the board's ground, if it has one) goes on bone: the collarbone or the C7 bump.</li>
        <li>OpenBCI Ganglion: 4 channels. OpenBCI Cyton: 8 channels. Follow the board's own guide for its pins.</li>
      </ul>
      <p className="hint">
        This guide is for measuring muscle activity. It does not diagnose and does not suggest any treatment; talk to your clinician about
        what the numbers mean for you.
      </p>
    </section>
  );
}
