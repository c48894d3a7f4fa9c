// Renderer (pure, no DOM at import). Clears a copied secret from the clipboard after a delay, but only while
// the clipboard still holds it: if the person has copied something else since, that is left alone.
//
// When the clipboard can't be read (the permission is refused: Electron's main denies every permission
// request, so readText() fails there; a browser may also prompt and never answer), we can't confirm. Then:
// - if this window has focus, the clipboard is cleared anyway. Wiping something else copied in the last
//   minute is a small annoyance; leaving a password on a shared PC's clipboard is not.
// - if it hasn't, Chromium refuses clipboard writes from an unfocused page anyway, so the clear waits for the
//   window to get focus back and is attempted then (still before anyone can paste into this app).
// A failed write is retried the same way, at the next focus.

export interface ClipboardPort {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

export interface ClipboardGuardDeps {
  clipboard: ClipboardPort;
  hasFocus(): boolean;
  /** Calls `listener` each time the window gets focus; returns the unsubscribe function. */
  onFocus(listener: () => void): () => void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** How long to wait for readText() before treating it as refused (a permission prompt may never be answered). */
  readTimeoutMs?: number;
}

export const CLIPBOARD_CLEAR_DELAY_MS = 60_000;

export type ClearOutcome = 'nothing' | 'cleared' | 'replaced' | 'deferred';

export interface ClipboardGuard {
  /** Writes `value` and schedules its removal. False if the clipboard refused the write. */
  copy(value: string, delayMs?: number): Promise<boolean>;
  /** Runs the removal now (the timer fired, or the session ended). */
  clearNow(): Promise<ClearOutcome>;
  /** True while a copied secret may still be on the clipboard. */
  isPending(): boolean;
}

export function createClipboardGuard(deps: ClipboardGuardDeps): ClipboardGuard {
  let pending: { value: string; timer: unknown; offFocus: (() => void) | null } | null = null;

  const forget = () => {
    if (!pending) return;
    deps.clearTimer(pending.timer);
    pending.offFocus?.();
    pending = null;
  };

  const readWithTimeout = (): Promise<string | null> =>
    new Promise((resolve) => {
      const timer = deps.setTimer(() => resolve(null), deps.readTimeoutMs ?? 1_000);
      deps.clipboard.readText().then(
        (text) => {
          deps.clearTimer(timer);
          resolve(text);
        },
        () => {
          deps.clearTimer(timer);
          resolve(null);
        },
      );
    });

  const deferToFocus = (): ClearOutcome => {
    if (pending && !pending.offFocus) pending.offFocus = deps.onFocus(() => void clearNow());
    return 'deferred';
  };

  async function clearNow(): Promise<ClearOutcome> {
    if (!pending) return 'nothing';
    const { value } = pending;
    const current = await readWithTimeout();
    if (pending?.value !== value) return 'nothing'; // A newer copy took over meanwhile; it has its own timer.
    if (current !== null && current !== value) {
      forget();
      return 'replaced';
    }
    if (current === null && !deps.hasFocus()) return deferToFocus();
    try {
      await deps.clipboard.writeText('');
    } catch {
      return deferToFocus();
    }
    if (pending?.value === value) forget();
    return 'cleared';
  }

  return {
    async copy(value, delayMs = CLIPBOARD_CLEAR_DELAY_MS) {
      try {
        await deps.clipboard.writeText(value);
      } catch {
        return false;
      }
      forget(); // The previous secret was just overwritten.
      pending = { value, timer: deps.setTimer(() => void clearNow(), delayMs), offFocus: null };
      return true;
    },
    clearNow,
    isPending: () => pending !== null,
  };
}
