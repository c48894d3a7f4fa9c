// Node (tests). The trees' rules in plain code: a location's kind from its parent, paths and subtrees, and the
// parent an equipment may take (no cycle, three levels at most).
import { describe, expect, it } from 'vitest';
import type { LocationNode } from '../../../shared/equipment/contract';
import { isCalendarDate } from '../../../shared/equipment/contract';
import { judgeParent, kindUnder, locationPath, pathLabel, subtreeIds } from './equipment-rules';

const nodes: LocationNode[] = [
  { id: 1, code: 'S', name: 'Site', kind: 'site', parentId: null },
  { id: 2, code: 'Z', name: 'Zone', kind: 'zone', parentId: 1 },
  { id: 3, code: 'L', name: 'Ligne', kind: 'line', parentId: 2 },
  { id: 4, code: 'Z2', name: 'Zone 2', kind: 'zone', parentId: 1 },
  { id: 5, code: 'S2', name: 'Site 2', kind: 'site', parentId: null },
];

describe('locations', () => {
  it('site → zone → ligne, nothing under a line', () => {
    expect([kindUnder(null), kindUnder('site'), kindUnder('zone'), kindUnder('line')]).toEqual(['site', 'zone', 'line', null]);
  });
  it('paths from the site and subtrees', () => {
    expect(pathLabel(locationPath(nodes, 3))).toBe('Site › Zone › Ligne');
    expect(locationPath(nodes, null)).toEqual([]);
    expect(subtreeIds(nodes, 1).sort()).toEqual([1, 2, 3, 4]);
    expect(subtreeIds(nodes, 5)).toEqual([5]);
    expect(subtreeIds(nodes, 99)).toEqual([]);
  });
});

describe('judgeParent', () => {
  it('accepts up to three levels', () => {
    expect(judgeParent(null, [10], 1)).toEqual({ ok: true });
    expect(judgeParent(null, [11, 10], 1)).toEqual({ ok: true });
    expect(judgeParent(null, [12, 11, 10], 1)).toEqual({ ok: false, reason: 'too_deep' });
    expect(judgeParent(20, [10], 2)).toEqual({ ok: true });
    expect(judgeParent(20, [10], 3)).toEqual({ ok: false, reason: 'too_deep' });
  });
  it('refuses itself, its own parts and unknown parents', () => {
    expect(judgeParent(10, [10], 1)).toEqual({ ok: false, reason: 'cycle' });
    expect(judgeParent(10, [12, 11, 10], 1)).toEqual({ ok: false, reason: 'cycle' });
    expect(judgeParent(10, null, 1)).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('isCalendarDate', () => {
  it('only real days', () => {
    expect(['2024-02-29', '2023-02-29', '2023-13-01', '23-01-01', '2023-1-1', '1899-12-31'].map(isCalendarDate)).toEqual([true, false, false, false, false, false]);
  });
});
