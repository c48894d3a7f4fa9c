// Pure (Node). Pièces de rechange (the catalog): SQL only here. `search_text` holds foldText(code, designation,
// manufacturer reference) so one LIKE finds a part however it is typed.
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { PartsTable } from '../kernel/db/schema';
import { foldText } from '../kernel/db/text-search';

export type PartRow = Selectable<PartsTable>;

export interface NewPart {
  code: string;
  designation: string;
  unit?: string;
  manufacturer?: string | null;
  manufacturerRef?: string | null;
  category?: string | null;
  notes?: string | null;
}

export class PartsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): PartsRepository {
    return new PartsRepository(trx);
  }

  insert(part: NewPart, at: number): Promise<PartRow> {
    return this.db
      .insertInto('parts')
      .values({
        code: part.code,
        designation: part.designation,
        unit: part.unit ?? 'pce',
        manufacturer: part.manufacturer ?? null,
        manufacturer_ref: part.manufacturerRef ?? null,
        category: part.category ?? null,
        notes: part.notes ?? null,
        search_text: foldText(part.code, part.designation, part.manufacturerRef ?? ''),
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  findById(id: number): Promise<PartRow | undefined> {
    return this.db.selectFrom('parts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByCode(code: string): Promise<PartRow | undefined> {
    return this.db.selectFrom('parts').selectAll().where('code', '=', code).executeTakeFirst();
  }
}
