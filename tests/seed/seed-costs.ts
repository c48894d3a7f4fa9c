// Node (dev only). Costs on the seeded plant (`npm run seed`, the bench's indicators section, the seed test): an
// hourly rate per role and for about half the technicians, the rate in force stamped on every finished time entry
// (as the app does when a clock stops), and external service lines on ~10% of the OTs that were worked on.
// Deterministic from `seed`; runs after seedPlant; set-based UPDATE and multi-row INSERTs in one transaction.
import { sql } from 'kysely';
import type { Database } from '../../electron/core/kernel/db/database';
import { generator } from './seed-random';

export interface SeedCostsOptions {
  seed: number;
  /** Share of the worked-on OTs given a service line (default 0.1). */
  serviceShare?: number;
  progress?: (phase: string, done: number, total: number) => void;
}

export interface SeedCostsResult {
  roleRates: number;
  userRates: number;
  stampedEntries: number;
  serviceLines: number;
}

const ROLE_RATES = { technician: 4200, maintenance_manager: 5500, admin: 6000 } as const;
const SUPPLIERS = ['Hydro Services', 'Électro Maintenance 44', 'Pneumatique Rhône', 'Usinage Durand', 'Levage Contrôle', 'Froid Industriel Ouest', 'Soudure Martin', 'Automatismes Bretagne'];
const WORKS = ['Rebobinage moteur', 'Contrôle réglementaire', 'Réparation vérin', 'Usinage d’une pièce', 'Dépannage automate', 'Recharge fluide frigorigène', 'Réfection soudure', 'Location nacelle'];
const BATCH = 500;


export async function seedCosts(database: Database, options: SeedCostsOptions): Promise<SeedCostsResult> {
  const random = generator(options.seed ^ 0x00c0575).next;
  const share = options.serviceShare ?? 0.1;
  const db = database.kysely;
  const now = Date.now();
  const technicians = await db.selectFrom('users').select('id').where('role', '=', 'technician').orderBy('id').execute();
  const orders = await db
    .selectFrom('work_orders')
    .select(['id', 'created_at', 'started_at', 'finished_at'])
    .where('status', 'in', ['in_progress', 'on_hold', 'done', 'closed'])
    .orderBy('id')
    .execute();
  const userRates = technicians.filter(() => random() < 0.5).map((t) => ({ subject_kind: 'user' as const, subject: String(t.id), hourly_rate_cents: 3600 + Math.floor(random() * 17) * 100, updated_by: null, updated_at: now }));
  const services = orders
    .filter(() => random() < share)
    .map((o) => {
      const at = Number(o.finished_at ?? o.started_at ?? o.created_at);
      const index = Math.floor(random() * SUPPLIERS.length);
      return {
        work_order_id: o.id,
        supplier: SUPPLIERS[index],
        reference: `F-${new Date(at).getUTCFullYear()}-${String(Math.floor(random() * 9000) + 1000)}`,
        description: WORKS[index],
        amount_cents: (150 + Math.floor(random() * 4350)) * 100,
        created_by: null,
        created_at: at,
      };
    });

  let stampedEntries = 0;
  await database.transaction(async (trx) => {
    const roleRates = Object.entries(ROLE_RATES).map(([role, cents]) => ({ subject_kind: 'role' as const, subject: role, hourly_rate_cents: cents, updated_by: null, updated_at: now }));
    for (const rate of [...roleRates, ...userRates]) {
      await trx
        .insertInto('labour_rates')
        .values(rate)
        .onConflict((oc) => oc.columns(['subject_kind', 'subject']).doUpdateSet({ hourly_rate_cents: rate.hourly_rate_cents, updated_at: now }))
        .execute();
    }
    // The rate in force when each entry stopped: as costs' stampHourlyRates does, for every finished entry at once.
    const stamped = await trx
      .updateTable('time_entries')
      .set({
        hourly_rate_cents: sql<number | null>`coalesce(
          (select r.hourly_rate_cents from labour_rates r where r.subject_kind = 'user' and r.subject = cast(time_entries.user_id as text)),
          (select r.hourly_rate_cents from labour_rates r join users u on r.subject_kind = 'role' and r.subject = u.role where u.id = time_entries.user_id))`,
      })
      .where('ended_at', 'is not', null)
      .executeTakeFirst();
    stampedEntries = Number(stamped.numUpdatedRows);
    for (let i = 0; i < services.length; i += BATCH) {
      await trx.insertInto('work_order_services').values(services.slice(i, i + BATCH)).execute();
      options.progress?.('services', Math.min(i + BATCH, services.length), services.length);
    }
  });
  return { roleRates: Object.keys(ROLE_RATES).length, userRates: userRates.length, stampedEntries, serviceLines: services.length };
}
