// Pure (Node). Coûts: the hourly rates (managers only, audited), the external services of an OT (managers add and
// remove them while the OT is not closed or cancelled, audited), an OT's cost (technicians get the hours only, never
// a rate nor an amount) and the cost totals of a period. Loads, decides in plain code, writes in one short transaction.
import type { z } from 'zod';
import type { addServiceInput, costTotalsInput, CostTotalsRow, LabourRatesView, setRateInput, WorkOrderCost } from '../../../shared/costs/contract';
import { RATED_ROLES } from '../../../shared/costs/contract';
import { MANAGERS, type Role } from '../../../shared/contract/roles';
import { locationSubtree } from '../kernel/db/keyset';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import { CostsRepository } from './costs-repository';
import { monthBuckets, periodRange } from './period';

const MINUTE = 60_000;
const LOCKED = ['closed', 'cancelled'];

export interface Caller {
  userId: number;
  role: Role;
}

const isManager = (role: Role) => (MANAGERS as readonly Role[]).includes(role);

export class CostsService {
  readonly repository: CostsRepository;

  constructor(private readonly kernel: Kernel) {
    this.repository = new CostsRepository(kernel.database.kysely);
  }

  async rates(): Promise<LabourRatesView> {
    const [people, rates] = await Promise.all([this.repository.maintainers(), this.repository.listRates()]);
    const byKey = new Map(rates.map((r) => [`${r.subjectKind}:${r.subject}`, r.rateCents]));
    return {
      users: people.map((p) => ({ ...p, rateCents: byKey.get(`user:${p.id}`) ?? null })),
      roles: RATED_ROLES.map((role) => ({ role, rateCents: byKey.get(`role:${role}`) ?? null })),
    };
  }

  async setRate(input: z.output<typeof setRateInput>, caller: Caller): Promise<{ ok: true }> {
    const at = this.kernel.clock.now();
    const subject = input.subjectKind === 'user' ? String(input.userId) : input.role;
    if (input.subjectKind === 'user' && !(await this.repository.userExists(input.userId))) throw new AppError('NOT_FOUND', 'Unknown user');
    await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      const before = await repository.rateOf(input.subjectKind, subject);
      if (before === input.rateCents) return;
      if (input.rateCents === null) await repository.deleteRate(input.subjectKind, subject);
      else await repository.setRate(input.subjectKind, subject, input.rateCents, caller.userId, at);
      await this.kernel.audit.in(trx).append(
        {
          eventType: 'labour_rate.changed',
          actorUserId: caller.userId,
          subjectUserId: input.subjectKind === 'user' ? input.userId : null,
          subjectLabel: input.subjectKind === 'user' ? null : subject,
          details: { subjectKind: input.subjectKind, subject, from: before, to: input.rateCents },
        },
        at,
      );
    });
    this.kernel.changes.publish('costs');
    return { ok: true };
  }

  private async workOrder(number: string) {
    const row = await this.repository.findWorkOrder(number);
    if (!row) throw new AppError('NOT_FOUND', `Aucun OT ${number}.`);
    return row;
  }

  async workOrderCost(number: string, caller: Caller): Promise<WorkOrderCost> {
    const row = await this.workOrder(number);
    const manager = isManager(caller.role);
    const [people, totals, services] = await Promise.all([
      this.repository.labourByPerson(row.id),
      manager ? this.repository.workOrderTotals(row.id) : Promise.resolve(null),
      manager ? this.repository.listServices(row.id) : Promise.resolve(null),
    ]);
    const minutes = (ms: number) => Math.round(ms / MINUTE);
    return {
      labourMinutes: minutes(people.reduce((sum, p) => sum + p.ms, 0)),
      people: people.map((p) => ({ userId: p.userId, displayName: p.displayName, minutes: minutes(p.ms), cents: manager ? p.cents : null })),
      amounts: totals && { ...totals, unratedMinutes: minutes(people.reduce((sum, p) => sum + p.unratedMs, 0)) },
      services,
      canEditServices: manager && !LOCKED.includes(row.status),
    };
  }

  async addService(input: z.output<typeof addServiceInput>, caller: Caller): Promise<{ id: number }> {
    const at = this.kernel.clock.now();
    const id = await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      const row = await repository.findWorkOrder(input.number);
      if (!row) throw new AppError('NOT_FOUND', `Aucun OT ${input.number}.`);
      if (LOCKED.includes(row.status)) throw new AppError('WORK_ORDER_LOCKED', `L'OT ${row.number} est clôturé ou annulé : ses prestations ne changent plus.`);
      const serviceId = await repository.addService({ workOrderId: row.id, supplier: input.supplier, reference: input.reference, description: input.description, amountCents: input.amountCents, userId: caller.userId, at });
      await this.kernel.audit.in(trx).append(
        { eventType: 'work_order.service_added', actorUserId: caller.userId, subjectLabel: row.number, details: { number: row.number, supplier: input.supplier, amountCents: input.amountCents, reference: input.reference } },
        at,
      );
      return serviceId;
    });
    this.kernel.changes.publish('costs', 'work-orders');
    return { id };
  }

  async removeService(number: string, id: number, caller: Caller): Promise<{ ok: true }> {
    const at = this.kernel.clock.now();
    await this.kernel.database.transaction(async (trx) => {
      const repository = this.repository.in(trx);
      const row = await repository.findWorkOrder(number);
      const line = await repository.findService(id);
      if (!row || !line || line.workOrderId !== row.id) throw new AppError('NOT_FOUND', 'Unknown service line');
      if (LOCKED.includes(row.status)) throw new AppError('WORK_ORDER_LOCKED', `L'OT ${row.number} est clôturé ou annulé : ses prestations ne changent plus.`);
      if (!(await repository.deleteService(id))) throw new AppError('NOT_FOUND', 'Unknown service line');
      await this.kernel.audit.in(trx).append(
        { eventType: 'work_order.service_removed', actorUserId: caller.userId, subjectLabel: row.number, details: { number: row.number, supplier: line.supplier, amountCents: line.amountCents, reference: line.reference } },
        at,
      );
    });
    this.kernel.changes.publish('costs', 'work-orders');
    return { ok: true };
  }

  /** The location ids of a scope: a location and everything under it; null for the whole plant. */
  async scopeIds(locationId: number | null): Promise<number[] | null> {
    if (locationId === null) return null;
    const links = await this.repository.locations();
    if (!links.some((l) => l.id === locationId)) throw new AppError('NOT_FOUND', 'Unknown location', [{ path: 'locationId', code: 'validation.invalid' }]);
    return locationSubtree(links, locationId);
  }

  async totals(input: z.output<typeof costTotalsInput>): Promise<CostTotalsRow[]> {
    const range = periodRange(input.from, input.to);
    const locationIds = await this.scopeIds(input.locationId);
    return this.repository.totals({ ...range, locationIds }, input.groupBy, monthBuckets(range.startAt, range.endAt), input.limit);
  }
}
