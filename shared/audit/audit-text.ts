// Pure (main and renderer). What the security audit log says, in French and English: event labels, the
// filter's group names and a readable sentence for each event's details. It lives in shared/ because main
// writes the same words into the CSV export that the "Journal de sécurité" screen shows.
// To add an event type: put it in a group of audit-catalog.ts, then its label in EVENT_LABELS (both
// languages; TypeScript refuses a missing one) and, if its details deserve a sentence, a describer below.
import type { AuditEventGroupId, KnownAuditEventType } from './audit-catalog';

export type AuditLanguage = 'fr' | 'en';

const EVENT_LABELS: Record<AuditLanguage, Record<KnownAuditEventType, string>> = {
  fr: {
    'login.success': 'Connexion réussie',
    'login.failure': 'Échec de connexion',
    'login.throttled': 'Identifiant mis en attente',
    'login.unthrottled': 'Identifiant débloqué',
    logout: 'Déconnexion',
    'session.locked': 'Session verrouillée',
    'session.revoked': 'Session fermée',
    'sessions.ended_by_admin': 'Sessions fermées par un administrateur',
    'password.changed': 'Mot de passe changé',
    'password.reset_by_admin': 'Mot de passe réinitialisé par un administrateur',
    'password.temporary_used': 'Mot de passe temporaire utilisé',
    'password.change_postponed': 'Changement de mot de passe reporté',
    'password.change_failed': 'Changement de mot de passe refusé (mot de passe actuel incorrect)',
    'password.recovered': 'Mot de passe réinitialisé (récupération)',
    'setup.first_admin': 'Premier administrateur créé',
    'user.created': 'Compte créé',
    'user.updated': 'Compte modifié',
    'user.deactivated': 'Compte désactivé',
    'user.reactivated': 'Compte réactivé',
    'settings.updated': 'Paramètres modifiés',
    'mail.test_sent': 'E-mail de test envoyé',
    'mail.test_failed': "Échec de l'e-mail de test",
    'mail.sent': 'E-mail envoyé',
    'mail.send_failed': "Tentative d'envoi échouée (nouvel essai prévu)",
    'mail.failed': "Échec définitif d'envoi d'un e-mail",
    'mail.resent': 'E-mail remis en file par un administrateur',
    'reset.requested': 'Code de réinitialisation demandé',
    'reset.code_issued': 'Code de réinitialisation émis',
    'reset.code_rejected': 'Code de réinitialisation refusé',
    'reset.completed': 'Mot de passe réinitialisé par code e-mail',
    'invite.issued': 'Invitation envoyée',
    'approval.requested': 'Approbation demandée',
    'approval.approved': 'Demande approuvée',
    'approval.rejected': 'Demande refusée',
    'approval.completed': 'Demande exécutée',
    'approval.expired': 'Demande expirée',
    'approval.cancelled': 'Demande annulée',
    'approval.code_failed': 'Code de référence erroné',
    'recovery.code_issued': 'Code de secours émis (informatique)',
    'recovery.code_used': 'Code de secours utilisé',
    'recovery.code_failed': 'Code de secours erroné',
    'recovery.code_cancelled': 'Code de secours annulé',
    'backup.created': 'Sauvegarde créée',
    'backup.restored': 'Sauvegarde restaurée',
    'backup.exported': 'Sauvegarde exportée',
    'backup.imported': 'Sauvegarde importée',
    'audit.pruned': 'Anciennes entrées du journal supprimées',
    'audit.exported': 'Journal exporté (CSV)',
    'audit.settings_updated': 'Conservation du journal modifiée',
    'location.created': 'Localisation créée',
    'location.updated': 'Localisation modifiée',
    'equipment.created': 'Équipement créé',
    'equipment.updated': 'Équipement modifié',
    'meter.created': 'Compteur ajouté',
    'meter.updated': 'Compteur modifié',
    'site.enrolment-code.created': 'Code de raccordement de poste créé',
    'site.workstation.enrolled': 'Poste de travail raccordé au serveur',
    'site.workstation.refused': 'Poste de travail refusé par le serveur',
    'site.workstation.revoked': 'Poste de travail retiré du serveur',
    'attachment.added': 'Pièce jointe ajoutée',
    'attachment.deleted': 'Pièce jointe supprimée',
    'reference.created': 'Élément de liste de référence ajouté',
    'reference.updated': 'Élément de liste de référence modifié',
    'equipment.imported': 'Équipements et localisations importés',
    'equipment.exported': 'Équipements ou localisations exportés',
    'equipment.labels_printed': 'Étiquettes QR imprimées',
    'work_order.closed': 'OT clôturé',
    'work_order.cancelled': 'OT annulé',
    'request.reported': "Demande d'intervention (DI) signalée",
    'request.accepted': 'DI acceptée (OT créé)',
    'request.refused': 'DI refusée',
    'request.duplicate': 'DI marquée comme doublon',
    'request.cancelled': 'DI annulée par son auteur',
    'checklist.created': 'Gamme créée',
    'checklist.updated': 'Gamme modifiée',
    'checklist.deactivated': 'Gamme désactivée',
    'checklist.reactivated': 'Gamme réactivée',
    'checklist.deleted': 'Gamme supprimée',
    'part.created': 'Pièce de rechange créée',
    'part.updated': 'Pièce de rechange modifiée',
    'part.where_used_added': 'Équipement ajouté aux utilisations d’une pièce',
    'part.where_used_removed': 'Équipement retiré des utilisations d’une pièce',
    'parts.imported': 'Pièces de rechange importées',
    'parts.exported': 'Pièces de rechange exportées',
    'parts.labels_printed': 'Étiquettes QR du magasin imprimées',
    'site_calendar.time_zone_changed': 'Fuseau horaire du site modifié',
    'site_calendar.holiday_added': 'Jour férié ajouté ou renommé',
    'site_calendar.holiday_removed': 'Jour férié retiré',
    'site_calendar.holidays_filled': "Jours fériés français d'une année ajoutés",
    'labour_rate.changed': 'Taux horaire modifié',
    'work_order.service_added': 'Prestation externe ajoutée à un OT',
    'work_order.service_removed': 'Prestation externe retirée d’un OT',
    'preventive.plan_created': 'Plan de maintenance créé',
    'preventive.plan_updated': 'Plan de maintenance modifié',
    'preventive.plan_paused': 'Plan de maintenance suspendu',
    'preventive.plan_resumed': 'Plan de maintenance repris',
    'preventive.plan_archived': 'Plan de maintenance archivé',
  },
  en: {
    'login.success': 'Successful sign-in',
    'login.failure': 'Failed sign-in',
    'login.throttled': 'Name made to wait',
    'login.unthrottled': 'Name unblocked',
    logout: 'Sign-out',
    'session.locked': 'Session locked',
    'session.revoked': 'Session ended',
    'sessions.ended_by_admin': 'Sessions ended by an administrator',
    'password.changed': 'Password changed',
    'password.reset_by_admin': 'Password reset by an administrator',
    'password.temporary_used': 'Temporary password used',
    'password.change_postponed': 'Password change postponed',
    'password.change_failed': 'Password change refused (wrong current password)',
    'password.recovered': 'Password reset (recovery)',
    'setup.first_admin': 'First administrator created',
    'user.created': 'Account created',
    'user.updated': 'Account updated',
    'user.deactivated': 'Account deactivated',
    'user.reactivated': 'Account reactivated',
    'settings.updated': 'Settings changed',
    'mail.test_sent': 'Test email sent',
    'mail.test_failed': 'Test email failed',
    'mail.sent': 'Email sent',
    'mail.send_failed': 'Sending attempt failed (will retry)',
    'mail.failed': 'Email finally failed',
    'mail.resent': 'Email queued again by an administrator',
    'reset.requested': 'Reset code requested',
    'reset.code_issued': 'Reset code issued',
    'reset.code_rejected': 'Reset code refused',
    'reset.completed': 'Password reset with an emailed code',
    'invite.issued': 'Invitation sent',
    'approval.requested': 'Approval requested',
    'approval.approved': 'Request approved',
    'approval.rejected': 'Request rejected',
    'approval.completed': 'Request carried out',
    'approval.expired': 'Request expired',
    'approval.cancelled': 'Request cancelled',
    'approval.code_failed': 'Wrong reference code',
    'recovery.code_issued': 'Recovery code issued (IT)',
    'recovery.code_used': 'Recovery code used',
    'recovery.code_failed': 'Wrong recovery code',
    'recovery.code_cancelled': 'Recovery code cancelled',
    'backup.created': 'Backup created',
    'backup.restored': 'Backup restored',
    'backup.exported': 'Backup exported',
    'backup.imported': 'Backup imported',
    'audit.pruned': 'Old log entries deleted',
    'audit.exported': 'Log exported (CSV)',
    'audit.settings_updated': 'Log retention changed',
    'location.created': 'Location created',
    'location.updated': 'Location updated',
    'equipment.created': 'Equipment created',
    'equipment.updated': 'Equipment updated',
    'meter.created': 'Meter added',
    'meter.updated': 'Meter changed',
    'site.enrolment-code.created': 'Workstation enrolment code created',
    'site.workstation.enrolled': 'Workstation enrolled with the server',
    'site.workstation.refused': 'Workstation refused by the server',
    'site.workstation.revoked': 'Workstation revoked from the server',
    'attachment.added': 'Attachment added',
    'attachment.deleted': 'Attachment deleted',
    'reference.created': 'Reference list item added',
    'reference.updated': 'Reference list item changed',
    'equipment.imported': 'Equipment and locations imported',
    'equipment.exported': 'Equipment or locations exported',
    'equipment.labels_printed': 'QR labels printed',
    'work_order.closed': 'Work order closed',
    'work_order.cancelled': 'Work order cancelled',
    'request.reported': 'Work request (DI) reported',
    'request.accepted': 'Work request accepted (work order created)',
    'request.refused': 'Work request refused',
    'request.duplicate': 'Work request marked as duplicate',
    'request.cancelled': 'Work request cancelled by its reporter',
    'checklist.created': 'Checklist created',
    'checklist.updated': 'Checklist changed',
    'checklist.deactivated': 'Checklist deactivated',
    'checklist.reactivated': 'Checklist reactivated',
    'checklist.deleted': 'Checklist deleted',
    'part.created': 'Spare part created',
    'part.updated': 'Spare part updated',
    'part.where_used_added': 'Equipment added to a part’s where-used',
    'part.where_used_removed': 'Equipment removed from a part’s where-used',
    'parts.imported': 'Spare parts imported',
    'parts.exported': 'Spare parts exported',
    'parts.labels_printed': 'Stores QR labels printed',
    'site_calendar.time_zone_changed': 'Site time zone changed',
    'site_calendar.holiday_added': 'Public holiday added or renamed',
    'site_calendar.holiday_removed': 'Public holiday removed',
    'site_calendar.holidays_filled': "A year's French public holidays added",
    'labour_rate.changed': 'Hourly rate changed',
    'work_order.service_added': 'External service added to a work order',
    'work_order.service_removed': 'External service removed from a work order',
    'preventive.plan_created': 'Maintenance plan created',
    'preventive.plan_updated': 'Maintenance plan changed',
    'preventive.plan_paused': 'Maintenance plan paused',
    'preventive.plan_resumed': 'Maintenance plan resumed',
    'preventive.plan_archived': 'Maintenance plan archived',
  },
};

