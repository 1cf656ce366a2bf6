/**
 * Reminder e-mail through the clinic's own SMTP server (nodemailer), where a clinic runs one.
 * Configured from the environment: GESTE_SMTP_URL (e.g. smtp://mail.clinic.example:587 or
 * smtps://user:pass@host:465) and GESTE_MAIL_FROM; without them the server sends no e-mail.
 * The words remind of a date the clinic or the person set; they never suggest a dose or a change.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

export interface MailConfig {
  readonly smtpUrl: string;
  readonly from: string;
}

export type MailErrorCode = 'mail-not-configured' | 'invalid-recipient' | 'invalid-date' | 'send-failed';
export class MailError extends Error {
  override readonly name = 'MailError';
  constructor(
    readonly code: MailErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The mail settings, or null when the clinic has not configured a mail server. */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const smtpUrl = env['GESTE_SMTP_URL'];
  if (!smtpUrl) return null;
  if (!/^smtps?:\/\//.test(smtpUrl)) throw new MailError('mail-not-configured', `GESTE_SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl.replace(/\/\/[^@]*@/, '//…@')}".`);
  const from = env['GESTE_MAIL_FROM'];
  if (!from || !EMAIL.test(from)) throw new MailError('mail-not-configured', 'GESTE_MAIL_FROM must be the sender address, e.g. geste@clinic.example.');
  return { smtpUrl, from };
}

const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

export type ReminderKind = 'injection' | 'exercise' | 'diary' | 'visit';
export type MailLang = 'en' | 'es';

const WORDS: Record<MailLang, Record<ReminderKind, (date: string) => { subject: string; text: string }>> = {
  en: {
    injection: (d) => ({ subject: `Reminder: injection appointment on ${d}`, text: `This is a reminder from your clinic: your injection appointment is on ${d}.\n\nIf you need to change it, please contact the clinic.` }),
    exercise: (d) => ({ subject: 'Reminder: your neck exercises', text: `This is a reminder from your clinic to do your neck exercises today (${d}) with Geste.` }),
    diary: (d) => ({ subject: 'Reminder: your symptom diary', text: `This is a reminder from your clinic to fill in your symptom diary today (${d}) in Geste.` }),
    visit: (d) => ({ subject: `Reminder: clinic visit on ${d}`, text: `This is a reminder from your clinic: your visit is on ${d}.` }),
  },
  es: {
    injection: (d) => ({ subject: `Recordatorio: cita de inyección el ${d}`, text: `Le recordamos desde su clínica que su cita de inyección es el ${d}.\n\nSi necesita cambiarla, contacte con la clínica.` }),
    exercise: (d) => ({ subject: 'Recordatorio: sus ejercicios de cuello', text: `Le recordamos desde su clínica que haga hoy (${d}) sus ejercicios de cuello con Geste.` }),
    diary: (d) => ({ subject: 'Recordatorio: su diario de síntomas', text: `Le recordamos desde su clínica que rellene hoy (${d}) su diario de síntomas en Geste.` }),
    visit: (d) => ({ subject: `Recordatorio: visita a la clínica el ${d}`, text: `Le recordamos desde su clínica que su visita es el ${d}.` }),
  },
};

const FOOTER: Record<MailLang, string> = {
  en: '\n\n— Sent by the clinic’s Geste server. Geste measures and trains; it does not diagnose or recommend treatment.',
  es: '\n\n— Enviado por el servidor Geste de la clínica. Geste mide y entrena; no diagnostica ni recomienda tratamientos.',
};

/** Subject and plain text of a reminder. `date` is a calendar date "YYYY-MM-DD". */
export function reminderMessage(kind: ReminderKind, date: string, lang: MailLang = 'en'): { subject: string; text: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new MailError('invalid-date', `A calendar date like 2026-12-01 was expected, got "${date.slice(0, 40)}".`);
  const m = WORDS[lang][kind](date);
  return { subject: m.subject, text: m.text + FOOTER[lang] };
}

export interface Mailer {
  sendReminder(to: string, kind: ReminderKind, date: string, lang?: MailLang): Promise<{ messageId: string }>;
  close(): void;
}

export function createMailer(config: MailConfig, transport?: Transporter): Mailer {
  const t = transport ?? nodemailer.createTransport(config.smtpUrl);
  return {
    async sendReminder(to, kind, date, lang = 'en') {
      if (!EMAIL.test(to) || to.length > 254) throw new MailError('invalid-recipient', 'The recipient must be one e-mail address, like name@example.org.');
      const m = reminderMessage(kind, date, lang);
      try {
        const info = await t.sendMail({ from: config.from, to, subject: m.subject, text: m.text });
        return { messageId: String(info.messageId) };
      } catch (e) {
        throw new MailError('send-failed', `The clinic's mail server did not accept the reminder (${e instanceof Error ? e.message : String(e)}). Check GESTE_SMTP_URL and that the server is reachable.`);
      }
    },
    close: () => t.close(),
  };
}
