import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDiary, arbHistory, arbPatient, arbRecord, arbReminder, arbSession, arbTreatment } from './arbitraries.ts';
import { formatRecordError, RECORD_ERROR_CODES, recordErrorWords, type RecordError } from './errors.ts';
import { makeDemoRecords } from './sample.ts';
import { RECORD_TYPES, type GesteRecord } from './schemas.ts';
import { validateRecord } from './validate.ts';

const DEMO = makeDemoRecords({ startMs: Date.UTC(2025, 0, 1), days: 120 });
const one = <T extends GesteRecord['type']>(type: T) => DEMO.find((r) => r.type === type)!;
const treatmentOf = (kind: string) => DEMO.find((r) => r.type === 'treatment' && r.kind === kind)!;

function errorsOf(input: unknown): RecordError[] {
  const r = validateRecord(input);
  if (r.ok) throw new Error('expected validation to fail');
  return [...r.errors];
}
const set = (obj: unknown, path: string, value: unknown) => {
  const copy = structuredClone(obj) as Record<string, unknown>;
  const keys = path.split('.');
  let cur: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[keys[keys.length - 1]!] = value;
  return copy;
};

describe('record validation', () => {
  it.each([
    ['diary', arbDiary],
    ['treatment', arbTreatment],
    ['history', arbHistory],
    ['session', arbSession],
    ['reminder', arbReminder],
    ['patient', arbPatient],
  ] as const)('accepts every generated %s record unchanged', (_name, arb) => {
    fc.assert(fc.property(arb, (rec) => {
      const r = validateRecord(rec);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value).toEqual(rec);
    }), { numRuns: 150 });
  });

  it('has a sample of every record type and treatment kind in the generated data', () => {
    for (const t of RECORD_TYPES) if (t !== 'reminder') expect(DEMO.some((r) => r.type === t)).toBe(true);
    for (const r of DEMO) expect(validateRecord(r).ok).toBe(true);
  });

  it('diary: refuses a pain score above 10 with the range in words', () => {
    const [e] = errorsOf(set(one('diary'), 'pain.neck', 12));
    expect(e).toMatchObject({ code: 'out-of-range', path: 'pain.neck', expected: 'a number at most 10', received: '12' });
    expect(formatRecordError(e!)).toBe(
      'A value is outside the allowed range (at pain.neck): expected a number at most 10, got 12. Choose a value within the range shown.',
    );
  });
  it('diary: refuses a fractional or textual score and a missing field', () => {
    expect(errorsOf(set(one('diary'), 'mood', 2.5))[0]).toMatchObject({ code: 'wrong-type', path: 'mood', expected: 'a whole number' });
    expect(errorsOf(set(one('diary'), 'stress', 'high'))[0]).toMatchObject({ code: 'wrong-type', path: 'stress', received: '"high"' });
    expect(errorsOf(set(one('diary'), 'impact', undefined))[0]).toMatchObject({ code: 'missing-field', path: 'impact', received: 'nothing' });
    expect(errorsOf(set(one('diary'), 'impact.sleep', 5))[0]).toMatchObject({ code: 'out-of-range', path: 'impact.sleep' });
    expect(errorsOf(set(one('diary'), 'period', 'month'))[0]).toMatchObject({ code: 'bad-format', expected: 'one of: day, week' });
  });
  it('refuses script and markup in any text field, showing it neutralised', () => {
    const [e] = errorsOf(set(one('diary'), 'note', 'fine today <script>alert(1)</script>'));
    expect(e).toMatchObject({ code: 'unsafe-text', path: 'note' });
    expect(e!.received).not.toContain('<');
    expect(formatRecordError(e!)).toContain('Remove the angle-bracket tags');
    expect(errorsOf(set(treatmentOf('botulinum'), 'product', '<img src=x onerror=alert(1)>'))[0]).toMatchObject({ code: 'unsafe-text', path: 'product' });
    expect(errorsOf(set(one('history'), 'causeDetails', 'a\u0000b'))[0]).toMatchObject({ code: 'unsafe-text' });
    expect(errorsOf(set(one('patient'), 'displayName', 'abc\u202Edef'))[0]).toMatchObject({ code: 'unsafe-text' });
    // Ordinary comparisons stay allowed.
    expect(validateRecord(set(one('diary'), 'note', 'pain < 3 after heat; 2<3\nnew line')).ok).toBe(true);
  });
  it('treatment: refuses an unknown kind, a wear-off before onset, unordered dose changes', () => {
    expect(errorsOf(set(treatmentOf('therapy'), 'kind', 'acupuncture'))[0]).toMatchObject({ code: 'unknown-record-type', path: 'kind' });
    const b = treatmentOf('botulinum') as Extract<GesteRecord, { kind: 'botulinum' }>;
    expect(errorsOf({ ...b, effectWoreOffAtMs: b.atMs - 1 })[0]).toMatchObject({ code: 'inconsistent', path: 'effectWoreOffAtMs' });
    expect(errorsOf({ ...b, effectStartedAtMs: b.atMs - 1 })[0]).toMatchObject({ code: 'inconsistent', path: 'effectStartedAtMs' });
    expect(errorsOf({ ...b, injections: [{ muscle: 'trapezius', muscleCode: 'trapezius', side: 'up', units: 10 }] })[0]).toMatchObject({ code: 'bad-format', path: 'injections[0].side' });
    expect(errorsOf({ ...b, injections: [{ muscle: 'trapezius', muscleCode: null, side: 'left', units: 0 }] })[0]).toMatchObject({ code: 'out-of-range', path: 'injections[0].units', expected: 'a number above 0' });
    expect(errorsOf({ ...b, product: '' })[0]).toMatchObject({ code: 'missing-field', path: 'product' });
    const o = treatmentOf('oral') as Extract<GesteRecord, { kind: 'oral' }>;
    expect(errorsOf({ ...o, doses: [o.doses[1], o.doses[0]] })[0]).toMatchObject({ code: 'inconsistent', path: 'doses[1].fromMs' });
    expect(errorsOf({ ...o, doses: [] })[0]).toMatchObject({ code: 'out-of-range', path: 'doses', expected: 'at least 1 items' });
    expect(errorsOf({ ...o, stoppedAtMs: o.startedAtMs - 1 })[0]).toMatchObject({ code: 'inconsistent', path: 'stoppedAtMs' });
  });
  it('treatment: DBS settings are bounded facts', () => {
    const dbs = { type: 'treatment', schemaVersion: 1, id: 'd1', note: '', kind: 'dbs-setting', atMs: 1e12, side: 'left', contacts: '1-, C+', amplitude: 3.2, amplitudeUnit: 'mA', pulseWidthUs: 60, frequencyHz: 130 };
    expect(validateRecord(dbs).ok).toBe(true);
    expect(errorsOf({ ...dbs, amplitudeUnit: 'A' })[0]).toMatchObject({ code: 'bad-format', path: 'amplitudeUnit' });
    expect(errorsOf({ ...dbs, frequencyHz: -1 })[0]).toMatchObject({ code: 'out-of-range', path: 'frequencyHz' });
  });
  it('history: answers are yes/no/unsure/null and onset age bounded', () => {
    expect(errorsOf(set(one('history'), 'possibleCauses.parkinsonsDisease', 'maybe'))[0]).toMatchObject({ code: 'bad-format', path: 'possibleCauses.parkinsonsDisease', expected: 'one of: yes, no, unsure' });
    expect(errorsOf(set(one('history'), 'onsetAgeYears', 130))[0]).toMatchObject({ code: 'out-of-range' });
  });
  it('session: refuses unusable measure names and non-finite values', () => {
    const s = DEMO.find((r) => r.type === 'session')!;
    expect(errorsOf(set(s, 'measures', { 'bad key!': 1 }))[0]).toMatchObject({ code: 'bad-format', path: 'measures.bad key!' });
    expect(errorsOf(set(s, 'measures', { rotDeg: Infinity }))[0]).toMatchObject({ code: 'wrong-type', path: 'measures.rotDeg' });
    expect(errorsOf(set(s, 'kind', 'dance'))[0]).toMatchObject({ code: 'bad-format', path: 'kind' });
    expect(errorsOf(set(s, 'endedAtMs', 0))[0]).toMatchObject({ code: 'inconsistent', path: 'endedAtMs' });
  });
  it('reminder: weekly needs a weekday, time must be HH:MM', () => {
    const r = { type: 'reminder', schemaVersion: 1, id: 'r', enabled: true, cadence: 'weekly', timeOfDay: '20:00', weekday: null };
    expect(errorsOf(r)[0]).toMatchObject({ code: 'missing-field', path: 'weekday' });
    expect(errorsOf({ ...r, weekday: 1, timeOfDay: '25:00' })[0]).toMatchObject({ code: 'bad-format', expected: 'a 24-hour time like 08:30' });
  });
  it('refuses non-objects, unknown types and bad ids', () => {
    expect(errorsOf(null)[0]).toMatchObject({ code: 'wrong-type', expected: 'a record object', received: 'null' });
    expect(errorsOf([1])[0]).toMatchObject({ code: 'wrong-type', received: 'a list of 1' });
    expect(errorsOf({ type: 'photo', schemaVersion: 1 })[0]).toMatchObject({ code: 'unknown-record-type', path: 'type' });
    expect(errorsOf(set(one('patient'), 'id', '../etc/passwd'))[0]).toMatchObject({ code: 'bad-format', path: 'id' });
  });
  it('every error code has words with a title and a fix', () => {
    for (const c of RECORD_ERROR_CODES) {
      const w = recordErrorWords(c);
      expect(w.title.length).toBeGreaterThan(10);
      expect(w.fix.length).toBeGreaterThan(10);
    }
  });
  it('random junk never throws, always returns typed errors', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      const r = validateRecord(x);
      if (!r.ok) for (const e of r.errors) expect(RECORD_ERROR_CODES).toContain(e.code);
    }), { numRuns: 300 });
    fc.assert(fc.property(arbRecord, fc.string(), fc.anything(), (rec, key, junk) => {
      const r = validateRecord({ ...rec, [key]: junk });
      if (!r.ok) for (const e of r.errors) expect(RECORD_ERROR_CODES).toContain(e.code);
    }), { numRuns: 200 });
  });
});