const GROUP_LABELS: Record<AuditLanguage, Record<AuditEventGroupId, string>> = {
  fr: {
    logins: 'Connexions',
    sessions: 'Sessions',
    passwords: 'Mots de passe',
    accounts: 'Comptes',
    settings: 'Paramètres',
    mail: 'Messagerie',
    approvals: 'Approbations',
    backups: 'Sauvegardes',
    audit: 'Journal de sécurité',
    equipment: 'Équipements et pièces jointes',
    reference: 'Listes de référence',
    equipment_io: 'Import et export des équipements',
    'work-orders': 'Ordres de travail',
    requests: "Demandes d'intervention",
    checklists: 'Gammes',
    parts: 'Pièces de rechange',
    site_calendar: 'Calendrier du site (préventif)',
    costs: 'Coûts',
    'preventive-plans': 'Plans de maintenance',
    meters: 'Compteurs',
    site: 'Serveur de site et postes',
  },
  en: {
    logins: 'Sign-ins',
    sessions: 'Sessions',
    passwords: 'Passwords',
    accounts: 'Accounts',
    settings: 'Settings',
    mail: 'Email',
    approvals: 'Approvals',
    backups: 'Backups',
    audit: 'Security log',
    equipment: 'Equipment and attachments',
    reference: 'Reference lists',
    equipment_io: 'Equipment import and export',
    'work-orders': 'Work orders',
    requests: 'Work requests',
    checklists: 'Checklists',
    parts: 'Spare parts',
    site_calendar: 'Site calendar (preventive)',
    costs: 'Costs',
    'preventive-plans': 'Maintenance plans',
    meters: 'Meters',
    site: 'Site server and workstations',
  },
};

