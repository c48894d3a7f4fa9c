// Node (dev only). Writes a realistic French plant into an app database (`npm run seed`, the bench's maintenance
// section, the seed test): accounts, reference lists, sites → ateliers → lignes, equipment trees, three years of
// DI and OT in every state with their downtimes, assignees, time entries, comments and history.
// Everything is planned in memory first from one seeded generator (the same --seed and day give the same data),
// then written table by table in multi-row INSERTs grouped in large transactions: planning first is what lets
// every row carry its final state (an equipment with an open downtime is written `stopped`), and only one
// set-based UPDATE is needed for the links a request cannot know when it is written (its OT, its downtime).
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import type { Database } from '../../electron/core/kernel/db/database';
import { formatNumber } from '../../electron/core/kernel/db/number-sequence-repository';
import type {
  Criticality,
  DowntimesTable,
  EquipmentStatus,
  EquipmentTable,
  HoldReason,
  RequestStatus,
  TimeEntriesTable,
  UsersTable,
  WorkOrderAssigneesTable,
  WorkOrderCommentsTable,
  WorkOrderEventsTable,
  WorkOrderStatus,
  WorkOrdersTable,
  WorkOrderType,
  WorkRequestsTable,
} from '../../electron/core/kernel/db/schema';
import { foldText } from '../../electron/core/kernel/db/text-search';
import { SettingsRepository } from '../../electron/core/kernel/settings/settings-repository';
import { PasswordHasher } from '../../electron/core/auth/password-hasher';
import { ReferenceRepository } from '../../electron/core/reference';
import {
  CANCEL_REASONS,
  COMMENTS,
  FAMILIES,
  FIRST_NAMES,
  HOLD_NOTES,
  IMPROVEMENT_TITLES,
  KIOSK_NAMES,
  LAST_NAMES,
  PREVENTIVE_TITLES,
  REFERENCE_STARTER,
  REFUSAL_REASONS,
  REGULATORY_TITLES,
  REQUEST_DETAILS,
  REQUEST_SYMPTOMS,
  SAFETY_TITLES,
  SITES,
  type FamilyTemplate,
} from './plant-catalog';
import { SEEDED_TABLES, SeedRepository, type RequestLink } from './seed-repository';
import { generator } from './seed-random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SPAN_DAYS = 3 * 365;

export const DEMO_PASSWORD = 'Atelier-Demo-2026';

export interface SeedOptions {
  equipment: number;
  requests: number;
  workOrders: number;
  seed: number;
  /** The instant the plant's history ends at (default: today 00:00 UTC, so a day's runs are identical). */
  now?: number;
  /** Seed even when equipment exists: the maintenance data is emptied first (accounts and lists stay). */
  force?: boolean;
  /** bcrypt cost of the one hash every account shares (10 for the demo; tests use 4). */
  bcryptCost?: number;
  /** Called after every chunk written; the CLI throttles what it prints. */
  progress?: (phase: string, done: number, total: number) => void;
}

export interface SeedAccount {
  username: string;
  displayName: string;
  role: UsersTable['role'];
}

export interface SeedResult {
  counts: Record<(typeof SEEDED_TABLES)[number], number>;
  accounts: SeedAccount[];
  password: string;
  elapsedMs: number;
  /** Time spent planning in memory vs writing, for the report. */
  planMs: number;
}

export class SeedRefusedError extends Error {
  constructor(readonly equipmentCount: number) {
    super(
      `La base contient déjà ${equipmentCount} équipement(s) : rien n'a été écrit. Relancez avec --force pour vider les données de maintenance (OT, DI, arrêts, équipements, localisations) avant de générer la démonstration.`,
    );
    this.name = 'SeedRefusedError';
  }
}

/** Today at 00:00 UTC: the default end of the history, the same for every run of a day. */
export function startOfTodayUtc(at = Date.now()): number {
  return Math.floor(at / DAY) * DAY;
}

// ---- The generator ------------------------------------------------------------------------------------------------

type Random = ReturnType<typeof generator>;

/** Fisher–Yates on a copy. */
function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

// ---- The plan (in memory, local indexes) -------------------------------------------------------------------------

interface PlannedUser {
  username: string;
  displayName: string;
  email: string;
  role: UsersTable['role'];
}

interface PlannedLocation {
  code: string;
  name: string;
  kind: 'site' | 'zone' | 'line';
  parentCode: string | null;
  /** The workstation of the atelier (what its shop PC is called). */
  workstation: string;
}

interface PlannedEquipment {
  code: string;
  designation: string;
  level: 0 | 1 | 2;
  parent: number | null;
  lineCode: string;
  category: string;
  criticality: Criticality;
  status: EquipmentStatus;
  manufacturer: string | null;
  model: string | null;
  serial: string | null;
  commissionedOn: string | null;
  notes: string | null;
  workstation: string;
}

interface PlannedRequest {
  createdAt: number;
  equipment: number;
  symptom: string;
  stopped: boolean;
  status: RequestStatus;
  reporterUser: number | null;
  reporterName: string | null;
  refusalReason: string | null;
  duplicateOf: number | null;
  decidedBy: number | null;
  decidedAt: number | null;
  downtime: number | null;
  workOrder: number | null;
  number: string;
}

interface PlannedDowntime {
  equipment: number;
  startedAt: number;
  endedAt: number | null;
  request: number;
  workOrder: number | null;
  endedBy: number | null;
}

interface PlannedEvent {
  at: number;
  user: number | null;
  kind: string;
  detail: Record<string, unknown>;
}

interface PlannedWorkOrder {
  createdAt: number;
  type: WorkOrderType;
  priority: number;
  equipment: number;
  title: string;
  description: string;
  status: WorkOrderStatus;
  holdReason: HoldReason | null;
  holdNote: string | null;
  cancelReason: string | null;
  request: number | null;
  plannedAt: number | null;
  dueAt: number | null;
  estimatedMinutes: number;
  codes: { symptom: string | null; cause: string | null; remedy: string | null; symptomText: string | null; causeText: string | null; remedyText: string | null } | null;
  backInService: 0 | 1 | null;
  createdBy: number | null;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  closedAt: number | null;
  closedBy: number | null;
  assignees: number[];
  entries: { user: number; startedAt: number; endedAt: number | null }[];
  comments: { user: number; at: number; body: string }[];
  events: PlannedEvent[];
  number: string;
}

