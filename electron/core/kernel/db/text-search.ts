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

/**
 * The searchable form of a text, computed by the app and stored in `search_text` columns (issue 13): lower case,
 * accents stripped ("Pompe à vide" → "pompe a vide"), runs of spaces made one. The same function folds what the
 * person typed, so "POMPE A VIDE" finds it on both engines without any collation or extension.
 */
export function foldText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** `search_text LIKE %folded%`: the column already holds folded text, so a plain case-sensitive LIKE is exact. */
export function containsFolded(column: Expression<unknown>, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${column} like ${`%${escapeLike(foldText(text))}%`} escape '\\'`;
}
