// Types of build/installer/site-roles.mjs, for the TypeScript tests that import it.
export type SiteRole = 'standalone' | 'client' | 'server';
export const SITE_ROLES: readonly SiteRole[];
export const DEFAULT_SITE_PORT: number;
export const SERVER_SERVICE_NAME: string;
export const WINDOWS_TASK_NAME: string;
export const WINDOWS_FIREWALL_RULE: string;
export const LINUX_SERVER_DATA_DIR: string;
export const WINDOWS_SERVER_DATA_DIR: string;
export const LINUX_INSTALL_DIR: string;
export const LINUX_EXECUTABLE: string;
export function normaliseServerAddress(text: string): { ok: true; url: string } | { ok: false; message: string };
export function configForRole(options: { role: SiteRole; serverAddress?: string; existing?: Record<string, unknown> | null }): Record<string, unknown> | null;
export function configFileText(config: Record<string, unknown> | null): string | null;
export function serverArguments(options: { dataDir: string; port?: number }): string[];
export function systemdUnit(options?: { executable?: string; port?: number }): string;
export function windowsServerCommands(options: { executable: string; port?: number }): {
  createTask: string;
  startTask: string;
  deleteTask: string;
  openFirewall: string;
  closeFirewall: string;
};
