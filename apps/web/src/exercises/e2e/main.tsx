/**
 * Test page for the exercise screens: the app's own providers (shared camera + detector + prefs) around
 * the `exerciseScreens`, with hash routes, so the end-to-end test does not depend on the shell mounting
 * them. Built only by exercises.int.test.ts (vite.config.ts next to this file).
 */
import { StrictMode, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { MeasureProvider } from '../../app/measure.tsx';
import { PrefsProvider } from '../../app/prefs.tsx';
import { createHumanDetector } from '../../vision/humanDetector.ts';
import type { FrameDetector } from '../../vision/detector.ts';
import { exerciseScreens } from '../index.tsx';
import '../../styles.css';

const createDetector = (): Promise<FrameDetector> => createHumanDetector({ backend: 'wasm' });

function Shell(): ReactNode {
  const route = (): string => location.hash.replace(/^#\/?/, '') || 'exercises';
  const [current, setCurrent] = useState(route);
  useEffect(() => {
    const on = (): void => setCurrent(route());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const active = exerciseScreens.find((s) => s.id === current) ?? exerciseScreens[0]!;
  return (
    <>
      <nav aria-label="Main">
        <ul>
          {exerciseScreens.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} data-testid={`nav-${s.id}`} aria-current={s.id === active.id ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <active.Component key={active.id} />
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrefsProvider>
      <MeasureProvider createDetector={createDetector}>
        <Shell />
      </MeasureProvider>
    </PrefsProvider>
  </StrictMode>,
);
