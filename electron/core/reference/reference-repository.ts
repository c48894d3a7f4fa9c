// Pure (Node). The reference lists (reference_items): SQL only here.
import type { Executor } from '../kernel/db/database';
import type { ReferenceItem, ReferenceListName } from '../../../shared/reference/contract';

export class ReferenceRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): ReferenceRepository {
    return new ReferenceRepository(trx);
  }

  async list(list: ReferenceListName, includeInactive = false): Promise<ReferenceItem[]> {
    let query = this.db.selectFrom('reference_items').selectAll().where('list', '=', list);
    if (!includeInactive) query = query.where('is_active', '=', 1);
    const rows = await query.orderBy('position').orderBy('label').execute();
    return rows.map((row) => ({ id: Number(row.id), list: row.list, code: row.code, label: row.label, isActive: row.is_active === 1, position: row.position }));
  }

  /** Whether `code` is an active item of `list` (a finished OT may only name those, or write "autre"). */
  async isActiveCode(list: ReferenceListName, code: string): Promise<boolean> {
    const row = await this.db.selectFrom('reference_items').select('id').where('list', '=', list).where('code', '=', code).where('is_active', '=', 1).executeTakeFirst();
    return row !== undefined;
  }
}
