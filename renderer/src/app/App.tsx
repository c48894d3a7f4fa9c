// Renderer. Picks the screen main's state calls for. Screens of a signed-in user are not rendered at all
// once the session ends: the content is gone, not hidden.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/contract';
import { subscribe } from '../api/client';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { EmailPage } from '../features/email/EmailPage';
import { AboutPage } from '../features/app/AboutPage';
import { HomePage } from '../features/home/HomePage';
import { ResetRequestsPage } from '../features/approval/ResetRequestsPage';
import { SecurityPage } from '../features/security/SecurityPage';
import { UsersPage } from '../features/accounts/UsersPage';
import { ForgotPasswordScreen } from '../features/auth/ForgotPasswordScreen';
import { LoginScreen } from '../features/auth/LoginScreen';
import { PasswordChangeScreen } from '../features/auth/PasswordChangeScreen';
import { SetupScreen } from '../features/auth/SetupScreen';
import { startActivityForwarding } from '../features/session/activity-forwarder';
import { SessionWarningDialog } from '../features/session/SessionWarningDialog';
import { openResetLink, useForgotStore } from '../features/auth/forgot/forgot-store';
import { useNavigationStore, type Page } from '../stores/navigation-store';
import { bootstrap, endSession, useSessionStore } from '../features/session/session-store';
import { timingReceived } from '../features/session/session-timing-store';
import { AppShell } from './AppShell';
// TEMPORARY (work-orders branch): the OT pages under #/ot/… until the shell's router is merged; dropped at merge.
import { isWorkOrdersPreviewLocation, WorkOrdersPreviewRouter } from '../features/work-orders/WorkOrdersPreviewRouter';

export function App() {
  const { t } = useTranslation();
  const screen = useSessionStore((state) => state.screen);
  const user = useSessionStore((state) => state.user);
  const page = useNavigationStore((state) => state.page);
  const forgotOpen = useForgotStore((state) => state.view !== null);
  const lockedUsername = useSessionStore((state) => state.lockedUser?.username ?? '');

  useEffect(() => {
    void bootstrap();
    const offEnded = subscribe('session:ended', ({ reason }) => {
      if (useSessionStore.getState().user) void endSession(reason === 'logout' ? 'loggedOut' : reason);
    });
    const offTiming = subscribe('session:timing', timingReceived);
    const offLink = subscribe('reset:link', ({ token }) => openResetLink(token));
    return () => {
      offEnded();
      offTiming();
      offLink();
    };
  }, []);

  // Input counts as activity only while someone is signed in.
  useEffect(() => (user ? startActivityForwarding() : undefined), [user]);

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
            <AppShell user={user}>{isWorkOrdersPreviewLocation() ? <WorkOrdersPreviewRouter /> : pageFor(page, user)}</AppShell>
          )}
          {/* Every signed-in screen, the change screen included, is warned before it locks. */}
          <SessionWarningDialog />
        </>
      );
  }
}

/** The page asked for, if this role may see it; the home page otherwise. */
function pageFor(page: Page, user: SessionUser) {
  if (page === 'security' && user.role === 'admin') return <SecurityPage />;
  if (page === 'users' && user.role === 'admin') return <UsersPage self={user} />;
  if (page === 'audit' && user.role === 'admin') return <AuditPage />;
  if (page === 'backups' && user.role === 'admin') return <BackupsPage />;
  if (page === 'email' && user.role === 'admin') return <EmailPage />;
  if (page === 'about') return <AboutPage user={user} />;
  if (page === 'resetRequests' && user.role === 'admin') return <ResetRequestsPage />;
  return <HomePage user={user} />;
}
