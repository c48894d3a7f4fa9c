// Pure. The `drafts` domain: what a user was typing in a form that opts in, kept in main for that user only.
import { z } from 'zod';
import { channel } from '../contract/channel';

export interface Draft {
  formKey: string;
  data: Record<string, unknown>;
  savedAt: number;
}

const formKey = z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,63}$/, 'validation.invalid');

export const draftsContract = {
  'drafts:save': channel<null>()({
    input: z.object({
      formKey,
      // A flat form: field name → text/number/boolean. Capped so a draft can't grow without bound.
      data: z.record(z.string().max(64), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()])).refine(
        (data) => Object.keys(data).length <= 100,
        'validation.invalid',
      ),
    }),
    access: 'authenticated',
  }),
  'drafts:get': channel<Draft | null>()({ input: z.object({ formKey }), access: 'authenticated' }),
  'drafts:list': channel<Omit<Draft, 'data'>[]>()({ input: z.undefined(), access: 'authenticated' }),
  'drafts:discard': channel<null>()({ input: z.object({ formKey }), access: 'authenticated' }),
};
