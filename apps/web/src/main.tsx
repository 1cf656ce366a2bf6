import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { MeasureProvider } from './app/measure.tsx';
import { PrefsProvider } from './app/prefs.tsx';
import { createHumanDetector } from './vision/humanDetector.ts';
import type { FrameDetector } from './vision/detector.ts';
import './styles.css';

const createDetector = (): Promise<FrameDetector> => {
  const backend = new URLSearchParams(location.search).get('backend') === 'webgl' ? 'webgl' : 'wasm';
  return createHumanDetector({ backend });
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
