// Pure (Node). The "Sécurité" screen's channels: session and throttle settings (the policy itself is the
// kernel's), who is signed in where, and the names whose sign-ins are suspended.
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import type { LoginThrottle } from '../auth';
import { createSecurityHandlers } from './security-handlers';

export function createSecurityModule(kernel: Kernel, deps: { throttle: LoginThrottle }): DomainModule<keyof ReturnType<typeof createSecurityHandlers>> {
  const { security, sessions, audit, users, clock } = kernel;
  return { handlers: createSecurityHandlers({ settings: security, throttle: deps.throttle, sessions, audit, users, clock }) };
}
