// Node (vitest). The installation roles of issue 16 (build/installer/site-roles.mjs): what each role writes in
// gmao-atelier.json, the server address as IT types it, the systemd unit shipped in the Linux packages (committed
// text = generated text, and systemd itself accepts it), and the Linux role script run for real in a temporary folder
// (same files as the pure function; systemctl replaced by a recorder).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFileText, configForRole, DEFAULT_SITE_PORT, normaliseServerAddress, systemdUnit, WINDOWS_FIREWALL_RULE, WINDOWS_TASK_NAME, windowsServerCommands } from '../../build/installer/site-roles.mjs';
import { parseDataConfig } from '../../electron/core/kernel/platform/data-dir';
import { makeTempDir } from '../support/test-core';

const root = path.resolve(import.meta.dirname, '../..');
const roleScript = path.join(root, 'build/linux/gmao-atelier-role');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('server address as IT types it', () => {
  it('adds https:// and the default port, keeps a port given, lower-cases the host', () => {
    expect(normaliseServerAddress('serveur-gmao')).toEqual({ ok: true, url: 'https://serveur-gmao:8443' });
    expect(normaliseServerAddress('  Serveur-GMAO.usine.local:9443/ ')).toEqual({ ok: true, url: 'https://serveur-gmao.usine.local:9443' });
    expect(normaliseServerAddress('https://10.0.0.5')).toEqual({ ok: true, url: 'https://10.0.0.5:8443' });
    expect(normaliseServerAddress('https://[fd00::5]:8443')).toEqual({ ok: true, url: 'https://[fd00::5]:8443' });
  });

  it('refuses plain http, paths, spaces and impossible ports, in French', () => {
    for (const bad of ['', 'http://serveur-gmao', 'serveur gmao', 'serveur/gmao', 'serveur:70000', 'ftp://x']) {
      const result = normaliseServerAddress(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/serveur|https|port/i);
    }
  });
});

describe('gmao-atelier.json per role', () => {
  it('client: the server, no database credentials, the shared-folder choice kept', () => {
    expect(configForRole({ role: 'client', serverAddress: 'serveur-gmao', existing: null })).toEqual({ server: 'https://serveur-gmao:8443' });
    expect(configForRole({ role: 'client', serverAddress: 'serveur-gmao:9000', existing: { dataMode: 'shared', databaseUrl: 'postgres://gmao:secret@db/gmao' } })).toEqual({
      dataMode: 'shared',
      server: 'https://serveur-gmao:9000',
    });
    expect(() => configForRole({ role: 'client', serverAddress: 'http://serveur', existing: null })).toThrow(/https/);
  });

  it('standalone and server: no server key, IT’s own keys kept, no file when nothing is left', () => {
    expect(configForRole({ role: 'standalone', existing: { server: 'https://a:8443' } })).toBeNull();
    expect(configForRole({ role: 'standalone', existing: { dataMode: 'shared', server: 'https://a:8443' } })).toEqual({ dataMode: 'shared' });
    expect(configForRole({ role: 'server', existing: { dataDir: 'D:\\GMAO' } })).toEqual({ dataDir: 'D:\\GMAO' });
    expect(configForRole({ role: 'server', existing: null })).toBeNull();
  });

  it('what a client role writes is still a data config main reads (the shared folder, or none)', () => {
    const shared = configFileText(configForRole({ role: 'client', serverAddress: 'serveur', existing: { dataMode: 'shared' } }))!;
    expect(parseDataConfig(shared, 'gmao-atelier.json', 'win32', { ProgramData: 'C:\\ProgramData' })).toEqual({ dir: 'C:\\ProgramData\\GMAO Atelier', mode: 'shared' });
    const plain = configFileText(configForRole({ role: 'client', serverAddress: 'serveur', existing: null }))!;
    expect(parseDataConfig(plain, 'gmao-atelier.json', 'linux', {})).toBeNull();
  });
});

