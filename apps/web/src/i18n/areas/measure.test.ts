import { describe, expect, it } from 'vitest';
import { measureEn } from './measure.en.ts';
import { measureEs } from './measure.es.ts';
import { en } from '../en.ts';
import { es } from '../es.ts';

describe('measuring-screen strings', () => {
  it('are all in the dictionaries (spread into en and es) under the "m." prefix', () => {
    for (const [k, v] of Object.entries(measureEn)) {
      expect(k.startsWith('m.'), k).toBe(true);
      expect(en[k as keyof typeof en]).toBe(v);
      expect(es[k as keyof typeof es]).toBe(measureEs[k as keyof typeof measureEs]);
    }
  });
  it('are translated: every Spanish string differs from the English one, and none is left in English', () => {
    const same = Object.keys(measureEn).filter((k) => measureEs[k as keyof typeof measureEs] === measureEn[k as keyof typeof measureEn]);
    expect(same).toEqual([]);
  });
  it('address the person as "usted", never "tú" (the register of es.ts)', () => {
    const tu = /(?<!\p{L})(tu|tus|puedes|quieres|tienes|mantén|relájate|siéntate|colócate|asegúrate|inténtalo|mídelo)(?!\p{L})/iu;
    expect('Relájate un poco').toMatch(tu);
    expect('Relájese un poco; la confianza es baja').not.toMatch(tu);
    for (const [k, v] of Object.entries(measureEs)) expect(v, k).not.toMatch(tu);
  });
});
