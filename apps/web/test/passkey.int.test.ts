/**
 * Passkeys end to end in headless Chromium against the real clinic server (its own process, PGlite in
 * a temp folder). The browser side is real WebAuthn: Chromium's CDP virtual authenticator (CTAP2,
 * internal transport, resident keys, user verification) makes real P-256 keys and signatures, and the
 * server verifies them with @simplewebauthn/server.
 *
 * WebAuthn needs the page's host to equal the relying-party id (or end with it) and refuses IP
 * addresses, so the built app is opened as http://localhost:<port> (a secure context) and the server
 * runs with GESTE_RP_ID=localhost and that origin in GESTE_WEBAUTHN_ORIGINS and GESTE_CORS_ORIGINS.
 *
 * - patient: sign up with a password → add a passkey → log out → sign in with the passkey, no password
 *   typed → sync works (the server holds the diary entry, read back with the passkey session);
 * - clinician: the same on the clinician screen;
 * - a forged credential (the right id, another private key) and an unknown credential id are refused
 *   with words, nobody is logged in;
 * - with the authenticator removed the passkey button fails with words (cancelled by the person, or
 *   the browser's timeout) and the password form works;
 * - a relying-party mismatch is said in words; a page at an IP address or a browser without WebAuthn
 *   shows no passkey button, and the password form works.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, servePreview, type Served } from './harness.ts';
import { goTo, launchChromium, newDevice, syncNow as syncNowAt } from './pageTools.ts';
import { startClinicServer, type RunningServer } from './clinic/testServer.ts';

const PW = 'correct horse battery staple';
let served: Served;
let server: RunningServer;
let browser: Browser;
/** The app's address with a host name (WebAuthn refuses IP addresses as relying-party ids). */
let appUrl: string;

beforeAll(async () => {
  buildApp();
  served = await servePreview();
  appUrl = `http://localhost:${new URL(served.url).port}`;
  server = await startClinicServer([appUrl], { webauthnOrigins: [appUrl], rpId: 'localhost' });
  // vite preview listens on 127.0.0.1 only; make sure "localhost" never goes to ::1.
  browser = await launchChromium(['--host-resolver-rules=MAP localhost 127.0.0.1']);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await served?.stop();
});

interface Device {
  readonly ctx: BrowserContext;
  readonly page: Page;
  readonly cdp: CDPSession;
  /** The virtual authenticator's id, or null when the device has none. */
  authenticatorId: string | null;
}

async function device(opts: { authenticator?: boolean; noWebAuthn?: boolean } = {}): Promise<Device> {
  const { ctx, page } = await newDevice(browser, {
    viewport: { width: 1100, height: 900 },
    beforePage: async (c) => {
      if (opts.noWebAuthn) await c.addInitScript(() => void Reflect.deleteProperty(window, 'PublicKeyCredential'));
    },
  });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  let authenticatorId: string | null = null;
  if (opts.authenticator ?? true) {
    authenticatorId = (
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      })
    ).authenticatorId;
  }
  return { ctx, page, cdp, authenticatorId };
}

async function credentialsOf(d: Device): Promise<Array<{ credentialId: string; rpId?: string; userHandle?: string; signCount: number; isResidentCredential: boolean }>> {
  if (!d.authenticatorId) return [];
  return (await d.cdp.send('WebAuthn.getCredentials', { authenticatorId: d.authenticatorId })).credentials;
}

const go = (page: Page, route: 'clinic' | 'clinician' | 'diary'): Promise<void> => goTo(page, appUrl, route);
const syncNow = (page: Page): Promise<string> => syncNowAt(page, appUrl);

type Role = 'patient' | 'clinician';
const connectedSel = (role: Role): string => (role === 'patient' ? '[data-testid="clinic-connected"]' : '[data-testid="clinician-passkey-panel"]');
const screenOf = (role: Role): 'clinic' | 'clinician' => (role === 'patient' ? 'clinic' : 'clinician');

