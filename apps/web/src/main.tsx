import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { MeasureProvider } from './app/measure.tsx';
import { PrefsProvider } from './app/prefs.tsx';
import { createHumanDetector } from './vision/humanDetector.ts';
import type { FrameDetector } from './vision/detector.ts';
import { DEFAULT_TUNING } from './vision/visionAdapter.ts';
import './styles.css';

const createDetector = (): Promise<FrameDetector> => {
  const q = new URLSearchParams(location.search);
  const backend = q.get('backend') === 'webgl' ? 'webgl' : 'wasm';
  // ?tuning=cli runs body and hand models as often as the CLI does (slower; for parity checks).
  return createHumanDetector(q.get('tuning') === 'cli' ? { backend, tuning: DEFAULT_TUNING } : { backend });
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrefsProvider>
      <MeasureProvider createDetector={createDetector}>
        <App />
      </MeasureProvider>
    </PrefsProvider>
  </StrictMode>,
);

if ('serviceWorker' in navigator && import.meta.env.PROD && !new URLSearchParams(location.search).has('nosw')) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}