interface Plan {
  users: PlannedUser[];
  locations: PlannedLocation[];
  equipment: PlannedEquipment[];
  requests: PlannedRequest[];
  downtimes: PlannedDowntime[];
  workOrders: PlannedWorkOrder[];
  sequences: Map<string, number>;
}

interface Lists {
  symptom: string[];
  cause: string[];
  remedy: string[];
  /** [code, label]: equipment.category holds the code (as the app's form and the import write it). */
  categories: (readonly [string, string])[];
}

function fold(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, '');
}

function planUsers(random: Random): PlannedUser[] {
  const roles: [UsersTable['role'], number][] = [
    ['admin', 1],
    ['maintenance_manager', 3],
    ['technician', 15],
    ['requester', 40],
  ];
  const users: PlannedUser[] = [];
  const taken = new Set<string>();
  const names = new Set<string>();
  for (const [role, count] of roles) {
    for (let i = 0; i < count; i++) {
      let first: string;
      let last: string;
      do {
        first = random.pick(FIRST_NAMES);
        last = random.pick(LAST_NAMES);
      } while (names.has(`${first} ${last}`));
      names.add(`${first} ${last}`);
      const base = `${fold(first)[0]}.${fold(last)}`;
      let username = base;
      for (let n = 2; taken.has(username); n++) username = `${base}${n}`;
      taken.add(username);
      users.push({ username, displayName: `${first} ${last}`, email: `${username}@atelier-demo.example`, role });
    }
  }
  return users;
}

function planLocations(): PlannedLocation[] {
  const locations: PlannedLocation[] = [];
  for (const site of SITES) {
    locations.push({ code: site.code, name: site.name, kind: 'site', parentCode: null, workstation: `PC-${site.code}-ACCUEIL` });
    for (const zone of site.zones) {
      const zoneCode = `${site.code}-${zone.code}`;
      const workstation = `PC-${zoneCode}`;
      locations.push({ code: zoneCode, name: zone.name, kind: 'zone', parentCode: site.code, workstation });
      zone.lines.forEach((line, i) => {
        locations.push({ code: `${zoneCode}-L${i + 1}`, name: `Ligne ${i + 1} – ${line}`, kind: 'line', parentCode: zoneCode, workstation });
      });
    }
  }
  return locations;
}

const COMPONENT_MAKERS = ['SKF', 'Siemens', 'Parker', 'Festo', 'Schneider Electric', 'Bosch Rexroth', 'Sick', 'Omron', 'SEW-Eurodrive', 'Hydac'];
const MACHINE_NOTES = [
  'Contrat de maintenance constructeur (visite annuelle).',
  'Consignation : sectionneur en armoire, cadenas n° 12.',
  'Documentation constructeur dans les pièces jointes.',
  'Machine critique pour les livraisons client : prévenir le chef d’équipe avant arrêt.',
];

