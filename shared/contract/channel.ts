// Pure. How one IPC channel is declared: its input schema, its output type and who may call it.
import type { z } from 'zod';
import type { Role } from './roles';

/**
 * `public`: anyone, even before login (setup, login).
 * `authenticated`: any signed-in user.
 * a list of roles: only those roles; main enforces it, the renderer merely hides what it can't use.
 */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O = unknown, A extends Access = Access> {
  readonly input: I;
  readonly access: A;
  /**
   * Still callable while the session must change its password first (temporary password). Every other
   * channel answers PASSWORD_CHANGE_REQUIRED until the change is made: the dispatcher enforces it.
   */
  readonly duringPasswordChange?: boolean;
  /** Phantom: carries the output type only, never set at run time. */
  readonly __output?: O;
}

/** `channel<Output>()({ input, access })`: the output type is given, the rest is inferred. */
export function channel<O>() {
  return <I extends z.ZodType, const A extends Access>(spec: {
    input: I;
    access: A;
    duringPasswordChange?: boolean;
  }): ChannelSpec<I, O, A> => spec;
}