/** The label of an event type; a type added later without a label shows as itself rather than vanishing. */
export function auditEventLabel(type: string, language: AuditLanguage): string {
  return (EVENT_LABELS[language] as Record<string, string>)[type] ?? type;
}

export function auditGroupLabel(group: AuditEventGroupId, language: AuditLanguage): string {
  return GROUP_LABELS[language][group];
}

/** JJ/MM/AAAA HH:MM:SS in the local time of whoever formats it (main for the CSV, the screen for the table). */
export function formatAuditDateTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** JJ/MM/AAAA of a YYYY-MM-DD day, as the filter stores it. */
function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

export interface AuditPersonRef {
  username: string;
  displayName: string;
}

/** "Marie Dupont (m.dupont)", or the name as typed at login when it matches no account. */
export function auditSubjectText(
  entry: { subject: AuditPersonRef | null; subjectLabel: string | null },
  language: AuditLanguage,
): string {
  if (entry.subject) return auditPersonText(entry.subject);
  if (entry.subjectLabel) return language === 'fr' ? `« ${entry.subjectLabel} » (saisi)` : `“${entry.subjectLabel}” (typed)`;
  return '';
}

export function auditPersonText(person: AuditPersonRef | null): string {
  return person ? `${person.displayName} (${person.username})` : '';
}

