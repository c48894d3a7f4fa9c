// Main (imports electron). The `gmao-atelier://reset?token=…` links of reset and invitation emails.
// Windows and Linux start a second instance with the URL in its argv (the single-instance lock hands it to us
// through 'second-instance'); macOS sends 'open-url'. Limits (see docs/email.md): the scheme is registered
// when the app runs (packaged installs also declare it in the installer), Linux needs a .desktop file with the
// MimeType, and webmail in a browser may refuse to open a custom scheme: the typed code always works.
import { app } from 'electron';
import { DEEP_LINK_SCHEME, parseDeepLink } from '../core/mail/one-time-codes';

/** Registers the scheme and calls `onToken` with each well-formed reset token received (others are ignored). */
export function registerDeepLinks(onToken: (token: string) => void): void {
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  else if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [process.argv[1]]);
  const fromArgv = (argv: readonly string[]) => {
    for (const arg of argv) {
      const token = arg.startsWith(`${DEEP_LINK_SCHEME}:`) ? parseDeepLink(arg) : null;
      if (token) onToken(token);
    }
  };
  app.on('second-instance', (_event, argv) => fromArgv(argv));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    fromArgv([url]);
  });
  fromArgv(process.argv);
}
