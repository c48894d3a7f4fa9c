// Pure (main and renderer). The préventif generator's channel: a Responsable runs a pass now from the plans page
// (it also runs at start-up, hourly, and after a reading or an OT change) and sees what it did.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';

export interface GeneratorRunResult {
  /** OTs made by this pass. */
  created: number;
  /** Occurrences recorded as missed (the previous OT still open, or the PC was off). */
  missed: number;
  /** Occurrences found done (their OT terminé or clôturé). */
  completed: number;
}

export const preventiveGeneratorContract = {
  'preventive:runGenerator': channel<GeneratorRunResult>()({ input: z.undefined(), access: MANAGERS }),
};
