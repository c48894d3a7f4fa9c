// Node-bundled for the error-boundary spec only (tests/e2e/shipping.spec.ts), never part of the app build:
// the real ErrorBoundary and strings around a component that throws while rendering, which no app screen
// can be made to do on purpose.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from '../../../renderer/src/components/ErrorBoundary';
import { initI18n } from '../../../renderer/src/i18n';
import '../../../renderer/src/styles/app.css';

function Broken(): never {
  throw new Error('render failed on purpose (test)');
}

void initI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>
    </StrictMode>,
  );
});
