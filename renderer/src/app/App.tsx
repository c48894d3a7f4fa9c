// Renderer. Picks the screen main's state calls for. Screens of a signed-in user are not rendered at all
// once the session ends: the content is gone, not hidden.
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribe } from '../api/client';
import { startChangeSync } from '../api/query';
import { ForgotPasswordScreen } from '../features/auth/ForgotPasswordScreen';
import { LoginScreen } from '../features/auth/LoginScreen';
import { PasswordChangeScreen } from '../features/auth/PasswordChangeScreen';
import { SetupScreen } from '../features/auth/SetupScreen';
import { startActivityForwarding } from '../features/session/activity-forwarder';
import { SessionWarningDialog } from '../features/session/SessionWarningDialog';
import { openResetLink, useForgotStore } from '../features/auth/forgot/forgot-store';
import { bootstrap, endSession, useSessionStore } from '../features/session/session-store';
import { timingReceived } from '../features/session/session-timing-store';
import { EnrolmentScreen } from '../features/site/EnrolmentScreen';
import { SiteConnectionBanner } from '../features/site/SiteConnectionBanner';
import { SiteRefusedScreen } from '../features/site/SiteRefusedScreen';
import { linkView, siteScreen } from '../features/site/site-format';
import { loadSiteStatus, startSiteSync, useSiteStore } from '../features/site/site-store';

export function App() {
  return (
    <>
      {/* A client PC's link to its server (lost, DIs waiting), above whatever screen is shown. */}
      <SiteConnectionBanner />
      <AppScreen />
    </>
  );
}

function AppScreen() {
  const { t } = useTranslation();
  const siteStatus = useSiteStore((state) => state.status);
  const siteConnection = useSiteStore((state) => state.connection);
  const enrolRequested = useSiteStore((state) => state.enrolRequested);
  const screen = useSessionStore((state) => state.screen);
  const user = useSessionStore((state) => state.user);
  const forgotOpen = useForgotStore((state) => state.view !== null);
  const lockedUsername = useSessionStore((state) => state.lockedUser?.username ?? '');

  useEffect(() => {
    void bootstrap();
    // Which site mode this PC runs in, then every change of a client PC's link to its server.
    void loadSiteStatus();
    const offSite = startSiteSync();
    const offEnded = subscribe('session:ended', ({ reason }) => {
      if (useSessionStore.getState().user) void endSession(reason === 'logout' ? 'loggedOut' : reason);
    });
    const offTiming = subscribe('session:timing', timingReceived);
    const offLink = subscribe('reset:link', ({ token }) => openResetLink(token));
    // Once for the window: main's change events refresh the queries of whoever is signed in.
    const offChanges = startChangeSync();
    return () => {
      offSite();
      offChanges();
      offEnded();
      offTiming();
      offLink();
    };
  }, []);

  // Input counts as activity only while someone is signed in.
  useEffect(() => (user ? startActivityForwarding() : undefined), [user]);

  // A client PC not enrolled yet, or refused by its server, shows that before anything else (no one can sign in);
  // a poste autonome shows the enrolment screen when asked from its first-run screen.
  const link = linkView(siteStatus, siteConnection);
  const site = screen === 'home' ? null : siteScreen(link, enrolRequested);
  if (site === 'enrol') return <EnrolmentScreen />;
  if (site === 'refused' && link?.refusal) return <SiteRefusedScreen refusal={link.refusal} />;

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
      // Keyed by whose session is locked: "Changer d'utilisateur" (or another lock) starts from a fresh form.
      return forgotOpen ? <ForgotPasswordScreen /> : <LoginScreen key={lockedUsername} />;
    case 'home':
      if (!user) return null;
      return (
        <>
          {/* Before anything else: a password that must (or may) be changed now. */}
          {user.passwordChange ? (
            <PasswordChangeScreen user={user} demand={user.passwordChange} />
          ) : (
            <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
              <SignedInApp key={user.id} user={user} />
            </Suspense>
          )}
          {/* Every signed-in screen, the change screen included, is warned before it locks. */}
          <SessionWarningDialog />
        </>
      );
  }
}

/**
 * The signed-in app (router, shell, pages) is its own chunk, fetched while the person types their password: the
 * first screen of a shop-floor PC loads only what login needs (issue 15: ≤ 250 KB gzipped up front).
 */
const SignedInApp = lazy(() => import('./SignedInApp').then((m) => ({ default: m.SignedInApp })));
// Started as soon as this module runs, so the chunk is usually there before sign-in completes.
void import('./SignedInApp');
