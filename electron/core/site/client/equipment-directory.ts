// Pure (Node). What a client PC knows of the equipment when its server is unreachable, so that the DI from the lock
// screen still works (issue 16): the DI form's first step looks the equipment up, and offline that lookup is answered
// here, from the equipment this PC's lookups have already shown (kept in `<dataDir>/site-equipment.json`), plus the
// code as typed when it looks like one (what a scanner sends): the server checks it when the queued DI is sent.
import path from 'node:path';
import { z } from 'zod';
import { LOOKUP_MAX_RESULTS, type EquipmentLookupItem } from '../../../../shared/requests/contract';
import { foldText } from '../../kernel/db/text-search';
import type { Logger } from '../../kernel/platform/logger';
import { readJsonFile, writeJsonAtomically } from './atomic-json-file';

export const EQUIPMENT_DIRECTORY_FILE_NAME = 'site-equipment.json';
/** Enough for a plant's machines; the oldest seen are forgotten first. */
const MAX_ITEMS = 5000;

const itemSchema = z.object({ code: z.string().min(1), designation: z.string(), locationName: z.string().nullable() });
const fileSchema = z.object({ version: z.literal(1), items: z.array(itemSchema) });

/** A scanned or typed code: one word with a digit in it (`PR-003`, `CV-01`), not a name like « presse ». */
export function looksLikeEquipmentCode(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= 2 && trimmed.length <= 40 && !/\s/.test(trimmed) && /\d/.test(trimmed);
}

export class EquipmentDirectory {
  private constructor(
    private readonly file: string,
    /** By code, in the order last seen (a Map keeps insertion order: re-seen items move to the end). */
    private readonly items: Map<string, EquipmentLookupItem>,
    private readonly logger: Logger,
  ) {}

  static open(dataDir: string, logger: Logger): EquipmentDirectory {
    const file = path.join(dataDir, EQUIPMENT_DIRECTORY_FILE_NAME);
    const items = new Map<string, EquipmentLookupItem>();
    try {
      const parsed = fileSchema.safeParse(readJsonFile(file) ?? { version: 1, items: [] });
      if (parsed.success) for (const item of parsed.data.items) items.set(item.code, item);
    } catch {
      // A damaged cache is only a cache: it fills again from the next lookups.
    }
    return new EquipmentDirectory(file, items, logger);
  }

  /** What an online lookup answered: remembered for the next time the server is away. */
  remember(found: readonly EquipmentLookupItem[]): void {
    let changed = false;
    for (const item of found) {
      const known = this.items.get(item.code);
      if (known && known.designation === item.designation && known.locationName === item.locationName) continue;
      this.items.delete(item.code);
      this.items.set(item.code, { code: item.code, designation: item.designation, locationName: item.locationName });
      changed = true;
    }
    while (this.items.size > MAX_ITEMS) this.items.delete(this.items.keys().next().value as string);
    if (!changed) return;
    try {
      writeJsonAtomically(this.file, { version: 1, items: [...this.items.values()] });
    } catch (error) {
      this.logger.warn('Site client: the equipment list for offline DIs could not be saved', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** As the server's lookup answers: the exact code first, then codes or designations containing the text. */
  lookup(text: string): EquipmentLookupItem[] {
    const typed = text.trim();
    const folded = foldText(typed);
    const all = [...this.items.values()];
    const exact = all.find((item) => item.code.toLowerCase() === typed.toLowerCase());
    const rest = all
      .filter((item) => item !== exact && foldText(item.code, item.designation).includes(folded))
      .sort((a, b) => a.code.localeCompare(b.code))
      .slice(0, LOOKUP_MAX_RESULTS - 1);
    // Not seen yet but typed or scanned as a code: offered as is (no name to show); the server checks it on sending.
    const first = exact ?? (looksLikeEquipmentCode(typed) ? { code: typed, designation: '', locationName: null } : null);
    return [...(first ? [first] : []), ...rest].slice(0, LOOKUP_MAX_RESULTS);
  }
}