describe('the site server as a service', () => {
  it('the unit shipped in the Linux packages is the generated one', () => {
    expect(fs.readFileSync(path.join(root, 'build/linux/gmao-atelier-server.service'), 'utf8')).toBe(systemdUnit());
    const unit = systemdUnit({ port: 9443 });
    expect(unit).toContain('ExecStart="/opt/GMAO Atelier/gmao-atelier" --ozone-platform=headless --no-sandbox --server --data-dir /var/lib/gmao-atelier-server --port 9443 $GMAO_SERVER_ARGS');
    expect(unit).toContain('DynamicUser=yes');
    expect(unit).toContain('StateDirectory=gmao-atelier-server');
    expect(unit).toContain('WantedBy=multi-user.target');
  });

  it.skipIf(spawnSync('systemd-analyze', ['--version'], { stdio: 'ignore' }).status !== 0)('systemd accepts the unit (systemd-analyze verify)', () => {
    const dir = makeTempDir('gmao-unit-');
    dirs.push(dir);
    const file = path.join(dir, 'gmao-atelier-server.service');
    // The executable isn't installed here: verify checks it exists, so /bin/true stands in for it.
    fs.writeFileSync(file, systemdUnit({ executable: '/bin/true' }));
    const result = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/gmao-atelier-server\.service:\d+/);
  });

  it('Windows: a boot task as SYSTEM running the executable with --server, and the port opened to it only', () => {
    const commands = windowsServerCommands({ executable: 'C:\\Program Files\\GMAO Atelier\\GMAO Atelier.exe', port: 8443 });
    expect(commands.createTask).toBe(
      'schtasks /Create /F /TN "GMAO Atelier Serveur" /SC ONSTART /RU SYSTEM /RL HIGHEST /TR "\\"C:\\Program Files\\GMAO Atelier\\GMAO Atelier.exe\\" --server --data-dir \\"C:\\ProgramData\\GMAO Atelier Serveur\\" --port 8443"',
    );
    expect(commands.openFirewall).toBe('netsh advfirewall firewall add rule name="GMAO Atelier Serveur (TCP)" dir=in action=allow protocol=TCP localport=8443 program="C:\\Program Files\\GMAO Atelier\\GMAO Atelier.exe"');
  });

  it('the Windows installer runs those same commands (build/gmao-installer.nsh), with its names and variables', () => {
    const nsh = fs.readFileSync(path.join(root, 'build/gmao-installer.nsh'), 'utf8');
    expect(nsh).toContain(`!define GMAO_SERVER_TASK "${WINDOWS_TASK_NAME}"`);
    expect(nsh).toContain(`!define GMAO_SERVER_FIREWALL "${WINDOWS_FIREWALL_RULE}"`);
    expect(nsh).toContain(`!define GMAO_DEFAULT_PORT "${DEFAULT_SITE_PORT}"`);
    // The pure function's commands, written with the installer's variables: the NSIS lines must be exactly these.
    const commands = windowsServerCommands({ executable: '$INSTDIR\\${APP_EXECUTABLE_FILENAME}', port: '$gmaoPort' as unknown as number });
    const inNsis = (command: string) =>
      command
        .replaceAll(`"${WINDOWS_FIREWALL_RULE}"`, '"${GMAO_SERVER_FIREWALL}"')
        .replaceAll(`"${WINDOWS_TASK_NAME}"`, '"${GMAO_SERVER_TASK}"')
        .replaceAll('C:\\ProgramData\\GMAO Atelier Serveur', '$1\\${GMAO_SERVER_DATA_FOLDER}');
    for (const command of [commands.createTask, commands.openFirewall, commands.startTask, commands.deleteTask, commands.closeFirewall]) {
      expect(nsh).toContain(`nsExec::ExecToLog '${inNsis(command)}'`);
    }
    // A client's file: the server, with the shared-folder choice when made (configForRole's two shapes).
    expect(nsh).toContain(`'{"dataMode":"shared","server":"$gmaoServerAddress"}'`);
    expect(nsh).toContain(`'{"server":"$gmaoServerAddress"}'`);
  });
});

describe('the Linux packages ship the role script and the unit', () => {
  it('electron-builder puts both in resources/, the script executable', async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- electron-builder's config is plain JS here
    const config: any = (await import('../../electron-builder.config.mjs')).default;
    const shipped = (config.linux.extraResources as { from: string; to: string }[]).map((entry) => [path.relative(root, entry.from), entry.to]);
    expect(shipped).toEqual([
      ['build/linux/gmao-atelier-role', 'gmao-atelier-role'],
      ['build/linux/gmao-atelier-server.service', 'gmao-atelier-server.service'],
    ]);
    expect(fs.statSync(roleScript).mode & 0o111).not.toBe(0);
  });
});

