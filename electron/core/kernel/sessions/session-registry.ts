// Pure (Node). Sessions live in main only, one per window. The renderer never holds a token: main knows the
// caller by the window the call came from.
//
// Main is also the only clock. Each session keeps wall-clock timestamps (last activity, idle deadline,
// absolute deadline); `tick()` runs every second from main's timer (which Chromium never throttles, unlike
// timers in a hidden renderer) and every call re-checks the deadlines, so a session past its deadline is
// dead even if no tick ran (after a suspend, say). Only `recordActivity` (real user input forwarded by the
// renderer, or the OS's own idle time) moves the idle deadline: other calls, polling included, never do.
import { randomUUID } from 'node:crypto';
import type { EventName, EventPayloads, SessionEndReason, SessionTiming } from '../../../../shared/contract';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../audit-trail/audit-repository';
import type { UserRecord, UsersRepository } from '../identity/users-repository';

/** Pushes an event to one window (webContents.send in Electron, a WebSocket in the harness). */
export interface EventSink {
  send<E extends EventName>(windowId: string, event: E, payload: EventPayloads[E]): void;
}

export interface SessionPolicy {
  idleMs: number;
  warningMs: number;
  absoluteMs: number;
}

export interface Session {
  sessionId: string;
  windowId: string;
  userId: number;
  credentialVersion: number;
  startedAt: number;
  lastActivityAt: number;
  /** Captured at login: settings changes apply to new sessions only. */
  policy: SessionPolicy;
  /** Which warning the window was last told about. */
  warning: 'idle' | 'absolute' | null;
}

/** A session checked against the database just now, with its user as stored. */
export interface ActiveSession extends Session {
  user: UserRecord;
}

// A client PC that lost its link to the site server is a lock too: the person signs in again on the same work.
const LOCK_REASONS: readonly SessionEndReason[] = ['idle', 'absolute', 'os-lock', 'manual-lock', 'disconnected'];

export class SessionRegistry {
  private readonly byWindow = new Map<string, Session>();

  constructor(
    private readonly deps: {
      users: UsersRepository;
      audit: AuditRepository;
      clock: Clock;
      events: EventSink;
      /** Read when a session starts (the Sécurité settings live in the database). */
      policy: () => Promise<SessionPolicy>;
      /**
       * Milliseconds since the last keyboard/mouse input anywhere on the computer the window is on (Electron's
       * powerMonitor, which ignores the window; a site server answers with the idle time that window's PC reported).
       */
      systemIdleMs?: (windowId: string) => number;
    },
  ) {}

  async start(windowId: string, user: UserRecord): Promise<Session> {
    const policy = await this.deps.policy();
    if (this.byWindow.has(windowId)) await this.end(windowId, 'replaced');
    const now = this.deps.clock.now();
    const session: Session = {
      sessionId: randomUUID(),
      windowId,
      userId: user.id,
      credentialVersion: user.credentialVersion,
      startedAt: now,
      lastActivityAt: now,
      policy,
      warning: null,
    };
    this.byWindow.set(windowId, session);
    return session;
  }

  /**
   * The window's session if it is still valid. It ends here, on its next call, if a deadline passed, or if its
   * user was deactivated or deleted or their credential version moved on (password changed, reset, role changed).
   */
  async resolve(windowId: string): Promise<ActiveSession | null> {
    const session = this.byWindow.get(windowId);
    if (!session) return null;
    const expired = this.expiry(session, this.deps.clock.now());
    if (expired) {
      await this.end(windowId, expired);
      return null;
    }
    const user = await this.deps.users.findById(session.userId);
    // The session may have ended while the user was read (a lock, a sign-out): it must not come back.
    if (this.byWindow.get(windowId) !== session) return null;
    if (!user || !user.isActive || user.credentialVersion !== session.credentialVersion) {
      await this.end(windowId, 'revoked');
      return null;
    }
    return { ...session, user };
  }

  /** Real user input in this window: pushes the idle deadline back, and clears an idle warning. */
  recordActivity(windowId: string): SessionTiming {
    const session = this.require(windowId);
    session.lastActivityAt = this.deps.clock.now();
    this.refreshWarning(session);
    return this.timingOf(session);
  }

  timing(windowId: string): SessionTiming {
    return this.timingOf(this.require(windowId));
  }

  /** Checks every session's deadlines: warns, or ends. Called every second by main's timer and on OS resume. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    const ending: Promise<void>[] = [];
    for (const session of [...this.byWindow.values()]) {
      this.absorbSystemActivity(session, now);
      const expired = this.expiry(session, now);
      if (expired) ending.push(this.end(session.windowId, expired));
      else this.refreshWarning(session);
    }
    await Promise.all(ending);
  }

  /** Suspend or screen lock: every window locks at once. */
  async lockAll(reason: 'os-lock'): Promise<void> {
    await Promise.all([...this.byWindow.keys()].map((windowId) => this.end(windowId, reason)));
  }

