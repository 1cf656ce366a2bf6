/**
 * The patient's clinic screen: connect to a clinic server, sync this device's records, invite a
 * clinician (chosen categories, optional end date), list and revoke shares, see who read what and
 * when, download or delete everything on the server. Everything here is optional: the app works offline.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { dateStr, dayMs, download, showDate } from '../records/ui.tsx';
import { ClinicError, clinicWords, type AuditEntry, type Category, type Invite, type Share } from './api.ts';
import { apiFor, getConnection, getSyncCategories, lastSync, loadSyncState, onSync, runSync, setConnection, setSyncCategories, type Connection, type SyncOutcome } from './store.ts';
import { SYNC_CATEGORIES } from './sync.ts';
import { CATEGORY_WORDS, ConnectForm, PasskeyPanel, showDateTime } from './ui.tsx';

export function ClinicScreen(): ReactNode {
  const [conn, setConn] = useState<Connection | null | undefined>(undefined);
  useEffect(() => {
    void getConnection('patient').then((c) => setConn(c ?? null));
  }, []);
  return (
    <section className="rec clinic" aria-labelledby="clinic-h">
      <h1 id="clinic-h">Clinic and sync</h1>
      <p className="hint">
        Optional. A clinic server lets your other devices share your records and lets a clinician you invite see the parts you choose. Geste works fully without it;
        videos never leave this device.
      </p>
      {conn === undefined ? <p>Loading…</p> : conn === null ? <ConnectForm role="patient" onConnected={setConn} /> : <Connected conn={conn} onLogout={() => setConn(null)} />}
    </section>
  );
}

function Connected({ conn, onLogout }: { conn: Connection; onLogout: () => void }): ReactNode {
  const api = apiFor(conn);
  const logout = async (): Promise<void> => {
    await api.logout().catch(() => undefined);
    await setConnection('patient', null);
    onLogout();
  };
  return (
    <>
      <p data-testid="clinic-connected">
        Connected to <strong>{conn.serverUrl}</strong> as <strong>{conn.email}</strong> ({conn.displayName}).{' '}
        <button type="button" onClick={() => void logout()} data-testid="clinic-logout">
          Log out
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

function outcomeWords(o: SyncOutcome): string {
  if (!o.ok) return `Not synced: ${clinicWords(o.error)}${o.waiting > 0 ? ` ${o.waiting} change(s) wait on this device and will be sent next time.` : ''}`;
  const r = o.report!;
  const parts = [`sent ${r.pushed}`, `received ${r.updatedHere} update(s)`];
  if (r.deletedHere > 0) parts.push(`${r.deletedHere} deletion(s)`);
  if (r.programs > 0) parts.push('a new exercise program from your clinician (see Exercise program)');
  if (r.refused > 0) parts.push(`${r.refused} record(s) this app version cannot read, kept on the server`);
  return `Synced ✓ at ${showDateTime(o.atMs)}: ${parts.join(', ')}.`;
}

function SyncPanel({ conn, onSessionEnded }: { conn: Connection; onSessionEnded: () => void }): ReactNode {
  const [cats, setCats] = useState<Category[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(0);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    void getSyncCategories().then(setCats);
    void loadSyncState(conn.accountId).then((s) => setWaiting(s.outbox.length));
    void lastSync().then((l) => {
      if (l) setStatus(l.ok ? `Last synced ${showDateTime(l.atMs)}.` : `Last attempt ${showDateTime(l.atMs)} did not finish.`);
    });
    return onSync((o) => {
      setWaiting(o.waiting);
      setEnded(o.error instanceof ClinicError && o.error.code === 'session-ended');
      if (o.ok) {
        setError(null);
        setStatus(outcomeWords(o));
      } else {
        setStatus('');
        setError(outcomeWords(o));
      }
    });
  }, [conn.accountId]);
  const toggle = (c: Category, on: boolean): void => {
    const next = on ? [...cats, c] : cats.filter((x) => x !== c);
    setCats(next);
    void setSyncCategories(next);
  };
  const sync = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setStatus('Syncing…');
    await runSync();
    setBusy(false);
  };
  return (
    <fieldset>
      <legend>Sync this device</legend>
      <p className="hint">Your records go to your account on the clinic server and come back on your other devices. Edits made offline wait here and go at the next sync.</p>
      <fieldset className="clinic-choices">
        <legend>What this device sends</legend>
        {SYNC_CATEGORIES.map((c) => (
          <label key={c} className="choice">
            <input type="checkbox" checked={cats.includes(c)} onChange={(e) => toggle(c, e.target.checked)} data-testid={`sync-cat-${c}`} />
            {CATEGORY_WORDS[c]}
          </label>
        ))}
        <p className="hint">Videos are never sent.</p>
      </fieldset>
      <div className="row">
        <button type="button" className="btn-primary btn-big" disabled={busy} onClick={() => void sync()} data-testid="sync-now">
          Sync now
        </button>
        {waiting > 0 && <span data-testid="sync-waiting">{waiting} change(s) waiting to be sent.</span>}
      </div>
      <p className="status" role="status" aria-live="polite" data-testid="sync-status">
        {status}
      </p>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="sync-error">
          {error}
          {ended && (
            <button type="button" onClick={onSessionEnded} data-testid="sync-relogin">
              Log in again
            </button>
          )}
        </p>
      )}
      {ended && <p className="hint">Your changes stay queued on this device; after you log in again with the same account, they are sent.</p>}
    </fieldset>
  );
}

function shareState(s: Share): string {
  if (s.revokedAtMs !== null) return `revoked ${showDate(s.revokedAtMs)}`;
  if (!s.active) return 'ended';
  return s.endsAtMs === null ? 'active, no end date' : `active until ${showDate(s.endsAtMs)}`;
}

function InvitePanel({ conn }: { conn: Connection }): ReactNode {
  const api = apiFor(conn);
  const [cats, setCats] = useState<Category[]>(['measures', 'diary', 'treatments']);
  const [until, setUntil] = useState('');
  const [invite, setInvite] = useState<Invite | null>(null);
  const [shares, setShares] = useState<Share[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
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
    if (cats.length === 0) return setError('Choose at least one kind of data to share.');
    let endsAtMs: number | null = null;
    if (until !== '') {
      const d = dayMs(until);
      endsAtMs = d === null ? null : d + 12 * 3600_000 - 1; // to the end of that (local) day
      if (endsAtMs === null || endsAtMs <= Date.now()) return setError('Choose an end date in the future, or leave it empty.');
    }
    try {
      setInvite(await api.invite(cats, endsAtMs));
    } catch (e) {
      setError(clinicWords(e));
    }
  };
  const revoke = async (s: Share): Promise<void> => {
    if (!confirm('Stop sharing with this clinician now? They will no longer see your data.')) return;
    try {
      await api.revoke(s.id);
      setStatus('Sharing stopped ✓');
      await refresh();
    } catch (e) {
      setError(clinicWords(e));
    }
  };

  return (
    <fieldset>
      <legend>Share with a clinician</legend>
      <p className="hint">Choose what the clinician may see. They see your synced records of these kinds until you stop sharing or the end date passes.</p>
      <fieldset className="clinic-choices">
        <legend>Share</legend>
        {(['measures', 'diary', 'treatments', 'history', 'videos'] as const).map((c) => (
          <label key={c} className="choice">
            <input type="checkbox" checked={cats.includes(c)} onChange={(e) => setCats(e.target.checked ? [...cats, c] : cats.filter((x) => x !== c))} data-testid={`share-cat-${c}`} />
            {CATEGORY_WORDS[c]}
            {c === 'videos' ? ' (off unless you choose it)' : ''}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label className="field">
          Until (optional)
          <input type="date" value={until} min={dateStr(Date.now())} onChange={(e) => setUntil(e.target.value)} data-testid="share-until" />
        </label>
        <button type="button" className="btn-primary" onClick={() => void create()} data-testid="share-create">
          Create an invitation code
        </button>
      </div>
      {invite && (
        <div className="alert alert-info" data-testid="share-invite">
          <p>
            Give this code to your clinician: <output className="clinic-code" data-testid="share-code" aria-label={`Invitation code ${invite.code.split('').join(' ')}`}>{invite.code}</output>
          </p>
          <p>
            It works once, until {showDateTime(invite.expiresAtMs)}. Shares: {invite.categories.map((c) => CATEGORY_WORDS[c]).join(', ')}
            {invite.endsAtMs === null ? '; no end date.' : `; until ${showDate(invite.endsAtMs)}.`}
          </p>
        </div>
      )}
      <h2>Your shares</h2>
      {shares.length === 0 ? (
        <p>No clinician has accepted an invitation yet.</p>
      ) : (
        <table className="data" data-testid="share-list">
          <thead>
            <tr>
              <th scope="col">Since</th>
              <th scope="col">Clinician</th>
              <th scope="col">Shares</th>
              <th scope="col">State</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.id}>
                <td>{showDate(s.createdAtMs)}</td>
                <td>{s.clinicianName ?? `account ${s.clinicianId.slice(0, 8)}`}</td>
                <td>{s.categories.map((c) => CATEGORY_WORDS[c]).join(', ')}</td>
                <td>{shareState(s)}</td>
                <td>
                  {s.revokedAtMs === null ? (
                    <button type="button" onClick={() => void revoke(s)} data-testid="share-revoke">
                      Stop sharing
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

const ACTION_WORDS: Readonly<Record<string, string>> = { read: 'read', write: 'wrote', export: 'exported', delete: 'deleted', refused: 'was refused reading' };
function resourceWords(e: AuditEntry): string {
  const d = (e.detail ?? {}) as { categories?: string[]; count?: number; changes?: number };
  switch (e.resource) {
    case 'records':
      return `records${d.categories ? ` (${d.categories.join(', ')})` : ''}${d.count !== undefined ? `, ${d.count} item(s)` : ''}`;
    case 'sync/push':
      return `sync: ${d.changes ?? 0} change(s) sent`;
    case 'sync/pull':
      return `sync: ${d.changes ?? 0} change(s) received`;
    default:
      return e.resource;
  }
}

function AuditPanel({ conn }: { conn: Connection }): ReactNode {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
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
      <legend>Who read your data</legend>
      <p className="hint">The server writes down every read and write of your data: who, what, when. It cannot be changed afterwards.</p>
      <button type="button" onClick={() => void load()} data-testid="audit-load">
        Show the access log
      </button>
      {entries && (
        <table className="data" data-testid="audit-list">
          <caption>Newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Did</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, 200).map((e) => (
              <tr key={e.seq}>
                <td>{showDateTime(e.atMs)}</td>
                <td>{e.actorId === conn.accountId ? 'you' : `${e.actorRole} ${e.actorId.slice(0, 8)}`}</td>
                <td>{ACTION_WORDS[e.action] ?? e.action}</td>
                <td>{resourceWords(e)}</td>
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

const DELETE_PHRASE = 'delete all my data';

function ServerDataPanel({ conn, onDeleted }: { conn: Connection; onDeleted: () => void }): ReactNode {
  const [phrase, setPhrase] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const exportAll = async (): Promise<void> => {
    setError(null);
    try {
      const data = await apiFor(conn).exportAll();
      download(`geste-server-export-${dateStr(Date.now())}.json`, JSON.stringify(data, null, 1), 'application/json');
      setStatus('Downloaded ✓ everything the server holds about you.');
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
      <legend>Your data on the server</legend>
      <div className="row">
        <button type="button" onClick={() => void exportAll()} data-testid="server-export">
          Download everything the server holds (JSON)
        </button>
      </div>
      <label className="field">
        To delete your account and all your data on the server, type “{DELETE_PHRASE}”. The records on this device stay.
        <input type="text" value={phrase} onChange={(e) => setPhrase(e.target.value)} data-testid="server-delete-phrase" />
      </label>
      <button type="button" disabled={phrase.trim() !== DELETE_PHRASE} onClick={() => void remove()} data-testid="server-delete">
        Delete my account on the server
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
