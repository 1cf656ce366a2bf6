/** While Geste is open (in front or in a background tab), notifies at today's exercise and diary times. */
import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { laterToday, loadTimes, notify, notifyState } from './store.ts';

export function useReminderTimers(): void {
  const { t } = useI18n();
  useEffect(() => {
    if (notifyState() !== 'granted') return;
    const timers: ReturnType<typeof setTimeout>[] = [];
    let cancelled = false;
    void loadTimes().then((times) => {
      if (cancelled) return;
      for (const [when, body] of [
        [times.exercise, t('rem.notify.body.exercise')],
        [times.diary, t('rem.notify.body.diary')],
      ] as const) {
        const at = laterToday(when, Date.now());
        if (at !== null) timers.push(setTimeout(() => void notify(body), at - Date.now()));
      }
    });
    return () => {
      cancelled = true;
      timers.forEach(clearTimeout);
    };
  }, [t]);
}
