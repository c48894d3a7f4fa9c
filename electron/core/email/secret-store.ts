// Pure (Node). Seals small secrets (the SMTP password, the one-time codes waiting in the outbox) before they
// touch the database. Electron's main plugs in `safeStorage` (electron/main/os-services.ts);
// tests, the browser harness and Electron without an OS keyring use the file-key fallback beside this file.
import { AppError } from '../kernel/platform/app-error';

export interface SecretStore {
  /** What protects the secrets, for logs and the docs: 'safeStorage' or 'file-key'. */
  readonly kind: string;
  seal(plain: string): string;
  /** Throws SECRET_UNAVAILABLE when this computer can't open it (e.g. a database restored on another PC). */
  open(sealed: string): string;
}

export function secretUnavailable(reason: string): AppError {
  return new AppError('SECRET_UNAVAILABLE', `The stored secret cannot be opened on this computer (${reason})`);
}
