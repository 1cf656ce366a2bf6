/**
 * The clinician's training target for graded training (issue 12), part of an assigned program: per axis an
 * angle against the anatomical zero (blank = not trained). Kept apart from ClinicianScreen.tsx so that
 * screen's edit stays one field. Clinical signs (CLINICAL.md): rotation + = toward the patient's right,
 * tilt + = right ear down, flexion + = chin down.
 */
import type { ReactNode } from 'react';
import type { Axis, ProgramTrainingTarget } from '@geste/core';
import { useI18n, type Key } from '../i18n/i18n.tsx';

export type TargetFields = Readonly<Record<Axis, string>>;
export const EMPTY_TARGET_FIELDS: TargetFields = { rotationDeg: '', tiltDeg: '', flexionDeg: '' };

const LABELS: Readonly<Record<Axis, Key>> = {
  rotationDeg: 'clin.target.rotation',
  tiltDeg: 'clin.target.tilt',
  flexionDeg: 'clin.target.flexion',
};

/** The fields → the program's `trainingTarget` (undefined when all are blank); a non-number is passed on for the schema to refuse in words. */
export function trainingTargetFromFields(f: TargetFields): ProgramTrainingTarget | undefined {
  if ((Object.values(f) as string[]).every((v) => v.trim() === '')) return undefined;
  const one = (v: string): number | null => (v.trim() === '' ? null : Number(v.trim().replace(',', '.')));
  return { rotationDeg: one(f.rotationDeg), tiltDeg: one(f.tiltDeg), flexionDeg: one(f.flexionDeg) };
}

export function TrainingTargetFields(props: { value: TargetFields; onChange: (v: TargetFields) => void }): ReactNode {
  const { t } = useI18n();
  return (
    <fieldset className="clinic-choices" data-testid="assign-target">
      <legend>{t('clin.target.legend')}</legend>
      {(Object.keys(LABELS) as Axis[]).map((a) => (
        <label key={a} className="field">
          {t(LABELS[a])}
          <input type="text" inputMode="decimal" size={5} value={props.value[a]} onChange={(e) => props.onChange({ ...props.value, [a]: e.target.value })} data-testid={`assign-target-${a}`} />
        </label>
      ))}
    </fieldset>
  );
}
