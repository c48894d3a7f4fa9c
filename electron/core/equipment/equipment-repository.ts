// Pure (Node). The équipements table: SQL only here. Codes are unique whatever their case (COLLATE NOCASE on
// SQLite, the ICU `nocase` collation on PostgreSQL); `search_text` is foldText(code, designation), kept by every write.
import type { Executor } from '../kernel/db/database';
import type { EquipmentTable } from '../kernel/db/schema';
import { containsFolded, foldText } from '../kernel/db/text-search';
import type { Insertable, Selectable } from 'kysely';

export type EquipmentRow = Selectable<EquipmentTable>;
export type NewEquipment = Omit<Insertable<EquipmentTable>, 'search_text' | 'id'>;

export class EquipmentRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): EquipmentRepository {
    return new EquipmentRepository(trx);
  }

  async insert(values: NewEquipment): Promise<number> {
    const row = await this.db
      .insertInto('equipment')
      .values({ ...values, search_text: foldText(values.code, values.designation) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  findById(id: number): Promise<EquipmentRow | undefined> {
    return this.db.selectFrom('equipment').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Exact code, whatever its case: what a barcode scanner "types". */
  findByCode(code: string): Promise<EquipmentRow | undefined> {
    return this.db.selectFrom('equipment').selectAll().where('code', '=', code.trim()).executeTakeFirst();
  }

  /** Code or designation containing the text, accents and case ignored; exact code first, then by code. */
  search(text: string, limit: number): Promise<EquipmentRow[]> {
    return this.db
      .selectFrom('equipment')
      .selectAll()
      .where((eb) => containsFolded(eb.ref('search_text'), text))
      .orderBy('code')
      .limit(limit)
      .execute();
  }
}