describe('the Linux role script (build/linux/gmao-atelier-role), run for real', () => {
  function setup() {
    const dir = makeTempDir('gmao-role-');
    dirs.push(dir);
    const install = path.join(dir, 'opt');
    fs.mkdirSync(path.join(install, 'resources'), { recursive: true });
    fs.writeFileSync(path.join(install, 'resources/gmao-atelier-server.service'), systemdUnit());
    const log = path.join(dir, 'systemctl.log');
    const fake = path.join(dir, 'systemctl');
    fs.writeFileSync(fake, `#!/bin/sh\necho "$@" >> "${log}"\n`, { mode: 0o755 });
    const env = { ...process.env, GMAO_INSTALL_DIR: install, GMAO_SYSTEMD_DIR: path.join(dir, 'systemd'), GMAO_ETC_DIR: path.join(dir, 'etc'), GMAO_SYSTEMCTL: fake, GMAO_UFW: 'no-ufw-here' };
    const run = (...args: string[]) => spawnSync('bash', [roleScript, ...args], { env, encoding: 'utf8' });
    const config = () => (fs.existsSync(path.join(install, 'gmao-atelier.json')) ? fs.readFileSync(path.join(install, 'gmao-atelier.json'), 'utf8') : null);
    return { dir, install, run, config, systemctl: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '') };
  }

  it('client: writes the same file as configForRole, for the same addresses', () => {
    const role = setup();
    for (const address of ['serveur-gmao', 'Serveur-GMAO.usine.local:9443/', 'https://10.0.0.5']) {
      const result = role.run('client', address);
      expect(result.status, result.stderr).toBe(0);
      expect(role.config()).toBe(configFileText(configForRole({ role: 'client', serverAddress: address, existing: null })));
    }
    fs.writeFileSync(path.join(role.install, 'gmao-atelier.json'), '{"dataMode":"shared","databaseUrl":"postgres://gmao:secret@db/gmao"}');
    expect(role.run('client', 'serveur').status).toBe(0);
    expect(role.config()).toBe(configFileText(configForRole({ role: 'client', serverAddress: 'serveur', existing: { dataMode: 'shared', databaseUrl: 'x' } })));
  });

  it('client: a wrong address is refused in French and the file is left as it was', () => {
    const role = setup();
    expect(role.run('client', 'serveur').status).toBe(0);
    const before = role.config();
    const result = role.run('client', 'http://serveur');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('https://');
    expect(role.config()).toBe(before);
  });

  it('standalone after client: the server key goes (the shared choice stays)', () => {
    const role = setup();
    fs.writeFileSync(path.join(role.install, 'gmao-atelier.json'), '{"dataMode":"shared"}');
    role.run('client', 'serveur');
    expect(role.run('standalone').status).toBe(0);
    expect(JSON.parse(role.config()!)).toEqual(configForRole({ role: 'standalone', existing: { dataMode: 'shared', server: 'https://serveur:8443' } }));
    fs.writeFileSync(path.join(role.install, 'gmao-atelier.json'), '{"server":"https://serveur:8443"}');
    expect(role.run('standalone').status).toBe(0);
    expect(role.config()).toBeNull();
  });

  it('server: installs the unit (with the chosen port), a root-only options file, enables and starts it', () => {
    const role = setup();
    const result = role.run('server', '--port', '9443');
    expect(result.status, result.stderr).toBe(0);
    expect(fs.readFileSync(path.join(role.dir, 'systemd/gmao-atelier-server.service'), 'utf8')).toBe(systemdUnit({ port: 9443 }));
    const env = path.join(role.dir, 'etc/server.env');
    expect(fs.statSync(env).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(env, 'utf8')).toContain('GMAO_SERVER_ARGS=');
    expect(role.systemctl()).toBe('daemon-reload\nenable --now gmao-atelier-server.service\n');
    // Becoming a client afterwards stops the server on this machine.
    expect(role.run('client', 'autre-serveur').status).toBe(0);
    expect(role.systemctl()).toContain('disable --now gmao-atelier-server.service');
    expect(role.run('server', '--port', '99999').status).not.toBe(0);
  });
});
