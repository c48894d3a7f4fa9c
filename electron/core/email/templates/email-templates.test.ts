// Every kind of email, in French and English, sent through the real outbox to a real SMTP server and parsed
// back with mailparser: subject, HTML part, text part, escaping, no remote content, secrets filled in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureSmtp, signInAdmin } from '../../../../tests/support/mail-fixtures';
import { startSmtpTestServer, testTransportFactory, type ReceivedMail, type SmtpTestServer } from '../../../../tests/support/smtp-test-server';
import { createTestCore, type TestCore } from '../../../../tests/support/test-core';
import { fillSecrets, renderEmail, type EmailInput, type Locale } from './email-templates';

const NAME = 'Zoé <b>"Lefèvre"</b> & Cie';
const CODE = 'K7Q2M-9XJ4P';
const LINK = 'gmao-atelier://reset?token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
const AT = Date.UTC(2026, 0, 15, 8, 30);

const INPUTS: EmailInput[] = [
  { kind: 'reset_code', displayName: NAME, username: 'z.lefevre', code: CODE, link: LINK, validMinutes: 60 },
  { kind: 'invitation', displayName: NAME, username: 'z.lefevre', invitedBy: 'Marie Dupont', code: CODE, link: LINK, validMinutes: 72 * 60 },
  { kind: 'password_changed', displayName: NAME, username: 'z.lefevre', changedAt: AT },
  { kind: 'lockout', displayName: NAME, identifier: 'z.lefevre', failures: 5, until: AT },
  { kind: 'approval_decision', displayName: NAME, decision: 'approved', request: 'Réinitialisation du mot de passe', decidedBy: 'Marie Dupont', note: 'Vu au poste 3' },
  { kind: 'approval_decision', displayName: NAME, decision: 'rejected', request: 'Réinitialisation du mot de passe', decidedBy: 'Marie Dupont', note: null },
  { kind: 'test', sentBy: 'Marie Dupont', server: 'smtp.gmail.com:587', sentAt: AT },
];

/** A phrase each kind must carry, per language, in both parts. */
const EXPECTED: Record<string, Record<Locale, string>> = {
  reset_code: { fr: 'Ce code est valable 1 heure', en: 'This code is valid for 1 hour' },
  invitation: { fr: 'Ce code est valable 72 heures', en: 'This code is valid for 72 hours' },
  password_changed: { fr: 'Si ce n’était pas vous, prévenez votre administrateur', en: 'If this was not you, tell your administrator' },
  lockout: { fr: 'Les connexions avec cet identifiant sont suspendues', en: 'Sign-ins with this name are suspended' },
  approval_decision: { fr: 'par Marie Dupont', en: 'by Marie Dupont' },
  test: { fr: 'par le serveur smtp.gmail.com:587', en: 'through the server smtp.gmail.com:587' },
};

let smtp: SmtpTestServer;
let core: TestCore;
const received: { input: EmailInput; locale: Locale; mail: ReceivedMail }[] = [];

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  core = await createTestCore({ mailTransport: await testTransportFactory() });
  await signInAdmin(core);
  await configureSmtp(core, smtp, { siteName: 'Usine de Lyon' });
  const order: { input: EmailInput; locale: Locale; to: string }[] = [];
  for (const locale of ['fr', 'en'] as const) {
    for (const [index, input] of INPUTS.entries()) {
      const to = `dest${order.length}-${index}@usine.example`;
      order.push({ input, locale, to });
      const email = renderEmail(input, { appName: 'GMAO Atelier', siteName: 'Usine de Lyon', locale, timeZone: 'Europe/Paris' });
      await core.mail.outbox.enqueue({ email, to, userId: null, expiresAt: null });
    }
  }
  await core.mail.flush();
  const mails = await smtp.waitForMessages(order.length);
  for (const entry of order) received.push({ ...entry, mail: mails.find((m) => m.to[0] === entry.to) as ReceivedMail });
});

afterAll(async () => {
  await core.dispose();
  await smtp.close();
});

describe('email templates through SMTP', () => {
  it('delivered one message per kind and language, each with an HTML and a text part', () => {
    expect(received).toHaveLength(INPUTS.length * 2);
    for (const { mail } of received) {
      expect(mail.html.length).toBeGreaterThan(200);
      expect(mail.text.length).toBeGreaterThan(50);
      expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    }
  });

  for (const locale of ['fr', 'en'] as const) {
    for (const input of INPUTS) {
      it(`${input.kind}${input.kind === 'approval_decision' ? ` (${input.decision})` : ''} in ${locale}`, () => {
        const { mail } = received.find((r) => r.input === input && r.locale === locale) as (typeof received)[number];
        const phrase = EXPECTED[input.kind][locale];
        expect(mail.text).toContain(phrase);
        expect(mail.html.replace(/&#39;/g, "'")).toContain(phrase.replace(/&/g, '&amp;'));
        expect(mail.subject).toContain('GMAO Atelier');
        expect(mail.html).toContain(`<html lang="${locale}">`);
        expect(mail.html).toContain('name="viewport"');
        // Phone-readable, self-contained: no image, no stylesheet, nothing remote.
        expect(mail.html).not.toMatch(/<img|<link|<script|https?:\/\//i);
        expect(mail.text + mail.html).toContain('Usine de Lyon');
        // Secrets were filled in at send time; no marker leaks out.
        expect(mail.text + mail.html).not.toContain('[[secret:');
        if ('displayName' in input) {
          expect(mail.text).toContain(NAME);
          expect(mail.html).not.toContain('<b>"Lef');
          expect(mail.html).toContain('Zoé &lt;b&gt;&quot;Lefèvre&quot;&lt;/b&gt; &amp; Cie');
        }
        if (input.kind === 'reset_code' || input.kind === 'invitation') {
          expect(mail.text).toContain(CODE);
          expect(mail.text).toContain(LINK);
          expect(mail.html).toContain(CODE);
          expect(mail.html).toContain(`href="${LINK}"`);
        }
      });
    }
  }

  it('keeps codes and links out of the bodies it returns: markers only, filled from `secrets`', () => {
    const email = renderEmail(INPUTS[0], { appName: 'GMAO Atelier', siteName: '', locale: 'fr' });
    expect(email.html + email.text + email.subject).not.toContain(CODE);
    expect(email.html + email.text).not.toContain(LINK);
    expect(Object.values(email.secrets).sort()).toEqual([CODE, LINK].sort());
    expect(fillSecrets(email.text, email.secrets, false)).toContain(CODE);
    // Two renderings never share markers, so a name that looks like a marker can't pull a secret in.
    const again = renderEmail(INPUTS[0], { appName: 'GMAO Atelier', siteName: '', locale: 'fr' });
    expect(Object.keys(again.secrets)).not.toEqual(Object.keys(email.secrets));
  });
});
