// Pure. Events main pushes to one window. The preload only forwards names listed here.

export type SessionEndReason = 'logout' | 'revoked' | 'replaced';

export interface EventPayloads {
  /** This window's session ended in main: the renderer must drop every store and show the login screen. */
  'session:ended': { reason: SessionEndReason };
}

export type EventName = keyof EventPayloads;

export const EVENT_NAMES: readonly EventName[] = ['session:ended'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
