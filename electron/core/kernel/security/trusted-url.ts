// Pure. Is this URL one of our own pages? Used for IPC senders and for navigation.
// Compares scheme + host explicitly: WHATWG URL gives custom schemes (app://) an opaque "null" origin.

export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function isTrustedUrl(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && trustedOrigins.includes(origin);
}
