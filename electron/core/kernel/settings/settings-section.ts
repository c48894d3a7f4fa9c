// Pure (Node). One section of administrator settings stored under one key: values missing from the database take
// the defaults, a stored value that no longer validates falls back to the defaults (never to something weaker),
// and every change is audited field by field.
import type { z } from 'zod';
import type { Clock } from '../platform/clock';
import type { AuditRepository } from '../audit-trail/audit-repository';
import type { SettingsRepository } from './settings-repository';

export class SettingsSection<T extends Record<string, unknown>> {
  constructor(
    private readonly deps: {
      key: string;
      schema: z.ZodType<T>;
      defaults: T;
      settings: SettingsRepository;
      audit: AuditRepository;
      clock: Clock;
    },
  ) {}

  get(): T {
    const stored = this.deps.settings.get<Partial<T>>(this.deps.key) ?? {};
    const parsed = this.deps.schema.safeParse({ ...this.deps.defaults, ...stored });
    return parsed.success ? parsed.data : this.deps.defaults;
  }

  update(next: T, actorUserId: number): T {
    const previous = this.get();
    const changes = (Object.keys(next) as (keyof T & string)[])
      .filter((key) => next[key] !== previous[key])
      .map((key) => ({ setting: key, from: previous[key], to: next[key] }));
    if (changes.length === 0) return previous;
    const now = this.deps.clock.now();
    this.deps.settings.set(this.deps.key, next, now);
    this.deps.audit.append({ eventType: 'settings.updated', actorUserId, details: { section: this.deps.key, changes } }, now);
    return next;
  }
}
