// Pure (Node). Indicateurs: turns the repository's SQL aggregates into the dashboard's figures (MTBF, MTTR,
// disponibilité, backlog, ratio préventif/correctif, coûts, top 10s). Divisions of SQL sums happen here; every sum,
// clip and group is SQL's. The period is local days; time after now is neither operating nor down (24/7 required time).
import type { z } from 'zod';
import type { DowntimeListRow, downtimesListInput, IndicatorsView, indicatorsQuery, MonthCost } from '../../../shared/indicators/contract';
import { DOWNTIMES_LIST_MAX } from '../../../shared/indicators/contract';
import { CostsRepository, monthBuckets, periodRange } from '../costs';
import { locationSubtree } from '../kernel/db/keyset';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { IndicatorsRepository, type CostRow, type IndicatorScope } from './indicators-repository';

type Query = z.output<typeof indicatorsQuery>;

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

function monthCost(row: Pick<CostRow, 'labourCents' | 'partsCents' | 'servicesCents'>, month: string): MonthCost {
  return { month, labourCents: row.labourCents, partsCents: row.partsCents, servicesCents: row.servicesCents, totalCents: row.labourCents + row.partsCents + row.servicesCents };
}

export class IndicatorsService {
  readonly repository: IndicatorsRepository;
  private readonly costs: CostsRepository;

  constructor(private readonly kernel: Kernel) {
    this.repository = new IndicatorsRepository(kernel.database.kysely);
    this.costs = new CostsRepository(kernel.database.kysely);
  }

  async locations(): Promise<{ id: number; name: string; depth: number }[]> {
    const links = await this.costs.locations();
    const children = new Map<number | null, typeof links>();
    for (const link of links) children.set(link.parentId, [...(children.get(link.parentId) ?? []), link]);
    const out: { id: number; name: string; depth: number }[] = [];
    const seen = new Set<number>();
    const walk = (parent: number | null, depth: number) => {
      for (const link of children.get(parent) ?? []) {
        if (seen.has(link.id)) continue;
        seen.add(link.id);
        out.push({ id: link.id, name: link.name, depth });
        walk(link.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }

  async scope(query: { from: string; to: string; locationId: number | null }): Promise<{ scope: IndicatorScope; location: { id: number; name: string } | null }> {
    const { startAt, endAt } = periodRange(query.from, query.to);
    const now = this.kernel.clock.now();
    const effectiveEndAt = Math.max(startAt, Math.min(endAt, now));
    if (query.locationId === null) return { scope: { startAt, endAt, effectiveEndAt, locationIds: null }, location: null };
    const links = await this.costs.locations();
    const root = links.find((l) => l.id === query.locationId);
    if (!root) throw new AppError('NOT_FOUND', 'Unknown location', [{ path: 'locationId', code: 'validation.invalid' }]);
    return { scope: { startAt, endAt, effectiveEndAt, locationIds: locationSubtree(links, root.id) }, location: { id: root.id, name: root.name } };
  }

  async dashboard(query: Query): Promise<IndicatorsView> {
    const { scope, location } = await this.scope(query);
    const months = monthBuckets(scope.startAt, scope.endAt);
    // Sequential: SQLite serves one statement at a time anyway, and PostgreSQL's pool is small on a shop PC.
    const reliability = await this.repository.reliability(scope);
    const costRows = await this.repository.costs(scope, months);
    const backlog = await this.repository.backlog(scope);
    const capacity = await this.repository.capacity();
    const labour = await this.repository.labourByType(scope);

    const total = reliability.find((r) => r.kind === 'total');
    const calendarMs = total?.calendarMs ?? 0;
    const downtimeMs = total?.downtimeMs ?? 0;
    const operatingMs = calendarMs - downtimeMs;
    const failures = total?.failures ?? 0;
    const restored = total?.restored ?? 0;
    const restoreMs = total?.restoreMs ?? 0;

    const costTotal = costRows.find((r) => r.kind === 'total');
    const cells = costRows.filter((r) => r.kind === 'cell');
    const minutes = (ms: number) => Math.round(ms / 60_000);
    const preventive = labour.get('preventive') ?? 0;
    const corrective = labour.get('corrective') ?? 0;
    const other = [...labour.entries()].filter(([type]) => type !== 'preventive' && type !== 'corrective').reduce((sum, [, ms]) => sum + ms, 0);
    const monthRows = new Map(costRows.filter((r) => r.kind === 'month').map((r) => [r.month, r]));
    const zero = { labourCents: 0, partsCents: 0, servicesCents: 0 };

    return {
      period: { from: query.from, to: query.to, startAt: scope.startAt, endAt: scope.endAt, effectiveEndAt: scope.effectiveEndAt },
      location,
      equipmentCount: total?.equipmentCount ?? 0,
      calendarMs,
      downtimeMs,
      operatingMs,
      failures,
      restoredFailures: restored,
      restoreMs,
      mtbfMs: ratio(operatingMs, failures),
      mttrMs: ratio(restoreMs, restored),
      availability: ratio(operatingMs, calendarMs),
      byLocation: reliability
        .filter((r) => r.kind === 'location')
        .map((r) => ({ locationId: r.id, name: r.name ?? '', equipmentCount: r.equipmentCount, calendarMs: r.calendarMs, downtimeMs: r.downtimeMs, failures: r.failures, availability: ratio(r.calendarMs - r.downtimeMs, r.calendarMs) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
      backlog: {
        openCount: backlog.openCount,
        estimatedMinutes: backlog.estimatedMinutes,
        withoutEstimate: backlog.withoutEstimate,
        capacityMinutesPerWeek: capacity.minutesPerWeek,
        technicians: capacity.technicians,
        weeks: ratio(backlog.estimatedMinutes, capacity.minutesPerWeek),
      },
      labour: { preventiveMinutes: minutes(preventive), correctiveMinutes: minutes(corrective), otherMinutes: minutes(other), ratio: ratio(preventive, corrective) },
      cost: monthCost(costTotal ?? zero, ''),
      costByMonth: months.map((m) => monthCost(monthRows.get(m.month) ?? zero, m.month)),
      topCost: costRows
        .filter((r) => r.kind === 'top')
        .map((r) => ({
          equipmentId: r.equipmentId as number,
          code: r.code ?? '',
          designation: r.designation ?? '',
          totalCents: r.labourCents + r.partsCents + r.servicesCents,
          months: months.map((m) => monthCost(cells.find((c) => c.equipmentId === r.equipmentId && c.month === m.month) ?? zero, m.month)),
        }))
        .sort((a, b) => b.totalCents - a.totalCents || a.equipmentId - b.equipmentId),
      topDowntime: reliability
        .filter((r) => r.kind === 'top')
        .map((r) => ({ equipmentId: r.id as number, code: r.name ?? '', designation: r.designation ?? '', downtimeMs: r.downtimeMs, failures: r.failures, availability: ratio(r.calendarMs - r.downtimeMs, r.calendarMs) }))
        .sort((a, b) => b.downtimeMs - a.downtimeMs || a.equipmentId - b.equipmentId),
    };
  }

  async downtimes(input: z.output<typeof downtimesListInput>): Promise<{ rows: DowntimeListRow[]; truncated: boolean }> {
    const { scope } = await this.scope(input);
    const rows = await this.repository.downtimes(scope, input.kind, input.equipmentId, DOWNTIMES_LIST_MAX + 1);
    return { rows: rows.slice(0, DOWNTIMES_LIST_MAX), truncated: rows.length > DOWNTIMES_LIST_MAX };
  }
}
