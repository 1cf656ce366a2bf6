/** Pieces shared by the two clinic screens: the server log-in form (passkey first, password as the fallback), the passkey panel and the words for categories. */
import { useRef, useState, type ReactNode } from 'react';
import { ClinicApi, clinicWords, type Category, type Role, type Session } from './api.ts';
import { addPasskey, passkeysSupported, signInWithPasskey } from './passkey.ts';
import { apiFor, setConnection, type Connection } from './store.ts';

export const CATEGORY_WORDS: Readonly<Record<Category, string>> = {
  measures: 'Measures (exam and exercise results)',
  diary: 'Symptom diary',
  treatments: 'Treatments',
  history: 'First-visit history',
  videos: 'Videos',
};

/** The server address the form starts with: the last one used, or the page's own host when served by a clinic. */
export function defaultServerUrl(): string {
  return localStorage.getItem('geste-clinic-url') ?? '';
}

/** Why the connect form failed, in words, with the role check shared by password and passkey log-ins. */
async function finishLogin(api: ClinicApi, s: Session, role: Role): Promise<Connection | string> {
  const me = await api.me();
  if (me.role !== role) {
    await api.logout().catch(() => undefined);
    return role === 'patient' ? 'This is a clinician account. Use the Clinician screen, or log in with a patient account.' : 'This is a patient account. Use the Clinic & sync screen, or log in with a clinician account.';
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
  const t = `${role}-`;

  const run = async (how: 'password' | 'passkey', login: (api: ClinicApi) => Promise<Session>): Promise<void> => {
    setBusy(how);
    let failed = false;
    try {
      const api = new ClinicApi({ baseUrl: url });
      const r = await finishLogin(api, await login(api), role);
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
    if (mode === 'register' && password.length < 12) return setError('Choose a password of at least 12 characters.');
    if (mode === 'register' && name.trim() === '') return setError('Type the name your clinician will see.');
    await run('password', (api) => (mode === 'register' ? api.register(email.trim(), password, role, name.trim()) : api.login(email.trim(), password)));
  };

  const passkey = async (): Promise<void> => {
    setError(null);
    if (url.trim() === '') return setError('Type the clinic server address first.');
    if (email.trim() === '') return setError('Type your email first: the clinic server looks up your passkey by it.');
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
        <legend>{role === 'patient' ? 'Connect to your clinic' : 'Log in as a clinician'}</legend>
        <label className="field">
          Clinic server address
          <input type="url" inputMode="url" autoComplete="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://clinic.example.org" data-testid={`${t}url`} aria-describedby={`${t}url-hint`} />
        </label>
        <p className="hint" id={`${t}url-hint`}>Your clinic gives you this address. A server started on this computer (<code>npm start -w @geste/server</code>) is at http://localhost:8787.</p>
        <label className="field">
          Email
          <input type="email" autoComplete="username webauthn" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid={`${t}email`} />
        </label>
        {canPasskey && (
          <div className="clinic-passkey">
            <button type="button" className="btn-primary clinic-passkey-btn" disabled={busy !== null} onClick={() => void passkey()} aria-describedby={`${t}passkey-hint`} data-testid={`${t}passkey-login`}>
              {busy === 'passkey' ? 'Waiting for your passkey…' : 'Sign in with a passkey'}
            </button>
            {busy === 'passkey' && (
              // eslint-disable-next-line jsx-a11y/no-autofocus -- the Cancel button appears while the browser waits for a passkey: focus moves to it so a keyboard user can cancel at once
              <button type="button" className="clinic-passkey-cancel" autoFocus onClick={() => abort.current?.abort()} data-testid={`${t}passkey-cancel`}>
                Cancel (use the password instead)
              </button>
            )}
            <p className="hint" id={`${t}passkey-hint`}>
              No password to type: this device unlocks the passkey with its fingerprint, face or screen lock. First time here? Use your password below, then add a passkey.
            </p>
          </div>
        )}
        <fieldset className="clinic-password">
          <legend>{canPasskey ? 'Or use your password' : 'Your password'}</legend>
          <label className="field">
            Password (at least 12 characters)
            <input ref={passwordInput} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid={`${t}password`} />
          </label>
          <label className="field">
            Your name (only for a new account{role === 'patient' ? '; your clinician sees it' : '; your patients see it'})
            <input type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} data-testid={`${t}name`} />
          </label>
          <div className="row">
            <button type="submit" className={canPasskey ? undefined : 'btn-primary'} disabled={busy !== null} data-testid={`${t}login`}>
              Log in
            </button>
            <button type="button" disabled={busy !== null} onClick={() => void go('register')} data-testid={`${t}register`}>
              Create a new account
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
      setError(clinicWords(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="clinic-passkey-panel" aria-labelledby={`${t}passkey-h`} data-testid={`${t}passkey-panel`}>
      <h2 id={`${t}passkey-h`}>Passkey</h2>
      {canPasskey ? (
        <>
          <p className="hint">A passkey lets you sign in on this device without typing your password. Your password keeps working.</p>
          <button type="button" className="clinic-passkey-btn" disabled={busy} onClick={() => void add()} data-testid={`${t}passkey-add`}>
            {busy ? 'Waiting for this device…' : 'Add a passkey to this device'}
          </button>
          {busy && (
            // eslint-disable-next-line jsx-a11y/no-autofocus -- as above: the Cancel button that appears while the browser waits takes the focus
            <button type="button" autoFocus onClick={() => abort.current?.abort()} data-testid={`${t}passkey-add-cancel`}>
              Cancel
            </button>
          )}
          <p role="status" data-testid={`${t}passkey-status`}>
            {done ? 'Passkey added ✓ Next time, choose "Sign in with a passkey".' : ''}
          </p>
          {error && (
            <p className="alert alert-error" role="alert" data-testid={`${t}passkey-error`}>
              {error}
            </p>
          )}
        </>
      ) : (
        <p className="hint" data-testid={`${t}passkey-unsupported`}>
          This browser cannot use passkeys on this page; keep using your password.
        </p>
      )}
    </section>
  );
}

export const showDateTime = (ms: number): string => new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
