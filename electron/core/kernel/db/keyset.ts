// Pure (Node). Keyset pagination for the long lists (issue 13: OT and DI lists; any later list): the cursor is
// the last row's sort key and id, base64 for the renderer (opaque: it only gives it back). A cursor names the sort
// it was made for, so one from another sort (a stale page after a click on a header) is refused instead of
// skipping or repeating rows. In the kernel because two domains page this way and a domain reaches another only
// through its index.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { AppError } from '../platform/app-error';

export type KeyValue = number | string | null;

export interface Keyset {
  /** The sort key of the last row sent (null: a due date that is empty; those come last). */
  value: KeyValue;
  id: number;
}

interface CursorBody {
  s: string;
  v: KeyValue;
  i: number;
}

export function encodeCursor(sort: string, keyset: Keyset): string {
  const body: CursorBody = { s: sort, v: keyset.value, i: keyset.id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

const badCursor = () => new AppError('VALIDATION_FAILED', 'Unreadable list cursor', [{ path: 'cursor', code: 'validation.invalid' }]);

/** The keyset of a cursor made for `sort` (e.g. "due:asc"); a cursor from anything else is refused. */
export function decodeCursor(cursor: string, sort: string): Keyset {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof body !== 'object' || body === null) throw badCursor();
  const { s, v, i } = body as Partial<CursorBody>;
  if (s !== sort || typeof i !== 'number' || !Number.isSafeInteger(i)) throw badCursor();
  if (v !== null && typeof v !== 'number' && typeof v !== 'string') throw badCursor();
  if (typeof v === 'number' && !Number.isFinite(v)) throw badCursor();
  if (typeof v === 'string' && v.length > 200) throw badCursor();
  return { value: v, id: i };
}

export type SortDirection = 'asc' | 'desc';

/** `(key, id) > (value, id)` (or `<` descending): one row-value comparison both engines serve from an index. */
export function afterKeyset(key: Expression<unknown>, id: Expression<unknown>, keyset: Keyset, direction: SortDirection): RawBuilder<SqlBool> {
  return direction === 'asc' ? sql<SqlBool>`(${key}, ${id}) > (${keyset.value}, ${keyset.id})` : sql<SqlBool>`(${key}, ${id}) < (${keyset.value}, ${keyset.id})`;
}

/** Every location under `rootId`, itself included, from the (small) table's id → parent links. */
export function locationSubtree(links: readonly { id: number; parentId: number | null }[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const link of links) {
    if (link.parentId === null) continue;
    const list = children.get(link.parentId) ?? [];
    list.push(link.id);
    children.set(link.parentId, list);
  }
  const result: number[] = [];
  const seen = new Set<number>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue; // a cycle written by hand must not hang the list
    seen.add(id);
    result.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}
