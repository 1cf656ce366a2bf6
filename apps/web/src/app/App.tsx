/**
 * The app shell: skip link, header with the safety line, navigation (hash routes, keyboard operable),
 * and the screens. Feature screens come from src/records and src/exercises.
 */
import { useEffect, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { SAFETY_LINE } from './words.ts';
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

interface ScreenDef {
  id: string;
  label: string;
  Component: ComponentType;
}


function SetupRoute(): ReactNode {
  return <SetupScreen onDone={() => (location.hash = '#/live')} />;
}

const SCREENS: ScreenDef[] = [
  { id: 'setup', label: 'Set up', Component: SetupRoute },
  { id: 'live', label: 'Live view', Component: LiveScreen },
  { id: 'train', label: 'Training', Component: TrainScreen },
  { id: 'exam', label: 'Guided exam', Component: ExamScreen },
  ...exerciseScreens,
  { id: 'history', label: 'Sessions', Component: HistoryScreen },
  ...recordsScreens,
  ...clinicScreens,
  ...emgScreens,
];

function route(): string {
  return location.hash.replace(/^#\/?/, '') || 'setup';
}

export function App(): ReactNode {
  const [current, setCurrent] = useState(route);
  const s = useMeasure();
  useEffect(() => {
    const on = (): void => setCurrent(route());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const screens = SCREENS;
  const active = screens.find((x) => x.id === current) ?? screens[0]!;
  useEffect(() => {
    document.title = `${active.label} · Geste`;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [active.id]);
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <div className="brand">
          <img src="./icon.svg" alt="" width="36" height="36" />
          <span>Geste</span>
        </div>
        <p className="safety" data-testid="safety-line">{SAFETY_LINE} Video never leaves this device.</p>
      </header>
      <nav aria-label="Main">
        <ul>
          {screens.map((x) => (
            <li key={x.id}>
              <a href={`#/${x.id}`} aria-current={x.id === active.id ? 'page' : undefined} data-testid={`nav-${x.id}`}>
                {x.label}
              </a>
            </li>
          ))}
        </ul>
        <span className="cam-indicator" aria-live="polite">{s.cameraOn ? '● Camera on (stays on this device)' : '○ Camera off'}</span>
      </nav>
      <main id="main" tabIndex={-1}>
        <active.Component key={active.id} />
      </main>
    </>
  );
}
