/** Reminder e-mail against a real SMTP sink (smtp-server) on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { MailError, createMailer, mailConfigFromEnv, reminderMessage } from './reminders.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
let sink: SMTPServer;
let port = 0;

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  port = ((sink as unknown as { server: { address(): AddressInfo } }).server.address()).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe('reminder e-mail through a configured SMTP server', () => {
  it('sends an injection reminder that a real SMTP server receives, in plain words', async () => {
    const cfg = mailConfigFromEnv({ GESTE_SMTP_URL: `smtp://127.0.0.1:${port}`, GESTE_MAIL_FROM: 'geste@clinic.example' });
    expect(cfg).not.toBeNull();
    const mailer = createMailer(cfg!);
    const r = await mailer.sendReminder('patient@example.org', 'injection', '2026-12-29');
    mailer.close();
    expect(r.messageId).toMatch(/@/);
    expect(inbox).toHaveLength(1);
    const m = inbox[0]!;
    expect(m.from).toBe('geste@clinic.example');
    expect(m.to).toEqual(['patient@example.org']);
    expect(m.raw).toMatch(/^Subject: Reminder: injection appointment on 2026-12-29/m);
    expect(m.raw).toContain('does not diagnose or recommend treatment');
  });

  it('Spanish words, and refusals in words: bad recipient, bad date, unreachable server, no configuration', async () => {
    expect(reminderMessage('diary', '2026-12-01', 'es').subject).toBe('Recordatorio: su diario de síntomas');
    expect(mailConfigFromEnv({})).toBeNull();
    expect(() => mailConfigFromEnv({ GESTE_SMTP_URL: 'http://x', GESTE_MAIL_FROM: 'a@b.c' })).toThrow(/smtp:\/\//);
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'geste@clinic.example' });
    await expect(mailer.sendReminder('not an address', 'diary', '2026-12-01')).rejects.toMatchObject({ code: 'invalid-recipient' });
    await expect(mailer.sendReminder('a@b.org', 'diary', '1.12.2026')).rejects.toBeInstanceOf(MailError);
    mailer.close();
    // A closed port on loopback: the error says what to check.
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const dead = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const off = createMailer({ smtpUrl: `smtp://127.0.0.1:${dead}`, from: 'geste@clinic.example' });
    await expect(off.sendReminder('a@b.org', 'exercise', '2026-12-01')).rejects.toMatchObject({ code: 'send-failed', message: expect.stringContaining('GESTE_SMTP_URL') });
    off.close();
  });
});
