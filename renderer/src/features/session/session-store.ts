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
  /**
   * Whose session this window just locked: only the name and identifier, so the login screen can say
   * "Session de Julie Bernard verrouillée" and ask her password alone. Nothing else of theirs is kept, and this
   * goes at "Changer d'utilisateur" or at the next successful login, whoever it is.
   */
  lockedUser: LockedUser | null;
}

export interface LockedUser {
  displayName: string;
  username: string;
}

const LOCK_NOTICES: readonly LoginNotice[] = ['idle', 'absolute', 'os-lock', 'manual-lock'];

const initialState: SessionState = { screen: 'loading', user: null, notice: null, suggestedIdentifier: '', lockedUser: null };

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
  useSessionStore.setState({ screen: 'home', user, notice: null, suggestedIdentifier: '', lockedUser: null });
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
  // Taken before the call: main's "session ended" event may arrive first and clear the user.
  const locked = lockedIdentity('manual-lock');
  await call('session:lock');
  await endSession('manual-lock', locked);
}

export async function logout(): Promise<void> {
  await call('auth:logout');
  await endSession('loggedOut');
}

/**
 * Main ended the session (logout elsewhere, revocation, a lock…): drop everything, show the login screen and
 * say why. A lock keeps only the name and identifier of who was signed in, for the login screen.
 */
export async function endSession(notice: LoginNotice, locked: LockedUser | null = lockedIdentity(notice)): Promise<void> {
  resetAllStores();
  // In the same tick as the reset, so the login screen opens already knowing whose session was locked.
  useSessionStore.setState({ screen: 'login', user: null, notice, lockedUser: locked });
  await applyLocale(workstationLocale());
}

/** "Changer d'utilisateur": the plain, empty login form; nothing of the locked session remains. */
export function forgetLockedUser(): void {
  useSessionStore.setState({ lockedUser: null, notice: null, suggestedIdentifier: '' });
}

function lockedIdentity(notice: LoginNotice): LockedUser | null {
  const user = useSessionStore.getState().user;
  if (!user || !LOCK_NOTICES.includes(notice)) return null;
  return { displayName: user.displayName, username: user.username };
}

setSessionLostHandler(() => {
  if (useSessionStore.getState().user) void endSession('revoked');
});

// Main refused a call because this session must change its password first: re-read who is signed in, which
// brings the change screen.
setPasswordChangeRequiredHandler(() => {
  if (useSessionStore.getState().user) void bootstrap();
});
