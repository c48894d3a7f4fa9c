// Build (Node, also imported by tests). The three installation roles of issue 16 — poste autonome, poste client,
// serveur de site — as pure functions: what each writes in gmao-atelier.json beside the executable, the server
// address as IT types it (normalised the way main normalises it), the Linux systemd unit and the Windows commands
// that start the server at boot and open its port. The NSIS page (build/gmao-installer.nsh) and the Linux role
// script (build/linux/gmao-atelier-role) do the same; tests/scripts/site-roles.test.ts holds them to it.

export const SITE_ROLES = /** @type {const} */ (['standalone', 'client', 'server']);
export const DEFAULT_SITE_PORT = 8443;
/** Names IT sees in the service list, the task scheduler and the firewall. */
export const SERVER_SERVICE_NAME = 'gmao-atelier-server';
export const WINDOWS_TASK_NAME = 'GMAO Atelier Serveur';
export const WINDOWS_FIREWALL_RULE = 'GMAO Atelier Serveur (TCP)';
/** Where the server keeps its data: a folder of its own, never a workstation's. */
export const LINUX_SERVER_DATA_DIR = '/var/lib/gmao-atelier-server';
export const WINDOWS_SERVER_DATA_DIR = '%ProgramData%\\GMAO Atelier Serveur';
export const LINUX_INSTALL_DIR = '/opt/GMAO Atelier';
export const LINUX_EXECUTABLE = 'gmao-atelier';

/**
 * A server address as IT types it (`serveur-gmao`, `serveur-gmao:9443`, `https://10.0.0.5:8443/`) → `https://host:port`,
 * or a French sentence saying what is wrong. Only https: the client pins the server's certificate.
 * @param {string} text
 * @returns {{ ok: true, url: string } | { ok: false, message: string }}
 */
