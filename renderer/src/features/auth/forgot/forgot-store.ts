// Renderer. Which "Mot de passe oublié" screen is shown before login, and what one screen hands the next (the
// identifier typed on the login screen; a verified identifier and code from the status check to the completion
// form). Reset at every session end, and on leaving: a reference code never outlives its screen.
import { create } from 'zustand';
import { registerStoreReset } from '../../../stores/store-reset';
import { useSessionStore } from '../../session/session-store';

/** `emailRequest` / `emailReset`: the emailed-code path (issue 5); the others are the approval path (issue 6). */
export type ForgotView = 'menu' | 'request' | 'status' | 'complete' | 'recovery' | 'emailRequest' | 'emailReset';

interface ForgotState {
  /** null: the login screen is shown. */
  view: ForgotView | null;
  identifier: string;
  code: string;
  /** The token of a reset link opened on this PC (deep link); it replaces identifier + code. */
  linkToken: string | null;
}

const initialState: ForgotState = { view: null, identifier: '', code: '', linkToken: null };

export const useForgotStore = create<ForgotState>()(() => initialState);
registerStoreReset(() => useForgotStore.setState(initialState, true));

export function openForgot(identifier: string): void {
  useForgotStore.setState({ view: 'menu', identifier: identifier.trim(), code: '', linkToken: null });
}

/** A reset link from an email: straight to the reset screen. Ignored while someone is signed in on this window. */
export function openResetLink(token: string): void {
  if (useSessionStore.getState().user) return;
  useForgotStore.setState({ view: 'emailReset', identifier: '', code: '', linkToken: token });
}

export function showForgotView(view: ForgotView, carry: { identifier?: string; code?: string } = {}): void {
  useForgotStore.setState((state) => ({ view, identifier: carry.identifier ?? state.identifier, code: carry.code ?? '' }));
}

/** Back to the login screen, with the identifier pre-filled when one is known. */
export function closeForgot(identifier?: string): void {
  useForgotStore.setState(initialState, true);
  if (identifier) useSessionStore.setState({ suggestedIdentifier: identifier, notice: null });
}
