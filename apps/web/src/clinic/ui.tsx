/** Pieces shared by the two clinic screens: the server log-in form and the words for categories. */
import { useState, type ReactNode } from 'react';
import { ClinicApi, clinicWords, type Category, type Role } from './api.ts';
import { setConnection, type Connection } from './store.ts';

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

export function ConnectForm({ role, onConnected }: { role: Role; onConnected: (c: Connection) => void }): ReactNode {
  const [url, setUrl] = useState(defaultServerUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = `${role}-`;

  const go = async (mode: 'register' | 'login'): Promise<void> => {
    setError(null);
    if (mode === 'register' && password.length < 12) return setError('Choose a password of at least 12 characters.');
    if (mode === 'register' && name.trim() === '') return setError('Type the name your clinician will see.');
    setBusy(true);
    try {
      const api = new ClinicApi({ baseUrl: url });
      const s = mode === 'register' ? await api.register(email.trim(), password, role, name.trim()) : await api.login(email.trim(), password);
      const me = await api.me();
      if (me.role !== role) {
        await api.logout().catch(() => undefined);
        setError(role === 'patient' ? 'This is a clinician account. Use the Clinician screen, or log in with a patient account.' : 'This is a patient account. Use the Clinic & sync screen, or log in with a clinician account.');
        return;
      }
      localStorage.setItem('geste-clinic-url', api.baseUrl);
      const c: Connection = { serverUrl: api.baseUrl, token: s.token, accountId: me.accountId, email: me.email, displayName: me.displayName, role };
      await setConnection(role, c);
      setPassword('');
      onConnected(c);
    } catch (e) {
      setError(clinicWords(e));
    } finally {
      setBusy(false);
    }
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
          <input type="url" inputMode="url" autoComplete="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://clinic.example.org" data-testid={`${t}url`} />
        </label>
        <label className="field">
          Email
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid={`${t}email`} />
        </label>
        <label className="field">
          Password (at least 12 characters)
          <input type="password" autoComplete={role === 'patient' ? 'current-password' : 'current-password'} required value={password} onChange={(e) => setPassword(e.target.value)} data-testid={`${t}password`} />
        </label>
        <label className="field">
          Your name (only for a new account{role === 'patient' ? '; your clinician sees it' : '; your patients see it'})
          <input type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} data-testid={`${t}name`} />
        </label>
        <div className="row">
          <button type="submit" className="btn-primary" disabled={busy} data-testid={`${t}login`}>
            Log in
          </button>
          <button type="button" disabled={busy} onClick={() => void go('register')} data-testid={`${t}register`}>
            Create a new account
          </button>
        </div>
      </fieldset>
      {error && (
        <p className="alert alert-error" role="alert" data-testid={`${t}connect-error`}>
          {error}
        </p>
      )}
    </form>
  );
}

export const showDateTime = (ms: number): string => new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