export function normaliseServerAddress(text) {
  const trimmed = String(text ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return { ok: false, message: 'Saisissez l’adresse du serveur de site, par exemple serveur-gmao ou https://serveur-gmao:8443.' };
  if (/^[a-z]+:\/\//i.test(trimmed) && !/^https:\/\//i.test(trimmed)) {
    return { ok: false, message: 'L’adresse doit commencer par https:// (le serveur de site ne parle que TLS).' };
  }
  const rest = trimmed.replace(/^https:\/\//i, '');
  // host, IPv4, or [IPv6], then an optional port; nothing else (no path, no user, no spaces).
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/.exec(rest);
  if (!match) return { ok: false, message: `« ${trimmed} » n’est pas une adresse de serveur : un nom ou une adresse IP, suivi au besoin de :port.` };
  const port = match[2] === undefined ? DEFAULT_SITE_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, message: `Port ${match[2]} impossible : entre 1 et 65535.` };
  return { ok: true, url: `https://${match[1].toLowerCase()}:${port}` };
}

/**
 * What gmao-atelier.json holds after choosing a role, from what it held before (IT's own keys are kept).
 * - standalone: the `server` key goes; the rest (dataMode, dataDir, databaseUrl) stays.
 * - client: `server` is set; `databaseUrl` goes (a client PC holds no database credentials) and so does the
 *   workstation's data choice — its data lives on the server (the PC keeps only its enrolment in its own folder).
 * - server: the file holds no role: the server runs from the service with `--server --data-dir`, and the desktop app
 *   on the same machine stays a poste autonome unless IT makes it a client of its own server.
 * Returns null when nothing is left to write (the file is deleted).
 * @param {{ role: 'standalone' | 'client' | 'server', serverAddress?: string, existing?: Record<string, unknown> | null }} options
 * @returns {Record<string, unknown> | null}
 */
export function configForRole({ role, serverAddress, existing }) {
  if (!SITE_ROLES.includes(role)) throw new Error(`Unknown role: ${role}`);
  const base = { ...(existing ?? {}) };
  delete base.server;
  if (role === 'client') {
    const address = normaliseServerAddress(serverAddress ?? '');
    if (!address.ok) throw new Error(address.message);
    delete base.databaseUrl;
    const { dataMode } = base;
    // The shared-folder choice still matters: the enrolment (sealed credential, pinned certificate) and the queue of
    // DIs kept while the server is unreachable live in the data folder, the same for every Windows account.
    return { ...(dataMode === 'shared' ? { dataMode } : {}), server: address.url };
  }
  return Object.keys(base).length === 0 ? null : base;
}

/** gmao-atelier.json's text as the installers write it (2-space JSON, final newline), or null for no file. */
export function configFileText(config) {
  return config === null ? null : `${JSON.stringify(config, null, 2)}\n`;
}

/** Quotes one argument of a systemd ExecStart line (spaces in "/opt/GMAO Atelier"). */
function systemdQuote(value) {
  return /[\s"\\]/.test(value) ? `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : value;
}

/** The server's command line (without the executable): the same flags on Linux and Windows. */
export function serverArguments({ dataDir, port = DEFAULT_SITE_PORT }) {
  return ['--server', '--data-dir', dataDir, '--port', String(port)];
}

/**
 * The systemd unit of the site server on Linux. A dynamic user (no account to create) owning its state directory
 * /var/lib/gmao-atelier-server; restarted when it stops; hardened (the server needs only its folder and the network).
 * @param {{ executable?: string, port?: number }} [options]
 */
export function systemdUnit({ executable = `${LINUX_INSTALL_DIR}/${LINUX_EXECUTABLE}`, port = DEFAULT_SITE_PORT } = {}) {
  // No display on a server: Chromium's headless Ozone platform, and no renderer sandbox (the server opens no window;
  // the SUID sandbox helper can't run under NoNewPrivileges).
  const exec = [executable, '--ozone-platform=headless', '--no-sandbox', ...serverArguments({ dataDir: LINUX_SERVER_DATA_DIR, port })].map(systemdQuote).join(' ');
  return [
    '# GMAO Atelier — serveur de site (issue 16). Installé par le paquet ; activé par « gmao-atelier-role server ».',
    '# Options (PostgreSQL, certificat fourni par l’informatique) : /etc/gmao-atelier/server.env, voir docs/site-server.md.',
    '[Unit]',
    'Description=GMAO Atelier - serveur de site',
    'After=network-online.target postgresql.service',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    'DynamicUser=yes',
    'StateDirectory=gmao-atelier-server',
    'StateDirectoryMode=0700',
    // A dynamic user has no home: Electron's paths (logs, caches) go to the state directory.
    'Environment=HOME=%S/gmao-atelier-server',
    // GMAO_DATABASE_URL, GMAO_TLS_CERT… : kept out of the unit (readable by everyone) in a root-only file.
    'EnvironmentFile=-/etc/gmao-atelier/server.env',
    `ExecStart=${exec} $GMAO_SERVER_ARGS`,
    'Restart=on-failure',
    'RestartSec=5',
    'TimeoutStopSec=30',
    'NoNewPrivileges=yes',
    'PrivateTmp=yes',
    'ProtectSystem=strict',
    'ProtectHome=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/**
 * Windows: the commands the installer runs for the « Serveur de site » role (and the docs show IT). The executable is
 * a desktop app, not a Windows service (it doesn't answer the service control manager), so it is started at boot by a
 * scheduled task as SYSTEM, restarted by the task if it stops; the firewall opens the port to that program only.
 * @param {{ executable: string, port?: number }} options
 */
export function windowsServerCommands({ executable, port = DEFAULT_SITE_PORT }) {
  const args = serverArguments({ dataDir: WINDOWS_SERVER_DATA_DIR.replace('%ProgramData%', 'C:\\ProgramData'), port });
  const quoted = args.map((a) => (/\s/.test(a) ? `\\"${a}\\"` : a)).join(' ');
  return {
    createTask: `schtasks /Create /F /TN "${WINDOWS_TASK_NAME}" /SC ONSTART /RU SYSTEM /RL HIGHEST /TR "\\"${executable}\\" ${quoted}"`,
    startTask: `schtasks /Run /TN "${WINDOWS_TASK_NAME}"`,
    deleteTask: `schtasks /Delete /F /TN "${WINDOWS_TASK_NAME}"`,
    openFirewall: `netsh advfirewall firewall add rule name="${WINDOWS_FIREWALL_RULE}" dir=in action=allow protocol=TCP localport=${port} program="${executable}"`,
    closeFirewall: `netsh advfirewall firewall delete rule name="${WINDOWS_FIREWALL_RULE}"`,
  };
}
