// Node (tests). The foundation of issue 13 on the engine of this pass: OT numbers from the database's sequence
// (consecutive, per year, never shared by two concurrent transactions), and one open downtime per equipment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabaseTarget, TEST_ENGINE, type TestDatabaseTarget } from '../../../tests/support/test-database';
import type { Database } from '../kernel/db/database';
import { migrateDatabase } from '../kernel/db/migrate-database';
import { MIGRATIONS } from '../kernel/db/migrations';
import { DowntimesRepository, EquipmentRepository } from '../equipment';
import { createWorkOrder } from './create-work-order';
import { WorkOrdersRepository } from './work-orders-repository';

let target: TestDatabaseTarget;
let db: Database;
let equipmentId: number;

beforeEach(async () => {
  target = await createTestDatabaseTarget();
  db = await target.open();
  await migrateDatabase(db, MIGRATIONS);
  equipmentId = await new EquipmentRepository(db.kysely).insert({ code: 'PR-003', designation: 'Presse à injecter 3', location_id: null, parent_id: null, category: null, manufacturer: null, model: null, serial_number: null, commissioned_on: null, notes: null, created_at: 0, updated_at: 0 });
});
afterEach(async () => {
  await db.close();
  await target.drop();
});

const actor = (year: number) => ({ userId: null, workstation: 'POSTE-1', at: Date.UTC(year, 5, 1), year });
const input = { type: 'corrective' as const, priority: 2 as const, equipmentId: 0, locationId: null, title: 'Fuite', description: 'Fuite huile vérin' };

describe(`work order creation on ${TEST_ENGINE}`, () => {
  it('numbers OTs from the database, consecutively and per year', async () => {
    const first = await db.transaction((trx) => createWorkOrder(trx, { ...input, equipmentId }, actor(2026)));
    const second = await db.transaction((trx) => createWorkOrder(trx, { ...input, equipmentId }, actor(2026)));
    const nextYear = await db.transaction((trx) => createWorkOrder(trx, { ...input, equipmentId }, actor(2027)));
    expect([first.number, second.number, nextYear.number]).toEqual(['OT-2026-000001', 'OT-2026-000002', 'OT-2027-000001']);
    const row = await new WorkOrdersRepository(db.kysely).findByNumber('OT-2026-000002');
    expect(row).toMatchObject({ status: 'draft', search_text: 'ot-2026-000002 fuite fuite huile verin' });
  });

  it('gives concurrent transactions different numbers', async () => {
    const numbers = await Promise.all(Array.from({ length: 8 }, () => db.transaction((trx) => createWorkOrder(trx, { ...input, equipmentId }, actor(2026)))));
    expect(new Set(numbers.map((n) => n.number)).size).toBe(8);
  });

  it('keeps one open downtime per equipment and closes it once', async () => {
    const downtimes = new DowntimesRepository(db.kysely);
    const opened = await downtimes.open({ equipmentId, at: 1000 });
    const joined = await downtimes.open({ equipmentId, at: 2000 });
    expect(joined.id).toBe(opened.id);
    expect(joined.started_at).toBe(1000);
    const closed = await downtimes.close({ equipmentId, at: 5000 });
    expect(closed).toMatchObject({ id: opened.id, ended_at: 5000 });
    expect(await downtimes.close({ equipmentId, at: 6000 })).toBeNull();
  });

  it('finds equipment by code whatever its case, and by designation without accents', async () => {
    const equipment = new EquipmentRepository(db.kysely);
    expect((await equipment.findByCode('pr-003'))?.id).toBe(equipmentId);
    expect((await equipment.search('PRESSE A INJ', 10)).map((e) => e.code)).toEqual(['PR-003']);
  });
});
