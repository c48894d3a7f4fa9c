// Pure. Which links may leave the app for the system browser or mail client (shell.openExternal).
// Anything else (file:, javascript:, custom protocols, smb:) could run code or leak credentials.

const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:']);

export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
  // https://user:pass@host would hand credentials to whoever is on the other side.
  if (parsed.username || parsed.password) return false;
  return true;
}