// ---------------------------------------------------------------------------------------------------------
// Details: one readable sentence per known event; `key=value` for anything else.

type Details = Record<string, unknown>;

interface Phrases {
  numberLocale: string;
  yes: string;
  no: string;
  reasons: Record<string, string>;
  sections: Record<string, string>;
  settings: Record<string, string>;
  reason: (reason: string) => string;
  throttled: (delay: string, failures: string) => string;
  sessionsEnded: (count: number, n: string) => string;
  change: (setting: string, from: string, to: string) => string;
  section: (section: string, changes: string) => string;
  pruned: (count: number, n: string, cutoff: string, days: string) => string;
  exported: (count: number, n: string, capped: boolean) => string;
  filters: { none: string; user: string; text: string; events: string; from: string; to: string; label: string };
  retention: (from: string, to: string) => string;
  seconds: (n: string) => string;
  minutes: (n: string) => string;
}

const plural = (count: number, one: string, many: string) => (Math.abs(count) < 2 ? one : many);

const PHRASES: Record<AuditLanguage, Phrases> = {
  fr: {
    numberLocale: 'fr-FR',
    yes: 'oui',
    no: 'non',
    reasons: {
      unknown_user: 'identifiant inconnu',
      wrong_password: 'mot de passe incorrect',
      inactive: 'compte désactivé',
      idle: 'inactivité',
      absolute: 'durée maximale de session atteinte',
      'os-lock': "mise en veille ou verrouillage de l'ordinateur",
      'manual-lock': 'verrouillage demandé par l’utilisateur',
      revoked: 'fermée par un administrateur ou après un changement du compte',
      replaced: 'une autre personne s’est connectée dans la fenêtre',
      logout: 'déconnexion',
      disconnected: 'connexion du poste au serveur perdue',
      'unknown-workstation': 'poste inconnu du serveur (identifiant de poste absent ou faux)',
      'workstation-revoked': 'poste retiré par un administrateur',
      version: 'version de l’application non prise en charge par le serveur',
      'pin-mismatch': 'empreinte du certificat différente de celle du serveur',
      'enrolment-code-invalid': 'code de raccordement inconnu, expiré ou déjà utilisé',
    },
    sections: { security: 'Sécurité' },
    settings: {
      idleMinutes: 'Verrouillage après inactivité (minutes)',
      warningSeconds: 'Avertissement avant verrouillage (secondes)',
      absoluteHours: 'Durée maximale d’une session (heures)',
      throttleMaxFailures: 'Échecs consécutifs avant attente',
      throttleBaseDelaySeconds: 'Première attente (secondes)',
      throttleMaxDelayMinutes: 'Attente maximale (minutes)',
      throttleResetHours: 'Remise à zéro sans échec après (heures)',
    },
    reason: (reason) => `Motif : ${reason}`,
    throttled: (delay, failures) => `Attente de ${delay} après ${failures} échecs consécutifs`,
    sessionsEnded: (count, n) => `${n} ${plural(count, 'fenêtre fermée', 'fenêtres fermées')}`,
    change: (setting, from, to) => `${setting} : ${from} → ${to}`,
    section: (section, changes) => `${section} — ${changes}`,
    pruned: (count, n, cutoff, days) =>
      `${n} ${plural(count, 'entrée antérieure', 'entrées antérieures')} au ${cutoff} ${plural(count, 'supprimée', 'supprimées')} (conservation : ${days} jours)`,
    exported: (count, n, capped) =>
      `${n} ${plural(count, 'ligne exportée', 'lignes exportées')}${capped ? ' (limite atteinte, export incomplet)' : ''}`,
    filters: { none: 'sans filtre', user: 'utilisateur', text: 'texte', events: 'événements', from: 'du', to: 'au', label: 'filtres' },
    retention: (from, to) => `Durée de conservation : ${from} → ${to} jours`,
    seconds: (n) => `${n} s`,
    minutes: (n) => `${n} min`,
  },
  en: {
    numberLocale: 'en-GB',
    yes: 'yes',
    no: 'no',
    reasons: {
      unknown_user: 'unknown name',
      wrong_password: 'wrong password',
      inactive: 'account deactivated',
      idle: 'inactivity',
      absolute: 'maximum session length reached',
      'os-lock': 'computer asleep or locked',
      'manual-lock': 'locked by the user',
      revoked: 'ended by an administrator or after an account change',
      replaced: 'someone else signed in in the window',
      logout: 'sign-out',
      disconnected: 'the workstation lost its connection to the server',
      'unknown-workstation': 'workstation unknown to the server (missing or wrong credential)',
      'workstation-revoked': 'workstation revoked by an administrator',
      version: 'app version not supported by the server',
      'pin-mismatch': 'certificate fingerprint differs from the server’s',
      'enrolment-code-invalid': 'enrolment code unknown, expired or already used',
    },
    sections: { security: 'Security' },
    settings: {
      idleMinutes: 'Lock after inactivity (minutes)',
      warningSeconds: 'Warning before locking (seconds)',
      absoluteHours: 'Maximum session length (hours)',
      throttleMaxFailures: 'Consecutive failures before a wait',
      throttleBaseDelaySeconds: 'First wait (seconds)',
      throttleMaxDelayMinutes: 'Longest wait (minutes)',
      throttleResetHours: 'Reset without failure after (hours)',
    },
    reason: (reason) => `Reason: ${reason}`,
    throttled: (delay, failures) => `Wait of ${delay} after ${failures} consecutive failures`,
    sessionsEnded: (count, n) => `${n} ${plural(count, 'window', 'windows')} signed out`,
    change: (setting, from, to) => `${setting}: ${from} → ${to}`,
    section: (section, changes) => `${section} — ${changes}`,
    pruned: (count, n, cutoff, days) => `${n} ${plural(count, 'entry', 'entries')} older than ${cutoff} deleted (retention: ${days} days)`,
    exported: (count, n, capped) => `${n} ${plural(count, 'row', 'rows')} exported${capped ? ' (limit reached, export incomplete)' : ''}`,
    filters: { none: 'no filter', user: 'user', text: 'text', events: 'events', from: 'from', to: 'to', label: 'filters' },
    retention: (from, to) => `Retention: ${from} → ${to} days`,
    seconds: (n) => `${n} s`,
    minutes: (n) => `${n} min`,
  },
};

