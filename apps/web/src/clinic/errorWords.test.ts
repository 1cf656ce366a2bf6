import { describe, expect, it } from 'vitest';
import { ClinicError, CLINIC_ERROR_CODES, CLINIC_ERROR_WORDS, errorFromAnswer } from './api.ts';
import { CLINIC_ERROR_WORDS_ES, clinicWordsIn } from './errorWords.ts';

describe('clinic errors in Spanish', () => {
  it('every closed code has its own Spanish sentence', () => {
    expect(Object.keys(CLINIC_ERROR_WORDS_ES).sort()).toEqual([...CLINIC_ERROR_CODES].sort());
    for (const c of CLINIC_ERROR_CODES) expect(CLINIC_ERROR_WORDS_ES[c], c).not.toBe(CLINIC_ERROR_WORDS[c]);
  });
  it('a real server answer: the Spanish sentence, with the server’s detail kept', () => {
    const e = errorFromAnswer(400, { error: { code: 'invalid_input', message: 'email: expected an address' } }, { path: '/auth/login' });
    expect(clinicWordsIn(e, 'es')).toBe(`${CLINIC_ERROR_WORDS_ES.invalid} email: expected an address`);
    expect(clinicWordsIn(e, 'en')).toBe(e.message);
    expect(clinicWordsIn(new ClinicError('offline', CLINIC_ERROR_WORDS.offline), 'es')).toBe(CLINIC_ERROR_WORDS_ES.offline);
    expect(clinicWordsIn(new Error('boom'), 'es')).toMatch(/^Algo ha fallado \(Error: boom\)/);
  });
});
