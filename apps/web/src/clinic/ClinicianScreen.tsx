/**
 * The clinician's view: log in, accept a patient's invitation code, list patients who share with you,
 * and for one patient: the shared data only — trends (diary pain, exam severity), the injection-cycle
 * chart, the treatments list, the one-page PDF report made in this browser — and assigning a
 * home-exercise program. Geste shows data; it does not diagnose or suggest treatment changes.
 */
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import {
  entryPain,
  EXERCISES,
  injectionCycles,
  meanCycle,
  parseProgram,
  severityTotal,
  validateRecord,
  type BotulinumTreatment,
  type GesteRecord,
  type Program,
  type TimedValue,
  type Treatment,
  formatUnits,
} from '@geste/core';
import { buildClinicianReport } from '@geste/report';
import { linear, pathOf } from '../records/chartGeometry.ts';
import { dateStr, download, showDate } from '../records/ui.tsx';
import { localDate } from '../exercises/programData.ts';
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
      const times = data.records.flatMap((r) => (r.type === 'diary' || r.type === 'treatment' ? ('atMs' in r ? [r.atMs] : []) : r.type === 'session' ? [r.startedAtMs] : []));
      const from = Math.min(now - 90 * 86_400_000, ...times);
      const withName: GesteRecord[] = [...data.records.filter((r) => r.type !== 'patient'), { type: 'patient', schemaVersion: 1, id: 'self', displayName: patient.displayName, birthYear: null }];
      const bytes = await buildClinicianReport({ records: withName, fromMs: from, toMs: now, generatedAtMs: now });
      download(`geste-report-${patient.displayName.replace(/[^A-Za-z0-9]+/g, '-')}-${dateStr(now)}.pdf`, bytes as BlobPart, 'application/pdf');
      setStatus('Report saved ✓ (PDF).');
    } catch (e) {
      setStatus('');
      setError(`Could not make the report (${String(e)}).`);
    }
  };

  const shares = (c: Category): boolean => data?.categories.includes(c) ?? false;
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
          <Trends records={data.records} showInjections={shares('treatments')} />
          <h3>Injection cycles</h3>
          {!shares('treatments') ? (
            <p data-testid="cycles-not-shared">Treatments are not shared by this patient, so injection cycles cannot be shown.</p>
          ) : (
            <Cycles records={data.records} />
          )}
          <h3>Treatments</h3>
          {!shares('treatments') ? <p data-testid="treatments-not-shared">Not shared by this patient.</p> : <TreatmentList records={data.records} />}
          <AssignProgram conn={conn} patient={patient} />
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- charts (geometry from src/records)
const W = 720;
const H = 280;
const PAD = { l: 48, r: 16, t: 20, b: 44 };

function trendSeries(records: readonly GesteRecord[]): { pain: TimedValue[]; severity: TimedValue[]; injections: BotulinumTreatment[] } {
  const pain: TimedValue[] = [];
  const severity: TimedValue[] = [];
  for (const r of records) {
    if (r.type === 'diary') {
      const v = entryPain(r);
      if (v !== null) pain.push({ atMs: r.atMs, value: v });
    }
    if (r.type === 'session' && r.kind === 'exam') {
      const v = severityTotal(r);
      if (v !== null) severity.push({ atMs: r.startedAtMs, value: v });
    }
  }
  const injections = records.filter((r): r is BotulinumTreatment => r.type === 'treatment' && r.kind === 'botulinum').sort((a, b) => a.atMs - b.atMs);
  const byTime = (a: TimedValue, b: TimedValue): number => a.atMs - b.atMs;
  return { pain: pain.sort(byTime), severity: severity.sort(byTime), injections };
}

