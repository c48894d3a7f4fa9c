// Renderer. Picks the screen main's state calls for. Screens of a signed-in user are not rendered at all
// once the session ends: the content is gone, not hidden.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribe } from '../api/client';
import { HomeScreen } from '../screens/HomeScreen';
import { LoginScreen } from '../screens/LoginScreen';
import { SetupScreen } from '../screens/SetupScreen';
import { bootstrap, endSession, useSessionStore } from '../stores/session-store';

export function App() {
  const { t } = useTranslation();
  const screen = useSessionStore((state) => state.screen);

  useEffect(() => {
    void bootstrap();
    return subscribe('session:ended', ({ reason }) => {
      if (useSessionStore.getState().user) void endSession(reason === 'logout' ? 'loggedOut' : reason);
    });
  }, []);

  switch (screen) {
    case 'loading':
      return (
        <p className="centered-message" role="status">
          {t('app.loading')}
        </p>
      );
    case 'unavailable':
      return (
        <p className="centered-message" role="alert">
          {t('app.unavailable')}
        </p>
      );
    case 'setup':
      return <SetupScreen />;
    case 'login':
      return <LoginScreen />;
    case 'home':
      return <HomeScreen />;
  }
}
