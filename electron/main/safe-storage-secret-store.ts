// Main (imports electron). Seals secrets with Electron's safeStorage (DPAPI on Windows, Keychain on macOS,
// libsecret/kwallet on Linux). Where the OS offers no real keyring (Linux "basic_text", or encryption not
// available), it falls back to the file-key store and says so in the log. Values sealed by either are opened
// by prefix; one that this computer can't open (a database restored on another PC) is SECRET_UNAVAILABLE.
import { safeStorage } from 'electron';
import { secretUnavailable, type SecretStore } from '../core/mail/secret-store';
import type { Logger } from '../core/platform/logger';

const PREFIX = 'ss1:';

export function createElectronSecretStore(fallback: SecretStore, logger: Logger): SecretStore {
  let warned = false;
  // Only valid after app 'ready'; callers create the core after it.
  const usable = () => {
    const ok = safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
    if (!ok && !warned) {
      warned = true;
      logger.warn('No OS keyring for safeStorage: secrets are sealed with the file-key fallback (see docs/email.md)');
    }
    return ok;
  };
  return {
    get kind() {
      return usable() ? 'safeStorage' : fallback.kind;
    },
    seal(plain) {
      return usable() ? PREFIX + safeStorage.encryptString(plain).toString('base64') : fallback.seal(plain);
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) return fallback.open(sealed);
      if (!safeStorage.isEncryptionAvailable()) throw secretUnavailable('safeStorage is not available');
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      } catch {
        throw secretUnavailable('safeStorage could not decrypt it');
      }
    },
  };
}
