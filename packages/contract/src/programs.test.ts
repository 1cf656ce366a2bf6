import { describe, expect, it } from 'vitest';
import { parseProgram } from '@geste/core';
import { programDocument, programFromAssigned } from './programs.ts';

const program = parseProgram({
  id: 'clinic-1', name: 'Home exercises', author: 'clinician',
  items: [{ exerciseId: 'slow-breathing', sets: 2 }],
  schedule: { weekdays: [1, 3, 5], sessionsPerDay: 1, startDate: '2026-11-02' },
  reminderTimes: [],
  trainingTarget: { rotationDeg: 20, tiltDeg: -5, flexionDeg: null },
});
const assigned = (document: unknown) => ({ id: 'a1', clinicianId: 'c1', title: 'Home exercises', document, createdAtMs: 1_780_000_000_000 });
/** What the wire does to it: JSON text both ways. */
const overTheWire = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

describe('program round trip: clinician’s app → server → patient’s app', () => {
  it('keeps the clinician-set training target', () => {
    const r = programFromAssigned(overTheWire(assigned(programDocument(program))));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.program).toEqual(program);
    expect(r.program.trainingTarget).toEqual({ rotationDeg: 20, tiltDeg: -5, flexionDeg: null });
  });

  it('marks an assigned program as the clinician’s even when the document says otherwise', () => {
    const r = programFromAssigned(overTheWire(assigned({ ...programDocument(program), author: 'person' })));
    expect(r.ok && r.program.author).toBe('clinician');
  });

  it('refuses a target out of range or a malformed listing, in words', () => {
    const bad = programFromAssigned(overTheWire(assigned({ ...programDocument(program), trainingTarget: { rotationDeg: 90, tiltDeg: null, flexionDeg: null } })));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/trainingTarget\.rotationDeg/);
    const noDoc = programFromAssigned({ id: 'a1', clinicianId: 'c1', title: 't', createdAtMs: 0 });
    expect(!noDoc.ok && noDoc.reason).toMatch(/document/);
  });
});