async function signUpWithPassword(page: Page, role: Role, email: string, name: string): Promise<void> {
  await go(page, screenOf(role));
  await page.fill(`[data-testid="${role}-url"]`, server.url);
  await page.fill(`[data-testid="${role}-email"]`, email);
  await page.fill(`[data-testid="${role}-password"]`, PW);
  await page.fill(`[data-testid="${role}-name"]`, name);
  await page.click(`[data-testid="${role}-register"]`);
  await page.waitForSelector(connectedSel(role));
}
async function addPasskeyHere(page: Page, role: Role): Promise<void> {
  await page.click(`[data-testid="${role}-passkey-add"]`);
  await page.waitForSelector(`[data-testid="${role}-passkey-status"]:has-text("Passkey added ✓"), [data-testid="${role}-passkey-error"]`);
  expect(await page.textContent(`[data-testid="${role}-passkey-status"]`)).toContain('Passkey added ✓');
}
async function logOut(page: Page, role: Role): Promise<void> {
  await page.click(`[data-testid="${role === 'patient' ? 'clinic' : 'clinician'}-logout"]`);
  await page.waitForSelector(`[data-testid="${role}-login"]`);
}
/** Types only the server address and the email, presses the passkey button; returns the error words or null when connected. */
async function passkeySignIn(page: Page, role: Role, email: string): Promise<string | null> {
  await page.fill(`[data-testid="${role}-url"]`, server.url);
  await page.fill(`[data-testid="${role}-email"]`, email);
  expect(await page.inputValue(`[data-testid="${role}-password"]`)).toBe(''); // no password typed
  await page.click(`[data-testid="${role}-passkey-login"]`);
  await page.waitForSelector(`${connectedSel(role)}, [data-testid="${role}-connect-error"]`);
  return (await page.$(connectedSel(role))) ? null : await page.textContent(`[data-testid="${role}-connect-error"]`);
}
/** The session token the app stored for `role` (IndexedDB geste-clinic). */
const storedToken = (page: Page, role: Role): Promise<string | null> =>
  page.evaluate(
    (r) =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('geste-clinic');
        open.onerror = () => reject(new Error('cannot open geste-clinic'));
        open.onsuccess = () => {
          const req = open.result.transaction('kv', 'readonly').objectStore('kv').get(`connection:${r}`);
          req.onsuccess = () => {
            resolve((req.result as { value?: { token?: string } } | undefined)?.value?.token ?? null);
            open.result.close();
          };
        };
      }),
    role,
  );

