/**
 * One small typed i18n layer (docs/i18n.md says why not i18next): strings by key from a dictionary per
 * language, {name} placeholders, locale dates and numbers through Intl, the choice kept in localStorage
 * and set on <html lang>. The dictionaries' type (`Record<Key, string>`) makes a missing key a compile
 * error; i18n.test.ts checks keys and placeholders at run time too.
 */
import { createContext, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { en, type Key } from './en.ts';
import { es } from './es.ts';

export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export const DICTS: Record<Lang, Record<Key, string>> = { en, es };
export type { Key };

const LANG_KEY = 'geste.lang';
const SIZE_KEY = 'geste.textSize';
export const TEXT_SIZES = [100, 125, 150] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
/** The root font size at 100 % (styles.css :root). */
const BASE_FONT_PX = 18;

/** Fills {name} placeholders; an unknown placeholder is left as it is (visible, so a test can catch it). */
export function format(s: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function translate(lang: Lang, key: Key, vars?: Readonly<Record<string, string | number>>): string {
  return format(DICTS[lang][key] ?? en[key], vars);
}

function storedLang(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return (LANGS as readonly string[]).includes(v ?? '') ? (v as Lang) : null;
  } catch {
    return null;
  }
}
/** The stored choice, else the browser's first language we have, else English. */
export function initialLang(): Lang {
  const s = storedLang();
  if (s) return s;
  for (const l of typeof navigator === 'undefined' ? [] : navigator.languages ?? []) {
    const base = l.slice(0, 2).toLowerCase();
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}
function storedSize(): TextSize {
  try {
    const v = Number(localStorage.getItem(SIZE_KEY));
    return (TEXT_SIZES as readonly number[]).includes(v) ? (v as TextSize) : 100;
  } catch {
    return 100;
  }
}
function applyDocument(lang: Lang, size: TextSize): void {
  document.documentElement.lang = lang;
  document.documentElement.style.fontSize = `${(BASE_FONT_PX * size) / 100}px`;
}

export interface I18n {
  readonly lang: Lang;
  readonly textSize: TextSize;
  /** True once the person chose a language (the first visit asks). */
  readonly chosen: boolean;
  t(key: Key, vars?: Readonly<Record<string, string | number>>): string;
  setLang(l: Lang): void;
  setTextSize(s: TextSize): void;
  /** A local calendar date, e.g. "29 Nov 2026" / "29 nov 2026". */
  date(ms: number): string;
  dateTime(ms: number): string;
  number(n: number, maxFractionDigits?: number): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider(props: { children: ReactNode }): ReactNode {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [chosen, setChosen] = useState(() => storedLang() !== null);
  const [textSize, setSize] = useState<TextSize>(storedSize);
  applyDocument(lang, textSize);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'en' ? undefined : lang; // English follows the browser's region (dates)
    const dFmt = new Intl.DateTimeFormat(locale ?? navigatorLocale(), { day: 'numeric', month: 'short', year: 'numeric' });
    const dtFmt = new Intl.DateTimeFormat(locale ?? navigatorLocale(), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    return {
      lang,
      textSize,
      chosen,
      t: (key, vars) => translate(lang, key, vars),
      setLang(l) {
        setLangState(l);
        setChosen(true);
        try {
          localStorage.setItem(LANG_KEY, l);
        } catch {
          /* private mode: the choice lasts for this visit */
        }
      },
      setTextSize(s) {
        setSize(s);
        try {
          localStorage.setItem(SIZE_KEY, String(s));
        } catch {
          /* as above */
        }
      },
      date: (ms) => dFmt.format(ms),
      dateTime: (ms) => dtFmt.format(ms),
      number: (n, d = 1) => new Intl.NumberFormat(locale ?? navigatorLocale(), { maximumFractionDigits: d }).format(n),
    };
  }, [lang, textSize, chosen]);
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

function navigatorLocale(): string {
  const l = typeof navigator === 'undefined' ? 'en' : (navigator.language ?? 'en');
  return l.toLowerCase().startsWith('en') ? l : 'en';
}

/** English without a provider (test pages that mount a single screen). */
const FALLBACK: I18n = {
  lang: 'en',
  textSize: 100,
  chosen: false,
  t: (key, vars) => translate('en', key, vars),
  setLang: () => undefined,
  setTextSize: () => undefined,
  date: (ms) => new Date(ms).toLocaleDateString(),
  dateTime: (ms) => new Date(ms).toLocaleString(),
  number: (n, d = 1) => new Intl.NumberFormat(undefined, { maximumFractionDigits: d }).format(n),
};

/** One language, no stored choice and no document (static renders: component tests of a screen's markup). */
export function StaticI18n(props: { lang: Lang; children: ReactNode }): ReactNode {
  const value = useMemo<I18n>(() => {
    const locale = props.lang === 'en' ? 'en-GB' : props.lang;
    const dtFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    const dFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
    return {
      ...FALLBACK,
      lang: props.lang,
      t: (key, vars) => translate(props.lang, key, vars),
      date: (ms) => dFmt.format(ms),
      dateTime: (ms) => dtFmt.format(ms),
      number: (n, d = 1) => new Intl.NumberFormat(locale, { maximumFractionDigits: d }).format(n),
    };
  }, [props.lang]);
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  return useContext(Ctx) ?? FALLBACK;
}
export function useT(): I18n['t'] {
  return useI18n().t;
}

/** Language and text-size choices (first visit and the settings screen). */
export function LanguageAndSize(): ReactNode {
  const i = useI18n();
  return (
    <>
      <fieldset>
        <legend>{i.t('settings.language')}</legend>
        <div className="choice-row">
          {LANGS.map((l) => (
            <label key={l} className="choice" lang={l}>
              <input type="radio" name="geste-lang" checked={i.lang === l} onChange={() => i.setLang(l)} data-testid={`lang-${l}`} />
              {DICTS[l]['lang.name']}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{i.t('settings.textSize')}</legend>
        <div className="choice-row">
          {TEXT_SIZES.map((s) => (
            <label key={s} className="choice" style={{ fontSize: `${s / 100}em` }}>
              <input type="radio" name="geste-size" checked={i.textSize === s} onChange={() => i.setTextSize(s)} data-testid={`size-${s}`} />
              {i.t(`settings.textSize.${s}`)}
            </label>
          ))}
        </div>
        <p className="hint">{i.t('settings.textSize.hint')}</p>
      </fieldset>
    </>
  );
}

export function SettingsScreen(): ReactNode {
  const t = useT();
  return (
    <section className="screen" aria-labelledby="settings-h">
      <h1 id="settings-h">{t('settings.title')}</h1>
      <LanguageAndSize />
    </section>
  );
}
