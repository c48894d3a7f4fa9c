// Pure. The `reference` domain: the lists the administrator maintains (symptômes, causes, remèdes for finishing a
// corrective OT; catégories of equipment). Everyone signed in reads them; only administrators change them.
import { z } from 'zod';
import { channel } from '../contract/channel';

export const REFERENCE_LISTS = ['symptom', 'cause', 'remedy', 'category'] as const;
export type ReferenceListName = (typeof REFERENCE_LISTS)[number];

export interface ReferenceItem {
  id: number;
  list: ReferenceListName;
  code: string;
  label: string;
  isActive: boolean;
  position: number;
}

export const REFERENCE_LABEL_MAX = 80;
export const REFERENCE_CODE_MAX = 40;

export const referenceListInput = z.object({ list: z.enum(REFERENCE_LISTS), includeInactive: z.boolean().optional() });

/** The label the administrator types; the same schema drives the page's form (react-hook-form + zodResolver). */
export const referenceLabelSchema = z.string().trim().min(1, 'validation.required').max(REFERENCE_LABEL_MAX, 'validation.tooLong');

export const referenceCreateInput = z.object({
  list: z.enum(REFERENCE_LISTS),
  label: referenceLabelSchema,
  /** Optional: made from the label when absent ("Bruit anormal" → "bruit-anormal"). Stored in OTs: never changes. */
  code: z
    .string()
    .trim()
    .max(REFERENCE_CODE_MAX)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'validation.invalid')
    .optional(),
});

/**
 * Rename, move (position = the new index in the list's order, 0 = first; main renumbers the list) or
 * (de)activate. There is no delete: a code finished OTs name must keep its label, so it is deactivated instead.
 */
export const referenceUpdateInput = z.object({
  id: z.number().int().positive(),
  label: referenceLabelSchema.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
});

export const referenceContract = {
  /** Active items by position (a form's choices); `includeInactive` for the administrator's page. */
  'reference:list': channel<ReferenceItem[]>()({ input: referenceListInput, access: 'authenticated' }),
  'reference:create': channel<ReferenceItem>()({ input: referenceCreateInput, access: ['admin'] }),
  'reference:update': channel<ReferenceItem>()({ input: referenceUpdateInput, access: ['admin'] }),
};
