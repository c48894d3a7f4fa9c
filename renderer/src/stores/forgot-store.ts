// Renderer. Which "Mot de passe oublié" screen is shown before login, and what one screen hands the next (the
// identifier typed on the login screen; a verified identifier and code from the status check to the completion
// form). Reset at every session end, and on leaving: a reference code never outlives its screen.
import { create } from 'zustand';
import { registerStoreReset } from './store-reset';
import { useSessionStore } from './session-store';

/** `email` is the slot for the emailed-code path (issue 5): its screen plugs in as one more view. */
export type ForgotView = 'menu' | 'request' | 'status' | 'complete' | 'recovery';

interface ForgotState {
  /** null: the login screen is shown. */
  view: ForgotView | null;
  identifier: string;
  code: string;
}

const initialState: ForgotState = { view: null, identifier: '', code: '' };

export const useForgotStore = create<ForgotState>()(() => initialState);
registerStoreReset(() => useForgotStore.setState(initialState, true));

export function openForgot(identifier: string): void {
  useForgotStore.setState({ view: 'menu', identifier: identifier.trim(), code: '' });
}

export function showForgotView(view: ForgotView, carry: { identifier?: string; code?: string } = {}): void {
  useForgotStore.setState((state) => ({ view, identifier: carry.identifier ?? state.identifier, code: carry.code ?? '' }));
}

/** Back to the login screen, with the identifier pre-filled when one is known. */
export function closeForgot(identifier?: string): void {
  useForgotStore.setState(initialState, true);
  if (identifier) useSessionStore.setState({ suggestedIdentifier: identifier, notice: null });
}
