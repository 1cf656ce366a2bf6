import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { DICTS, LANGS, format, translate } from './i18n.tsx';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('i18n parity: every key in every language, with the same placeholders', () => {
  for (const lang of LANGS) {
    it(`${lang} has exactly the English keys, none empty, same placeholders`, () => {
      const d = DICTS[lang] as Record<string, string>;
      expect(Object.keys(d).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(en)) {
        expect(d[k]?.trim(), `${lang}:${k}`).not.toBe('');
        expect(placeholders(d[k] as string), `${lang}:${k}`).toEqual(placeholders(v));
      }
    });
  }
  it('Spanish is really translated (not English copied), apart from a few shared words', () => {
    const same = Object.keys(en).filter((k) => DICTS.es[k as keyof typeof en] === en[k as keyof typeof en]);
    expect(same.length).toBeLessThan(0.05 * Object.keys(en).length);
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('es', 'visit.progress', { step: 2, total: 7 })).toBe('Paso 2 de 7');
    expect(format('a {x} {y}', { x: 1 })).toBe('a 1 {y}');
  });
});
