/**
 * The patient's clinic screen: connect to a clinic server, sync this device's records, invite a
 * clinician (chosen categories, optional end date), list and revoke shares, see who read what and
 * when, download or delete everything on the server. Everything here is optional: the app works offline.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { dateStr, dayMs, download } from '../records/ui.tsx';
import { ClinicError, type AuditEntry, type Category, type Invite, type Share } from './api.ts';
import { clinicWordsIn } from './errorWords.ts';
import { useI18n, type I18n, type Key } from '../i18n/i18n.tsx';
import { apiFor, getConnection, getSyncCategories, lastSync, loadSyncState, onSync, runSync, setConnection, setSyncCategories, type Connection, type SyncOutcome } from './store.ts';
import { SYNC_CATEGORIES } from './sync.ts';
import { categoryKey, ConnectForm, PasskeyPanel } from './ui.tsx';

/** The words and formats every panel here needs: strings, dates, errors. */
function useWords(): I18n & { clinicWords: (e: unknown) => string; cat: (c: Category) => string } {
  const i = useI18n();
  return { ...i, clinicWords: (e) => clinicWordsIn(e, i.lang), cat: (c) => i.t(categoryKey(c)) };
}

export function ClinicScreen(): ReactNode {
  const [conn, setConn] = useState<Connection | null | undefined>(undefined);
  const { t } = useI18n();
  useEffect(() => {
    void getConnection('patient').then((c) => setConn(c ?? null));
  }, []);
  return (
    <section className="rec clinic" aria-labelledby="clinic-h">
      <h1 id="clinic-h">{t('clinic.title')}</h1>
      <p className="hint">{t('clinic.intro')}</p>
      {conn === undefined ? <p>{t('clinic.loading')}</p> : conn === null ? <ConnectForm role="patient" onConnected={setConn} /> : <Connected conn={conn} onLogout={() => setConn(null)} />}
    </section>
  );
}

function Connected({ conn, onLogout }: { conn: Connection; onLogout: () => void }): ReactNode {
  const api = apiFor(conn);
  const { t } = useI18n();
  const logout = async (): Promise<void> => {
    await api.logout().catch(() => undefined);
    await setConnection('patient', null);
    onLogout();
  };
  return (
    <>
      <p data-testid="clinic-connected">
        {t('clinic.connected', { url: conn.serverUrl, email: conn.email, name: conn.displayName })}{' '}
        <button type="button" onClick={() => void logout()} data-testid="clinic-logout">
          {t('clinic.logout')}
        </button>
      </p>
      <SyncPanel conn={conn} onSessionEnded={() => void logout()} />
      <PasskeyPanel conn={conn} />
      <InvitePanel conn={conn} />
      <AuditPanel conn={conn} />
      <ServerDataPanel conn={conn} onDeleted={onLogout} />
    </>
  );
}

function outcomeWords(o: SyncOutcome, w: ReturnType<typeof useWords>): string {
  const t = w.t;
  if (!o.ok) return `${t('clinic.sync.notSynced', { why: w.clinicWords(o.error) })}${o.waiting > 0 ? ` ${t('clinic.sync.waitingNext', { n: o.waiting })}` : ''}`;
  const r = o.report!;
  const parts = [t('clinic.sync.sent', { n: r.pushed }), t('clinic.sync.received', { n: r.updatedHere })];
  if (r.deletedHere > 0) parts.push(t('clinic.sync.deletions', { n: r.deletedHere }));
  if (r.programs > 0) parts.push(t('clinic.sync.program'));
  if (r.refused > 0) parts.push(t('clinic.sync.refused', { n: r.refused }));
  return t('clinic.sync.ok', { at: w.dateTime(o.atMs), parts: parts.join(', ') });
}

