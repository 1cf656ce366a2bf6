/**
 * The app shell: skip link, header with the safety line, navigation (hash routes, keyboard operable),
 * and the screens. Feature screens come from src/records, src/exercises, src/clinic.
 *
 * Navigation (docs/navigation.md): screens are grouped (Today · Measure · Exercises · Records · More);
 * the clinician's screens are a separate area reached from the page footer, never a tab on the
 * patient's screens. On a narrow screen (phone) the groups fold behind one "Menu" button, so the first
 * screen shows content, not a menu. A first visit that is not finished opens the guided first visit;
 * afterwards the app opens on Home.
 */
import { useEffect, useRef, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { useMeasure } from './measure.tsx';
import { SetupScreen } from '../screens/Setup.tsx';
import { LiveScreen } from '../screens/Live.tsx';
import { TrainScreen } from '../screens/Train.tsx';
import { ExamScreen } from '../screens/Exam.tsx';
import { HistoryScreen } from '../screens/History.tsx';
import { recordsScreens } from '../records/index.tsx';
import { exerciseScreens } from '../exercises/index.tsx';
import { clinicScreens } from '../clinic/index.tsx';
import { emgScreens } from '../emg/index.tsx';
import { HomeScreen } from '../home/HomeScreen.tsx';
import { FirstVisitScreen } from '../home/FirstVisitScreen.tsx';
import { loadVisit } from '../home/firstVisit.ts';
import { RemindersScreen } from '../reminders/RemindersScreen.tsx';
import { RelaxScreen } from '../relax/RelaxScreen.tsx';
import { useReminderTimers } from '../reminders/timers.ts';
import { SettingsScreen, useI18n } from '../i18n/i18n.tsx';
import type { Key } from '../i18n/i18n.tsx';

type Group = 'today' | 'measure' | 'exercises' | 'records' | 'more' | 'clinician';
const PATIENT_GROUPS: readonly Group[] = ['today', 'measure', 'exercises', 'records', 'more'];

interface ScreenDef {
  id: string;
  /** English label from the feature module; the i18n key `nav.<id>` wins when there is one. */
  label: string;
  Component: ComponentType;
  group: Group;
}

function SetupRoute(): ReactNode {
  return <SetupScreen onDone={() => (location.hash = '#/live')} />;
}

const SCREENS: ScreenDef[] = [
  { id: 'home', label: 'Home', Component: HomeScreen, group: 'today' },
  { id: 'reminders', label: 'Reminders', Component: RemindersScreen, group: 'today' },
  { id: 'setup', label: 'Set up', Component: SetupRoute, group: 'measure' },
  { id: 'live', label: 'Live view', Component: LiveScreen, group: 'measure' },
  { id: 'train', label: 'Training', Component: TrainScreen, group: 'measure' },
  { id: 'exam', label: 'Guided exam', Component: ExamScreen, group: 'measure' },
  { id: 'history', label: 'Sessions', Component: HistoryScreen, group: 'measure' },
  ...exerciseScreens.map((s) => ({ ...s, group: 'exercises' as const })),
  { id: 'relax', label: 'Relaxation', Component: RelaxScreen, group: 'exercises' },
  ...recordsScreens.map((s) => ({ ...s, group: 'records' as const })),
  ...emgScreens.map((s) => ({ ...s, group: 'measure' as const })),
  { id: 'welcome', label: 'First visit', Component: FirstVisitScreen, group: 'more' },
  { id: 'settings', label: 'Text size & language', Component: SettingsScreen, group: 'more' },
  ...clinicScreens.map((s) => ({ ...s, group: s.id === 'clinician' ? ('clinician' as const) : ('more' as const) })),
];

function route(): string {
  const r = location.hash.replace(/^#\/?/, '');
  if (r) return r;
  return loadVisit().closed ? 'home' : 'welcome';
}

export function App(): ReactNode {
  const [current, setCurrent] = useState(route);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const s = useMeasure();
  const i = useI18n();
  useReminderTimers();
  useEffect(() => {
    const on = (): void => {
      setCurrent(route());
      setMenuOpen(false);
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        setMenuOpen(false);
        menuButton.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  const label = (x: ScreenDef): string => {
    const k = `nav.${x.id}` as Key;
    return k in NAV_KEYS ? i.t(k) : x.label;
  };
  const active = SCREENS.find((x) => x.id === current) ?? SCREENS[0]!;
  const clinicianArea = active.group === 'clinician';
  useEffect(() => {
    document.title = `${label(active)} · Geste`;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [active.id, i.lang]);
  const groups: readonly Group[] = clinicianArea ? ['clinician'] : PATIENT_GROUPS;
  const link = (x: ScreenDef): ReactNode => (
    <li key={x.id}>
      <a href={`#/${x.id}`} aria-current={x.id === active.id ? 'page' : undefined} data-testid={`nav-${x.id}`} data-route={x.id}>
        {label(x)}
      </a>
    </li>
  );
  return (
    <>
      <a className="skip" href="#main">{i.t('shell.skip')}</a>
      <header className="top">
        <div className="brand">
          <img src="./icon.svg" alt="" width="36" height="36" />
          <span>Geste</span>
        </div>
        <p className="safety" data-testid="safety-line">{i.t('shell.safety')}</p>
      </header>
      <nav aria-label={clinicianArea ? i.t('shell.clinicianArea') : i.t('app.mainNav')} data-open={menuOpen} className={clinicianArea ? 'nav-clinician' : undefined}>
        <div className="nav-phone">
          <span className="nav-current" aria-hidden="true">{label(active)}</span>
          <button type="button" ref={menuButton} className="btn nav-menu" aria-expanded={menuOpen} aria-controls="nav-groups" data-testid="nav-menu" onClick={() => setMenuOpen(!menuOpen)}>
            {menuOpen ? `✕ ${i.t('shell.closeMenu')}` : `☰ ${i.t('shell.menu')}`}
          </button>
        </div>
        <div id="nav-groups" className="nav-groups">
          {groups.map((g) => {
            const xs = SCREENS.filter((x) => x.group === g);
            if (xs.length === 0) return null;
            return (
              <div key={g} className="nav-group" role="group" aria-labelledby={`nav-g-${g}`}>
                <span id={`nav-g-${g}`} className="nav-group-label">{g === 'clinician' ? i.t('shell.clinicianArea') : i.t(`group.${g}` as Key)}</span>
                <ul>{xs.map(link)}</ul>
              </div>
            );
          })}
          {clinicianArea && (
            <ul>
              <li>
                <a href="#/home" data-testid="nav-patient-area" data-route="home">
                  ← {i.t('shell.patientArea')}
                </a>
              </li>
            </ul>
          )}
        </div>
        <span className="cam-indicator" aria-live="polite">{s.cameraOn ? i.t('shell.cameraOn') : i.t('shell.cameraOff')}</span>
      </nav>
      <main id="main" tabIndex={-1}>
        {clinicianArea && <p className="hint">{i.t('shell.clinicianNote')}</p>}
        <active.Component key={active.id} />
      </main>
      {!clinicianArea && (
        <footer className="foot">
          <a href="#/clinician" data-testid="nav-clinician-area" data-route="clinician">
            {i.t('shell.clinicianArea')} →
          </a>
        </footer>
      )}
    </>
  );
}

const NAV_KEYS: Record<string, true> = Object.fromEntries(
  ['home', 'welcome', 'setup', 'live', 'train', 'exam', 'history', 'exercises', 'program', 'tricks', 'relax', 'diary', 'treatments', 'ratings', 'charts', 'intake', 'report', 'import', 'reminders', 'settings', 'clinic', 'clinician', 'emg'].map((k) => [`nav.${k}`, true]),
);
