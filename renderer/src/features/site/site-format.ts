// Renderer (pure). The site screens' small decisions, kept free of React so they are unit-tested: the fingerprint
// cut into groups a person reads aloud over the phone, the enrolment code as it is typed, the countdowns, and which
// screen or banner a client PC's link state calls for.
import type { SiteConnectionEvent } from '../../../../shared/contract/events';
import type { SiteConnectionState, SiteRefusal, SiteStatus } from '../../../../shared/site/contract';

/**
 * `AB:CD:EF:01:…` (32 bytes) → 8 groups of 4 bytes (`AB:CD:EF:01`), cut as the server's console prints it: two
 * people compare it group by group, one reading from the server's screen or console, the other from the client PC's,
 * without losing their place.
 */
export function fingerprintGroups(fingerprint: string): string[] {
  const bytes = fingerprint.replace(/[^0-9A-Fa-f]/g, '').toUpperCase().match(/.{1,2}/g) ?? [];
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) groups.push(bytes.slice(i, i + 4).join(':'));
  return groups;
}

/** The enrolment code as the person types it: upper case, no spaces, the dashes put back (`ABCD-EFGH-JKLM`). */
export function formatCodeInput(value: string): string {
  const plain = value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12);
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

/** Whole seconds left until `at` (never negative; a part of a second counts as one). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** A code's time left as `14:05`: minutes and seconds, for a countdown read at a glance. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** How a client PC's link stands, from `site:status` updated by the latest `site:connection` event. */
export interface SiteLinkView {
  state: SiteConnectionState;
  refusal: SiteRefusal | null;
  nextAttemptAt: number | null;
  queuedRequests: number;
}

/** Null on a poste autonome and on the server (no link to show); the event, when one came, wins over the status. */
export function linkView(status: SiteStatus | null, event: SiteConnectionEvent | null): SiteLinkView | null {
  if (!status || status.mode !== 'client') return null;
  if (event) return { state: event.state, refusal: event.refusal, nextAttemptAt: event.nextAttemptAt, queuedRequests: event.queuedRequests };
  return { state: status.connection ?? 'reconnecting', refusal: status.refusal, nextAttemptAt: null, queuedRequests: status.queuedRequests };
}

/**
 * The screen a client PC shows before anything else: the enrolment screen while it is not enrolled, the refusal
 * screen while the server refuses it (revoked, another version, another certificate), else none (login or the app).
 * A poste autonome shows the enrolment screen only when the person asked for it from the first-run screen.
 */
export function siteScreen(view: SiteLinkView | null, enrolRequested: boolean): 'enrol' | 'refused' | null {
  if (enrolRequested) return 'enrol';
  if (!view) return null;
  if (view.state === 'not-enrolled') return 'enrol';
  if (view.state === 'refused') return 'refused';
  return null;
}

/** The banner over the login screen and the app: lost (with the next attempt), waiting DIs, or nothing. */
export type BannerView = { kind: 'reconnecting'; seconds: number | null; queued: number } | { kind: 'queued'; queued: number } | null;

export function bannerView(view: SiteLinkView | null, now: number): BannerView {
  if (!view) return null;
  if (view.state === 'reconnecting') return { kind: 'reconnecting', seconds: view.nextAttemptAt === null ? null : secondsUntil(view.nextAttemptAt, now), queued: view.queuedRequests };
  if (view.state === 'connected' && view.queuedRequests > 0) return { kind: 'queued', queued: view.queuedRequests };
  return null;
}
