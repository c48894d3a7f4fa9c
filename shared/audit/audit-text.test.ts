// The words of the security log: a label for every known type in both languages, a readable sentence for
// the details of known events, and the raw text for anything else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EVENT_GROUPS, KNOWN_AUDIT_EVENT_TYPES } from './audit-catalog';
import { auditEventLabel, auditGroupLabel, auditSubjectText, describeAuditDetails, formatAuditDateTime } from './audit-text';

const previousTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  process.env.TZ = previousTz;
  if (previousTz === undefined) delete process.env.TZ;
});

describe('labels', () => {
  it('gives every known type a label of its own in French and English', () => {
    for (const language of ['fr', 'en'] as const) {
      const labels = KNOWN_AUDIT_EVENT_TYPES.map((type) => auditEventLabel(type, language));
      expect(labels.every((label, i) => label !== KNOWN_AUDIT_EVENT_TYPES[i])).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    }
    expect(auditEventLabel('login.failure', 'fr')).toBe('Échec de connexion');
    expect(auditGroupLabel('logins', 'fr')).toBe('Connexions');
  });

  it('puts each type in exactly one group', () => {
    const all = AUDIT_EVENT_GROUPS.flatMap((group) => group.types);
    expect(new Set(all).size).toBe(all.length);
  });

  it('shows a type added later by its raw name instead of hiding it', () => {
    expect(auditEventLabel('workorder.closed', 'fr')).toBe('workorder.closed');
  });
});

describe('details', () => {
  it('turns known details into French sentences', () => {
    expect(describeAuditDetails('login.failure', { reason: 'wrong_password' }, 'fr')).toBe('Motif : mot de passe incorrect');
    expect(describeAuditDetails('session.locked', { reason: 'idle' }, 'fr')).toBe('Motif : inactivité');
    expect(describeAuditDetails('login.throttled', { delaySeconds: 60, consecutiveFailures: 5 }, 'fr')).toBe('Attente de 60 s après 5 échecs consécutifs');
    expect(describeAuditDetails('login.throttled', { delaySeconds: 900, consecutiveFailures: 9 }, 'fr')).toBe('Attente de 15 min après 9 échecs consécutifs');
    expect(describeAuditDetails('sessions.ended_by_admin', { ended: 2 }, 'fr')).toBe('2 fenêtres fermées');
    expect(describeAuditDetails('sessions.ended_by_admin', { ended: 1 }, 'fr')).toBe('1 fenêtre fermée');
    expect(
      describeAuditDetails(
        'settings.updated',
        { section: 'security', changes: [{ setting: 'idleMinutes', from: 15, to: 20 }, { setting: 'newPolicy', from: false, to: true }] },
        'fr',
      ),
    ).toBe('Sécurité — Verrouillage après inactivité (minutes) : 15 → 20 ; newPolicy : non → oui');
    expect(describeAuditDetails('audit.settings_updated', { fromDays: 730, toDays: 365 }, 'fr')).toBe('Durée de conservation : 730 → 365 jours');
  });

  it('describes a prune with its local cutoff and an export with its filters', () => {
    const cutoff = new Date(2024, 0, 15, 9, 30, 5).getTime();
    expect(describeAuditDetails('audit.pruned', { count: 1234, cutoff, retentionDays: 730 }, 'fr')).toBe(
      '1\u202f234 entrées antérieures au 15/01/2024 09:30:05 supprimées (conservation : 730 jours)',
    );
    expect(
      describeAuditDetails(
        'audit.exported',
        { rows: 3, capped: false, filter: { userName: 'Marie Dupont (m.dupont)', eventTypes: ['login.failure'], from: '2026-01-01', to: '2026-01-31' } },
        'fr',
      ),
    ).toBe('3 lignes exportées — filtres : utilisateur Marie Dupont (m.dupont) ; événements Échec de connexion ; du 01/01/2026 ; au 31/01/2026');
    expect(describeAuditDetails('audit.exported', { rows: 100000, capped: true, filter: {} }, 'en')).toBe(
      '100,000 rows exported (limit reached, export incomplete) — filters: no filter',
    );
  });

  it('falls back to key=value for unknown types and unexpected shapes, and says nothing for no details', () => {
    expect(describeAuditDetails('workorder.closed', { id: 12, by: 'x', tags: ['a'] }, 'fr')).toBe('id=12, by=x, tags=["a"]');
    expect(describeAuditDetails('login.failure', { motif: 'autre' }, 'fr')).toBe('motif=autre');
    expect(describeAuditDetails('login.failure', { reason: 'new_reason' }, 'fr')).toBe('Motif : new_reason');
    expect(describeAuditDetails('settings.updated', { changes: [null] }, 'fr')).toBe('changes=[null]');
    expect(describeAuditDetails('logout', null, 'fr')).toBe('');
    expect(describeAuditDetails('logout', {}, 'fr')).toBe('');
  });
});

describe('people and dates', () => {
  it('names an account, or quotes the name typed at login', () => {
    const subject = { username: 'm.dupont', displayName: 'Marie Dupont' };
    expect(auditSubjectText({ subject, subjectLabel: 'm.dupont' }, 'fr')).toBe('Marie Dupont (m.dupont)');
    expect(auditSubjectText({ subject: null, subjectLabel: 'inconnu' }, 'fr')).toBe('« inconnu » (saisi)');
    expect(auditSubjectText({ subject: null, subjectLabel: null }, 'fr')).toBe('');
  });

  it('writes JJ/MM/AAAA HH:MM:SS in local time', () => {
    expect(formatAuditDateTime(Date.UTC(2026, 10, 21, 13, 3, 2))).toBe('21/11/2026 14:03:02'); // UTC+1 in November
    expect(formatAuditDateTime(Date.UTC(2026, 6, 1, 22, 0, 0))).toBe('02/07/2026 00:00:00'); // UTC+2 in summer
  });
});
