/**
 * Clinic errors in the person's language. api.ts keeps the closed codes and the English sentences
 * (CLINIC_ERROR_WORDS); this adds Spanish per code — the Record type makes a new code without Spanish
 * a compile error. A detail the server added (which field, an HTTP status) is kept after the sentence.
 */
import { ClinicError, CLINIC_ERROR_WORDS, clinicWords, type ClinicErrorCode } from './api.ts';
import type { Lang } from '../i18n/i18n.tsx';

export const CLINIC_ERROR_WORDS_ES: Readonly<Record<ClinicErrorCode, string>> = {
  offline: 'Este dispositivo no tiene conexión. Sus datos están seguros aquí y se enviarán cuando vuelva a tener conexión.',
  unreachable: 'No se puede contactar con el servidor de la clínica. Compruebe la dirección o inténtelo más tarde. Sus datos en este dispositivo están intactos.',
  'bad-url': 'Esto no es una dirección de servidor. Escríbala así: https://clinic.example.org.',
  'wrong-password': 'El correo electrónico o la contraseña no son correctos.',
  'account-exists': 'No se pudo abrir la cuenta con esta contraseña. Si este correo ya tiene una cuenta, entre con su contraseña.',
  'session-ended': 'Se ha cerrado su sesión. Vuelva a entrar.',
  'not-shared': 'Este paciente ya no comparte esto con usted: retiró el permiso o terminó. Pida al paciente una invitación nueva.',
  'share-expired': 'Este código de invitación no existe, ya se usó o ha caducado. Pida al paciente un código nuevo.',
  'wrong-role': 'Esta cuenta no puede hacer eso (las cuentas de paciente y de profesional hacen cosas distintas).',
  'not-found': 'No se encontró en el servidor.',
  invalid: 'El servidor rechazó la petición por estar mal formada.',
  'too-many-attempts': 'Demasiados intentos. Espere un minuto y vuelva a intentarlo.',
  'server-busy': 'El servidor de la clínica está ocupado o reiniciándose. Inténtelo de nuevo en un momento; no se ha perdido nada.',
  'server-error': 'El servidor de la clínica tuvo un problema inesperado. Inténtelo más tarde; sus datos en este dispositivo están intactos.',
  'passkey-unsupported': 'Este navegador no puede usar aquí una llave de acceso. Entre con su contraseña.',
  'passkey-cancelled': 'No se usó ninguna llave de acceso: la petición se canceló o caducó, o este dispositivo no tiene llave de acceso para esta cuenta. Inténtelo de nuevo o entre con su contraseña.',
  'passkey-none': 'No hay llave de acceso para este correo en este servidor de la clínica. Entre con su contraseña; después podrá añadir una llave de acceso a este dispositivo.',
  'passkey-refused': 'El servidor de la clínica no aceptó esta llave de acceso. Entre con su contraseña.',
  'passkey-exists': 'Este dispositivo ya tiene una llave de acceso para esta cuenta. Úsela la próxima vez que entre.',
  'passkey-mismatch': 'La dirección de esta página no coincide con la configuración de llaves de acceso del servidor de la clínica, así que aquí no se pueden usar. Entre con su contraseña.',
};

/** An error from the clinic code in words, in `lang`. */
export function clinicWordsIn(e: unknown, lang: Lang): string {
  if (lang === 'en') return clinicWords(e);
  if (e instanceof ClinicError) {
    const base = CLINIC_ERROR_WORDS[e.code];
    const detail = e.message.startsWith(base) ? e.message.slice(base.length).trim() : '';
    return detail ? `${CLINIC_ERROR_WORDS_ES[e.code]} ${detail}` : CLINIC_ERROR_WORDS_ES[e.code];
  }
  return `Algo ha fallado (${String(e)}). Sus datos en este dispositivo están intactos.`;
}