type Describer = (details: Details, p: Phrases, language: AuditLanguage) => string | null;

// One formatter per language: building an Intl.NumberFormat per row would dominate a 100,000-row export.
const numberFormats = new Map<string, Intl.NumberFormat>();
function num(p: Phrases, value: unknown): string | null {
  if (typeof value !== 'number') return null;
  let format = numberFormats.get(p.numberLocale);
  if (!format) {
    format = new Intl.NumberFormat(p.numberLocale);
    numberFormats.set(p.numberLocale, format);
  }
  return format.format(value);
}

const describeReason: Describer = (d, p) => (typeof d.reason === 'string' ? p.reason(p.reasons[d.reason] ?? d.reason) : null);

const DESCRIBERS: Partial<Record<KnownAuditEventType, Describer>> = {
  'login.failure': describeReason,
  'session.locked': describeReason,
  'session.revoked': describeReason,
  'site.workstation.refused': describeReason,
  'login.throttled': (d, p) => {
    if (typeof d.delaySeconds !== 'number' || typeof d.consecutiveFailures !== 'number') return null;
    const delay = d.delaySeconds < 120 ? p.seconds(num(p, d.delaySeconds)!) : p.minutes(num(p, Math.round(d.delaySeconds / 60))!);
    return p.throttled(delay, num(p, d.consecutiveFailures)!);
  },
  'sessions.ended_by_admin': (d, p) => (typeof d.ended === 'number' ? p.sessionsEnded(d.ended, num(p, d.ended)!) : null),
  'settings.updated': (d, p) => {
    if (!Array.isArray(d.changes)) return null;
    const changes = (d.changes as { setting?: unknown; from?: unknown; to?: unknown }[])
      .map((c) => p.change(p.settings[String(c.setting)] ?? String(c.setting), plainValue(c.from, p), plainValue(c.to, p)))
      .join(' ; ');
    const section = typeof d.section === 'string' ? (p.sections[d.section] ?? d.section) : null;
    return section ? p.section(section, changes) : changes;
  },
  'audit.pruned': (d, p) => {
    if (typeof d.count !== 'number' || typeof d.cutoff !== 'number') return null;
    return p.pruned(d.count, num(p, d.count)!, formatAuditDateTime(d.cutoff), num(p, d.retentionDays) ?? '?');
  },
  'audit.exported': (d, p, language) => {
    if (typeof d.rows !== 'number') return null;
    return `${p.exported(d.rows, num(p, d.rows)!, d.capped === true)} — ${describeFilter(d.filter, p, language)}`;
  },
  'audit.settings_updated': (d, p) => {
    const from = num(p, d.fromDays);
    const to = num(p, d.toDays);
    return from && to ? p.retention(from, to) : null;
  },
  'equipment.imported': (d, p, language) => {
    const [lc, lu, ec, eu] = [d.locationsCreated, d.locationsUpdated, d.equipmentCreated, d.equipmentUpdated].map((value) => num(p, value));
    if (!lc || !lu || !ec || !eu) return null;
    return language === 'fr'
      ? `Localisations : ${lc} créée(s), ${lu} mise(s) à jour ; équipements : ${ec} créé(s), ${eu} mis à jour`
      : `Locations: ${lc} created, ${lu} updated; equipment: ${ec} created, ${eu} updated`;
  },
  'site_calendar.time_zone_changed': (d, _p, language) =>
    typeof d.from === 'string' && typeof d.to === 'string' ? (language === 'fr' ? `De ${d.from} à ${d.to}` : `From ${d.from} to ${d.to}`) : null,
  'site_calendar.holiday_added': (d) => (typeof d.day === 'string' && typeof d.label === 'string' ? `${formatDay(d.day)} — ${d.label}` : null),
  'site_calendar.holiday_removed': (d) => (typeof d.day === 'string' && typeof d.label === 'string' ? `${formatDay(d.day)} — ${d.label}` : null),
  'site_calendar.holidays_filled': (d, p, language) => {
    const added = num(p, d.added);
    if (!added || typeof d.year !== 'number') return null;
    return language === 'fr' ? `Année ${d.year} : ${added} jour(s) ajouté(s)` : `Year ${d.year}: ${added} day(s) added`;
  },
  'equipment.labels_printed': (d, p, language) => {
    const count = num(p, d.count);
    if (!count) return null;
    return language === 'fr' ? `${count} étiquette(s)` : `${count} label(s)`;
  },
};

