// Renderer. A keyset list through TanStack Query: `useInfiniteQuery` over a `…:list` channel, query key
// `[topic, 'list', filter]` (so a `data:changed` for the topic refetches it), at most MAX_PAGES pages of 50 rows
// kept (pages far above are dropped, and fetched again with their cursor if the person scrolls back up).
import { useCallback, useMemo, useRef } from 'react';
import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { ChangeTopic, ChannelInput, IpcError } from '../../../../shared/contract';
import { call } from '../../api/client';

type ListChannel = 'workOrders:list' | 'requests:list';
interface Page<Row> {
  rows: Row[];
  nextCursor: string | null;
}

/** Rows kept in the renderer: 4 pages of 50. */
export const MAX_PAGES = 4;
/** The first page's param: '' (TanStack Query reads null as "no page"). */
const FIRST = '';

export class ListError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

export function useKeysetList<Row>(topic: ChangeTopic, channel: ListChannel, filter: Omit<ChannelInput<ListChannel>, 'cursor'>) {
  const filterKey = JSON.stringify(filter);
  // Each page's cursor → the cursor of the page before it, per filter: cursors are a few bytes, rows are what is
  // dropped. Read and written only in TanStack Query's callbacks.
  const chains = useRef(new Map<string, Map<string, string>>());
  const chain = () => {
    let map = chains.current.get(filterKey);
    if (!map) chains.current.set(filterKey, (map = new Map()));
    return map;
  };
  const query = useInfiniteQuery<Page<Row>, ListError, InfiniteData<Page<Row>, string>, readonly unknown[], string>({
    queryKey: [topic, 'list', filter],
    queryFn: async ({ pageParam }) => {
      const answer = await call(channel, { ...filter, cursor: pageParam || undefined } as ChannelInput<ListChannel>);
      if (!answer.ok) throw new ListError(answer.error);
      return answer.data as unknown as Page<Row>;
    },
    initialPageParam: FIRST,
    getNextPageParam: (last, _pages, lastParam) => {
      if (!last.nextCursor) return undefined;
      chain().set(last.nextCursor, lastParam);
      return last.nextCursor;
    },
    getPreviousPageParam: (_first, _pages, firstParam) => (firstParam === FIRST ? undefined : chain().get(firstParam)),
    maxPages: MAX_PAGES,
  });
  const rows = useMemo(() => {
    // An insert between two fetches can make two kept pages share a row: show it once.
    const seen = new Set<unknown>();
    const result: Row[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const row of page.rows) {
        const id = (row as { id: unknown }).id;
        if (seen.has(id)) continue;
        seen.add(id);
        result.push(row);
      }
    }
    return result;
  }, [query.data]);
  const { fetchNextPage, fetchPreviousPage } = query;
  const next = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const previousPage = useCallback(() => void fetchPreviousPage(), [fetchPreviousPage]);
  return { query, rows, next, previous: previousPage };
}

