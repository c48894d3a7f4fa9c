// Pure. The last line of defence before anything is written to a log: secrets are masked by the name of the
// field that holds them, by their shape in free text (bearer tokens, key=value pairs, URL credentials, JWTs,
// bcrypt hashes, long opaque tokens), and by value when the code registered them (protectSecret).
// Code must still never pass secrets to a logger on purpose; this catches what slips through (an SMTP
// library echoing its configuration in an error, a token inside an exception message…).

export const MASK = '[masqué]';

/** Field names (lower-cased, without separators) whose value is a secret whatever it looks like. */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'motdepasse',
  'pass',
  'pwd',
  'mdp',
  'secret',
  'token',
  'jeton',
  'code',
  'otp',
  'apikey',
  'authorization',
  'cookie',
  'credential',
  'privatekey',
  'hash',
  'salt',
];
const SECRET_KEYS_EXACT = new Set(['key', 'pin', 'auth']);
/** Technical codes that help diagnose and are never secrets. */
const SAFE_KEYS = new Set(['errorcode', 'statuscode', 'exitcode', 'responsecode', 'errno', 'sqlitecode', 'channel']);

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (SAFE_KEYS.has(normalized)) return false;
  return SECRET_KEYS_EXACT.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
}

const TEXT_RULES: readonly [RegExp, string][] = [
  // Authorization headers.
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9\-._~+/]{6,}=*/gi, `$1 ${MASK}`],
  // user:password@ in URLs (smtp://user:secret@host).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${MASK}@`],
  // key=value, key: value, "key":"value", in English and French.
  [
    /\b(password|passwd|passphrase|pwd|pass|secret|token|code|otp|api[_-]?key|authorization|mot de passe(?: temporaire)?|mdp|jeton)(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&"'}\]]+)/gi,
    `$1$2${MASK}`,
  ],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, MASK],
  // bcrypt hashes.
  [/\$2[aby]?\$\d{2}\$[./A-Za-z0-9]{53}/g, MASK],
  // Long opaque tokens (hex, base64url): nothing a person writes in a sentence looks like this.
  [/(?<![A-Za-z0-9_/-])[A-Za-z0-9_+-]{32,}={0,2}(?![A-Za-z0-9_/-])/g, MASK],
];

/** Anonymous values kept at most (the oldest is forgotten first); named slots are few and fixed by the code. */
export const MAX_PROTECTED = 500;
/** How long a value stays masked unless told otherwise: a day covers every one-time code but approval requests. */
export const DEFAULT_PROTECT_MS = 24 * 3_600_000;

/** value → when it stops being masked (epoch ms). Insertion order is age order: the first is the oldest. */
const protectedValues = new Map<string, number>();
/** Named values (the SMTP password): a new value replaces the old one, and none is pushed out by a flood of codes. */
const protectedSlots = new Map<string, { value: string; until: number }>();

export interface ProtectOptions {
  /** Masked for this long from now (default DEFAULT_PROTECT_MS); protecting the same value again extends it. */
  lifetimeMs?: number;
  /** A name for a value that has one current version (e.g. "smtp.password"): the previous value is forgotten. */
  slot?: string;
}

/**
 * Registers a secret known at run time (an SMTP password once decrypted, a temporary password or a reset
 * code just generated): it is masked wherever it appears in a log line until it expires. Very short values are
 * ignored (masking "1234" everywhere would hide dates and counts). The registry is bounded: values expire, a
 * slot holds one value, and past MAX_PROTECTED anonymous values the oldest is forgotten.
 */
export function protectSecret(value: string | null | undefined, options: ProtectOptions = {}): void {
  if (typeof value !== 'string' || value.length < 6) return;
  const now = Date.now();
  const until = now + (options.lifetimeMs ?? DEFAULT_PROTECT_MS);
  forgetExpired(now);
  if (options.slot !== undefined) {
    protectedSlots.set(options.slot, { value, until });
    return;
  }
  // Delete first so a value protected again moves to the young end.
  protectedValues.delete(value);
  protectedValues.set(value, until);
  while (protectedValues.size > MAX_PROTECTED) {
    const oldest = protectedValues.keys().next().value;
    if (oldest === undefined) break;
    protectedValues.delete(oldest);
  }
}

/** Stops masking a value (anonymous) or whatever a slot holds. */
export function forgetSecret(target: { value: string } | { slot: string }): void {
  if ('slot' in target) protectedSlots.delete(target.slot);
  else protectedValues.delete(target.value);
}

/** How many values are masked now (tests: the registry stays bounded). */
export function protectedSecretCount(): number {
  forgetExpired(Date.now());
  return protectedValues.size + protectedSlots.size;
}

function forgetExpired(now: number): void {
  for (const [value, until] of protectedValues) if (until <= now) protectedValues.delete(value);
  for (const [slot, entry] of protectedSlots) if (entry.until <= now) protectedSlots.delete(slot);
}

export function redactText(text: string): string {
  let result = text;
  if (protectedValues.size > 0 || protectedSlots.size > 0) {
    const now = Date.now();
    forgetExpired(now);
    // Longest first: a secret that contains another is masked whole.
    const values = [...protectedValues.keys(), ...[...protectedSlots.values()].map((entry) => entry.value)].sort((a, b) => b.length - a.length);
    for (const secret of values) {
      if (result.includes(secret)) result = result.split(secret).join(MASK);
    }
  }
  for (const [pattern, replacement] of TEXT_RULES) result = result.replace(pattern, replacement);
  return result;
}

/** A copy of `value` safe to log: secret fields masked, strings cleaned, errors reduced to what helps. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (depth > 6) return '[…]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(typeof code === 'string' || typeof code === 'number' ? { errorCode: code } : {}),
      stack: value.stack ? redactText(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactValue(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = isSecretKey(key) && item !== null && item !== undefined && item !== '' ? MASK : redactValue(item, depth + 1);
  }
  return result;
}
