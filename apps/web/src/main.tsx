import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { MeasureProvider } from './app/measure.tsx';
import { PrefsProvider } from './app/prefs.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import type { FrameDetector } from './vision/detector.ts';
import { createAppDetector } from './vision/select.ts';
import './styles.css';

// Detector from the query string: Human in a worker by default, ?detector=main on the page (vision/select.ts).
const createDetector = (): Promise<FrameDetector> => createAppDetector(location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
    <PrefsProvider>
      <MeasureProvider createDetector={createDetector}>
        <App />
      </MeasureProvider>
    </PrefsProvider>
    </I18nProvider>
  </StrictMode>,
);

if ('serviceWorker' in navigator && import.meta.env.PROD && !new URLSearchParams(location.search).has('nosw')) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}
