// Renderer. Which screen the app is on and who is signed in. Main decides; this store only mirrors it.
import { create } from 'zustand';
import type { SessionEndReason, SessionUser } from '../../../../shared/contract';
import { call, setPasswordChangeRequiredHandler, setSessionLostHandler } from '../../api/client';
import { applyLocale, workstationLocale, type Locale } from '../../i18n';
import { registerStoreReset, resetAllStores } from '../../stores/store-reset';

export type Screen = 'loading' | 'unavailable' | 'setup' | 'login' | 'home';
export type LoginNotice = 'setupDone' | 'loggedOut' | Exclude<SessionEndReason, 'logout'> | null;

interface SessionState {
  screen: Screen;
  user: SessionUser | null;
  notice: LoginNotice;
  /** Pre-fills the login form after setup, so the new admin only types the password. */
  suggestedIdentifier: string;
}

const initialState: SessionState = { screen: 'loading', user: null, notice: null, suggestedIdentifier: '' };

export const useSessionStore = create<SessionState>()(() => initialState);

registerStoreReset(() => useSessionStore.setState({ ...initialState, screen: 'login' }, true));

export async function bootstrap(): Promise<void> {
  const result = await call('app:getState');
  if (!result.ok) {
    useSessionStore.setState({ screen: 'unavailable' });
    return;
  }
  const { needsSetup, user } = result.data;
  if (user) await signedIn(user);
  else useSessionStore.setState({ screen: needsSetup ? 'setup' : 'login', user: null });
}

export function setupCompleted(username: string): void {
  useSessionStore.setState({ screen: 'login', notice: 'setupDone', suggestedIdentifier: username });
}

export async function signedIn(user: SessionUser): Promise<void> {
  await applyLocale(user.locale);
  useSessionStore.setState({ screen: 'home', user, notice: null, suggestedIdentifier: '' });
}

/**
 * The signed-in user changed (language, password). When `passwordChange` is set, the app shows the change
 * screen instead of everything else; once main answers it as null, the app continues.
 */
export function userUpdated(user: SessionUser): void {
  useSessionStore.setState({ user });
}

/** The signed-in user picks their own language: shown at once, kept on their account. */
export async function changeOwnLocale(locale: Locale): Promise<void> {
  await applyLocale(locale);
  const result = await call('account:setLocale', { locale });
  if (result.ok) userUpdated(result.data);
}

/** "Verrouiller": main ends the session; the next person finds the login screen. */
export async function lock(): Promise<void> {
  await call('session:lock');
  await endSession('manual-lock');
}

export async function logout(): Promise<void> {
  await call('auth:logout');
  await endSession('loggedOut');
}

/** Main ended the session (logout elsewhere, revocation…): drop everything, show the login screen and say why. */
export async function endSession(notice: LoginNotice): Promise<void> {
  resetAllStores();
  await applyLocale(workstationLocale());
  useSessionStore.setState({ screen: 'login', user: null, notice });
}

setSessionLostHandler(() => {
  if (useSessionStore.getState().user) void endSession('revoked');
});

// Main refused a call because this session must change its password first: re-read who is signed in, which
// brings the change screen.
setPasswordChangeRequiredHandler(() => {
  if (useSessionStore.getState().user) void bootstrap();
});
