// Node (tests). A plant ready for OT tests on a real core: an administrator, a maintenance manager, two technicians
// and a requester, each signed in in their own window (real bcrypt, real login); a location tree, an equipment and
// the reference lists (symptômes, causes, remèdes) a corrective OT is finished with.
import { ADMIN_WINDOW, signInAdmin } from './mail-fixtures';
import { ADMIN_INPUT, type TestCore } from './test-core';
import { DEFAULT_SECURITY_SETTINGS } from '../../shared/security/security-settings';
import { EquipmentRepository } from '../../electron/core/equipment';

export const PASSWORD = 'pompe hydraulique 42';
export const W = { admin: ADMIN_WINDOW, manager: 'manager-window', tech: 'tech-window', tech2: 'tech2-window', requester: 'requester-window' } as const;

export interface Plant {
  ids: { admin: number; manager: number; tech: number; tech2: number; requester: number };
  equipmentId: number;
  equipmentCode: string;
}

async function addSignedInUser(core: TestCore, window: string, username: string, displayName: string, role: 'maintenance_manager' | 'technician' | 'requester'): Promise<number> {
  const created = await core.call(ADMIN_WINDOW, 'users:create', { username, displayName, email: '', role, passwordMode: 'chosen', password: PASSWORD, passwordConfirmation: PASSWORD });
  if (!created.ok) throw new Error(`users:create ${username}: ${JSON.stringify(created.error)}`);
  // Test setup only: skip the first-login password change the administrator's chosen password may ask for.
  await core.database.kysely.updateTable('users').set({ must_change_password: 0, password_change_offered: 0 }).where('username', '=', username).execute();
  const login = await core.call(window, 'auth:login', { identifier: username, password: PASSWORD });
  if (!login.ok) throw new Error(`login ${username}: ${login.error.code}`);
  return created.data.user.id;
}

export async function preparePlant(core: TestCore): Promise<Plant> {
  await signInAdmin(core);
  // A shift, not the 15-minute default: tests move main's clock by hours between two actions.
  const settings = await core.call(ADMIN_WINDOW, 'security:updateSettings', { ...DEFAULT_SECURITY_SETTINGS, idleMinutes: 240, absoluteHours: 12 });
  if (!settings.ok) throw new Error(settings.error.code);
  await core.call(ADMIN_WINDOW, 'auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  const admin = (await core.database.kysely.selectFrom('users').select('id').where('username', '=', 'admin.chef').executeTakeFirstOrThrow()).id;
  const manager = await addSignedInUser(core, W.manager, 'r.responsable', 'Rémi Responsable', 'maintenance_manager');
  const tech = await addSignedInUser(core, W.tech, 't.martin', 'Théo Martin', 'technician');
  const tech2 = await addSignedInUser(core, W.tech2, 'l.bernard', 'Léa Bernard', 'technician');
  const requester = await addSignedInUser(core, W.requester, 'o.durand', 'Olivier Durand', 'requester');
  const db = core.database.kysely;
  const now = core.clock.now();
  const site = await db.insertInto('locations').values({ code: 'LYON', name: 'Usine de Lyon', kind: 'site', parent_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  const zone = await db.insertInto('locations').values({ code: 'INJ', name: 'Atelier injection', kind: 'zone', parent_id: Number(site.id), created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  const equipmentId = await new EquipmentRepository(db).insert({
    code: 'PR-003', designation: 'Presse à injecter 3', location_id: Number(zone.id), parent_id: null, category: null,
    manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: now, updated_at: now,
  });
  const items = [
    ['symptom', 'FUITE', 'Fuite'], ['symptom', 'BRUIT', 'Bruit anormal'],
    ['cause', 'JOINT', 'Joint usé'], ['cause', 'OLD', 'Ancienne cause'],
    ['remedy', 'REMPL', 'Remplacement'],
  ] as const;
  for (const [list, code, label] of items) {
    // The app's French starter set may hold the same code already (a new install fills empty lists): take it over.
    const isActive = code === 'OLD' ? 0 : 1;
    await db
      .insertInto('reference_items')
      .values({ list, code, label, is_active: isActive, position: 0, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['list', 'code']).doUpdateSet({ label, is_active: isActive }))
      .execute();
  }
  return { ids: { admin: Number(admin), manager, tech, tech2, requester }, equipmentId, equipmentCode: 'PR-003' };
}
