// Pure (Node). Sessions live in main only, one per window. The renderer never holds a token:
// main knows the caller by the window the call came from.
import { randomUUID } from 'node:crypto';
import type { EventName, EventPayloads, SessionEndReason } from '../../../shared/contract';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../repositories/audit-repository';
import type { UserRecord, UsersRepository } from '../repositories/users-repository';

/** Pushes an event to one window (webContents.send in Electron, a WebSocket in the harness). */
export interface EventSink {
  send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]): void;
}

export interface Session {
  sessionId: string;
  windowId: string;
  userId: number;
  credentialVersion: number;
  startedAt: number;
}

/** A session checked against the database just now, with its user as stored. */
export interface ActiveSession extends Session {
  user: UserRecord;
}

export class SessionRegistry {
  private readonly byWindow = new Map<string, Session>();

  constructor(
    private readonly deps: { users: UsersRepository; audit: AuditRepository; clock: Clock; events: EventSink },
  ) {}

  start(windowId: string, user: UserRecord): Session {
    if (this.byWindow.has(windowId)) this.end(windowId, 'replaced');
    const session: Session = {
      sessionId: randomUUID(),
      windowId,
      userId: user.id,
      credentialVersion: user.credentialVersion,
      startedAt: this.deps.clock.now(),
    };
    this.byWindow.set(windowId, session);
    return session;
  }

  /**
   * The window's session if it is still valid. A session whose user was deactivated, deleted or whose
   * credential version moved on (password changed, reset, role changed) ends here, on its next call.
   */
  resolve(windowId: string): ActiveSession | null {
    const session = this.byWindow.get(windowId);
    if (!session) return null;
    const user = this.deps.users.findById(session.userId);
    if (!user || !user.isActive || user.credentialVersion !== session.credentialVersion) {
      this.end(windowId, 'revoked');
      return null;
    }
    return { ...session, user };
  }

  /** Ends the window's session and tells that window, so it drops everything it shows. */
  end(windowId: string, reason: SessionEndReason): void {
    const session = this.byWindow.get(windowId);
    if (!session) return;
    this.byWindow.delete(windowId);
    if (reason !== 'logout') {
      this.deps.audit.append(
        { eventType: 'session.revoked', subjectUserId: session.userId, details: { reason } },
        this.deps.clock.now(),
      );
    }
    this.deps.events.send(windowId, 'session:ended', { reason });
  }

  endAllForUser(userId: number, reason: SessionEndReason): void {
    for (const [windowId, session] of [...this.byWindow]) {
      if (session.userId === userId) this.end(windowId, reason);
    }
  }

  /** The window is gone: nothing to notify. */
  forgetWindow(windowId: string): void {
    this.byWindow.delete(windowId);
  }

  activeCount(): number {
    return this.byWindow.size;
  }
}
