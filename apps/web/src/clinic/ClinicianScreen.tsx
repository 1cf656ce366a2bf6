/**
 * The clinician's view: log in, accept a patient's invitation code, list patients who share with you,
 * and for one patient: the shared data only — the same summary as the PDF (exams with their items in
 * words, mood and impact, adherence, cycle estimates), one chart per scale over time and by injection
 * cycle, the treatments list, the PDF report made in this browser — and assigning a
 * home-exercise program. Geste shows data; it does not diagnose or suggest treatment changes.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  defaultReportPeriod,
  EXERCISES,
  parseProgram,
  summarizePeriod,
  validateRecord,
  type GesteRecord,
  type Program,
  type Treatment,
  formatUnits,
} from '@geste/core';
import { buildClinicianReport } from '@geste/report';
import { ScaleCharts, scaleSeriesOf } from '../records/ChartsScreen.tsx';
import { chartSeries } from '../records/data.ts';
import { reportFonts } from '../records/reportFonts.ts';
import { ReportSummary } from './ReportSummary.tsx';
import { dateStr, download, showDate } from '../records/ui.tsx';
import { programDocument } from '@geste/contract';
import { localDate } from '../exercises/programData.ts';
import { EMPTY_TARGET_FIELDS, TrainingTargetFields, trainingTargetFromFields, type TargetFields } from './TrainingTargetFields.tsx';
import { SAFETY_LINE } from '../app/words.ts';
import { clinicWords, type Category, type PatientSummary } from './api.ts';
import { apiFor, getConnection, setConnection, type Connection } from './store.ts';
import { CATEGORY_WORDS, ConnectForm, PasskeyPanel } from './ui.tsx';

export function ClinicianScreen(): ReactNode {
  const [conn, setConn] = useState<Connection | null | undefined>(undefined);
  useEffect(() => {
    void getConnection('clinician').then((c) => setConn(c ?? null));
  }, []);
  const logout = async (): Promise<void> => {
    if (conn) await apiFor(conn).logout().catch(() => undefined);
    await setConnection('clinician', null);
    setConn(null);
  };
  return (
    <section className="rec clinic" aria-labelledby="clin-h">
      <h1 id="clin-h">Clinician</h1>
      <p className="clinic-safety" data-testid="clinician-safety">
        {SAFETY_LINE} This view shows the data a patient chose to share with you, nothing more.
      </p>
      {conn === undefined ? (
        <p>Loading…</p>
      ) : conn === null ? (
        <ConnectForm role="clinician" onConnected={setConn} />
      ) : (
        <>
          <p>
            Logged in to <strong>{conn.serverUrl}</strong> as <strong>{conn.email}</strong>.{' '}
            <button type="button" onClick={() => void logout()} data-testid="clinician-logout">
              Log out
            </button>
          </p>
          <Patients conn={conn} />
          <PasskeyPanel conn={conn} />
        </>
      )}
    </section>
  );
}

function Patients({ conn }: { conn: Connection }): ReactNode {
  const api = apiFor(conn);
  const [code, setCode] = useState('');
  const [patients, setPatients] = useState<PatientSummary[] | null>(null);
  const [selected, setSelected] = useState<PatientSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const refresh = useCallback(async () => {
    try {
      setPatients(await apiFor(conn).patients());
    } catch (e) {
      setError(clinicWords(e));
    }
  }, [conn]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const accept = async (): Promise<void> => {
    setError(null);
    setStatus('');
    if (!/^[A-Za-z2-9]{4}-?[A-Za-z2-9]{4}-?[A-Za-z2-9]{4}$/.test(code.trim())) return setError('An invitation code looks like ABCD-EFGH-JKMN (12 letters and digits).');
    const c = code.trim().toUpperCase().replace(/^(.{4})-?(.{4})-?(.{4})$/, '$1-$2-$3');
    try {
      await api.accept(c);
      setCode('');
      setStatus('Invitation accepted ✓');
      await refresh();
    } catch (e) {
      setError(clinicWords(e));
    }
  };
  return (
    <>
      <fieldset>
        <legend>Accept an invitation</legend>
        <div className="row">
          <label className="field">
            Code from the patient
            <input type="text" value={code} autoComplete="off" onChange={(e) => setCode(e.target.value)} placeholder="ABCD-EFGH-JKMN" data-testid="accept-code" />
          </label>
          <button type="button" className="btn-primary" onClick={() => void accept()} data-testid="accept-submit">
            Accept
          </button>
        </div>
        <p className="status" role="status" aria-live="polite" data-testid="accept-status">
          {status}
        </p>
      </fieldset>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="clinician-error">
          {error}
        </p>
      )}
      <h2>Patients who share with you</h2>
      {patients === null ? (
        <p>Loading…</p>
      ) : patients.length === 0 ? (
        <p data-testid="patient-list-empty">No patient shares data with you yet.</p>
      ) : (
        <ul className="clinic-patients" data-testid="patient-list">
          {patients.map((p) => (
            <li key={p.patientId}>
              <button type="button" aria-pressed={selected?.patientId === p.patientId} onClick={() => setSelected(p)} data-testid="patient-open">
                {selected?.patientId === p.patientId ? '▶ ' : ''}
                {p.displayName}
              </button>{' '}
              <span>
                shares {p.categories.map((c) => CATEGORY_WORDS[c].toLowerCase()).join(', ')}
                {p.endsAtMs === null ? '' : `, until ${showDate(p.endsAtMs)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {selected && <PatientView key={selected.patientId} conn={conn} patient={selected} />}
    </>
  );
}

interface Loaded {
  categories: Category[];
  records: GesteRecord[];
  unreadable: number;
}

function PatientView({ conn, patient }: { conn: Connection; patient: PatientSummary }): ReactNode {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(async () => {
    setError(null);
    try {
      const r = await apiFor(conn).patientRecords(patient.patientId);
      const records: GesteRecord[] = [];
      let unreadable = 0;
      for (const x of r.records) {
        const v = validateRecord(x.payload);
        if (v.ok) records.push(v.value);
        else unreadable++;
      }
      setData({ categories: r.categories, records, unreadable });
    } catch (e) {
      setData(null);
      setError(clinicWords(e));
    }
  }, [conn, patient.patientId]);
  useEffect(() => {
    void load();
  }, [load]);

  const report = async (): Promise<void> => {
    if (!data) return;
    setStatus('Making the report…');
    try {
      const now = Date.now();
      const withName: GesteRecord[] = [...data.records.filter((r) => r.type !== 'patient'), { type: 'patient', schemaVersion: 1, id: 'self', displayName: patient.displayName, birthYear: null }];
      // The same period as the summary on screen: where the data is.
      const bytes = await buildClinicianReport({ records: withName, ...period, generatedAtMs: now, fonts: await reportFonts() });
      download(`geste-report-${patient.displayName.replace(/[^\p{L}\p{N}]+/gu, '-')}-${dateStr(now)}.pdf`, bytes as BlobPart, 'application/pdf');
      setStatus('Report saved ✓ (PDF).');
    } catch (e) {
      setStatus('');
      setError(`Could not make the report (${String(e)}).`);
    }
  };

  const shares = (c: Category): boolean => data?.categories.includes(c) ?? false;
  const period = defaultReportPeriod(data?.records ?? [], Date.now());
  return (
    <section className="clinic-patient" aria-labelledby="pv-h" data-testid="patient-view">
      <h2 id="pv-h">{patient.displayName}</h2>
      <div className="row">
        <button type="button" onClick={() => void load()} data-testid="patient-refresh">
          Refresh
        </button>
        <button type="button" className="btn-primary" disabled={!data} onClick={() => void report()} data-testid="patient-report">
          Download the one-page report (PDF)
        </button>
      </div>
      <p className="status" role="status" aria-live="polite" data-testid="patient-status">
        {status}
      </p>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="patient-error">
          {error}
        </p>
      )}
      {data && (
        <>
          <p data-testid="patient-shared">
            Shared with you: {data.categories.map((c) => CATEGORY_WORDS[c]).join(', ')}. Not shared: {(['measures', 'diary', 'treatments', 'history'] as const).filter((c) => !shares(c)).map((c) => CATEGORY_WORDS[c]).join(', ') || 'nothing'}.
            {data.unreadable > 0 ? ` ${data.unreadable} record(s) could not be read by this app version.` : ''}
          </p>
          <ReportSummary s={summarizePeriod(data.records, period.fromMs, period.toMs)} shares={{ measures: shares('measures'), diary: shares('diary'), treatments: shares('treatments') }} />
          {scaleSeriesOf(data.records).every((x) => x.values.length === 0) ? <p data-testid="trend-empty">No shared diary entries, exams or rated scales yet.</p> : null}
          <ScaleCharts
            series={scaleSeriesOf(data.records).filter((x) => x.values.length > 0)}
            injections={shares('treatments') ? chartSeries(data.records).injections.map((b) => ({ atMs: b.atMs, effectStartedAtMs: b.effectStartedAtMs, effectWoreOffAtMs: b.effectWoreOffAtMs })) : []}
            timeTestId="clinician-trend"
            cycleTestId="clinician-cycles"
            noCycles={!shares('treatments') ? <p data-testid="cycles-not-shared">Treatments are not shared by this patient, so injection cycles cannot be shown.</p> : undefined}
          />
          <h3>Treatments</h3>
          {!shares('treatments') ? <p data-testid="treatments-not-shared">Not shared by this patient.</p> : <TreatmentList records={data.records} />}
          <AssignProgram conn={conn} patient={patient} />
        </>
      )}
    </section>
  );
}

function treatmentLine(t: Treatment): string {
  switch (t.kind) {
    case 'botulinum':
      return `${showDate(t.atMs)} — botulinum toxin: ${t.product}, ${t.totalUnits === null ? '' : `total ${formatUnits(t.totalUnits)} U, `}${t.injections.map((i) => `${i.muscle} ${i.side} ${formatUnits(i.units)} U`).join('; ') || 'no muscles listed'}`;
    case 'oral':
      return `${showDate(t.startedAtMs)} — ${t.name}${t.stoppedAtMs === null ? '' : `, stopped ${showDate(t.stoppedAtMs)}`}`;
    case 'therapy':
      return `${showDate(t.atMs)} — ${t.modality}`;
    case 'biofeedback':
      return `${showDate(t.atMs)} — biofeedback session`;
    case 'surgery':
      return `${showDate(t.atMs)} — surgery: ${t.procedure}`;
    case 'dbs-implant':
      return `${showDate(t.atMs)} — DBS implant ${t.target}`;
    case 'dbs-setting':
      return `${showDate(t.atMs)} — DBS setting (${t.side})`;
  }
}

function TreatmentList({ records }: { records: readonly GesteRecord[] }): ReactNode {
  const ts = records.filter((r): r is Treatment => r.type === 'treatment');
  if (ts.length === 0) return <p>No treatments recorded.</p>;
  const at = (t: Treatment): number => ('atMs' in t ? t.atMs : t.startedAtMs);
  return (
    <ul data-testid="treatment-list">
      {[...ts].sort((a, b) => at(b) - at(a)).map((t) => (
        <li key={t.id}>{treatmentLine(t)}</li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------- program assignment
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function AssignProgram({ conn, patient }: { conn: Connection; patient: PatientSummary }): ReactNode {
  const [title, setTitle] = useState('Home exercises');
  const [sets, setSets] = useState<Record<string, number>>({});
  const [days, setDays] = useState<number[]>([1, 3, 5]);
  const [target, setTarget] = useState<TargetFields>(EMPTY_TARGET_FIELDS);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = EXERCISES.filter((x) => (sets[x.id] ?? 0) > 0);
  const assign = async (): Promise<void> => {
    setError(null);
    setStatus('');
    let program: Program;
    try {
      program = parseProgram({
        id: `clinic-${Date.now().toString(36)}`,
        name: title.trim() || 'Home exercises',
        author: 'clinician',
        items: chosen.map((x) => ({ exerciseId: x.id, sets: sets[x.id] ?? 1 })),
        schedule: { weekdays: [...days].sort((a, b) => a - b), sessionsPerDay: 1, startDate: localDate(Date.now()) },
        reminderTimes: [],
        trainingTarget: trainingTargetFromFields(target),
      });
    } catch (e) {
      return setError(chosen.length === 0 ? 'Choose at least one exercise.' : days.length === 0 ? 'Choose at least one day.' : String((e as Error).message));
    }
    try {
      await apiFor(conn).assignProgram(patient.patientId, program.name, programDocument(program));
      setStatus(`Program “${program.name}” assigned ✓ — it appears in the patient's app at their next sync.`);
    } catch (e) {
      setError(clinicWords(e));
    }
  };
  return (
    <fieldset>
      <legend>Assign a home-exercise program</legend>
      <label className="field">
        Title
        <input type="text" value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} data-testid="assign-title" />
      </label>
      <table className="data">
        <caption>Exercises from the Geste library (sets per session; 0 = not in the program)</caption>
        <thead>
          <tr>
            <th scope="col">Exercise</th>
            <th scope="col">Sets</th>
          </tr>
        </thead>
        <tbody>
          {EXERCISES.map((x) => (
            <tr key={x.id}>
              <th scope="row">
                <label htmlFor={`assign-${x.id}`}>{x.title}</label>
              </th>
              <td>
                <select id={`assign-${x.id}`} value={sets[x.id] ?? 0} onChange={(e) => setSets({ ...sets, [x.id]: Number(e.target.value) })} data-testid={`assign-sets-${x.id}`}>
                  {[0, 1, 2, 3, 4, 5].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset className="clinic-choices">
        <legend>Days</legend>
        {DAYS.map((d, i) => (
          <label key={d} className="choice">
            <input type="checkbox" checked={days.includes(i + 1)} onChange={(e) => setDays(e.target.checked ? [...days, i + 1] : days.filter((x) => x !== i + 1))} />
            {d}
          </label>
        ))}
      </fieldset>
      <TrainingTargetFields value={target} onChange={setTarget} />
      <button type="button" className="btn-primary" onClick={() => void assign()} data-testid="assign-submit">
        Assign to {patient.displayName}
      </button>
      <p className="status" role="status" aria-live="polite" data-testid="assign-status">
        {status}
      </p>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="assign-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
