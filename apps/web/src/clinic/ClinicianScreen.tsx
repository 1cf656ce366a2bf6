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
import { dateStr, download } from '../records/ui.tsx';
import { programDocument } from '@geste/contract';
import { localDate } from '../exercises/programData.ts';
import { EMPTY_TARGET_FIELDS, TrainingTargetFields, trainingTargetFromFields, type TargetFields } from './TrainingTargetFields.tsx';
import { type Category, type PatientSummary } from './api.ts';
import { clinicWordsIn } from './errorWords.ts';
import { exerciseText } from '../exercises/libraryText.ts';
import { useI18n, type I18n, type Key } from '../i18n/i18n.tsx';
import { apiFor, getConnection, setConnection, type Connection } from './store.ts';
import { categoryKey, ConnectForm, PasskeyPanel } from './ui.tsx';

export function ClinicianScreen(): ReactNode {
  const [conn, setConn] = useState<Connection | null | undefined>(undefined);
  const { t } = useI18n();
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
      <h1 id="clin-h">{t('clin.title')}</h1>
      <p className="clinic-safety" data-testid="clinician-safety">
        {t('clin.safety')}
      </p>
      {conn === undefined ? (
        <p>{t('clinic.loading')}</p>
      ) : conn === null ? (
        <ConnectForm role="clinician" onConnected={setConn} />
      ) : (
        <>
          <p>
            {t('clin.loggedIn', { url: conn.serverUrl, email: conn.email })}{' '}
            <button type="button" onClick={() => void logout()} data-testid="clinician-logout">
              {t('clinic.logout')}
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
  const { t, lang, date } = useI18n();
  const clinicWords = (e: unknown): string => clinicWordsIn(e, lang);
  const refresh = useCallback(async () => {
    try {
      setPatients(await apiFor(conn).patients());
    } catch (e) {
      setError(clinicWords(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- clinicWords follows the language; the list is what is fetched
  }, [conn]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const accept = async (): Promise<void> => {
    setError(null);
    setStatus('');
    if (!/^[A-Za-z2-9]{4}-?[A-Za-z2-9]{4}-?[A-Za-z2-9]{4}$/.test(code.trim())) return setError(t('clin.err.code'));
    const c = code.trim().toUpperCase().replace(/^(.{4})-?(.{4})-?(.{4})$/, '$1-$2-$3');
    try {
      await api.accept(c);
      setCode('');
      setStatus(t('clin.accepted'));
      await refresh();
    } catch (e) {
      setError(clinicWords(e));
    }
  };
  return (
    <>
      <fieldset>
        <legend>{t('clin.accept.legend')}</legend>
        <div className="row">
          <label className="field">
            {t('clin.accept.code')}
            <input type="text" value={code} autoComplete="off" onChange={(e) => setCode(e.target.value)} placeholder="ABCD-EFGH-JKMN" data-testid="accept-code" />
          </label>
          <button type="button" className="btn-primary" onClick={() => void accept()} data-testid="accept-submit">
            {t('clin.accept')}
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
      <h2>{t('clin.patients')}</h2>
      {patients === null ? (
        <p>{t('clinic.loading')}</p>
      ) : patients.length === 0 ? (
        <p data-testid="patient-list-empty">{t('clin.patients.none')}</p>
      ) : (
        <ul className="clinic-patients" data-testid="patient-list">
          {patients.map((p) => (
            <li key={p.patientId}>
              <button type="button" aria-pressed={selected?.patientId === p.patientId} onClick={() => setSelected(p)} data-testid="patient-open">
                {selected?.patientId === p.patientId ? '▶ ' : ''}
                {p.displayName}
              </button>{' '}
              <span>
                {t('clin.patients.shares', { cats: p.categories.map((c) => t(categoryKey(c)).toLowerCase()).join(', ') })}
                {p.endsAtMs === null ? '' : t('clin.patients.until', { date: date(p.endsAtMs) })}
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
  const i18n = useI18n();
  const { t } = i18n;
  const clinicWords = (e: unknown): string => clinicWordsIn(e, i18n.lang);
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
    // eslint-disable-next-line react-hooks/exhaustive-deps -- clinicWords follows the language; the records are what is fetched
  }, [conn, patient.patientId]);
  useEffect(() => {
    void load();
  }, [load]);

  const report = async (): Promise<void> => {
    if (!data) return;
    setStatus(t('clin.report.making'));
    try {
      const now = Date.now();
      const withName: GesteRecord[] = [...data.records.filter((r) => r.type !== 'patient'), { type: 'patient', schemaVersion: 1, id: 'self', displayName: patient.displayName, birthYear: null }];
      // The same period as the summary on screen: where the data is.
      const bytes = await buildClinicianReport({ records: withName, ...period, generatedAtMs: now, fonts: await reportFonts() });
      download(`geste-report-${patient.displayName.replace(/[^\p{L}\p{N}]+/gu, '-')}-${dateStr(now)}.pdf`, bytes as BlobPart, 'application/pdf');
      setStatus(t('clin.report.saved'));
    } catch (e) {
      setStatus('');
      setError(t('clin.report.failed', { why: String(e) }));
    }
  };

  const shares = (c: Category): boolean => data?.categories.includes(c) ?? false;
  const period = defaultReportPeriod(data?.records ?? [], Date.now());
  return (
    <section className="clinic-patient" aria-labelledby="pv-h" data-testid="patient-view">
      <h2 id="pv-h">{patient.displayName}</h2>
      <div className="row">
        <button type="button" onClick={() => void load()} data-testid="patient-refresh">
          {t('clin.refresh')}
        </button>
        <button type="button" className="btn-primary" disabled={!data} onClick={() => void report()} data-testid="patient-report">
          {t('clin.report')}
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
            {t('clin.shared', { cats: data.categories.map((c) => t(categoryKey(c))).join(', '), not: (['measures', 'diary', 'treatments', 'history'] as const).filter((c) => !shares(c)).map((c) => t(categoryKey(c))).join(', ') || t('clin.shared.nothing') })}
            {data.unreadable > 0 ? t('clin.shared.unreadable', { n: data.unreadable }) : ''}
          </p>
          <ReportSummary s={summarizePeriod(data.records, period.fromMs, period.toMs)} shares={{ measures: shares('measures'), diary: shares('diary'), treatments: shares('treatments') }} />
          {scaleSeriesOf(data.records).every((x) => x.values.length === 0) ? <p data-testid="trend-empty">{t('clin.trend.empty')}</p> : null}
          <ScaleCharts
            series={scaleSeriesOf(data.records).filter((x) => x.values.length > 0)}
            injections={shares('treatments') ? chartSeries(data.records).injections.map((b) => ({ atMs: b.atMs, effectStartedAtMs: b.effectStartedAtMs, effectWoreOffAtMs: b.effectWoreOffAtMs })) : []}
            timeTestId="clinician-trend"
            cycleTestId="clinician-cycles"
            noCycles={!shares('treatments') ? <p data-testid="cycles-not-shared">{t('clin.cycles.notShared')}</p> : undefined}
          />
          <h3>{t('clin.treatments')}</h3>
          {!shares('treatments') ? <p data-testid="treatments-not-shared">{t('clin.notShared')}</p> : <TreatmentList records={data.records} />}
          <AssignProgram conn={conn} patient={patient} />
        </>
      )}
    </section>
  );
}

function treatmentLine(t: Treatment, w: I18n): string {
  const showDate = w.date;
  switch (t.kind) {
    case 'botulinum':
      return w.t('clin.t.botulinum', { date: showDate(t.atMs), product: t.product, total: t.totalUnits === null ? '' : w.t('clin.t.total', { units: formatUnits(t.totalUnits) }), injections: t.injections.map((i) => `${i.muscle} ${i.side} ${formatUnits(i.units)} U`).join('; ') || w.t('clin.t.noMuscles') });
    case 'oral':
      return `${showDate(t.startedAtMs)} — ${t.name}${t.stoppedAtMs === null ? '' : w.t('clin.t.stopped', { date: showDate(t.stoppedAtMs) })}`;
    case 'therapy':
      return `${showDate(t.atMs)} — ${t.modality}`;
    case 'biofeedback':
      return `${showDate(t.atMs)} — ${w.t('clin.t.biofeedback')}`;
    case 'surgery':
      return `${showDate(t.atMs)} — ${w.t('clin.t.surgery', { what: t.procedure })}`;
    case 'dbs-implant':
      return `${showDate(t.atMs)} — ${w.t('clin.t.dbsImplant', { target: t.target })}`;
    case 'dbs-setting':
      return `${showDate(t.atMs)} — ${w.t('clin.t.dbsSetting', { side: t.side })}`;
  }
}

function TreatmentList({ records }: { records: readonly GesteRecord[] }): ReactNode {
  const ts = records.filter((r): r is Treatment => r.type === 'treatment');
  const w = useI18n();
  if (ts.length === 0) return <p>{w.t('clin.treatments.none')}</p>;
  const at = (t: Treatment): number => ('atMs' in t ? t.atMs : t.startedAtMs);
  return (
    <ul data-testid="treatment-list">
      {[...ts].sort((a, b) => at(b) - at(a)).map((t) => (
        <li key={t.id}>{treatmentLine(t, w)}</li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------- program assignment
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function AssignProgram({ conn, patient }: { conn: Connection; patient: PatientSummary }): ReactNode {
  const i18n = useI18n();
  const { t } = i18n;
  const [title, setTitle] = useState(() => t('clin.assign.defaultTitle'));
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
        name: title.trim() || t('clin.assign.defaultTitle'),
        author: 'clinician',
        items: chosen.map((x) => ({ exerciseId: x.id, sets: sets[x.id] ?? 1 })),
        schedule: { weekdays: [...days].sort((a, b) => a - b), sessionsPerDay: 1, startDate: localDate(Date.now()) },
        reminderTimes: [],
        trainingTarget: trainingTargetFromFields(target),
      });
    } catch (e) {
      return setError(chosen.length === 0 ? t('clin.assign.errNone') : days.length === 0 ? t('clin.assign.errDays') : String((e as Error).message));
    }
    try {
      await apiFor(conn).assignProgram(patient.patientId, program.name, programDocument(program));
      setStatus(t('clin.assign.done', { name: program.name }));
    } catch (e) {
      setError(clinicWordsIn(e, i18n.lang));
    }
  };
  return (
    <fieldset>
      <legend>{t('clin.assign.legend')}</legend>
      <label className="field">
        {t('clin.assign.title')}
        <input type="text" value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} data-testid="assign-title" />
      </label>
      <table className="data">
        <caption>{t('clin.assign.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clin.assign.col.exercise')}</th>
            <th scope="col">{t('clin.assign.col.sets')}</th>
          </tr>
        </thead>
        <tbody>
          {EXERCISES.map((x) => (
            <tr key={x.id}>
              <th scope="row">
                <label htmlFor={`assign-${x.id}`}>{exerciseText(x, i18n.lang).title}</label>
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
        <legend>{t('ex.prog.days')}</legend>
        {DAYS.map((d) => (
          <label key={d} className="choice">
            <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))} />
            {t(`ex.day.${d}` as Key)}
          </label>
        ))}
      </fieldset>
      <TrainingTargetFields value={target} onChange={setTarget} />
      <button type="button" className="btn-primary" onClick={() => void assign()} data-testid="assign-submit">
        {t('clin.assign.submit', { name: patient.displayName })}
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