function describeFilter(filter: unknown, p: Phrases, language: AuditLanguage): string {
  if (!filter || typeof filter !== 'object') return `${p.filters.label} : ${p.filters.none}`;
  const f = filter as { userName?: unknown; text?: unknown; eventTypes?: unknown; from?: unknown; to?: unknown };
  const parts: string[] = [];
  if (typeof f.userName === 'string') parts.push(`${p.filters.user} ${f.userName}`);
  if (typeof f.text === 'string' && f.text) parts.push(`${p.filters.text} « ${f.text} »`);
  if (Array.isArray(f.eventTypes) && f.eventTypes.length > 0) {
    parts.push(`${p.filters.events} ${f.eventTypes.map((type) => auditEventLabel(String(type), language)).join(', ')}`);
  }
  if (typeof f.from === 'string') parts.push(`${p.filters.from} ${formatDay(f.from)}`);
  if (typeof f.to === 'string') parts.push(`${p.filters.to} ${formatDay(f.to)}`);
  const colon = language === 'fr' ? ' : ' : ': ';
  return `${p.filters.label}${colon}${parts.length > 0 ? parts.join(' ; ') : p.filters.none}`;
}

function plainValue(value: unknown, p: Phrases): string {
  if (typeof value === 'boolean') return value ? p.yes : p.no;
  if (typeof value === 'number') return num(p, value)!;
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The raw fallback: `key=value, key=value`, objects as JSON. */
export function rawAuditDetails(details: Details): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

/** A readable sentence for known events, the raw `key=value` list otherwise (or if the shape is unexpected). */
export function describeAuditDetails(type: string, details: Details | null, language: AuditLanguage): string {
  if (!details || Object.keys(details).length === 0) return '';
  const describer = (DESCRIBERS as Record<string, Describer | undefined>)[type];
  const sentence = describer ? safely(() => describer(details, PHRASES[language], language)) : null;
  return sentence ?? rawAuditDetails(details);
}

function safely(fn: () => string | null): string | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
