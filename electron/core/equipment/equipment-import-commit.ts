// Pure (Node). Writes a checked import plan inside the caller's one transaction: locations level by level (a parent
// is always written before its children), then equipment level by level, resolving codes to ids as it goes.
import type { ImportPlan } from './equipment-import';
import type { EquipmentImportRepository } from './equipment-import-repository';

const key = (code: string) => code.trim().toLowerCase();

export async function writeImportPlan(repo: EquipmentImportRepository, plan: ImportPlan, now: number): Promise<void> {
  const locationIds = new Map((await repo.locations()).map((location) => [key(location.code), location.id]));
  const locationId = (code: string | null) => (code ? (locationIds.get(key(code)) ?? fail(`location ${code}`)) : null);
  for (const depth of [1, 2, 3, 4]) {
    const level = plan.locations.filter((row) => Math.min(row.depth, 4) === depth);
    // Updates first: a row that moves under a sibling created in this level still finds it at the next level.
    for (const row of level.filter((r) => r.existingId !== null)) {
      await repo.updateLocation(row.existingId as number, { code: row.code, name: row.name, kind: row.kind, parentId: locationId(row.parentCode) }, now);
    }
    const created = await repo.insertLocations(
      level.filter((r) => r.existingId === null).map((row) => ({ code: row.code, name: row.name, kind: row.kind, parentId: locationId(row.parentCode) })),
      now,
    );
    for (const { id, code } of created) locationIds.set(key(code), id);
  }

  const equipmentIds = new Map((await repo.equipment()).map((equipment) => [key(equipment.code), equipment.id]));
  const equipmentId = (code: string | null | undefined) => (code === undefined ? undefined : code ? (equipmentIds.get(key(code)) ?? fail(`equipment ${code}`)) : null);
  const locationOf = (code: string | null | undefined) => (code === undefined ? undefined : locationId(code));
  for (const depth of [1, 2, 3, 4]) {
    const level = plan.equipment.filter((row) => Math.min(row.depth, 4) === depth);
    for (const row of level.filter((r) => r.existingId !== null)) {
      const id = row.existingId as number;
      const newLocation = locationOf(row.locationCode);
      await repo.updateEquipment(id, { ...row.values, locationId: newLocation, parentId: equipmentId(row.parentCode) }, now);
      if (newLocation !== undefined && newLocation !== row.existingLocationId) await repo.restampOpenWork(id, newLocation);
    }
    const created = await repo.insertEquipment(
      level.filter((r) => r.existingId === null).map((row) => ({ ...row.values, locationId: locationOf(row.locationCode) ?? null, parentId: equipmentId(row.parentCode) ?? null })),
      now,
    );
    for (const { id, code } of created) equipmentIds.set(key(code), id);
  }
}

function fail(what: string): never {
  // The plan was checked against this same data an instant ago: a missing code means someone changed it meanwhile.
  throw new Error(`Import: ${what} vanished while writing`);
}
