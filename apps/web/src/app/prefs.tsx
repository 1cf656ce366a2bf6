/** Sound and voice preferences, with the shared speaker and tone generator. Persisted locally. */
import { createContext, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Speaker } from '../feedback/speech.ts';
import { AudioCues } from '../feedback/audio.ts';
import { useI18n, type Lang } from '../i18n/i18n.tsx';

/** The voice's language for each app language (speechSynthesis picks a matching on-device voice). */
export const VOICE_LANG: Record<Lang, string> = { en: 'en', es: 'es-ES' };

interface Prefs {
  speaker: Speaker;
  audio: AudioCues;
  voiceOn: boolean;
  soundOn: boolean;
  setVoiceOn(v: boolean): void;
  setSoundOn(v: boolean): void;
  /** Last spoken prompt (shown as a caption). */
  caption: string;
  setCaption(c: string): void;
}
const Ctx = createContext<Prefs | null>(null);

function stored(key: string, dflt: boolean): boolean {
  try {
    const v = localStorage.getItem(key);
    return v === null ? dflt : v === '1';
  } catch {
    return dflt;
  }
}

export function PrefsProvider(props: { children: ReactNode }): ReactNode {
  const [voiceOn, setVoice] = useState(() => stored('geste.voiceOn', true));
  const [soundOn, setSound] = useState(() => stored('geste.soundOn', true));
  const [caption, setCaption] = useState('');
  const { lang } = useI18n();
  const tools = useMemo(() => {
    const speaker = new Speaker();
    speaker.onSay = setCaption; // every spoken prompt is captioned
    const audio = new AudioCues();
    return { speaker, audio };
  }, []);
  tools.speaker.setMuted(!voiceOn);
  tools.speaker.setLang(VOICE_LANG[lang]);
  tools.audio.setMuted(!soundOn);
  const value: Prefs = {
    ...tools,
    voiceOn,
    soundOn,
    caption,
    setCaption,
    setVoiceOn(v) {
      setVoice(v);
      localStorage.setItem('geste.voiceOn', v ? '1' : '0');
    },
    setSoundOn(v) {
      setSound(v);
      localStorage.setItem('geste.soundOn', v ? '1' : '0');
    },
  };
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(Ctx);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}
export function useSpeaker(): Speaker {
  return usePrefs().speaker;
}

export function SoundToggles(): ReactNode {
  const p = usePrefs();
  const t = useI18n().t;
  return (
    <div className="row toggles" role="group" aria-label={t('m.sound.group')}>
      <button type="button" className="btn" aria-pressed={p.soundOn} data-testid="toggle-sound" onClick={() => p.setSoundOn(!p.soundOn)}>
        {t(p.soundOn ? 'm.sound.tonesOn' : 'm.sound.tonesOff')}
      </button>
      <button type="button" className="btn" aria-pressed={p.voiceOn} data-testid="toggle-voice" onClick={() => p.setVoiceOn(!p.voiceOn)}>
        {t(p.voiceOn ? 'm.sound.voiceOn' : 'm.sound.voiceOff')}
      </button>
    </div>
  );
}

export function Caption(): ReactNode {
  const p = usePrefs();
  const t = useI18n().t;
  if (!p.caption) return null;
  return (
    <p className="caption" aria-live="polite" data-testid="caption">
      <span className="caption-label">{t('m.sound.spoken')}</span>
      {p.caption}
    </p>
  );
}
