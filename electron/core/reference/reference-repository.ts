// Pure (Node). The reference lists (reference_items): SQL only here.
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { ReferenceItemsTable } from '../kernel/db/schema';
import type { ReferenceItem, ReferenceListName } from '../../../shared/reference/contract';

type ReferenceRow = Selectable<ReferenceItemsTable>;

function toItem(row: ReferenceRow): ReferenceItem {
  return { id: Number(row.id), list: row.list, code: row.code, label: row.label, isActive: row.is_active === 1, position: row.position };
}

export class ReferenceRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): ReferenceRepository {
    return new ReferenceRepository(trx);
  }

  async list(list: ReferenceListName, includeInactive = false): Promise<ReferenceItem[]> {
    let query = this.db.selectFrom('reference_items').selectAll().where('list', '=', list);
    if (!includeInactive) query = query.where('is_active', '=', 1);
    const rows = await query.orderBy('position').orderBy('label').orderBy('id').execute();
    return rows.map(toItem);
  }

  /** Whether `code` is an active item of `list` (a finished OT may only name those, or write "autre"). */
  async isActiveCode(list: ReferenceListName, code: string): Promise<boolean> {
    const row = await this.db.selectFrom('reference_items').select('id').where('list', '=', list).where('code', '=', code).where('is_active', '=', 1).executeTakeFirst();
    return row !== undefined;
  }

  async findById(id: number): Promise<ReferenceItem | undefined> {
    const row = await this.db.selectFrom('reference_items').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toItem(row);
  }

  async count(list: ReferenceListName): Promise<number> {
    const row = await this.db.selectFrom('reference_items').select((eb) => eb.fn.countAll<number | string>().as('n')).where('list', '=', list).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Inserts one item; false when the list already has this code (whatever its case): nothing is written then. */
  async insert(values: { list: ReferenceListName; code: string; label: string; position: number }, now: number): Promise<ReferenceItem | null> {
    const row = await this.db
      .insertInto('reference_items')
      .values({ list: values.list, code: values.code, label: values.label, position: values.position, is_active: 1, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['list', 'code']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async update(id: number, changes: { label?: string; isActive?: boolean; position?: number }, now: number): Promise<void> {
    await this.db
      .updateTable('reference_items')
      .set({
        updated_at: now,
        ...(changes.label !== undefined ? { label: changes.label } : {}),
        ...(changes.isActive !== undefined ? { is_active: changes.isActive ? 1 : 0 } : {}),
        ...(changes.position !== undefined ? { position: changes.position } : {}),
      })
      .where('id', '=', id)
      .execute();
  }
}
