// Renderer. Catches an error thrown while rendering, instead of leaving a blank window on a shop PC:
// a French message and "Recharger". The error is sent to main's log (app:reportError, redacted there);
// nothing of it is shown on screen.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    void call('app:reportError', {
      message: String(error?.message ?? error).slice(0, 2000),
      stack: error?.stack?.slice(0, 8000),
      componentStack: info.componentStack?.slice(0, 8000) ?? undefined,
    });
  }

  override render(): ReactNode {
    return this.state.failed ? <ErrorScreen /> : this.props.children;
  }
}

function ErrorScreen() {
  const { t } = useTranslation();
  return (
    <main className="centered-message error-screen" role="alert" aria-labelledby="error-screen-title">
      <h1 id="error-screen-title">{t('shipping.errorBoundary.title')}</h1>
      <p>{t('shipping.errorBoundary.body')}</p>
      <p>{t('shipping.errorBoundary.hint')}</p>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        {t('shipping.errorBoundary.reload')}
      </button>
    </main>
  );
}
