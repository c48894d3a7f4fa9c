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

const MAX_PROTECTED = 200;
const protectedValues = new Set<string>();

/**
 * Registers a secret known at run time (an SMTP password once decrypted, a temporary password or a reset
 * code just generated): it is masked wherever it appears in a log line afterwards. Very short values are
 * ignored (masking "1234" everywhere would hide dates and counts).
 */
export function protectSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < 6) return;
  if (protectedValues.size >= MAX_PROTECTED) {
    const oldest = protectedValues.values().next().value;
    if (oldest !== undefined) protectedValues.delete(oldest);
  }
  protectedValues.add(value);
}

export function redactText(text: string): string {
  let result = text;
  for (const secret of protectedValues) {
    if (result.includes(secret)) result = result.split(secret).join(MASK);
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
