// Renderer. The one clipboard guard of this window, wired to the browser. It outlives the dialog that copied
// (the administrator may close it and paste elsewhere), and every session end clears at once.
import { registerStoreReset } from '../../stores/store-reset';
import { createClipboardGuard, type ClipboardPort } from './clipboard-guard';

/** The old way, inside a click: works where the async Clipboard API is refused (no permission). */
function copyWithCommand(text: string): boolean {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', text);
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    return document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}

const browserClipboard: ClipboardPort = {
  readText: () => window.navigator.clipboard.readText(),
  async writeText(text) {
    try {
      await window.navigator.clipboard.writeText(text);
    } catch (error) {
      if (!copyWithCommand(text)) throw error;
    }
  },
};

export const clipboardGuard = createClipboardGuard({
  clipboard: browserClipboard,
  hasFocus: () => document.hasFocus(),
  onFocus(listener) {
    window.addEventListener('focus', listener);
    return () => window.removeEventListener('focus', listener);
  },
  setTimer: (callback, ms) => window.setTimeout(callback, ms),
  clearTimer: (handle) => window.clearTimeout(handle as number),
});

// Logout, lock, idle, revocation: the next person must not find a temporary password to paste.
registerStoreReset(() => void clipboardGuard.clearNow());
