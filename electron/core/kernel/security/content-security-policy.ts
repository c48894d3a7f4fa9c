// Pure. The one Content-Security-Policy of the renderer, sent as a header by the Electron protocol
// handler and by the browser harness. No inline script, no eval, no remote anything.

export function buildContentSecurityPolicy(options: { connectSrc?: readonly string[]; forMetaTag?: boolean } = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.connectSrc ?? [])],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };
  // Browsers ignore frame-ancestors in a <meta> tag (and warn about it); the header carries it.
  if (options.forMetaTag) delete directives['frame-ancestors'];
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