function Trends({ records, showInjections }: { records: readonly GesteRecord[]; showInjections: boolean }): ReactNode {
  const id = useId();
  const s = trendSeries(records);
  const inj = showInjections ? s.injections.map((b) => b.atMs) : [];
  const all = [...s.pain, ...s.severity].map((p) => p.atMs).concat(inj);
  if (all.length === 0) return <p data-testid="trend-empty">No shared diary entries or exams yet.</p>;
  const x0 = Math.min(...all);
  const x1 = Math.max(...all, x0 + 86_400_000);
  const sx = linear(x0, x1, PAD.l, W - PAD.r);
  const yMax = Math.max(10, ...s.severity.map((p) => p.value));
  const sy = linear(0, yMax, H - PAD.b, PAD.t);
  const dots = (pts: TimedValue[], shape: 'circle' | 'square') =>
    pts.map((p) => (shape === 'circle' ? <circle key={`c${p.atMs}`} cx={sx(p.atMs)} cy={sy(p.value)} r="4" fill="#0047ab" /> : <rect key={`s${p.atMs}`} x={sx(p.atMs) - 4} y={sy(p.value) - 4} width="8" height="8" fill="#111" />));
  return (
    <figure>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} data-testid="clinician-trend">
        <title id={`${id}-t`}>Worst daily pain and objective severity over time</title>
        <desc id={`${id}-d`}>{`${s.pain.length} diary entries and ${s.severity.length} exams from ${showDate(x0)} to ${showDate(x1)}${showInjections ? `; ${inj.length} injections marked` : ''}.`}</desc>
        <g fontSize="11" fill="#111">
          <line x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} stroke="#111" />
          <line x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} stroke="#111" />
          {[0, 5, 10, ...(yMax > 10 ? [15] : [])].map((t) => (
            <g key={t}>
              <line x1={PAD.l} x2={W - PAD.r} y1={sy(t)} y2={sy(t)} stroke="#ddd" />
              <text x={PAD.l - 6} y={sy(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          {[0, 0.5, 1].map((f) => {
            const t = x0 + f * (x1 - x0);
            return (
              <text key={f} x={sx(t)} y={H - PAD.b + 16} textAnchor={f === 0 ? 'start' : f === 1 ? 'end' : 'middle'}>
                {showDate(t)}
              </text>
            );
          })}
          <text x={(PAD.l + W - PAD.r) / 2} y={H - 6} textAnchor="middle">
            date
          </text>
        </g>
        {inj.map((t) => (
          <g key={t}>
            <line x1={sx(t)} x2={sx(t)} y1={PAD.t} y2={H - PAD.b} stroke="#333" strokeDasharray="5 4" />
            <text x={sx(t) + 3} y={PAD.t + 10} fontSize="11">
              injection
            </text>
          </g>
        ))}
        <path d={pathOf(s.pain.map((p) => ({ x: p.atMs, y: p.value })), sx, sy)} fill="none" stroke="#0047ab" strokeWidth="1.5" />
        {dots(s.pain, 'circle')}
        <path d={pathOf(s.severity.map((p) => ({ x: p.atMs, y: p.value })), sx, sy)} fill="none" stroke="#111" strokeWidth="3" strokeDasharray="2 3" />
        {dots(s.severity, 'square')}
      </svg>
      <figcaption>
        Thin line with round dots: worst daily pain from the diary (0–10). Thick dotted line with squares: objective severity items total from exams.
        {showInjections ? ' Dashed vertical lines: injections.' : ''}
      </figcaption>
      <details>
        <summary>Table of the diary values</summary>
        <table className="data" data-testid="trend-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Worst pain (0–10)</th>
            </tr>
          </thead>
          <tbody>
            {s.pain.map((p) => (
              <tr key={p.atMs}>
                <td>{showDate(p.atMs)}</td>
                <td>{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Cycles({ records }: { records: readonly GesteRecord[] }): ReactNode {
  const id = useId();
  const s = trendSeries(records);
  if (s.injections.length === 0) return <p>No botulinum toxin injection among the shared treatments.</p>;
  const cycles = injectionCycles(s.injections.map((b) => ({ atMs: b.atMs, effectStartedAtMs: b.effectStartedAtMs, effectWoreOffAtMs: b.effectWoreOffAtMs })), s.pain);
  const mean = meanCycle(cycles);
  const sx = linear(0, 16, PAD.l, W - PAD.r);
  const sy = linear(0, 10, H - PAD.b, PAD.t);
  return (
    <figure>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} data-testid="clinician-cycles">
        <title id={`${id}-t`}>{`Worst daily pain by weeks since each injection, ${cycles.length} cycles overlaid, with their mean`}</title>
        <g fontSize="11" fill="#111">
          <line x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} stroke="#111" />
          <line x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} stroke="#111" />
          {[0, 5, 10].map((t) => (
            <text key={t} x={PAD.l - 6} y={sy(t) + 4} textAnchor="end">
              {t}
            </text>
          ))}
          {[0, 4, 8, 12, 16].map((w) => (
            <text key={w} x={sx(w)} y={H - PAD.b + 16} textAnchor="middle">
              {w}
            </text>
          ))}
          <text x={(PAD.l + W - PAD.r) / 2} y={H - 6} textAnchor="middle">
            weeks since injection
          </text>
        </g>
        {cycles.map((c) => (
          <path key={c.injectionAtMs} d={pathOf(c.weekly.map((w) => ({ x: w.week + 0.5, y: w.mean })), sx, sy)} fill="none" stroke="#888" strokeWidth="1" />
        ))}
        <path d={pathOf(mean.map((w) => ({ x: w.week + 0.5, y: w.mean })), sx, sy)} fill="none" stroke="#111" strokeWidth="3.5" />
        {mean.map((w) => (w.mean === null ? null : <rect key={w.week} x={sx(w.week + 0.5) - 3} y={sy(w.mean) - 3} width="6" height="6" fill="#111" />))}
      </svg>
      <figcaption>Thin grey lines: each injection cycle (weekly mean of worst daily pain). Thick black line with squares: mean of the cycles. Data only.</figcaption>
    </figure>
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
      });
    } catch (e) {
      return setError(chosen.length === 0 ? 'Choose at least one exercise.' : days.length === 0 ? 'Choose at least one day.' : String((e as Error).message));
    }
    try {
      await apiFor(conn).assignProgram(patient.patientId, program.name, program as unknown as Record<string, unknown>);
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
