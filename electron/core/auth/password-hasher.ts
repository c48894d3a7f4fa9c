// Pure (Node). Hashing and checking passwords with bcrypt, always through its async API:
// the work runs on libuv's thread pool, never on main's event loop.
//
// bcrypt only reads the first 72 bytes of its input. We never truncate silently: every password is
// first normalised (NFKC) and pre-hashed with HMAC-SHA-256 under a per-installation key, and bcrypt
// receives the 44-character base64 digest. So a 200-character passphrase counts in full, two passwords
// differing only after byte 72 stay different, and no NUL byte can reach bcrypt.
import { createHmac, randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { normalizePassword } from '../../../shared/accounts/account-fields';

export const DEFAULT_BCRYPT_COST = 12;

export class PasswordHasher {
  /** A hash of a random secret nobody knows: unknown users are checked against it, so they cost the same. */
  private readonly decoyHash: Promise<string>;

  private prehashKey: Buffer;

  constructor(private readonly options: { cost: number; prehashKey: Buffer }) {
    this.prehashKey = checkedKey(options.prehashKey);
    this.decoyHash = bcrypt.hash(randomBytes(32).toString('base64'), options.cost);
  }

  /** After a restore the key is the restored database's (another installation's, possibly): its hashes need it. */
  useKey(prehashKey: Buffer): void {
    this.prehashKey = checkedKey(prehashKey);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(this.prehash(password), this.options.cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(this.prehash(password), hash);
  }

  /** Spends exactly the time of a real check, then says no. */
  async verifyDecoy(password: string): Promise<false> {
    await bcrypt.compare(this.prehash(password), await this.decoyHash);
    return false;
  }

  private prehash(password: string): string {
    return createHmac('sha256', this.prehashKey).update(normalizePassword(password), 'utf8').digest('base64');
  }
}

function checkedKey(key: Buffer): Buffer {
  if (key.length < 32) throw new Error('The pre-hash key must be at least 32 bytes');
  return key;
}
