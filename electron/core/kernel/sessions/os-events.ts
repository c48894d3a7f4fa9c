// Pure (Node). What the operating system's power and lock events mean for sessions. Electron's powerMonitor
// and the browser harness's simulator both go through here.
import type { SessionRegistry } from './session-registry';

export const OS_EVENTS = ['suspend', 'lock-screen', 'resume', 'unlock-screen'] as const;
export type OsEvent = (typeof OS_EVENTS)[number];

export function isOsEvent(value: unknown): value is OsEvent {
  return typeof value === 'string' && (OS_EVENTS as readonly string[]).includes(value);
}

/** The windows lock at once (synchronously); the promise is the audit entries' writes. */
export function handleOsEvent(sessions: SessionRegistry, event: OsEvent): Promise<void> {
  if (event === 'suspend' || event === 'lock-screen') {
    // Someone walking up to a woken or unlocked PC must find a login screen, not the last person's work.
    return sessions.lockAll('os-lock');
  }
  // Back from sleep: deadlines may have passed while no timer could run.
  return sessions.tick();
}
