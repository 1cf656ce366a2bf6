/** Pieces shared by the two clinic screens: the server log-in form (passkey first, password as the fallback), the passkey panel and the words for categories. */
import { useRef, useState, type ReactNode } from 'react';
import { ClinicApi, type Category, type Role, type Session } from './api.ts';
import { addPasskey, passkeysSupported, signInWithPasskey } from './passkey.ts';
import { apiFor, setConnection, type Connection } from './store.ts';
import { clinicWordsIn } from './errorWords.ts';
import { translate, useI18n, type Key, type Lang } from '../i18n/i18n.tsx';

/** A kind of shared data in words ("Symptom diary"). */
export const categoryKey = (c: Category): Key => `clinic.cat.${c}`;

/** The server address the form starts with: the last one used, or the page's own host when served by a clinic. */
export function defaultServerUrl(): string {
  return localStorage.getItem('geste-clinic-url') ?? '';
}

/** Why the connect form failed, in words, with the role check shared by password and passkey log-ins. */
async function finishLogin(api: ClinicApi, s: Session, role: Role, lang: Lang): Promise<Connection | string> {
  const me = await api.me();
  if (me.role !== role) {
    await api.logout().catch(() => undefined);
    return translate(lang, role === 'patient' ? 'clinic.err.isClinician' : 'clinic.err.isPatient');
  }
  localStorage.setItem('geste-clinic-url', api.baseUrl);
  const c: Connection = { serverUrl: api.baseUrl, token: s.token, accountId: me.accountId, email: me.email, displayName: me.displayName, role };
  await setConnection(role, c);
  return c;
}

/**
 * Log-in form for both clinic screens: server address and email, then a large "Sign in with a
 * passkey" button (only where the browser can use passkeys), then the password form as the fallback
 * (log in, or create a new account).
 */
