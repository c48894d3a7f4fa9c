// Pure (Node). Maps the path of a request for the renderer build (Electron's app://gmao/… and the browser
// harness's http://127.0.0.1:…/…) to a file inside that build folder, or null. One helper for both, so the
// Electron side is tested under Node too. Hostile paths are answered with null, never with an exception:
// a throw here used to take the whole harness down on `GET /%` (decodeURIComponent's URIError).
import path from 'node:path';

type PathApi = Pick<typeof path.posix, 'resolve' | 'sep'>;

/**
 * `pathname` is a URL's path as received (still percent-encoded). Returns the absolute file it names inside
 * `root`, or null when it can't be decoded or would name anything outside the folder. Whether the file exists is
 * the caller's business (this stays pure). `pathApi` lets the tests check Windows' rules on any machine.
 */
export function resolveAppPath(root: string, pathname: string, pathApi: PathApi = path): string | null {
  const encoded = pathname === '/' || pathname === '' ? '/index.html' : pathname;
  let relative: string;
  try {
    relative = decodeURIComponent(encoded);
  } catch {
    return null; // `%`, `%zz`, a broken UTF-8 sequence: not a file of ours
  }
  // No asset of the build has a NUL, a control character, a backslash (a separator on Windows, so `..\`
  // would climb) or a colon (drive letters and NTFS streams such as `index.html::$DATA`) in its name.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:]/.test(relative)) return null;
  if (!relative.startsWith('/')) return null;
  // `..` and `.` segments are refused outright rather than resolved: the URL parser already removed the
  // literal ones, so any left came in encoded (`%2e%2e%2f`), which only an attack does.
  const segments = relative.slice(1).split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const base = pathApi.resolve(root);
  const file = pathApi.resolve(base, `.${relative}`);
  // Belt and braces: whatever the rules above missed, the result must be strictly inside the folder.
  return file.startsWith(base + pathApi.sep) ? file : null;
}