  /**
   * Ends the window's session and tells that window, so it drops everything it shows. The session is gone and the
   * window told at once, before anything is awaited; the promise is the audit entry's write.
   */
  end(windowId: string, reason: SessionEndReason): Promise<void> {
    const session = this.byWindow.get(windowId);
    if (!session) return Promise.resolve();
    this.byWindow.delete(windowId);
    this.deps.events.send(windowId, 'session:ended', { reason });
    if (reason === 'logout') return Promise.resolve();
    const eventType = LOCK_REASONS.includes(reason) ? 'session.locked' : 'session.revoked';
    return this.deps.audit.append({ eventType, actorUserId: session.userId, subjectUserId: session.userId, details: { reason } }, this.deps.clock.now());
  }

  /** Returns how many windows were signed out. */
  async endAllForUser(userId: number, reason: SessionEndReason): Promise<number> {
    const windows = [...this.byWindow].filter(([, session]) => session.userId === userId).map(([windowId]) => windowId);
    await Promise.all(windows.map((windowId) => this.end(windowId, reason)));
    return windows.length;
  }

  /**
   * The user changed their own password in `keepWindowId`: that session carries on under the new credential
   * version, every other window of theirs ends. Returns how many ended.
   */
  async keepOnlyWindow(userId: number, keepWindowId: string, credentialVersion: number): Promise<number> {
    const kept = this.byWindow.get(keepWindowId);
    if (kept?.userId === userId) kept.credentialVersion = credentialVersion;
    const others = [...this.byWindow].filter(([windowId, session]) => session.userId === userId && windowId !== keepWindowId).map(([windowId]) => windowId);
    await Promise.all(others.map((windowId) => this.end(windowId, 'revoked')));
    return others.length;
  }

  /** Windows where this user is signed in now. */
  countForUser(userId: number): number {
    let count = 0;
    for (const session of this.byWindow.values()) if (session.userId === userId) count++;
    return count;
  }

  /**
   * A backup was restored: every window signs in again, on the restored data. No audit entry per session: the
   * restored database may not even hold those users (its audit log gets one "backup.restored" entry instead).
   */
  endEveryone(reason: 'restored'): number {
    const windows = [...this.byWindow.keys()];
    this.byWindow.clear();
    for (const windowId of windows) this.deps.events.send(windowId, 'session:ended', { reason });
    return windows.length;
  }

  /** The window is gone: nothing to notify. */
  forgetWindow(windowId: string): void {
    this.byWindow.delete(windowId);
  }

  /** Open sessions grouped by user: earliest start, latest activity, number of windows. */
  listByUser(): { userId: number; windows: number; startedAt: number; lastActivityAt: number }[] {
    const byUser = new Map<number, { userId: number; windows: number; startedAt: number; lastActivityAt: number }>();
    for (const session of this.byWindow.values()) {
      const entry = byUser.get(session.userId);
      if (!entry) byUser.set(session.userId, { userId: session.userId, windows: 1, startedAt: session.startedAt, lastActivityAt: session.lastActivityAt });
      else {
        entry.windows++;
        entry.startedAt = Math.min(entry.startedAt, session.startedAt);
        entry.lastActivityAt = Math.max(entry.lastActivityAt, session.lastActivityAt);
      }
    }
    return [...byUser.values()].sort((a, b) => b.lastActivityAt - a.lastActivityAt);
  }

  /** The windows where someone is signed in now (change events go only to them). */
  signedInWindows(): string[] {
    return [...this.byWindow.keys()];
  }

  activeCount(): number {
    return this.byWindow.size;
  }

  private require(windowId: string): Session {
    const session = this.byWindow.get(windowId);
    // The dispatcher resolved this session a moment ago; a missing one is a programming error.
    if (!session) throw new Error(`No session for window ${windowId}`);
    return session;
  }

  private absorbSystemActivity(session: Session, now: number): void {
    if (!this.deps.systemIdleMs) return;
    const lastSystemInput = now - this.deps.systemIdleMs(session.windowId);
    if (lastSystemInput > session.lastActivityAt) session.lastActivityAt = Math.min(lastSystemInput, now);
  }

  private expiry(session: Session, now: number): 'idle' | 'absolute' | null {
    const { idleDeadline, absoluteDeadline } = deadlines(session);
    if (now >= absoluteDeadline) return 'absolute';
    if (now >= idleDeadline) return 'idle';
    return null;
  }

  private refreshWarning(session: Session): void {
    const timing = this.timingOf(session);
    const reason = timing.warning?.reason ?? null;
    if (reason === session.warning) return;
    session.warning = reason;
    this.deps.events.send(session.windowId, 'session:timing', timing);
  }

  private timingOf(session: Session): SessionTiming {
    const now = this.deps.clock.now();
    const { idleDeadline, absoluteDeadline } = deadlines(session);
    const firstDeadline = Math.min(idleDeadline, absoluteDeadline);
    const reason = idleDeadline < absoluteDeadline ? 'idle' : 'absolute';
    const warning = now >= firstDeadline - session.policy.warningMs ? { reason, deadline: firstDeadline } as const : null;
    return { now, idleDeadline, absoluteDeadline, warning };
  }
}

function deadlines(session: Session): { idleDeadline: number; absoluteDeadline: number } {
  return {
    idleDeadline: session.lastActivityAt + session.policy.idleMs,
    absoluteDeadline: session.startedAt + session.policy.absoluteMs,
  };
}