export function ConnectForm({ role, onConnected }: { role: Role; onConnected: (c: Connection) => void }): ReactNode {
  const [url, setUrl] = useState(defaultServerUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<null | 'password' | 'passkey'>(null);
  const [error, setError] = useState<string | null>(null);
  const [canPasskey] = useState(passkeysSupported);
  const abort = useRef<AbortController | null>(null);
  const passwordInput = useRef<HTMLInputElement | null>(null);
  const { t: tr, lang } = useI18n();
  const clinicWords = (e: unknown): string => clinicWordsIn(e, lang);
  const t = `${role}-`;

  const run = async (how: 'password' | 'passkey', login: (api: ClinicApi) => Promise<Session>): Promise<void> => {
    setBusy(how);
    let failed = false;
    try {
      const api = new ClinicApi({ baseUrl: url });
      const r = await finishLogin(api, await login(api), role, lang);
      if (typeof r === 'string') return setError(r);
      setPassword('');
      onConnected(r);
    } catch (e) {
      failed = true;
      setError(clinicWords(e));
    } finally {
      setBusy(null);
    }
    // A passkey that did not work: the keyboard goes to the fallback, the password field.
    if (failed && how === 'passkey') setTimeout(() => passwordInput.current?.focus(), 0);
  };

  const go = async (mode: 'register' | 'login'): Promise<void> => {
    setError(null);
    if (mode === 'register' && password.length < 12) return setError(tr('clinic.err.password'));
    if (mode === 'register' && name.trim() === '') return setError(tr('clinic.err.name'));
    await run('password', (api) => (mode === 'register' ? api.register(email.trim(), password, role, name.trim()) : api.login(email.trim(), password)));
  };

  const passkey = async (): Promise<void> => {
    setError(null);
    if (url.trim() === '') return setError(tr('clinic.err.url'));
    if (email.trim() === '') return setError(tr('clinic.err.email'));
    abort.current = new AbortController();
    const signal = abort.current.signal;
    await run('passkey', (api) => signInWithPasskey(api, email.trim(), { signal }));
    abort.current = null;
  };

  return (
    <form
      className="clinic-connect"
      onSubmit={(e) => {
        e.preventDefault();
        void go('login');
      }}
    >
      <fieldset>
        <legend>{tr(role === 'patient' ? 'clinic.cf.patient' : 'clinic.cf.clinician')}</legend>
        <label className="field">
          {tr('clinic.cf.url')}
          <input type="url" inputMode="url" autoComplete="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://clinic.example.org" data-testid={`${t}url`} aria-describedby={`${t}url-hint`} />
        </label>
        <p className="hint" id={`${t}url-hint`}>{tr('clinic.cf.urlHint', { cmd: 'npm start -w @geste/server' })}</p>
        <label className="field">
          {tr('clinic.cf.email')}
          <input type="email" autoComplete="username webauthn" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid={`${t}email`} />
        </label>
        {canPasskey && (
          <div className="clinic-passkey">
            <button type="button" className="btn-primary clinic-passkey-btn" disabled={busy !== null} onClick={() => void passkey()} aria-describedby={`${t}passkey-hint`} data-testid={`${t}passkey-login`}>
              {busy === 'passkey' ? tr('clinic.cf.passkeyWait') : tr('clinic.cf.passkey')}
            </button>
            {busy === 'passkey' && (
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the Cancel button appears while the browser waits for a passkey: focus moves to it so a keyboard user can cancel at once
              <button type="button" className="clinic-passkey-cancel" autoFocus onClick={() => abort.current?.abort()} data-testid={`${t}passkey-cancel`}>
                {tr('clinic.cf.passkeyCancel')}
              </button>
            )}
            <p className="hint" id={`${t}passkey-hint`}>
              {tr('clinic.cf.passkeyHint')}
            </p>
          </div>
        )}
        <fieldset className="clinic-password">
          <legend>{tr(canPasskey ? 'clinic.cf.orPassword' : 'clinic.cf.yourPassword')}</legend>
          <label className="field">
            {tr('clinic.cf.password')}
            <input ref={passwordInput} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid={`${t}password`} />
          </label>
          <label className="field">
            {tr(role === 'patient' ? 'clinic.cf.namePatient' : 'clinic.cf.nameClinician')}
            <input type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} data-testid={`${t}name`} />
          </label>
          <div className="row">
            <button type="submit" className={canPasskey ? undefined : 'btn-primary'} disabled={busy !== null} data-testid={`${t}login`}>
              {tr('clinic.cf.login')}
            </button>
            <button type="button" disabled={busy !== null} onClick={() => void go('register')} data-testid={`${t}register`}>
              {tr('clinic.cf.register')}
            </button>
          </div>
        </fieldset>
      </fieldset>
      {error && (
        <p className="alert alert-error" role="alert" data-testid={`${t}connect-error`}>
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * In the account area of both screens: "Add a passkey to this device", so that the next log-in
 * needs no password. Where the browser cannot use passkeys it says so and offers nothing.
 */
export function PasskeyPanel({ conn }: { conn: Connection }): ReactNode {
  const [canPasskey] = useState(passkeysSupported);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const { t: tr, lang } = useI18n();
  const t = `${conn.role}-`;
  const add = async (): Promise<void> => {
    setError(null);
    setDone(false);
    setBusy(true);
    abort.current = new AbortController();
    try {
      await addPasskey(apiFor(conn), { signal: abort.current.signal });
      setDone(true);
    } catch (e) {
      setError(clinicWordsIn(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="clinic-passkey-panel" aria-labelledby={`${t}passkey-h`} data-testid={`${t}passkey-panel`}>
      <h2 id={`${t}passkey-h`}>{tr('clinic.pk.title')}</h2>
      {canPasskey ? (
        <>
          <p className="hint">{tr('clinic.pk.hint')}</p>
          <button type="button" className="clinic-passkey-btn" disabled={busy} onClick={() => void add()} data-testid={`${t}passkey-add`}>
            {busy ? tr('clinic.pk.wait') : tr('clinic.pk.add')}
          </button>
          {busy && (
            // eslint-disable-next-line jsx-a11y/no-autofocus -- as above: the Cancel button that appears while the browser waits takes the focus
            <button type="button" autoFocus onClick={() => abort.current?.abort()} data-testid={`${t}passkey-add-cancel`}>
              {tr('clinic.pk.cancel')}
            </button>
          )}
          <p role="status" data-testid={`${t}passkey-status`}>
            {done ? tr('clinic.pk.added') : ''}
          </p>
          {error && (
            <p className="alert alert-error" role="alert" data-testid={`${t}passkey-error`}>
              {error}
            </p>
          )}
        </>
      ) : (
        <p className="hint" data-testid={`${t}passkey-unsupported`}>
          {tr('clinic.pk.unsupported')}
        </p>
      )}
    </section>
  );
}

export const showDateTime = (ms: number): string => new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
