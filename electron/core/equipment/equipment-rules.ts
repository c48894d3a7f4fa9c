// Pure (Node). The decisions about the two trees, in plain code with no database: a location's kind from its
// parent, a location's path and subtree, and whether an equipment may hang under a given parent (no cycle, three
// levels at most). The service loads the rows, asks these, then writes.
import { EQUIPMENT_MAX_DEPTH, type LocationKind, type LocationNode, type LocationPath } from '../../../shared/equipment/contract';

/** site → zone → ligne: a root is a site, a site's child a zone, a zone's child a line; a line has none (null). */
export function kindUnder(parentKind: LocationKind | null): LocationKind | null {
  if (parentKind === null) return 'site';
  if (parentKind === 'site') return 'zone';
  if (parentKind === 'zone') return 'line';
  return null;
}

/** From the site down to `id`; empty when unknown. Guards against a (corrupt) loop by bounding the walk. */
export function locationPath(nodes: readonly LocationNode[], id: number | null): LocationPath {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const path: LocationPath = [];
  let current = id === null ? undefined : byId.get(id);
  while (current && path.length < 10) {
    path.unshift({ id: current.id, code: current.code, name: current.name, kind: current.kind });
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return path;
}

export function pathLabel(path: LocationPath): string | null {
  return path.length === 0 ? null : path.map((step) => step.name).join(' › ');
}

/** The location and every location under it. */
export function subtreeIds(nodes: readonly LocationNode[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node.id);
    children.set(node.parentId, list);
  }
  if (!nodes.some((node) => node.id === rootId)) return [];
  const ids: number[] = [];
  const queue = [rootId];
  const seen = new Set<number>();
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    ids.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return ids;
}

export type ParentVerdict = { ok: true } | { ok: false; reason: 'unknown' | 'cycle' | 'too_deep' };

/**
 * Whether the equipment `selfId` (null for a new one) may hang under the parent whose chain up to the root is
 * `parentChain` (the parent first, then its parent…; null when the parent code matched nothing), given that the
 * equipment's own subtree is `selfHeight` levels tall (1: no children, 2: children, 3: grandchildren).
 */
export function judgeParent(selfId: number | null, parentChain: readonly number[] | null, selfHeight: number): ParentVerdict {
  if (parentChain === null) return { ok: false, reason: 'unknown' };
  if (selfId !== null && parentChain.includes(selfId)) return { ok: false, reason: 'cycle' };
  // The parent sits at level parentChain.length; the equipment one below, its deepest part selfHeight - 1 further.
  if (parentChain.length + selfHeight > EQUIPMENT_MAX_DEPTH) return { ok: false, reason: 'too_deep' };
  return { ok: true };
}
