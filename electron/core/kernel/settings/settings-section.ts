// Pure (Node). One section of administrator settings stored under one key: values missing from the database take
// the defaults, a stored value that no longer validates falls back to the defaults (never to something weaker),
// and every change is audited field by field.
import type { z } from 'zod';
import type { Database } from '../db/database';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../audit-trail/audit-repository';
import type { SettingsRepository } from './settings-repository';

export class SettingsSection<T extends Record<string, unknown>> {
  constructor(
    private readonly deps: {
      key: string;
      schema: z.ZodType<T>;
      defaults: T;
      database: Database;
      settings: SettingsRepository;
      audit: AuditRepository;
      clock: Clock;
    },
  ) {}

  async get(): Promise<T> {
    const stored = (await this.deps.settings.get<Partial<T>>(this.deps.key)) ?? {};
    const parsed = this.deps.schema.safeParse({ ...this.deps.defaults, ...stored });
    return parsed.success ? parsed.data : this.deps.defaults;
  }

  /** The values and their audit entry are written together. */
  async update(next: T, actorUserId: number): Promise<T> {
    const previous = await this.get();
    const changes = (Object.keys(next) as (keyof T & string)[])
      .filter((key) => next[key] !== previous[key])
      .map((key) => ({ setting: key, from: previous[key], to: next[key] }));
    if (changes.length === 0) return previous;
    const now = this.deps.clock.now();
    await this.deps.database.transaction(async (trx) => {
      await this.deps.settings.in(trx).set(this.deps.key, next, now);
      await this.deps.audit.in(trx).append({ eventType: 'settings.updated', actorUserId, details: { section: this.deps.key, changes } }, now);
    });
    return next;
  }
}
