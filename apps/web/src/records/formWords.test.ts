import { describe, expect, it } from 'vitest';
import { validateRecord, type RecordError } from '@geste/core';
import { fieldLabel, formErrorWords } from './formWords.ts';

describe('form errors in the words of the form', () => {
  it('names the field the person sees, with the row of a repeated group', () => {
    expect(fieldLabel('familyMembers[0].relation')).toBe('Relative 1 — Relation');
    expect(fieldLabel('injections[2].units')).toBe('Muscle 3 — Units');
    expect(fieldLabel('pulseWidthUs')).toBe('Pulse width (µs)');
    expect(fieldLabel('pain.neck')).toBe('Neck pain');
  });
  it('the issue’s example: no "(at pulseWidthUs)" and no "non-finite number"', () => {
    const e: RecordError = { code: 'wrong-type', path: 'pulseWidthUs', expected: 'a number', received: 'a non-finite number' };
    const s = formErrorWords(e);
    expect(s).toMatch(/^Pulse width \(µs\): enter a number/);
    expect(s).not.toMatch(/non-finite|\(at /);
  });
  it('a real validation error (diary neck pain 11) comes out in form words', () => {
    const v = validateRecord({
      type: 'diary', schemaVersion: 2, id: 'd1', atMs: 1_700_000_000_000, period: 'day',
      pain: { neck: 11, shoulders: null, head: null }, symptoms: { pulling: null, spasms: null, jerks: null, tremor: null },
      impact: { work: null, driving: null, reading: null, screens: null, sleep: null, social: null }, stress: null, mood: null, note: '',
    });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const s = v.errors.map((e) => formErrorWords(e)).join(' ');
    expect(s).toMatch(/^Neck pain: enter /);
    expect(s).not.toMatch(/\(at |pain\.neck/);
  });
});
