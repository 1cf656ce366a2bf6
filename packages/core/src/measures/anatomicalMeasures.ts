/**
 * Session measures of the anatomical reference and graded training (issue 12, web app): which reference
 * the frames of a session used, and how far graded training went. Part of the one registry (registry.ts
 * spreads them into MEASURES); the app stores them with every exam and training session.
 */
import type { MeasureDef } from './registry.ts';

const refPct = (label: string): MeasureDef => ({ label, unit: 'pct', better: 'neither', group: 'quality' });

export const ANATOMICAL_SESSION_MEASURES = {
  referenceTrunkPct: refPct('Turn measured against the trunk (share of frames; the rest against the camera)'),
  tiltReferenceTrunkPct: refPct('Tilt measured against the trunk (share of frames; the rest against the camera)'),
  flexionReferenceGravityPct: refPct('Chin up/down measured against the vertical (share of frames)'),
  flexionReferenceFaceGeometryPct: refPct("Chin up/down measured from the face's ear–eye line (share of frames)"),
  flexionReferenceUncertainPct: refPct('Chin up/down with an uncertain zero (share of frames)'),
  flexionReferenceUncertaintyDeg: { label: 'Chin up/down: how far its zero may be off (±)', unit: 'deg', better: 'lower', group: 'quality' },
  gradedStages: { label: 'Graded training: steps planned (from the straightest posture to straight)', unit: 'count', better: 'neither', group: 'training' },
  stagesReached: { label: 'Graded training: steps reached', unit: 'count', better: 'higher', group: 'training' },
  trainingStartDeg: { label: 'Graded training: start (straightest posture, largest angle from straight)', unit: 'deg', better: 'lower', group: 'training' },
  lastTargetDeg: { label: 'Graded training: last target (largest angle from straight)', unit: 'deg', better: 'lower', group: 'training' },
} as const satisfies Record<string, MeasureDef>;
