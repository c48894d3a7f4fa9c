// Pure (Node). THE NON-ELECTRON FALLBACK secret store: AES-256-GCM under a random key kept in a file of the
// data folder (mode 0600). Used by the tests, the browser harness, and Electron when the OS offers no keyring
// (see docs/email.md). It keeps secrets out of the database file and its backups, but anyone who can read the
// data folder can read the key: it is weaker than safeStorage (DPAPI, Keychain, libsecret), and says so.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { secretUnavailable, type SecretStore } from './secret-store';

export const SECRET_KEY_FILE_NAME = 'secret-store.key';
const PREFIX = 'fk1';

export function createFileKeySecretStore(dataDir: string): SecretStore {
  const keyFile = path.join(dataDir, SECRET_KEY_FILE_NAME);
  let key: Buffer | null = null;

  const readKey = (): Buffer | null => {
    if (key) return key;
    try {
      const raw = fs.readFileSync(keyFile);
      if (raw.length !== 32) return null;
      key = raw;
      return key;
    } catch {
      return null;
    }
  };
  const keyId = (k: Buffer) => createHash('sha256').update(k).digest('hex').slice(0, 8);

  return {
    kind: 'file-key',
    seal(plain) {
      let k = readKey();
      if (!k) {
        fs.mkdirSync(dataDir, { recursive: true });
        try {
          // `wx`: two processes starting at once never overwrite each other's key.
          fs.writeFileSync(keyFile, randomBytes(32), { flag: 'wx', mode: 0o600 });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        k = readKey();
        if (!k) throw new Error('The secret key file is unreadable');
      }
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}:${keyId(k)}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const [prefix, id, payload] = sealed.split(':');
      if (prefix !== PREFIX || !payload) throw secretUnavailable('sealed by another secret store');
      const k = readKey();
      if (!k) throw secretUnavailable('no key file in the data folder');
      if (id !== keyId(k)) throw secretUnavailable('sealed under another key');
      try {
        const raw = Buffer.from(payload, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', k, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw secretUnavailable('authentication failed');
      }
    },
  };
}