function SyncPanel({ conn, onSessionEnded }: { conn: Connection; onSessionEnded: () => void }): ReactNode {
  const [cats, setCats] = useState<Category[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(false);
  const w = useWords();
  const t = w.t;
  useEffect(() => {
    void getSyncCategories().then(setCats);
    void loadSyncState(conn.accountId).then((s) => setWaiting(s.outbox.length));
    void lastSync().then((l) => {
      if (l) setStatus(t(l.ok ? 'clinic.sync.last' : 'clinic.sync.lastFailed', { at: w.dateTime(l.atMs) }));
    });
    return onSync((o) => {
      setWaiting(o.waiting);
      setEnded(o.error instanceof ClinicError && o.error.code === 'session-ended');
      if (o.ok) {
        setError(null);
        setStatus(outcomeWords(o, w));
      } else {
        setStatus('');
        setError(outcomeWords(o, w));
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the words follow the language at the next outcome; re-subscribing on each render would lose it
  }, [conn.accountId, w.lang]);
  const toggle = (c: Category, on: boolean): void => {
    const next = on ? [...cats, c] : cats.filter((x) => x !== c);
    setCats(next);
    void setSyncCategories(next);
  };
  const sync = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setStatus(t('clinic.sync.busy'));
    await runSync();
    setBusy(false);
  };
  return (
    <fieldset>
      <legend>{t('clinic.sync.legend')}</legend>
      <p className="hint">{t('clinic.sync.hint')}</p>
      <fieldset className="clinic-choices">
        <legend>{t('clinic.sync.what')}</legend>
        {SYNC_CATEGORIES.map((c) => (
          <label key={c} className="choice">
            <input type="checkbox" checked={cats.includes(c)} onChange={(e) => toggle(c, e.target.checked)} data-testid={`sync-cat-${c}`} />
            {w.cat(c)}
          </label>
        ))}
        <p className="hint">{t('clinic.sync.noVideos')}</p>
      </fieldset>
      <div className="row">
        <button type="button" className="btn-primary btn-big" disabled={busy} onClick={() => void sync()} data-testid="sync-now">
          {t('clinic.sync.now')}
        </button>
        {waiting > 0 && <span data-testid="sync-waiting">{t('clinic.sync.waiting', { n: waiting })}</span>}
      </div>
      <p className="status" role="status" aria-live="polite" data-testid="sync-status">
        {status}
      </p>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="sync-error">
          {error}
          {ended && (
            <button type="button" onClick={onSessionEnded} data-testid="sync-relogin">
              {t('clinic.sync.relogin')}
            </button>
          )}
        </p>
      )}
      {ended && <p className="hint">{t('clinic.sync.queued')}</p>}
    </fieldset>
  );
}

function shareState(s: Share, w: I18n): string {
  if (s.revokedAtMs !== null) return w.t('clinic.share.revoked', { date: w.date(s.revokedAtMs) });
  if (!s.active) return w.t('clinic.share.ended');
  return s.endsAtMs === null ? w.t('clinic.share.noEnd') : w.t('clinic.share.until', { date: w.date(s.endsAtMs) });
}

function InvitePanel({ conn }: { conn: Connection }): ReactNode {
  const api = apiFor(conn);
  const [cats, setCats] = useState<Category[]>(['measures', 'diary', 'treatments']);
  const [until, setUntil] = useState('');
  const [invite, setInvite] = useState<Invite | null>(null);
  const [shares, setShares] = useState<Share[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const w = useWords();
  const { t, clinicWords } = w;
  const refresh = useCallback(async () => {
    try {
      setShares(await api.shares());
    } catch (e) {
      setError(clinicWords(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `api` is rebuilt from `conn` on every render; the token is what matters
  }, [conn.token]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const create = async (): Promise<void> => {
    setError(null);
    setInvite(null);
    if (cats.length === 0) return setError(t('clinic.share.errNone'));
    let endsAtMs: number | null = null;
    if (until !== '') {
      const d = dayMs(until);
      endsAtMs = d === null ? null : d + 12 * 3600_000 - 1; // to the end of that (local) day
      if (endsAtMs === null || endsAtMs <= Date.now()) return setError(t('clinic.share.errDate'));
    }
    try {
      setInvite(await api.invite(cats, endsAtMs));
    } catch (e) {
      setError(clinicWords(e));
    }
  };
  const revoke = async (s: Share): Promise<void> => {
    if (!confirm(t('clinic.share.confirm'))) return;
    try {
      await api.revoke(s.id);
      setStatus(t('clinic.share.stopped'));
      await refresh();
    } catch (e) {
      setError(clinicWords(e));
    }
  };

  return (
    <fieldset>
      <legend>{t('clinic.share.legend')}</legend>
      <p className="hint">{t('clinic.share.hint')}</p>
      <fieldset className="clinic-choices">
        <legend>{t('clinic.share.share')}</legend>
        {(['measures', 'diary', 'treatments', 'history', 'videos'] as const).map((c) => (
          <label key={c} className="choice">
            <input type="checkbox" checked={cats.includes(c)} onChange={(e) => setCats(e.target.checked ? [...cats, c] : cats.filter((x) => x !== c))} data-testid={`share-cat-${c}`} />
            {w.cat(c)}
            {c === 'videos' ? t('clinic.share.videosOff') : ''}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label className="field">
          {t('clinic.share.untilField')}
          <input type="date" value={until} min={dateStr(Date.now())} onChange={(e) => setUntil(e.target.value)} data-testid="share-until" />
        </label>
        <button type="button" className="btn-primary" onClick={() => void create()} data-testid="share-create">
          {t('clinic.share.create')}
        </button>
      </div>
      {invite && (
        <div className="alert alert-info" data-testid="share-invite">
          <p>
            {t('clinic.share.give')} <output className="clinic-code" data-testid="share-code" aria-label={t('clinic.share.codeLabel', { code: invite.code.split('').join(' ') })}>{invite.code}</output>
          </p>
          <p>
            {t('clinic.share.once', { at: w.dateTime(invite.expiresAtMs), cats: invite.categories.map(w.cat).join(', ') })}
            {invite.endsAtMs === null ? t('clinic.share.noEndDate') : t('clinic.share.untilDate', { date: w.date(invite.endsAtMs) })}
          </p>
        </div>
      )}
      <h2>{t('clinic.share.yours')}</h2>
      {shares.length === 0 ? (
        <p>{t('clinic.share.noneYet')}</p>
      ) : (
        <table className="data" data-testid="share-list">
          <thead>
            <tr>
              <th scope="col">{t('clinic.share.col.since')}</th>
              <th scope="col">{t('clinic.share.col.clinician')}</th>
              <th scope="col">{t('clinic.share.col.shares')}</th>
              <th scope="col">{t('clinic.share.col.state')}</th>
              <th scope="col">{t('clinic.share.col.action')}</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.id}>
                <td>{w.date(s.createdAtMs)}</td>
                <td>{s.clinicianName ?? t('clinic.share.account', { id: s.clinicianId.slice(0, 8) })}</td>
                <td>{s.categories.map(w.cat).join(', ')}</td>
                <td>{shareState(s, w)}</td>
                <td>
                  {s.revokedAtMs === null ? (
                    <button type="button" onClick={() => void revoke(s)} data-testid="share-revoke">
                      {t('clinic.share.stop')}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="status" role="status" aria-live="polite" data-testid="share-status">
        {status}
      </p>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="share-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

const ACTIONS = new Set(['read', 'write', 'export', 'delete', 'refused']);
function resourceWords(e: AuditEntry, t: I18n['t']): string {
  const d = (e.detail ?? {}) as { categories?: string[]; count?: number; changes?: number };
  switch (e.resource) {
    case 'records':
      return `${t('clinic.audit.records')}${d.categories ? ` (${d.categories.map((c) => t(categoryKey(c as Category))).join(', ')})` : ''}${d.count !== undefined ? t('clinic.audit.items', { n: d.count }) : ''}`;
    case 'sync/push':
      return t('clinic.audit.pushed', { n: d.changes ?? 0 });
    case 'sync/pull':
      return t('clinic.audit.pulled', { n: d.changes ?? 0 });
    default:
      return e.resource;
  }
}

function AuditPanel({ conn }: { conn: Connection }): ReactNode {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const w = useWords();
  const { t, clinicWords } = w;
  const load = async (): Promise<void> => {
    setError(null);
    try {
      setEntries((await apiFor(conn).audit()).reverse());
    } catch (e) {
      setError(clinicWords(e));
    }
  };
  return (
    <fieldset>
      <legend>{t('clinic.audit.legend')}</legend>
      <p className="hint">{t('clinic.audit.hint')}</p>
      <button type="button" onClick={() => void load()} data-testid="audit-load">
        {t('clinic.audit.show')}
      </button>
      {entries && (
        <table className="data" data-testid="audit-list">
          <caption>{t('clinic.audit.newest')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clinic.audit.col.when')}</th>
              <th scope="col">{t('clinic.audit.col.who')}</th>
              <th scope="col">{t('clinic.audit.col.did')}</th>
              <th scope="col">{t('clinic.audit.col.what')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, 200).map((e) => (
              <tr key={e.seq}>
                <td>{w.dateTime(e.atMs)}</td>
                <td>{e.actorId === conn.accountId ? t('clinic.audit.you') : `${e.actorRole === 'clinician' || e.actorRole === 'patient' ? t(`clinic.audit.role.${e.actorRole}`) : e.actorRole} ${e.actorId.slice(0, 8)}`}</td>
                <td>{ACTIONS.has(e.action) ? t(`clinic.audit.${e.action}` as Key) : e.action}</td>
                <td>{resourceWords(e, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function ServerDataPanel({ conn, onDeleted }: { conn: Connection; onDeleted: () => void }): ReactNode {
  const [phrase, setPhrase] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { t, clinicWords } = useWords();
  const DELETE_PHRASE = t('clinic.data.phrase');
  const exportAll = async (): Promise<void> => {
    setError(null);
    try {
      const data = await apiFor(conn).exportAll();
      download(`geste-server-export-${dateStr(Date.now())}.json`, JSON.stringify(data, null, 1), 'application/json');
      setStatus(t('clinic.data.downloaded'));
    } catch (e) {
      setError(clinicWords(e));
    }
  };
  const remove = async (): Promise<void> => {
    setError(null);
    try {
      await apiFor(conn).deleteAccount();
      await setConnection('patient', null);
      onDeleted();
    } catch (e) {
      setError(clinicWords(e));
    }
  };
  return (
    <fieldset>
      <legend>{t('clinic.data.legend')}</legend>
      <div className="row">
        <button type="button" onClick={() => void exportAll()} data-testid="server-export">
          {t('clinic.data.export')}
        </button>
      </div>
      <label className="field">
        {t('clinic.data.deleteHint', { phrase: DELETE_PHRASE })}
        <input type="text" value={phrase} onChange={(e) => setPhrase(e.target.value)} data-testid="server-delete-phrase" />
      </label>
      <button type="button" disabled={phrase.trim() !== DELETE_PHRASE} onClick={() => void remove()} data-testid="server-delete">
        {t('clinic.data.delete')}
      </button>
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
