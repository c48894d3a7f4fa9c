// Pure (Node). "Contains this text, whatever the case", for search boxes, the same on both engines. SQLite's LIKE
// ignores ASCII case already; PostgreSQL's ILIKE does, but refuses columns with a nondeterministic collation (our
// `nocase` username and email), so the column is compared under the default collation there. % and _ typed by a
// person are literal characters, never wildcards.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { engineOf } from './database';

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function containsText(db: { getExecutor(): { readonly adapter: object } }, column: Expression<unknown>, text: string): RawBuilder<SqlBool> {
  const pattern = `%${escapeLike(text)}%`;
  return engineOf(db) === 'postgres'
    ? sql<SqlBool>`(${column} collate "default") ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}
