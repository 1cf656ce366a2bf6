/**
 * Deterministic generated records (seeded PRNG) that look like a real year: toxin injections every
 * 12 weeks, a daily diary whose pain follows the injection cycle, weekly exams, exercises and trick
 * tests. For tests, demos and the report's golden check — clearly labelled as generated.
 */
import type { GesteRecord } from './schemas.ts';
import { seededRandom } from '../random.ts';

const DAY = 86_400_000;
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Relative benefit of a toxin cycle at `weeks` since injection: 0 before onset, 1 at peak, fading. */
export function demoCycleEffect(weeks: number): number {
  if (weeks < 1) return 0;
  if (weeks < 4) return (weeks - 1) / 3;
  if (weeks < 8) return 1;
  return clamp(1 - (weeks - 8) / 4, 0, 1);
}

export function makeDemoRecords(opts: { startMs: number; days: number; seed?: number }): GesteRecord[] {
  const rnd = seededRandom(opts.seed ?? 1);
  const out: GesteRecord[] = [];
  out.push({ type: 'patient', schemaVersion: 1, id: 'self', displayName: 'Generated Example', birthYear: 1975 });
  out.push({
    type: 'history', schemaVersion: 1, id: 'history', recordedAtMs: opts.startMs, onsetAgeYears: 42, onsetMode: 'gradual', course: 'stable',
    possibleCauses: { parkinsonsDisease: 'no', dopamineBlockingMedicine: 'no', headNeckShoulderInjury: 'unsure', familyHistory: 'no', mentalHealthCondition: 'no', presentSinceBirth: 'no' },
    causeDetails: 'Minor whiplash some years before onset.', familyMembers: [], note: '',
  });
  out.push({
    type: 'treatment', schemaVersion: 2, id: 'oral-1', kind: 'oral', name: 'Example oral medicine', startedAtMs: opts.startMs, stoppedAtMs: null,
    doses: [{ fromMs: opts.startMs, amount: 2, unit: 'mg', timesPerDay: 2 }, { fromMs: opts.startMs + 60 * DAY, amount: 2, unit: 'mg', timesPerDay: 3 }], note: '',
  });
  const end = opts.startMs + opts.days * DAY;
  const injections: number[] = [];
  for (let d = 14; d < opts.days; d += 84) injections.push(opts.startMs + d * DAY + 10 * 3600_000);
  injections.forEach((at, i) =>
    out.push({
      type: 'treatment', schemaVersion: 2, id: `inj-${i + 1}`, kind: 'botulinum', atMs: at, product: 'Example toxin A', productCode: 'other',
      totalUnits: null, dilutionUnitsPerMl: null, blinded: false, placebo: false,
      injections: [{ muscle: 'sternocleidomastoid', muscleCode: 'sternocleidomastoid', side: 'left', units: 40 }, { muscle: 'splenius capitis', muscleCode: 'splenius capitis', side: 'right', units: 60 }, { muscle: 'trapezius', muscleCode: 'trapezius', side: 'right', units: 40 }],
      guidance: 'emg', clinician: 'Clinic', note: '',
      // Only what could already have been noticed by the end of the generated period.
      effectStartedAtMs: at + 9 * DAY < end ? at + 9 * DAY : null, effectWoreOffAtMs: at + 70 * DAY < end ? at + 70 * DAY : null,
    }),
  );
  injections.forEach((at, i) =>
    out.push({
      type: 'rating', schemaVersion: 1, id: `twstrs-${i + 1}`, atMs: at - 3600_000, scale: 'twstrs-severity', version: 'original',
      items: {}, total: 18 - (i % 2), raterRole: 'clinician', raterName: 'Clinic', visitLabel: `injection ${i + 1}`, note: '',
    }),
  );
  const effectAt = (ms: number) => {
    const last = [...injections].reverse().find((t) => t <= ms);
    return last === undefined ? 0 : demoCycleEffect((ms - last) / (7 * DAY));
  };
  for (let d = 0; d < opts.days; d++) {
    const at = opts.startMs + d * DAY + 20 * 3600_000;
    const eff = effectAt(at);
    if (rnd() < 0.85) {
      const pain = Math.round(clamp(7 - 4 * eff + (rnd() - 0.5) * 2, 0, 10));
      const sym = () => Math.round(clamp(6 - 4 * eff + (rnd() - 0.5) * 2, 0, 10));
      const imp = () => Math.round(clamp(2.5 - 2 * eff + (rnd() - 0.5), 0, 4));
      out.push({
        type: 'diary', schemaVersion: 2, id: `diary-${d}`, atMs: at, period: 'day',
        pain: { neck: pain, shoulders: Math.max(0, pain - 2), head: rnd() < 0.3 ? Math.max(0, pain - 3) : null },
        symptoms: { pulling: sym(), spasms: sym(), jerks: sym(), tremor: sym() },
        impact: { work: imp(), driving: imp(), reading: imp(), screens: imp(), sleep: imp(), social: imp() },
        stress: Math.round(clamp(5 + (rnd() - 0.5) * 4, 0, 10)), mood: Math.round(clamp(5 + 2 * eff + (rnd() - 0.5) * 2, 0, 10)), note: '',
      });
    }
    if (d % 7 === 3) {
      const rot = 35 - 25 * eff + (rnd() - 0.5) * 6;
      const items = {
        rotation: rot > 67 ? 4 : rot > 45 ? 3 : rot > 22 ? 2 : rot > 0.5 ? 1 : 0,
        laterocollis: eff > 0.6 ? 0 : 1,
        anteroRetrocollis: 0,
        lateralShift: 0,
        sagittalShift: 0,
        durationFactor: Math.round(clamp(4 - 3 * eff, 0, 5)),
        sensoryTrickEffect: 1,
        shoulderElevation: eff > 0.5 ? 0 : 1,
        rangeOfMotion: Math.round(clamp(2 - 1.5 * eff, 0, 4)),
        timeHoldingNeutral: Math.round(clamp(3 - 2.5 * eff, 0, 4)),
      };
      out.push({
        type: 'session', schemaVersion: 1, id: `exam-${d}`, startedAtMs: at - 3600_000, endedAtMs: at - 3000_000, kind: 'exam', neutral: 'calibrated',
        measures: { maxRotationDeg: Math.round(rot * 10) / 10, maxTiltDeg: Math.round((12 - 8 * eff) * 10) / 10, timeInNeutralPct: Math.round(clamp(30 + 50 * eff + (rnd() - 0.5) * 10, 0, 100)), jerksPerMin: Math.round(clamp(6 - 4 * eff, 0, 20) * 10) / 10, tremorPeakHz: 2.1 },
        items, trick: null, note: '',
      });
    }
    if (d % 3 === 0) out.push({ type: 'session', schemaVersion: 1, id: `ex-${d}`, startedAtMs: at - 7200_000, endedAtMs: at - 6600_000, kind: 'exercise', neutral: 'calibrated', measures: { timeInNeutralPct: Math.round(40 + 40 * eff) }, items: {}, trick: null, note: '' });
    if (d % 14 === 5) out.push({ type: 'session', schemaVersion: 1, id: `trick-${d}`, startedAtMs: at - 5000_000, endedAtMs: at - 4800_000, kind: 'trick', neutral: 'calibrated', measures: {}, items: {}, trick: { name: 'Hand on chin', reductionPct: Math.round(40 + rnd() * 30) }, note: '' });
    if (d % 7 === 1) out.push({ type: 'treatment', schemaVersion: 2, id: `physio-${d}`, kind: 'therapy', modality: 'physiotherapy', atMs: at, durationMin: 45, note: '' });
  }
  return out;
}
