// Renderer. The location tree flattened for a drop-down: each place under its parent, labelled with its path
// ("Usine de Lyon › Atelier 1 › Ligne 2") so the same line name in two workshops is never ambiguous.
import type { LocationNode } from '../../../../shared/equipment/contract';

export interface LocationOption {
  id: number;
  label: string;
  depth: number;
}

export function locationOptions(nodes: readonly LocationNode[]): LocationOption[] {
  const children = new Map<number | null, LocationNode[]>();
  for (const node of nodes) {
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const options: LocationOption[] = [];
  const walk = (parentId: number | null, prefix: string, depth: number) => {
    for (const node of (children.get(parentId) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      const label = prefix ? `${prefix} › ${node.name}` : node.name;
      options.push({ id: node.id, label, depth });
      if (depth < 3) walk(node.id, label, depth + 1);
    }
  };
  walk(null, '', 0);
  return options;
}

/** Children of each location, for drawing the tree. */
export function childrenByParent(nodes: readonly LocationNode[]): Map<number | null, LocationNode[]> {
  const children = new Map<number | null, LocationNode[]>();
  for (const node of [...nodes].sort((a, b) => a.name.localeCompare(b.name))) {
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  return children;
}
