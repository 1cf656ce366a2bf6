import { describe, expect, it } from 'vitest';
import { ExerciseError, parseProgram } from '@geste/core';
import { EMPTY_TARGET_FIELDS, trainingTargetFromFields } from './TrainingTargetFields.tsx';

const base = { id: 'c', name: 'Home', author: 'clinician', items: [{ exerciseId: 'slow-breathing', sets: 1 }], schedule: { weekdays: [1], sessionsPerDay: 1, startDate: '2026-11-02' }, reminderTimes: [] };

describe('clinician’s training-target fields → program', () => {
  it('blank fields leave the program without a target; filled ones become angles, blank axes null', () => {
    expect(trainingTargetFromFields(EMPTY_TARGET_FIELDS)).toBeUndefined();
    expect(parseProgram({ ...base, trainingTarget: trainingTargetFromFields(EMPTY_TARGET_FIELDS) }).trainingTarget).toBeUndefined();
    const t = trainingTargetFromFields({ rotationDeg: ' 20 ', tiltDeg: '-7,5', flexionDeg: '' });
    expect(t).toEqual({ rotationDeg: 20, tiltDeg: -7.5, flexionDeg: null });
    expect(parseProgram({ ...base, trainingTarget: t }).trainingTarget).toEqual(t);
  });

  it('a word instead of a number is refused by the program schema, naming the field', () => {
    expect(() => parseProgram({ ...base, trainingTarget: trainingTargetFromFields({ ...EMPTY_TARGET_FIELDS, rotationDeg: 'right' }) })).toThrow(ExerciseError);
    expect(() => parseProgram({ ...base, trainingTarget: trainingTargetFromFields({ ...EMPTY_TARGET_FIELDS, rotationDeg: 'right' }) })).toThrow(/trainingTarget\.rotationDeg/);
  });
});