describe('passkeys in the clinic screens, real browser WebAuthn against the real server', () => {
  const stamp = Date.now().toString(36);
  const patientEmail = `pk.pat.${stamp}@example.org`;
  let patientDevice: Device;

  it('patient: password sign-up → add a passkey → log out → passkey sign-in without a password → sync', async () => {
    const A = (patientDevice = await device());
    const pa = A.page;
    await go(pa, 'clinic');
    // The passkey button comes first on the form (after the address and email it needs), the password form after it.
    const order = await pa.evaluate(() => ['patient-passkey-login', 'patient-password'].map((id) => [...document.querySelectorAll('[data-testid]')].findIndex((e) => e.getAttribute('data-testid') === id)));
    expect(order[0]).toBeGreaterThanOrEqual(0);
    expect(order[0]).toBeLessThan(order[1]!);
    const box = await pa.locator('[data-testid="patient-passkey-login"]').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(await pa.getByRole('button', { name: 'Sign in with a passkey' }).count()).toBe(1);

    await signUpWithPassword(pa, 'patient', patientEmail, 'Pat Passkey');
    expect(await credentialsOf(A)).toHaveLength(0);
    await addPasskeyHere(pa, 'patient');
    const creds = await credentialsOf(A);
    expect(creds).toHaveLength(1);
    expect(creds[0]!.rpId).toBe('localhost');
    expect(creds[0]!.isResidentCredential).toBe(true);
    const countAfterCreate = creds[0]!.signCount;

    // A second press on the same device: the server lists the existing passkey, the authenticator refuses a duplicate.
    await pa.click('[data-testid="patient-passkey-add"]');
    await pa.waitForSelector('[data-testid="patient-passkey-error"]');
    expect(await pa.textContent('[data-testid="patient-passkey-error"]')).toMatch(/already has a passkey for this account/);
    expect(await credentialsOf(A)).toHaveLength(1);

    // A diary entry written while logged out is sent by the first sync after the passkey sign-in.
    await logOut(pa, 'patient');
    const note = `written before passkey sign-in ${stamp}`;
    await go(pa, 'diary');
    await pa.getByRole('radio', { name: 'Neck pain: 4' }).check();
    await pa.fill('[data-testid="diary-note"]', note);
    await pa.click('[data-testid="diary-save"]');
    await pa.waitForSelector('[data-testid="diary-status"]:has-text("Saved ✓")');

    await go(pa, 'clinic');
    expect(await passkeySignIn(pa, 'patient', patientEmail)).toBeNull();
    expect(await pa.textContent('[data-testid="clinic-connected"]')).toContain(patientEmail);
    expect((await credentialsOf(A))[0]!.signCount).toBeGreaterThan(countAfterCreate); // the authenticator really signed
    expect(await syncNow(pa)).toMatch(/^Synced ✓/);

    // The session came from the passkey; with it the server returns the entry the sync sent.
    const token = await storedToken(pa, 'patient');
    expect(token).toBeTruthy();
    const res = await fetch(`${server.url}/records?category=diary`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const { records } = (await res.json()) as { records: Array<{ payload: { note?: string } }> };
    expect(records.map((r) => r.payload.note)).toContain(note);
  });

  it('clinician: the same on the clinician screen; a patient passkey on the clinician screen is turned away in words', async () => {
    const C = await device();
    const pc = C.page;
    const email = `pk.doc.${stamp}@example.org`;
    await signUpWithPassword(pc, 'clinician', email, 'Dr Passkey');
    await addPasskeyHere(pc, 'clinician');
    await logOut(pc, 'clinician');
    // Keyboard only: the address is remembered, Tab to the email and type it; Tab lands on the passkey button, Enter presses it.
    expect(await pc.inputValue('[data-testid="clinician-url"]')).toBe(server.url);
    await pc.focus('[data-testid="clinician-url"]');
    await pc.keyboard.press('Tab');
    await pc.keyboard.insertText(email);
    await pc.keyboard.press('Tab');
    expect(await pc.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('clinician-passkey-login');
    expect(await pc.inputValue('[data-testid="clinician-password"]')).toBe('');
    await pc.keyboard.press('Enter');
    await pc.waitForSelector('[data-testid="patient-list-empty"]');
    await C.ctx.close();

    // The patient's own device, clinician screen: the passkey works but the account is a patient's.
    const pa = patientDevice.page;
    await go(pa, 'clinician');
    const err = await passkeySignIn(pa, 'clinician', patientEmail);
    expect(err).toMatch(/This is a patient account/);
  });

  it('a forged credential and an unknown credential id are refused with words; nobody is logged in', async () => {
    const real = (await credentialsOf(patientDevice))[0]!;
    // Another device holds a credential with the same id and user but a private key of its own.
    const F = await device();
    const forgedKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    await F.cdp.send('WebAuthn.addCredential', {
      authenticatorId: F.authenticatorId!,
      credential: { credentialId: real.credentialId, isResidentCredential: true, rpId: 'localhost', privateKey: forgedKey, userHandle: real.userHandle!, signCount: real.signCount + 10 },
    });
    await go(F.page, 'clinic');
    const err = await passkeySignIn(F.page, 'patient', patientEmail);
    expect(err).toMatch(/did not accept this passkey\. Log in with your password instead\./);
    expect(await storedToken(F.page, 'patient')).toBeNull();

    // The real device, but the assertion's credential id is changed on the way to the server.
    const pa = patientDevice.page;
    await go(pa, 'clinic');
    await logOut(pa, 'patient');
    const unknownId = randomBytes(32).toString('base64url');
    await pa.route('**/auth/passkeys/login/verify', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}') as { response: { id: string; rawId: string } };
      body.response.id = unknownId;
      body.response.rawId = unknownId;
      await route.continue({ postData: JSON.stringify(body) });
    });
    const err2 = await passkeySignIn(pa, 'patient', patientEmail);
    expect(err2).toMatch(/did not accept this passkey.*not registered on this server/);
    expect(await storedToken(pa, 'patient')).toBeNull();
    await pa.unroute('**/auth/passkeys/login/verify');
    await F.ctx.close();
  });

  it('without the authenticator the passkey button fails in words and the password still works; no WebAuthn = no button', async () => {
    const A = patientDevice;
    const pa = A.page;
    await A.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: A.authenticatorId! });
    A.authenticatorId = null;
    await go(pa, 'clinic');
    // (a) Nothing answers; the person gives up with "Cancel" (focused when it appears, so Enter presses it).
    await pa.fill('[data-testid="patient-url"]', server.url);
    await pa.fill('[data-testid="patient-email"]', patientEmail);
    await pa.click('[data-testid="patient-passkey-login"]');
    await pa.waitForSelector('[data-testid="patient-passkey-login"]:has-text("Waiting for your passkey")');
    await pa.waitForSelector('[data-testid="patient-passkey-cancel"]:focus');
    await pa.keyboard.press('Enter');
    await pa.waitForSelector('[data-testid="patient-connect-error"]');
    expect(await pa.textContent('[data-testid="patient-connect-error"]')).toMatch(/No passkey was used: the request was cancelled or timed out.*log in with your password/);
    expect(await pa.textContent('[data-testid="patient-passkey-login"]')).toBe('Sign in with a passkey');
    await pa.waitForSelector('[data-testid="patient-password"]:focus'); // the keyboard is on the fallback
    // (b) Nothing answers and nobody cancels: the browser gives up at the server's timeout (shortened here on the way from the server).
    await pa.route('**/auth/passkeys/login/options', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...((await res.json()) as object), timeout: 1500 } });
    });
    const err = await passkeySignIn(pa, 'patient', patientEmail);
    expect(err).toMatch(/No passkey was used: the request was cancelled or timed out.*log in with your password/);
    await pa.unroute('**/auth/passkeys/login/options');
    // The password fallback, same form.
    await pa.fill('[data-testid="patient-password"]', PW);
    await pa.click('[data-testid="patient-login"]');
    await pa.waitForSelector('[data-testid="clinic-connected"]');
    expect(await syncNow(pa)).toMatch(/^Synced ✓/);

    // The page's host is not the server's relying party (the options' rpId is changed on the way): said in words.
    await go(pa, 'clinic');
    await logOut(pa, 'patient');
    await pa.route('**/auth/passkeys/login/options', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...((await res.json()) as object), rpId: 'clinic.example.org' } });
    });
    expect(await passkeySignIn(pa, 'patient', patientEmail)).toMatch(/page's address does not match the clinic server's passkey settings/);
    await pa.unroute('**/auth/passkeys/login/options');

    // The app opened at an IP address (http://127.0.0.1:<port>) can never use passkeys: no button there.
    const I = await device();
    await I.page.goto(`${served.url}?nosw#/clinic`);
    await I.page.waitForSelector('[data-testid="patient-login"]');
    expect(await I.page.$('[data-testid="patient-passkey-login"]')).toBeNull();
    await I.ctx.close();

    // A device with no passkey for this server: the browser finds none to offer (usernameless sign-in,
    // so the server cannot be asked whether this email has one), and the words say so.
    const N = await device();
    const email = `pk.none.${stamp}@example.org`;
    await signUpWithPassword(N.page, 'patient', email, 'No Passkey');
    await logOut(N.page, 'patient');
    expect(await passkeySignIn(N.page, 'patient', email)).toMatch(/this device has no passkey for this account/);
    await N.ctx.close();

    // A browser without WebAuthn: no passkey button, no offer to add one; the password form works.
    const U = await device({ authenticator: false, noWebAuthn: true });
    await go(U.page, 'clinic');
    expect(await U.page.$('[data-testid="patient-passkey-login"]')).toBeNull();
    await U.page.fill('[data-testid="patient-url"]', server.url);
    await U.page.fill('[data-testid="patient-email"]', patientEmail);
    await U.page.fill('[data-testid="patient-password"]', PW);
    await U.page.keyboard.press('Enter'); // Enter in the form = log in with the password
    await U.page.waitForSelector('[data-testid="clinic-connected"]');
    expect(await U.page.textContent('[data-testid="patient-passkey-panel"]')).toMatch(/cannot use passkeys on this page; keep using your password/);
    expect(await U.page.$('[data-testid="patient-passkey-add"]')).toBeNull();
    await U.ctx.close();
    await A.ctx.close();
  });
});