function planEquipment(random: Random, total: number, lists: Lists, anchor: number): PlannedEquipment[] {
  const lines: { code: string; families: readonly string[]; workstation: string }[] = [];
  for (const site of SITES)
    for (const zone of site.zones) zone.lines.forEach((_, i) => lines.push({ code: `${site.code}-${zone.code}-L${i + 1}`, families: zone.families, workstation: `PC-${site.code}-${zone.code}` }));
  const counters = new Map<string, number>();
  const equipment: PlannedEquipment[] = [];
  const category = (family: FamilyTemplate) => (lists.categories.find(([, label]) => label === family.category) ?? lists.categories[0])?.[0] ?? null;
  const criticality = (): Criticality => random.weighted({ A: 20, B: 50, C: 30 });
  const commissionYear = new Date(anchor).getUTCFullYear();
  let lineIndex = 0;
  while (equipment.length < total) {
    const line = lines[lineIndex++ % lines.length];
    const family = FAMILIES[random.pick(line.families)];
    const n = (counters.get(family.prefix) ?? 0) + 1;
    counters.set(family.prefix, n);
    const code = `${family.prefix}-${String(n).padStart(4, '0')}`;
    const maker = random.pick(family.manufacturers);
    const year = random.int(1995, commissionYear - 1);
    const commissionedOn = `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    const status: EquipmentStatus = random.chance(0.015) ? 'scrapped' : random.chance(0.02) ? 'out_of_service' : 'in_service';
    const machine = equipment.length;
    equipment.push({
      code,
      designation: random.pick(family.designations),
      level: 0,
      parent: null,
      lineCode: line.code,
      category: category(family),
      criticality: criticality(),
      status,
      manufacturer: maker.name,
      model: random.pick(maker.models),
      serial: `${maker.name.slice(0, 2).toUpperCase()}${year % 100}${String(random.int(10000, 99999))}`,
      commissionedOn,
      notes: random.chance(0.15) ? random.pick(MACHINE_NOTES) : null,
      workstation: line.workstation,
    });
    // 2 to 4 sous-ensembles, each with some of its composants.
    const subs = shuffle(random, family.subAssemblies).slice(0, Math.min(family.subAssemblies.length, random.int(2, 4)));
    for (const sub of subs) {
      if (equipment.length >= total) break;
      const subIndex = equipment.length;
      const subCode = `${code}-${sub.suffix}`;
      equipment.push({
        code: subCode,
        designation: sub.designation,
        level: 1,
        parent: machine,
        lineCode: line.code,
        category: category(family),
        criticality: criticality(),
        status,
        manufacturer: random.chance(0.5) ? maker.name : null,
        model: null,
        serial: null,
        commissionedOn,
        notes: null,
        workstation: line.workstation,
      });
      for (const component of sub.components) {
        if (equipment.length >= total) break;
        if (!random.chance(0.55)) continue;
        const componentMaker = random.pick(COMPONENT_MAKERS);
        equipment.push({
          code: `${subCode}-${component.suffix}`,
          designation: component.designation,
          level: 2,
          parent: subIndex,
          lineCode: line.code,
          category: category(family),
          criticality: criticality(),
          status,
          manufacturer: componentMaker,
          model: `${componentMaker.slice(0, 3).toUpperCase()}-${random.int(100, 9999)}`,
          serial: random.chance(0.4) ? `S${random.int(1_000_000, 9_999_999)}` : null,
          commissionedOn: random.chance(0.3) ? `${random.int(year, commissionYear - 1)}-${String(random.int(1, 12)).padStart(2, '0')}-15` : commissionedOn,
          notes: null,
          workstation: line.workstation,
        });
      }
    }
  }
  return equipment;
}

/** An instant on day `dayOffset` before the anchor, in the plant's working hours (5 h – 22 h). */
function workingInstant(random: Random, anchor: number, dayOffset: number): number {
  return anchor - (dayOffset + 1) * DAY + random.int(5 * 60, 22 * 60 - 1) * MINUTE + random.int(0, 59) * 1000;
}

function yearOf(at: number): number {
  return new Date(at).getFullYear();
}

/** Numbers consecutive per year, in creation order; each year's last value becomes the sequence's. */
function numberByYear<T extends { createdAt: number; number: string }>(rows: T[], prefix: 'OT' | 'DI', sequences: Map<string, number>): void {
  for (const row of rows) {
    const year = yearOf(row.createdAt);
    const name = `${prefix}-${year}`;
    const value = (sequences.get(name) ?? 0) + 1;
    sequences.set(name, value);
    row.number = formatNumber(prefix, year, value);
  }
}

/** OT status for an OT created `ageDays` before the anchor: most old ones closed, recent ones in every state. */
function workOrderStatus(random: Random, ageDays: number): WorkOrderStatus {
  // A few old ones linger (done but never closed, waiting for a part for months), as in any real backlog.
  if (ageDays > 90) return random.weighted({ closed: 93.9, cancelled: 5, done: 1, on_hold: 0.1 });
  if (ageDays > 30) return random.weighted({ closed: 76, done: 10, cancelled: 5, on_hold: 4, in_progress: 1, planned: 3, draft: 1 });
  if (ageDays > 7) return random.weighted({ closed: 30, done: 22, cancelled: 5, on_hold: 10, in_progress: 8, planned: 18, draft: 7 });
  return random.weighted({ closed: 5, done: 15, cancelled: 3, on_hold: 7, in_progress: 15, planned: 35, draft: 20 });
}

const SLA_DAYS: Record<number, number> = { 1: 1, 2: 3, 3: 14, 4: 30 };

interface Actors {
  admin: number;
  managers: number[];
  technicians: number[];
  requesters: number[];
}

interface Context {
  random: Random;
  anchor: number;
  actors: Actors;
  lists: Lists;
  equipment: PlannedEquipment[];
  /** Technicians whose clock is running (one per person at most: a unique index). */
  running: Set<number>;
}

/**
 * The whole life of one OT from its creation to its final status, every instant at or before the anchor (a
 * planned date may lie ahead). `finishAt` forces the end of the work (a stopped machine's downtime end).
 */
function liveWorkOrder(ctx: Context, wo: PlannedWorkOrder, finishAt: number | null): void {
  const { random, anchor, actors } = ctx;
  const c = wo.createdAt;
  const manager = random.pick(actors.managers);
  const status = wo.status;
  wo.createdBy = wo.createdBy ?? manager;
  wo.events.push({ at: c, user: wo.createdBy, kind: 'created', detail: { status: 'draft', requestId: null } });
  wo.dueAt = c + SLA_DAYS[wo.priority] * DAY;
  const move = (at: number, user: number | null, from: WorkOrderStatus, to: WorkOrderStatus, extra: Record<string, unknown> = {}) =>
    wo.events.push({ at, user, kind: 'status', detail: { from, to, ...extra } });

  if (status === 'draft') {
    wo.updatedAt = c;
    return;
  }
  if (status === 'cancelled' && random.chance(0.5)) {
    const at = Math.min(anchor, c + random.longTail(2 * DAY, 1, HOUR, 20 * DAY));
    wo.cancelReason = random.pick(CANCEL_REASONS);
    move(at, manager, 'draft', 'cancelled', { reason: wo.cancelReason });
    wo.updatedAt = at;
    return;
  }

  // Planned: a date, 1–3 technicians.
  const urgent = wo.priority === 1 || finishAt !== null;
  const plannedEventAt = Math.min(anchor, c + (urgent ? random.int(2, 20) * MINUTE : random.longTail(6 * HOUR, 1, 10 * MINUTE, 5 * DAY)));
  const lead = wo.type === 'preventive' || wo.type === 'regulatory' ? random.int(1, 20) * DAY : urgent ? random.int(0, 20) * MINUTE : random.longTail(2 * DAY, 0.8, HOUR, 25 * DAY);
  wo.plannedAt = Math.max(plannedEventAt, c + lead);
  wo.dueAt = wo.type === 'corrective' ? c + SLA_DAYS[wo.priority] * DAY : wo.plannedAt + (wo.type === 'preventive' ? 7 : SLA_DAYS[wo.priority]) * DAY;
  const crew = random.weighted({ one: 60, two: 30, three: 10 });
  const size = crew === 'one' ? 1 : crew === 'two' ? 2 : 3;
  const team = new Set<number>();
  while (team.size < Math.min(size, actors.technicians.length)) team.add(random.pick(actors.technicians));
  wo.assignees = [...team];
  move(plannedEventAt, manager, 'draft', 'planned', { plannedAt: wo.plannedAt, assigneeIds: wo.assignees });
  wo.updatedAt = plannedEventAt;

  if (status === 'planned') return;
  if (status === 'cancelled') {
    const at = Math.min(anchor, Math.max(plannedEventAt, wo.plannedAt - random.int(1, 48) * HOUR));
    wo.cancelReason = random.pick(CANCEL_REASONS);
    move(at, manager, 'planned', 'cancelled', { reason: wo.cancelReason });
    wo.updatedAt = at;
    return;
  }

  // Started: at the planned date, give or take (urgent ones at once).
  const lead0 = wo.assignees[0];
  let started = urgent ? plannedEventAt + random.int(5, 30) * MINUTE : wo.plannedAt + random.int(-2 * 60, 2 * 24 * 60) * MINUTE;
  started = Math.max(started, plannedEventAt + MINUTE);
  const work = Math.max(15 * MINUTE, Math.round(wo.estimatedMinutes * (0.5 + random.next() * 1.2)) * MINUTE);
  const hadHold = status === 'on_hold' || (finishAt === null && ( ((status === 'done' || status === 'closed') && random.chance(0.15)) || (status === 'in_progress' && random.chance(0.2))));
  const holdAt0 = started + Math.round(work * (0.2 + random.next() * 0.4));
  const holdFor = hadHold ? random.longTail(2 * DAY, 1, 2 * HOUR, 20 * DAY) : 0;
  // A stopped machine's OT ends when the machine restarts (never before the work started).
  let finished = finishAt !== null ? Math.max(finishAt, started + 15 * MINUTE) : started + work + holdFor;
  let closed = finished + random.longTail(20 * HOUR, 1, HOUR, 10 * DAY);
  // Squeeze the timeline under the anchor when the status says it has happened by now.
  const last = status === 'closed' ? closed : status === 'done' ? finished : status === 'on_hold' ? holdAt0 : hadHold ? holdAt0 + holdFor : started;
  let scale = 1;
  if (last > anchor) scale = ((anchor - c) * 0.97) / (last - c);
  const at = (t: number) => Math.round(c + (t - c) * scale);
  started = at(started);
  const holdAt = hadHold ? at(holdAt0) : null;
  const resumeAt = hadHold && status !== 'on_hold' ? at(holdAt0 + holdFor) : null;
  finished = at(finished);
  closed = at(closed);
  if (at(plannedEventAt) !== plannedEventAt) wo.events[wo.events.length - 1].at = at(plannedEventAt);
  wo.startedAt = started;
  move(started, lead0, 'planned', 'in_progress');

  // Windows of work: before the hold, and after it.
  const windows: [number, number | null][] = [];
  if (holdAt !== null) {
    windows.push([started, holdAt]);
    const reason = random.weighted<HoldReason>({ parts: 55, production: 20, subcontractor: 15, other: 10 });
    move(holdAt, lead0, 'in_progress', 'on_hold', { reason });
    if (status === 'on_hold') {
      wo.holdReason = reason;
      wo.holdNote = random.pick(HOLD_NOTES[reason]);
      wo.events[wo.events.length - 1].detail.note = wo.holdNote;
    } else if (resumeAt !== null) {
      move(resumeAt, lead0, 'on_hold', 'in_progress');
    }
    if (resumeAt !== null) windows.push([resumeAt, status === 'in_progress' ? null : finished]);
  } else {
    windows.push([started, status === 'in_progress' ? null : finished]);
  }
  for (const [from, to] of windows) {
    for (const user of wo.assignees) {
      if (to === null) {
        // The OT is in progress now: its lead's clock runs if nothing else of theirs does.
        if (user === lead0 && !ctx.running.has(user)) {
          ctx.running.add(user);
          wo.entries.push({ user, startedAt: Math.max(from, anchor - random.int(10, 240) * MINUTE), endedAt: null });
        } else {
          const s = from + random.int(0, Math.max(0, Math.floor((anchor - from) / MINUTE / 2))) * MINUTE;
          wo.entries.push({ user, startedAt: s, endedAt: Math.min(anchor, s + random.int(15, 180) * MINUTE) });
        }
      } else {
        const length = Math.max(0, to - from);
        const offset = user === lead0 ? 0 : Math.floor(random.next() * length * 0.3);
        const s = from + offset;
        const e = Math.max(s + MINUTE, Math.min(to, s + Math.round((length - offset) * (0.6 + random.next() * 0.4))));
        wo.entries.push({ user, startedAt: s, endedAt: Math.min(e, Math.max(to, s)) });
      }
    }
  }
  wo.updatedAt = Math.max(started, holdAt ?? 0, resumeAt ?? 0);
  if (status === 'in_progress' || status === 'on_hold') return;

  // Finished: codes for correctives, back in service.
  wo.finishedAt = finished;
  wo.backInService = 1;
  if (wo.type === 'corrective') {
    const other = random.chance(0.05);
    wo.codes = {
      symptom: random.pick(ctx.lists.symptom),
      cause: other && ctx.lists.cause.includes('AUTRE') ? 'AUTRE' : random.pick(ctx.lists.cause),
      remedy: random.pick(ctx.lists.remedy),
      symptomText: null,
      causeText: other ? 'Cause non identifiée après démontage, pièce envoyée en expertise.' : null,
      remedyText: null,
    };
  }
  move(finished, lead0, 'in_progress', 'done', { backInService: true });
  wo.updatedAt = finished;
  if (status === 'done') return;
  wo.closedAt = Math.max(closed, finished);
  wo.closedBy = manager;
  move(wo.closedAt, manager, 'done', 'closed');
  wo.updatedAt = wo.closedAt;
}

function addComments(ctx: Context, wo: PlannedWorkOrder): void {
  const { random, anchor, actors } = ctx;
  if (!wo.startedAt || !random.chance(0.15)) return;
  const count = random.int(1, 2);
  const end = Math.min(anchor, wo.finishedAt ?? anchor);
  for (let i = 0; i < count; i++) {
    const at = wo.startedAt + Math.floor(random.next() * Math.max(0, end - wo.startedAt));
    wo.comments.push({ user: random.chance(0.7) && wo.assignees.length ? random.pick(wo.assignees) : random.pick(actors.managers), at, body: random.pick(COMMENTS) });
  }
}

function newWorkOrder(createdAt: number, type: WorkOrderType, priority: number, equipment: number, title: string, description: string, status: WorkOrderStatus, estimatedMinutes: number): PlannedWorkOrder {
  return {
    createdAt, type, priority, equipment, title, description, status, estimatedMinutes,
    holdReason: null, holdNote: null, cancelReason: null, request: null, plannedAt: null, dueAt: null, codes: null, backInService: null,
    createdBy: null, updatedAt: createdAt, startedAt: null, finishedAt: null, closedAt: null, closedBy: null,
    assignees: [], entries: [], comments: [], events: [], number: '',
  };
}

function plan(options: Required<Pick<SeedOptions, 'equipment' | 'requests' | 'workOrders' | 'seed'>> & { now: number }, lists: Lists): Plan {
  const random = generator(options.seed);
  const anchor = options.now;
  const users = planUsers(random);
  const byRole = (role: UsersTable['role']) => users.flatMap((u, i) => (u.role === role ? [i] : []));
  const actors: Actors = { admin: byRole('admin')[0], managers: byRole('maintenance_manager'), technicians: byRole('technician'), requesters: byRole('requester') };
  const locations = planLocations();
  const equipment = planEquipment(random, options.equipment, lists, anchor);
  const ctx: Context = { random, anchor, actors, lists, equipment, running: new Set() };

  // Who breaks down: machines mostly, their sous-ensembles sometimes, critical ones more often; never scrapped ones.
  const breakable: number[] = [];
  equipment.forEach((eq, i) => {
    if (eq.level === 2 || eq.status !== 'in_service') return;
    const weight = (eq.criticality === 'A' ? 3 : eq.criticality === 'B' ? 2 : 1) * (eq.level === 0 ? 3 : 1);
    for (let k = 0; k < weight; k++) breakable.push(i);
  });
  const machines = equipment.flatMap((eq, i) => (eq.level === 0 && eq.status === 'in_service' ? [i] : []));
  if (breakable.length === 0 && options.requests + options.workOrders > 0) throw new Error('--equipment : au moins un équipement en service est nécessaire pour générer des DI et des OT.');

  // ---- DIs, oldest first.
  const requestTimes = Array.from({ length: options.requests }, () => workingInstant(random, anchor, Math.floor(random.next() * SPAN_DAYS)));
  requestTimes.sort((a, b) => a - b);
  // Accepted DIs each make an OT: keep them within about half of the OT budget.
  const acceptFactor = Math.min(1, (0.45 * options.workOrders) / Math.max(1, 0.74 * options.requests));
  const requests: PlannedRequest[] = [];
  const downtimes: PlannedDowntime[] = [];
  const workOrders: PlannedWorkOrder[] = [];
  const openDowntime = new Map<number, number>();
  for (const createdAt of requestTimes) {
    const ageDays = (anchor - createdAt) / DAY;
    const a = (w: number) => w * acceptFactor;
    let status: RequestStatus =
      ageDays < 3
        ? random.weighted({ new: 55, accepted: a(35), refused: 4, duplicate: 3, cancelled: 3 })
        : ageDays < 14
          ? random.weighted({ new: 8, accepted: a(72), refused: 9, duplicate: 6, cancelled: 5 })
          : random.weighted({ new: 0.3, accepted: a(75), refused: 12, duplicate: 8, cancelled: 5 });
    const kiosk = random.chance(0.3);
    const reporterUser = kiosk ? null : random.chance(0.8) ? random.pick(actors.requesters) : random.pick(actors.technicians);
    const reporterName = kiosk ? random.pick(KIOSK_NAMES) : null;
    let eq = random.pick(breakable);
    let duplicateOf: number | null = null;
    if (status === 'duplicate') {
      // The same fault reported again: the previous request still new or accepted, on the same equipment.
      for (let k = requests.length - 1; k >= Math.max(0, requests.length - 10); k--) {
        const earlier = requests[k];
        if ((earlier.status === 'new' || earlier.status === 'accepted') && createdAt - earlier.createdAt < 3 * DAY) {
          duplicateOf = k;
          eq = earlier.equipment;
          break;
        }
      }
      if (duplicateOf === null) status = 'refused';
    }
    if (status === 'cancelled' && reporterUser === null) status = 'refused';
    // A stopped machine is news: a request still `new` after three days is about something that runs.
    let stopped = random.chance(0.3) && !(status === 'new' && ageDays > 3);
    const decidedAt = createdAt + (stopped ? random.int(5, 45) * MINUTE : random.longTail(4 * HOUR, 1, 20 * MINUTE, 4 * DAY));
    if (status !== 'new' && decidedAt > anchor) status = 'new';
    const symptom = `${random.pick(REQUEST_SYMPTOMS)}${random.pick(REQUEST_DETAILS)}`;
    const request: PlannedRequest = {
      createdAt, equipment: eq, symptom, stopped, status, reporterUser, reporterName,
      refusalReason: status === 'refused' ? random.pick(REFUSAL_REASONS) : null,
      duplicateOf,
      decidedBy: status === 'new' ? null : status === 'cancelled' ? reporterUser : random.pick(actors.managers),
      decidedAt: status === 'new' ? null : decidedAt,
      downtime: null, workOrder: null, number: '',
    };
    const index = requests.length;
    requests.push(request);

    // ---- Its downtime, when the machine stopped.
    const joinOrOpen = (endedAt: number | null, endedBy: number | null) => {
      const open = openDowntime.get(eq);
      if (open !== undefined) {
        request.downtime = open;
        return;
      }
      request.downtime = downtimes.length;
      if (endedAt === null) openDowntime.set(eq, downtimes.length);
      downtimes.push({ equipment: eq, startedAt: createdAt, endedAt, request: index, workOrder: null, endedBy });
    };
    if (stopped && status === 'duplicate' && duplicateOf !== null) {
      if (requests[duplicateOf].downtime !== null) request.downtime = requests[duplicateOf].downtime;
      else request.stopped = stopped = false;
    } else if (stopped && (status === 'refused' || status === 'cancelled')) {
      // Production restarted it by itself: a short stop, closed.
      joinOrOpen(Math.min(anchor, createdAt + random.longTail(50 * MINUTE, 0.7, 20 * MINUTE, 4 * HOUR)), null);
    } else if (stopped && status === 'new') {
      joinOrOpen(null, null);
    }

    if (status !== 'accepted') continue;
    // ---- Its OT (corrective), created when the DI was accepted.
    let woStatus = workOrderStatus(random, (anchor - decidedAt) / DAY);
    // A stopped machine is repaired within days: only recent stops are still open.
    const woAge = (anchor - decidedAt) / DAY;
    if (stopped && woAge > 10 && (woStatus === 'draft' || woStatus === 'planned' || woStatus === 'in_progress' || woStatus === 'on_hold')) woStatus = woAge > 30 ? 'closed' : 'done';
    const priority = stopped ? (random.chance(0.6) ? 1 : 2) : random.chance(0.5) ? 2 : 3;
    const designation = equipment[eq].designation;
    const wo = newWorkOrder(decidedAt, 'corrective', priority, eq, symptom, `${symptom}.\nÉquipement : ${equipment[eq].code} – ${designation}.${reporterName ? `\nSignalé par ${reporterName}.` : ''}`, woStatus, random.int(2, 16) * 15);
    wo.request = index;
    wo.createdBy = request.decidedBy;
    const woIndex = workOrders.length;
    workOrders.push(wo);
    request.workOrder = woIndex;
    let finishAt: number | null = null;
    if (stopped) {
      const open = openDowntime.get(eq);
      if (woStatus === 'done' || woStatus === 'closed') {
        if (open !== undefined) {
          request.downtime = open;
        } else {
          // 20 minutes to 3 days, long-tailed; the OT's finish closes it.
          const duration = random.longTail(3 * HOUR, 1.1, 20 * MINUTE, 3 * DAY);
          finishAt = Math.min(anchor - HOUR, Math.max(createdAt + duration, decidedAt + 15 * MINUTE));
          if (finishAt <= decidedAt) finishAt = null;
          request.downtime = downtimes.length;
          downtimes.push({ equipment: eq, startedAt: createdAt, endedAt: null, request: index, workOrder: woIndex, endedBy: null });
        }
      } else if (woStatus === 'cancelled') {
        joinOrOpen(Math.min(anchor, createdAt + random.longTail(2 * HOUR, 1, 20 * MINUTE, 2 * DAY)), random.pick(actors.managers));
      } else {
        joinOrOpen(null, null);
        if (downtimes[request.downtime ?? -1]?.request === index) downtimes[request.downtime as number].workOrder = woIndex;
      }
    }
    liveWorkOrder(ctx, wo, finishAt);
    wo.events[0].detail.requestId = index;
    const downtime = request.downtime === null ? null : downtimes[request.downtime];
    if (downtime && downtime.request === index && downtime.endedAt === null && wo.finishedAt !== null) {
      downtime.endedAt = Math.max(downtime.startedAt, wo.finishedAt);
      downtime.endedBy = wo.assignees[0] ?? null;
      downtime.workOrder = woIndex;
    }
    addComments(ctx, wo);
  }

  // ---- Direct OTs: preventive, improvement, safety, regulatory, and correctives noticed by the technicians.
  const remaining = Math.max(0, options.workOrders - workOrders.length);
  for (let i = 0; i < remaining; i++) {
    const createdAt = workingInstant(random, anchor, Math.floor(random.next() * SPAN_DAYS));
    const type = random.weighted<WorkOrderType>({ preventive: 50, corrective: 20, improvement: 12, safety: 8, regulatory: 10 });
    const eq = type === 'preventive' || type === 'regulatory' ? random.pick(machines.length ? machines : breakable) : random.pick(breakable);
    const e = equipment[eq];
    const [title, priority, minutes] =
      type === 'preventive'
        ? [`${random.pick(PREVENTIVE_TITLES)} – ${e.designation}`, 3, random.int(4, 32) * 15]
        : type === 'regulatory'
          ? [`${random.pick(REGULATORY_TITLES)} – ${e.designation}`, 2, random.int(4, 16) * 15]
          : type === 'safety'
            ? [`${random.pick(SAFETY_TITLES)} – ${e.designation}`, random.chance(0.5) ? 1 : 2, random.int(4, 16) * 15]
            : type === 'improvement'
              ? [`${random.pick(IMPROVEMENT_TITLES)} – ${e.designation}`, random.chance(0.5) ? 3 : 4, random.int(8, 64) * 15]
              : [`${random.pick(REQUEST_SYMPTOMS)} – ${e.designation}`, random.chance(0.3) ? 2 : 3, random.int(2, 16) * 15];
    const description = `${title}.\nÉquipement : ${e.code}.${type === 'preventive' ? '\nSuivre la gamme de maintenance de l’équipement ; noter les valeurs relevées.' : ''}`;
    const wo = newWorkOrder(createdAt, type, priority, eq, title, description, workOrderStatus(random, (anchor - createdAt) / DAY), minutes);
    wo.createdBy = random.chance(0.9) ? random.pick(actors.managers) : actors.admin;
    liveWorkOrder(ctx, wo, null);
    addComments(ctx, wo);
    workOrders.push(wo);
  }

  // Machines with an open downtime are stopped now.
  for (const [eq] of openDowntime) equipment[eq].status = 'stopped';

  // Numbers in creation order, per year.
  const sequences = new Map<string, number>();
  numberByYear(requests, 'DI', sequences);
  const order = workOrders.map((wo, i) => i).sort((x, y) => workOrders[x].createdAt - workOrders[y].createdAt || x - y);
  numberByYear(order.map((i) => workOrders[i]), 'OT', sequences);
  return { users, locations, equipment, requests, downtimes, workOrders, sequences };
}

// ---- Writing ------------------------------------------------------------------------------------------------------

/** Parameters one statement may carry: SQLite's default limit is 32 766, PostgreSQL's 65 535. */
function rowsPerStatement(database: Database, columns: number): number {
  const limit = database.engine === 'sqlite' ? 32_000 : 60_000;
  return Math.max(1, Math.floor(limit / columns));
}

/** Rows per transaction: large, so commits are few, yet the progress line moves. */
const ROWS_PER_TRANSACTION = 25_000;

async function writeAll<R, T>(
  database: Database,
  repository: SeedRepository,
  phase: string,
  rows: readonly R[],
  insert: (repo: SeedRepository, chunk: R[]) => Promise<T[] | void>,
  progress: SeedOptions['progress'],
): Promise<T[]> {
  const out: T[] = [];
  if (rows.length === 0) {
    progress?.(phase, 0, 0);
    return out;
  }
  const columns = Object.keys(rows[0] as object).length;
  const perStatement = rowsPerStatement(database, columns);
  for (let start = 0; start < rows.length; start += ROWS_PER_TRANSACTION) {
    const group = rows.slice(start, start + ROWS_PER_TRANSACTION);
    await database.transaction(async (trx) => {
      const repo = repository.in(trx);
      for (let i = 0; i < group.length; i += perStatement) {
        const chunk = group.slice(i, i + perStatement);
        const result = await insert(repo, chunk);
        if (result) out.push(...result);
        progress?.(phase, start + i + chunk.length, rows.length);
      }
    });
  }
  return out;
}

function byKey<T extends { id: number }>(rows: T[], key: (row: T) => string): Map<string, number> {
  return new Map(rows.map((row) => [key(row), row.id]));
}

/**
 * Seeds `database` (already migrated: open it through the kernel). Refuses when equipment exists, unless `force`.
 */
export async function seedPlant(database: Database, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const now = options.now ?? startOfTodayUtc();
  const progress = options.progress;
  const repository = new SeedRepository(database.kysely);
  const existing = await repository.countEquipment();
  if (existing > 0 && !options.force) throw new SeedRefusedError(existing);

  // The one password hash (slow on purpose): computed before any transaction.
  const key = Buffer.from((await new SettingsRepository(database.kysely).get<string>('auth.prehashKey')) ?? '', 'base64');
  const passwordHash = await new PasswordHasher({ cost: options.bcryptCost ?? 10, prehashKey: key }).hash(DEMO_PASSWORD);

  // Reference lists: the French starter set when they are empty; otherwise the administrator's.
  const emptyLists = (await repository.countReferenceItems()) === 0;
  let lists: Lists;
  if (emptyLists) {
    lists = {
      symptom: REFERENCE_STARTER.symptom.map(([code]) => code),
      cause: REFERENCE_STARTER.cause.map(([code]) => code),
      remedy: REFERENCE_STARTER.remedy.map(([code]) => code),
      categories: [...REFERENCE_STARTER.category],
    };
  } else {
    const reference = new ReferenceRepository(database.kysely);
    const codes = async (list: 'symptom' | 'cause' | 'remedy') => (await reference.list(list)).map((item) => item.code);
    lists = { symptom: await codes('symptom'), cause: await codes('cause'), remedy: await codes('remedy'), categories: (await reference.list('category')).map((item) => [item.code, item.label] as const) };
    for (const list of ['symptom', 'cause', 'remedy'] as const) if (lists[list].length === 0) lists[list] = REFERENCE_STARTER[list].map(([code]) => code);
  }

  const p = plan({ equipment: options.equipment, requests: options.requests, workOrders: options.workOrders, seed: options.seed, now }, lists);
  const planMs = performance.now() - started;

  if (existing > 0) await database.transaction((trx) => repository.in(trx).wipeMaintenance());

  // Accounts.
  const userCreated = now - SPAN_DAYS * DAY - 30 * DAY;
  const userRows = p.users.map((u) => ({
    username: u.username, display_name: u.displayName, email: u.email, role: u.role, password_hash: passwordHash,
    must_change_password: 0 as const, locale: 'fr' as const, password_changed_at: userCreated, created_at: userCreated, updated_at: userCreated,
  }));
  const userIds = byKey(await writeAll(database, repository, 'comptes', userRows, (repo, chunk) => repo.upsertUsers(chunk), progress), (r) => r.username.toLowerCase());
  const userId = (index: number | null) => (index === null ? null : (userIds.get(p.users[index].username.toLowerCase()) as number));

  if (emptyLists) {
    const rows = (Object.keys(REFERENCE_STARTER) as (keyof typeof REFERENCE_STARTER)[]).flatMap((list) =>
      REFERENCE_STARTER[list].map(([code, label], position) => ({ list, code, label, is_active: 1 as const, position, created_at: userCreated, updated_at: userCreated })),
    );
    await writeAll(database, repository, 'référentiels', rows, (repo, chunk) => repo.insertReferenceItems(chunk), progress);
  }

  // Locations, one level at a time (parents first).
  const locationIds = new Map<string, number>();
  let locationsDone = 0;
  for (const kind of ['site', 'zone', 'line'] as const) {
    const rows = p.locations
      .filter((l) => l.kind === kind)
      .map((l) => ({ code: l.code, name: l.name, kind: l.kind, parent_id: l.parentCode ? (locationIds.get(l.parentCode) as number) : null, created_at: userCreated, updated_at: userCreated }));
    const written = await writeAll(database, repository, 'localisations', rows, (repo, chunk) => repo.insertLocations(chunk), (phase, done) => progress?.(phase, locationsDone + done, p.locations.length));
    for (const row of written) locationIds.set(row.code, row.id);
    locationsDone += rows.length;
  }

  // Equipment, one level at a time.
  const equipmentIds: number[] = new Array(p.equipment.length);
  const equipmentCreated = now - SPAN_DAYS * DAY - 20 * DAY;
  let equipmentDone = 0;
  for (const level of [0, 1, 2] as const) {
    const indexes = p.equipment.flatMap((e, i) => (e.level === level ? [i] : []));
    const rows: Insertable<EquipmentTable>[] = indexes.map((i) => {
      const e = p.equipment[i];
      return {
        code: e.code, designation: e.designation, location_id: locationIds.get(e.lineCode) ?? null, parent_id: e.parent === null ? null : equipmentIds[e.parent],
        category: e.category, criticality: e.criticality, status: e.status, manufacturer: e.manufacturer, model: e.model, serial_number: e.serial,
        commissioned_on: e.commissionedOn, notes: e.notes, search_text: foldText(e.code, e.designation), created_at: equipmentCreated, updated_at: equipmentCreated,
      };
    });
    const written = byKey(
      await writeAll(database, repository, 'équipements', rows, (repo, chunk) => repo.insertEquipment(chunk), (phase, done) => progress?.(phase, equipmentDone + done, p.equipment.length)),
      (r) => r.code.toLowerCase(),
    );
    for (const i of indexes) equipmentIds[i] = written.get(p.equipment[i].code.toLowerCase()) as number;
    equipmentDone += indexes.length;
  }
  const locationOf = (eq: number) => locationIds.get(p.equipment[eq].lineCode) ?? null;

  // Requests (their links to OT, downtime and original come after).
  const requestRows: Insertable<WorkRequestsTable>[] = p.requests.map((r) => ({
    number: r.number, equipment_id: equipmentIds[r.equipment], location_id: locationOf(r.equipment), symptom: r.symptom, machine_stopped: r.stopped ? 1 : 0,
    status: r.status, reporter_name: r.reporterName, reporter_user_id: userId(r.reporterUser), workstation: p.equipment[r.equipment].workstation,
    refusal_reason: r.refusalReason, duplicate_of_id: null, work_order_id: null, downtime_id: null, decided_by: userId(r.decidedBy), decided_at: r.decidedAt,
    search_text: foldText(r.number, r.symptom, r.reporterName), created_at: r.createdAt, updated_at: r.decidedAt ?? r.createdAt,
  }));
  const requestIdByNumber = byKey(await writeAll(database, repository, 'DI', requestRows, (repo, chunk) => repo.insertRequests(chunk), progress), (r) => r.number);
  const requestId = (index: number | null) => (index === null ? null : (requestIdByNumber.get(p.requests[index].number) as number));

  // Work orders.
  const workOrderRows: Insertable<WorkOrdersTable>[] = p.workOrders.map((w) => ({
    number: w.number, type: w.type, priority: w.priority, equipment_id: equipmentIds[w.equipment], location_id: locationOf(w.equipment), title: w.title, description: w.description,
    status: w.status, hold_reason: w.holdReason, hold_note: w.holdNote, cancel_reason: w.cancelReason, request_id: requestId(w.request), planned_at: w.plannedAt, due_at: w.dueAt,
    estimated_minutes: w.estimatedMinutes, symptom_code: w.codes?.symptom ?? null, cause_code: w.codes?.cause ?? null, remedy_code: w.codes?.remedy ?? null,
    symptom_text: w.codes?.symptomText ?? null, cause_text: w.codes?.causeText ?? null, remedy_text: w.codes?.remedyText ?? null, back_in_service: w.backInService,
    search_text: foldText(w.number, w.title, w.description), version: w.events.length, created_by: userId(w.createdBy), created_at: w.createdAt, updated_at: w.updatedAt,
    started_at: w.startedAt, finished_at: w.finishedAt, closed_at: w.closedAt, closed_by: userId(w.closedBy),
  }));
  const workOrderIdByNumber = byKey(await writeAll(database, repository, 'OT', workOrderRows, (repo, chunk) => repo.insertWorkOrders(chunk), progress), (r) => r.number);
  const workOrderId = (index: number | null) => (index === null ? null : (workOrderIdByNumber.get(p.workOrders[index].number) as number));

  // Downtimes, then the requests' links.
  const downtimeRows: Insertable<DowntimesTable>[] = p.downtimes.map((d) => ({
    equipment_id: equipmentIds[d.equipment], started_at: d.startedAt, ended_at: d.endedAt, planned: 0, request_id: requestId(d.request), work_order_id: workOrderId(d.workOrder),
    ended_by: d.endedAt === null ? null : userId(d.endedBy), created_at: d.startedAt,
  }));
  const downtimeIdByRequest = new Map<number, number>();
  for (const row of await writeAll(database, repository, 'arrêts', downtimeRows, (repo, chunk) => repo.insertDowntimes(chunk), progress)) downtimeIdByRequest.set(row.requestId as number, row.id);
  const links: RequestLink[] = [];
  p.requests.forEach((r, i) => {
    if (r.downtime === null && r.workOrder === null && r.duplicateOf === null) return;
    links.push({
      id: requestId(i) as number,
      downtimeId: r.downtime === null ? null : (downtimeIdByRequest.get(requestId(p.downtimes[r.downtime].request) as number) ?? null),
      workOrderId: workOrderId(r.workOrder),
      duplicateOfId: requestId(r.duplicateOf),
    });
  });
  await writeAll(database, repository, 'liens DI', links, (repo, chunk) => repo.linkRequests(chunk), progress);

  // Assignees, time entries, comments, history.
  const assigneeRows: Insertable<WorkOrderAssigneesTable>[] = [];
  const entryRows: Insertable<TimeEntriesTable>[] = [];
  const commentRows: Insertable<WorkOrderCommentsTable>[] = [];
  const eventRows: Insertable<WorkOrderEventsTable>[] = [];
  p.workOrders.forEach((w, i) => {
    const id = workOrderId(i) as number;
    const workstation = p.equipment[w.equipment].workstation;
    for (const user of w.assignees) assigneeRows.push({ work_order_id: id, user_id: userId(user) as number });
    for (const entry of w.entries) entryRows.push({ work_order_id: id, user_id: userId(entry.user) as number, started_at: entry.startedAt, ended_at: entry.endedAt, workstation });
    for (const comment of w.comments) commentRows.push({ work_order_id: id, user_id: userId(comment.user) as number, body: comment.body, created_at: comment.at });
    for (const event of w.events) {
      const detail = { ...event.detail };
      if (event.kind === 'created') detail.requestId = requestId(w.request);
      if (Array.isArray(detail.assigneeIds)) detail.assigneeIds = (detail.assigneeIds as number[]).map((u) => userId(u));
      eventRows.push({ work_order_id: id, at: event.at, user_id: userId(event.user), workstation: event.kind === 'created' ? 'PC-MAINTENANCE' : workstation, kind: event.kind, detail: JSON.stringify(detail) });
    }
  });
  await writeAll(database, repository, 'affectations', assigneeRows, (repo, chunk) => repo.insertAssignees(chunk), progress);
  await writeAll(database, repository, 'pointages', entryRows, (repo, chunk) => repo.insertTimeEntries(chunk), progress);
  await writeAll(database, repository, 'commentaires', commentRows, (repo, chunk) => repo.insertComments(chunk), progress);
  await writeAll(database, repository, 'historique OT', eventRows, (repo, chunk) => repo.insertEvents(chunk), progress);

  await database.transaction((trx) => repository.in(trx).raiseSequences([...p.sequences].map(([name, lastValue]) => ({ name, lastValue }))));
  if (database.engine === 'postgres') await repository.analyze();

  const counts = {} as SeedResult['counts'];
  for (const table of SEEDED_TABLES) counts[table] = await repository.countRows(table);
  return {
    counts,
    accounts: p.users.map((u) => ({ username: u.username, displayName: u.displayName, role: u.role })),
    password: DEMO_PASSWORD,
    elapsedMs: performance.now() - started,
    planMs,
  };
}
