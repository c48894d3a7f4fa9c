// Node (tests, both engines). The parts seed at a small size on top of a small plant: the counts it reports are the
// rows written, every référence is unique and searchable, every part has exactly one preferred supplier, every
// where-used link points at a seeded equipment, the same seed gives the same catalog, and a second run is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../support/test-core';
import { seedPlant } from './seed-plant';
import { seedParts, SeedPartsRefusedError } from './seed-parts';
import { SeedPartsRepository } from './seed-parts-repository';

const NOW = Date.UTC(2026, 10, 30);
const cores: TestCore[] = [];

async function seeded(seed: number) {
  const core = await createTestCore({ bcryptCost: 4 });
  cores.push(core);
  await seedPlant(core.database, { equipment: 40, requests: 20, workOrders: 30, seed: 3, now: NOW, bcryptCost: 4 });
  const progress: number[] = [];
  const result = await seedParts(core.database, { parts: 600, seed, now: NOW, onProgress: (_phase, done) => progress.push(done) });
  return { core, result, progress };
}

afterEach(async () => {
  while (cores.length) await cores.pop()?.dispose();
});

describe('seedParts', { timeout: 120_000 }, () => {
  it('writes realistic parts with suppliers and where-used, deterministically, and refuses a second run', async () => {
    const { core, result, progress } = await seeded(11);
    const db = core.database.kysely;
    const repo = new SeedPartsRepository(db);
    expect(result.parts).toBe(600);
    expect(await repo.countParts()).toBe(600);
    expect(await repo.countSuppliers()).toBe(result.suppliers);
    expect(await repo.countWhereUsed()).toBe(result.whereUsed);
    expect(result.suppliers).toBeGreaterThanOrEqual(600);
    expect(result.whereUsed).toBeGreaterThan(300);
    expect(progress.at(-1)).toBe(600);

    const parts = await db.selectFrom('parts').select(['code', 'designation', 'unit', 'category', 'search_text']).orderBy('code').execute();
    expect(new Set(parts.map((p) => p.code.toLowerCase())).size).toBe(600);
    expect(parts.every((p) => p.search_text.startsWith(p.code.toLowerCase()))).toBe(true);
    expect(new Set(parts.map((p) => p.category))).toContain('Roulements');
    expect(parts.some((p) => p.unit === 'L')).toBe(true);
    // Exactly one preferred supplier per part.
    const preferred = await db.selectFrom('part_suppliers').select(['part_id']).where('is_preferred', '=', 1).execute();
    expect(preferred).toHaveLength(600);
    expect(new Set(preferred.map((row) => Number(row.part_id))).size).toBe(600);
    // Where-used points at seeded equipment only.
    const orphans = await db
      .selectFrom('part_equipment as pe')
      .leftJoin('equipment as e', 'e.id', 'pe.equipment_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('e.id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(orphans.n)).toBe(0);

    await expect(seedParts(core.database, { parts: 10, seed: 11, now: NOW })).rejects.toBeInstanceOf(SeedPartsRefusedError);

    const again = await seeded(11);
    const sameParts = await again.core.database.kysely.selectFrom('parts').select(['code', 'designation', 'unit', 'category', 'search_text']).orderBy('code').execute();
    expect(sameParts).toEqual(parts);
  });
});
