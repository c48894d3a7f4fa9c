// Pure (Node). Renders every kind of email in the recipient's language, as HTML plus a plain-text part.
// One-time codes and links never enter the bodies: the bodies carry random markers, and `secrets` maps each
// marker to its value. The outbox stores the bodies as they are and the secrets sealed, fills the markers in
// only at send time (fillSecrets), then forgets the secrets.
import { randomBytes } from 'node:crypto';
import type { OutboxKind } from '../../../../shared/contract';
import { escapeHtml, layout, type HtmlBlock } from './html';
import { mailStringsEn, mailStringsFr, type MailStrings } from './strings';

export type Locale = 'fr' | 'en';

export interface MailContext {
  appName: string;
  siteName: string;
  locale: Locale;
  /** For dates in the body; the system's zone when absent. */
  timeZone?: string;
}

export type EmailInput =
  | { kind: 'reset_code'; displayName: string; username: string; code: string; link: string; validMinutes: number }
  | { kind: 'invitation'; displayName: string; username: string; invitedBy: string; code: string; link: string; validMinutes: number }
  | { kind: 'password_changed'; displayName: string; username: string; changedAt: number }
  | { kind: 'lockout'; displayName: string; identifier: string; failures: number; until: number }
  | { kind: 'approval_decision'; displayName: string; decision: 'approved' | 'rejected'; request: string; decidedBy: string; note: string | null }
  | { kind: 'test'; sentBy: string; server: string; sentAt: number };

export interface RenderedEmail {
  kind: OutboxKind;
  locale: Locale;
  subject: string;
  html: string;
  text: string;
  /** marker → secret value; empty for kinds that carry no secret. */
  secrets: Record<string, string>;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

export function formatDuration(minutes: number, s: MailStrings): string {
  if (minutes % 60 !== 0) return fill(s.durationMinutes, { n: minutes });
  return minutes === 60 ? s.durationHour : fill(s.durationHours, { n: minutes / 60 });
}

function formatDate(ms: number, context: MailContext): string {
  return new Intl.DateTimeFormat(context.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    ...(context.timeZone ? { timeZone: context.timeZone } : {}),
  }).format(ms);
}

/** A paragraph of plain text, escaped for HTML. */
const p = (text: string, kind: 'p' | 'note' = 'p'): HtmlBlock => ({ kind, html: escapeHtml(text) });

export function renderEmail(input: EmailInput, context: MailContext): RenderedEmail {
  const s = context.locale === 'en' ? mailStringsEn : mailStringsFr;
  const app = context.appName;
  const place = context.siteName ? `${app} (${context.siteName})` : app;
  const common = { app, place };
  const nonce = randomBytes(6).toString('hex');
  const secrets: Record<string, string> = {};
  const secret = (name: string, value: string) => {
    const marker = `[[secret:${name}:${nonce}]]`;
    secrets[marker] = value;
    return marker;
  };

  let subject: string;
  let heading: string;
  let blocks: HtmlBlock[];
  let lines: string[];

  switch (input.kind) {
    case 'reset_code':
    case 'invitation': {
      const t = input.kind === 'reset_code' ? s.reset : s.invitation;
      const code = secret('code', input.code);
      const link = secret('link', input.link);
      const values = { ...common, username: input.username, duration: formatDuration(input.validMinutes, s), invitedBy: input.kind === 'invitation' ? input.invitedBy : '' };
      subject = fill(t.subject, values);
      heading = t.heading;
      const greeting = fill(s.greeting, { name: input.displayName });
      blocks = [
        p(greeting),
        p(fill(t.intro, values)),
        p(t.codeLead),
        { kind: 'code', html: code },
        p(fill(t.expiry, values)),
        p(fill(t.linkLead, values), 'note'),
        { kind: 'link', html: escapeHtml(fill(t.button, values)), href: link },
        { kind: 'note', html: `<span style="word-break:break-all">${link}</span>` },
        p(t.ignore, 'note'),
      ];
      lines = [greeting, '', fill(t.intro, values), '', t.codeLead, '', `    ${code}`, '', fill(t.expiry, values), '', fill(t.linkLead, values), link, '', t.ignore];
      break;
    }
    case 'password_changed': {
      const t = s.passwordChanged;
      const values = { ...common, username: input.username, date: formatDate(input.changedAt, context) };
      subject = fill(t.subject, values);
      heading = t.heading;
      const greeting = fill(s.greeting, { name: input.displayName });
      blocks = [p(greeting), p(fill(t.body, values)), p(t.sessions), { kind: 'p', html: `<strong>${escapeHtml(t.warning)}</strong>` }];
      lines = [greeting, '', fill(t.body, values), '', t.sessions, '', t.warning];
      break;
    }
    case 'lockout': {
      const t = s.lockout;
      const values = { ...common, identifier: input.identifier, failures: input.failures, until: formatDate(input.until, context) };
      subject = fill(t.subject, values);
      heading = t.heading;
      const greeting = fill(s.greeting, { name: input.displayName });
      blocks = [p(greeting), p(fill(t.body, values)), p(t.unchanged), { kind: 'p', html: `<strong>${escapeHtml(t.advice)}</strong>` }];
      lines = [greeting, '', fill(t.body, values), '', t.unchanged, '', t.advice];
      break;
    }
    case 'approval_decision': {
      const t = s.approval;
      const approved = input.decision === 'approved';
      const values = { ...common, request: input.request, decidedBy: input.decidedBy, note: input.note ?? '' };
      subject = fill(approved ? t.approvedSubject : t.rejectedSubject, values);
      heading = approved ? t.approvedHeading : t.rejectedHeading;
      const greeting = fill(s.greeting, { name: input.displayName });
      const body = fill(approved ? t.approvedBody : t.rejectedBody, values);
      const next = approved ? t.approvedNext : t.rejectedNext;
      const note = input.note ? [fill(t.note, values)] : [];
      blocks = [p(greeting), p(body), ...note.map((n) => p(n)), p(next)];
      lines = [greeting, '', body, ...note.flatMap((n) => ['', n]), '', next];
      break;
    }
    case 'test': {
      const t = s.test;
      const values = { ...common, sentBy: input.sentBy, server: input.server, date: formatDate(input.sentAt, context) };
      subject = fill(t.subject, values);
      heading = t.heading;
      blocks = [p(fill(t.body, values)), p(t.note, 'note')];
      lines = [fill(t.body, values), '', t.note];
      break;
    }
  }

  const footer = fill(s.footer, { app: place });
  const html = layout({ lang: context.locale, title: subject, preheader: heading, heading, blocks, footer });
  const text = [heading, '='.repeat(heading.length), '', ...lines, '', '--', footer, ''].join('\n');
  return { kind: input.kind, locale: context.locale, subject, html, text, secrets };
}

/** Puts the secrets back in place of their markers, escaped for HTML when `html`. */
export function fillSecrets(body: string, secrets: Record<string, string>, html: boolean): string {
  let out = body;
  for (const [marker, value] of Object.entries(secrets)) out = out.split(marker).join(html ? escapeHtml(value) : value);
  return out;
}
