/** Live view: three large gauges, a head avatar mirroring the posture, a 30 s trace, confidence in words. */
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { VideoSlot, useInterval, useMeasure, useMeasureApi, useTicks } from '../app/measure.tsx';
import { Gauge } from '../components/Gauge.tsx';
import { Avatar } from '../components/Avatar.tsx';
import { Trace } from '../components/Trace.tsx';
import { CameraControls, CameraStatus, FlexionZeroNote, MeasureStatus, ReferenceNote } from '../components/Status.tsx';
import { trainingStartWords } from '../app/words.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { referenceOf } from '../measure/reference.ts';
import { AngleSmoother } from '../measure/signal.ts';
import type { Angles } from '../measure/signal.ts';
import type { Axis } from '@geste/core';

/** Three gauges and the avatar; the band on each dial is `bandsDeg` for that axis (graded targets), or ±zoneDeg. */
export function LiveAngles(props: {
  zoneDeg: number;
  bandsDeg?: Readonly<Record<Axis, readonly [number, number] | null>> | undefined;
  angles: Angles | null;
  measurable: boolean;
}): ReactNode {
  const s = useMeasure();
  const ref = s.latest ? referenceOf(s.latest) : null;
  // Chin up/down without a reliable zero is shown with its ± (core marks it uncertain), never bare.
  const flexionUncertainDeg = ref && ref.flexion === 'uncertain' ? ref.flexionUncertaintyDeg : null;
  const a = props.angles;
  const m = props.measurable && a !== null;
  const b = (axis: Axis): readonly [number, number] | null | undefined => props.bandsDeg?.[axis];
  return (
    <div className="live-grid">
      <div className="gauges">
        <Gauge axis="rotationDeg" valueDeg={m ? a.rotationDeg : null} zoneDeg={props.zoneDeg} bandDeg={b('rotationDeg')} />
        <Gauge axis="tiltDeg" valueDeg={m ? a.tiltDeg : null} zoneDeg={props.zoneDeg} bandDeg={b('tiltDeg')} />
        <Gauge axis="flexionDeg" valueDeg={m ? a.flexionDeg : null} zoneDeg={props.zoneDeg} bandDeg={b('flexionDeg')} uncertainDeg={flexionUncertainDeg} />
      </div>
      <Avatar rotationDeg={m ? a.rotationDeg : null} tiltDeg={m ? a.tiltDeg : null} flexionDeg={m ? a.flexionDeg : null} measurable={m} />
    </div>
  );
}

/** Smoothed angles, re-rendered at ~10 Hz; a new camera run (MeasureSnapshot.cameraRun) starts the smoothing afresh. */
export function useSmoothedAngles(): Angles | null {
  const api = useMeasureApi();
  const smoother = useRef(new AngleSmoother());
  const latest = useRef<Angles | null>(null);
  const [shown, setShown] = useState<Angles | null>(null);
  useTicks((t) => {
    const run = api.snapshot().cameraRun;
    latest.current = t.measure.state === 'not-measurable' ? (smoother.current.keepRun(run), null) : smoother.current.push(t.measure, run);
  });
  useInterval(() => {
    // Camera started again and no frame yet: the last run's angles are not shown as this run's.
    if (smoother.current.keepRun(api.snapshot().cameraRun)) latest.current = null;
    setShown(latest.current);
  }, 100);
  return shown;
}

export function LiveScreen(): ReactNode {
  const s = useMeasure();
  const angles = useSmoothedAngles();
  const { t, lang } = useI18n();
  const zoneDeg = 10;
  return (
    <section aria-labelledby="live-h" className="screen">
      <h1 id="live-h">{t('m.live.title')}</h1>
      <CameraStatus />
      <p className="hint">
        {t('m.live.hint', { deg: zoneDeg })}
        {s.trainingStart && (
          <span data-testid="live-training-start">{t('m.live.start', { words: trainingStartWords(s.trainingStart.check.trainingStart.anglesDeg, lang) })}</span>
        )}
      </p>
      <ReferenceNote detail withZero />
      <FlexionZeroNote inNote />
      <MeasureStatus />
      <LiveAngles zoneDeg={zoneDeg} angles={angles} measurable={s.cameraOn && s.latest !== null && s.latest.state !== 'not-measurable'} />
      <Trace zoneDeg={zoneDeg} />
      <div className="two-col">
        <div>
          <VideoSlot className="video-slot video-small" />
          <CameraControls />
        </div>
        <p className="perf" data-testid="perf">
          {s.cameraOn ? t('m.live.perf', { fps: s.fps.toFixed(0), ms: s.latencyMs === null ? '–' : Math.round(s.latencyMs) }) : ''}
        </p>
      </div>
    </section>
  );
}
