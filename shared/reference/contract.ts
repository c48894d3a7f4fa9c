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

export const referenceListInput = z.object({ list: z.enum(REFERENCE_LISTS), includeInactive: z.boolean().optional() });

export const referenceContract = {
  /** Active items by position (a form's choices); `includeInactive` for the administrator's page. */
  'reference:list': channel<ReferenceItem[]>()({ input: referenceListInput, access: 'authenticated' }),
};
