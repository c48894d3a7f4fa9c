// Node (vitest, Playwright and the list scripts). Plant data for the list tests, written straight into the
// tables (the OT and DI commands belong to other helpers; the lists only read): a small location tree, a few
// equipment, people of every role signed in through the real dispatcher, and as many OTs and DIs as asked.
import type { Executor } from '../../electron/core/kernel/db/database';
import type { WorkOrderStatus, WorkOrderType, HoldReason, RequestStatus } from '../../electron/core/kernel/db/schema';
import { foldText } from '../../electron/core/kernel/db/text-search';
import { ADMIN_INPUT, type TestCore } from './test-core';

export interface Plant {
  site: number;
  zone1: number;
  line1: number;
  zone2: number;
  press: number;
  compressor: number;
  oven: number;
  users: { admin: number; manager: number; lucas: number; emma: number; requester: number };
}

/** Windows signed in as each role (ids of the dispatcher's sender). */
export const WINDOWS = { admin: 'w-admin', manager: 'w-manager', lucas: 'w-lucas', emma: 'w-emma', requester: 'w-requester' } as const;

export async function makePlant(db: Executor): Promise<Omit<Plant, 'users'>> {
  const loc = async (code: string, name: string, kind: 'site' | 'zone' | 'line', parent: number | null) =>
    Number((await db.insertInto('locations').values({ code, name, kind, parent_id: parent, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow()).id);
  const site = await loc('USINE', 'Usine de Lyon', 'site', null);
  const zone1 = await loc('INJ', 'Atelier injection', 'zone', site);
  const line1 = await loc('INJ-L1', 'Ligne 1', 'line', zone1);
  const zone2 = await loc('UTIL', 'Utilités', 'zone', site);
  const eq = async (code: string, designation: string, location: number | null) =>
    Number(
      (
        await db
          .insertInto('equipment')
          .values({ code, designation, location_id: location, parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, search_text: foldText(code, designation), created_at: 0, updated_at: 0 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const press = await eq('PR-001', 'Presse à injecter 1', line1);
  const compressor = await eq('CMP-002', 'Compresseur à vis', zone2);
  const oven = await eq('FO-003', 'Four de séchage', null);
  return { site, zone1, line1, zone2, press, compressor, oven };
}

/** The first administrator, then one person of each other role with the same password, each signed in. */
export async function signInEveryone(core: TestCore): Promise<Plant['users']> {
  const setup = await core.call('setup', 'auth:setupFirstAdmin', ADMIN_INPUT);
  if (!setup.ok) throw new Error(`setup: ${setup.error.code}`);
  const db = core.database.kysely;
  const admin = await db.selectFrom('users').select(['id', 'password_hash']).where('username', '=', ADMIN_INPUT.username).executeTakeFirstOrThrow();
  const add = async (username: string, display_name: string, role: 'maintenance_manager' | 'technician' | 'requester') =>
    Number((await db.insertInto('users').values({ username, display_name, role, password_hash: admin.password_hash, password_changed_at: 0, created_at: 0, updated_at: 0 }).returning('id').executeTakeFirstOrThrow()).id);
  const users = {
    admin: Number(admin.id),
    manager: await add('resp.marie', 'Marie Responsable', 'maintenance_manager'),
    lucas: await add('tech.lucas', 'Lucas Martin', 'technician'),
    emma: await add('tech.emma', 'Emma Bernard', 'technician'),
    requester: await add('dem.paul', 'Paul Demandeur', 'requester'),
  };
  const logins: [keyof typeof WINDOWS, string][] = [
    ['admin', ADMIN_INPUT.username],
    ['manager', 'resp.marie'],
    ['lucas', 'tech.lucas'],
    ['emma', 'tech.emma'],
    ['requester', 'dem.paul'],
  ];
  for (const [who, identifier] of logins) {
    const login = await core.call(WINDOWS[who], 'auth:login', { identifier, password: ADMIN_INPUT.password });
    if (!login.ok) throw new Error(`login ${identifier}: ${login.error.code}`);
  }
  return users;
}

export interface OrderSpec {
  number?: string;
  title?: string;
  description?: string;
  type?: WorkOrderType;
  priority?: number;
  status?: WorkOrderStatus;
  holdReason?: HoldReason | null;
  equipmentId: number;
  locationId: number | null;
  dueAt?: number | null;
  createdAt?: number;
  assignees?: number[];
}

let sequence = 0;

/** Inserts OTs in one statement per 200 (both engines' parameter limits), their assignees after. */
export async function insertOrders(db: Executor, specs: readonly OrderSpec[]): Promise<{ id: number; number: string }[]> {
  const made: { id: number; number: string }[] = [];
  for (let start = 0; start < specs.length; start += 200) {
    const chunk = specs.slice(start, start + 200);
    const values = chunk.map((spec) => {
      sequence += 1;
      const number = spec.number ?? `OT-2026-${String(sequence).padStart(6, '0')}`;
      const title = spec.title ?? `Intervention ${sequence}`;
      const description = spec.description ?? '';
      return {
        number,
        type: spec.type ?? 'corrective',
        priority: spec.priority ?? 3,
        equipment_id: spec.equipmentId,
        location_id: spec.locationId,
        title,
        description,
        status: spec.status ?? 'planned',
        hold_reason: spec.holdReason ?? (spec.status === 'on_hold' ? 'other' : null),
        due_at: spec.dueAt === undefined ? null : spec.dueAt,
        search_text: foldText(number, title, description),
        created_at: spec.createdAt ?? 0,
        updated_at: spec.createdAt ?? 0,
      };
    });
    const rows = await db.insertInto('work_orders').values(values).returning(['id', 'number']).execute();
    const assignees = rows.flatMap((row, index) => (chunk[index].assignees ?? []).map((user) => ({ work_order_id: Number(row.id), user_id: user })));
    if (assignees.length > 0) await db.insertInto('work_order_assignees').values(assignees).execute();
    made.push(...rows.map((row) => ({ id: Number(row.id), number: row.number })));
  }
  return made;
}

export interface RequestSpec {
  number?: string;
  symptom?: string;
  status?: RequestStatus;
  machineStopped?: boolean;
  equipmentId: number;
  equipmentCode?: string;
  locationId: number | null;
  reporterName?: string | null;
  reporterUserId?: number | null;
  createdAt?: number;
  workOrderId?: number | null;
}

export async function insertRequests(db: Executor, specs: readonly RequestSpec[]): Promise<{ id: number; number: string }[]> {
  const made: { id: number; number: string }[] = [];
  for (let start = 0; start < specs.length; start += 200) {
    const chunk = specs.slice(start, start + 200);
    const values = chunk.map((spec) => {
      sequence += 1;
      const number = spec.number ?? `DI-2026-${String(sequence).padStart(6, '0')}`;
      const symptom = spec.symptom ?? `Bruit anormal ${sequence}`;
      return {
        number,
        equipment_id: spec.equipmentId,
        location_id: spec.locationId,
        symptom,
        machine_stopped: (spec.machineStopped ? 1 : 0) as 0 | 1,
        status: spec.status ?? 'new',
        reporter_name: spec.reporterName ?? null,
        reporter_user_id: spec.reporterUserId ?? null,
        workstation: 'POSTE-TEST',
        work_order_id: spec.workOrderId ?? null,
        search_text: foldText(number, symptom, spec.equipmentCode),
        created_at: spec.createdAt ?? 0,
        updated_at: spec.createdAt ?? 0,
      };
    });
    const rows = await db.insertInto('work_requests').values(values).returning(['id', 'number']).execute();
    made.push(...rows.map((row) => ({ id: Number(row.id), number: row.number })));
  }
  return made;
}
