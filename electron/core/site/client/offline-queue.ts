// Pure (Node). The DIs a client PC keeps while its server is unreachable (issue 16): a JSON file in its data folder,
// so that a DI filed from the lock screen survives the app being closed or the PC restarted. Each carries the client
// key it will be sent with: the server files a key once, so sending it again after a lost answer is harmless. The
// file is rewritten whole at each change (atomic rename); a DI leaves it only after the server acknowledged it.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../kernel/platform/logger';
import { readJsonFile, writeJsonAtomically } from './atomic-json-file';

export const OFFLINE_QUEUE_FILE_NAME = 'site-queue.json';
/**
 * Bounds on what a PC keeps (each DI may carry a photo of a few MB, and the file is rewritten whole at each change):
 * past them, the window is told the server is unreachable and keeps its form, nothing is silently lost.
 */
export const OFFLINE_QUEUE_MAX_ITEMS = 100;
export const OFFLINE_QUEUE_MAX_BYTES = 64 * 1024 * 1024;

export interface QueuedRequest {
  clientKey: string;
  /** The `requests:report` input as the window sent it, its `clientKey` included. */
  input: Record<string, unknown>;
  queuedAt: number;
}

/** A queued DI the server refused for good (an equipment code it doesn't know…): kept in the file for IT, not resent. */
export interface RejectedRequest extends QueuedRequest {
  rejectedAt: number;
  error: { code: string; message: string };
}

const itemSchema = z.object({ clientKey: z.string().min(1), input: z.record(z.string(), z.unknown()), queuedAt: z.number() });
const fileSchema = z.object({
  version: z.literal(1),
  items: z.array(itemSchema),
  rejected: z.array(itemSchema.extend({ rejectedAt: z.number(), error: z.object({ code: z.string(), message: z.string() }) })).default([]),
});
/** The rejected DIs kept in the file, newest last: enough for IT to re-file them by hand. */
const REJECTED_KEPT = 100;

export class OfflineQueue {
  private items: QueuedRequest[];
  private rejectedItems: RejectedRequest[];

  private constructor(
    private readonly file: string,
    items: QueuedRequest[],
    rejected: RejectedRequest[],
  ) {
    this.items = items;
    this.rejectedItems = rejected;
  }

  /**
   * Reads the queue left by the last run. A damaged file is moved aside (kept for IT, named in the log), never
   * overwritten: the DIs in it are not thrown away without a trace.
   */
  static open(dataDir: string, logger: Logger): OfflineQueue {
    const file = path.join(dataDir, OFFLINE_QUEUE_FILE_NAME);
    let items: QueuedRequest[] = [];
    let rejected: RejectedRequest[] = [];
    try {
      const raw = readJsonFile(file);
      if (raw !== null) {
        const parsed = fileSchema.safeParse(raw);
        if (!parsed.success) throw new Error('not a queue file of this version');
        items = parsed.data.items;
        rejected = parsed.data.rejected;
      }
    } catch (error) {
      const aside = `${file}.damaged-${Date.now()}`;
      try {
        fs.renameSync(file, aside);
      } catch {
        // Nothing to move (a read error on a file that vanished): start empty all the same.
      }
      logger.error('Site client: the queue of DIs waiting for the server was damaged and set aside', { file: aside, error: error instanceof Error ? error.message : String(error) });
    }
    return new OfflineQueue(file, items, rejected);
  }

  get size(): number {
    return this.items.length;
  }

  /** Room for this DI (by count and by size, its photo included)? */
  canAccept(input: Record<string, unknown>): boolean {
    const bytes = (value: unknown) => JSON.stringify(value).length;
    return this.items.length < OFFLINE_QUEUE_MAX_ITEMS && this.items.reduce((sum, item) => sum + bytes(item.input), bytes(input)) <= OFFLINE_QUEUE_MAX_BYTES;
  }

  /** Oldest first: the order they were filed in is the order they are sent in. */
  list(): readonly QueuedRequest[] {
    return [...this.items];
  }

  has(clientKey: string): boolean {
    return this.items.some((item) => item.clientKey === clientKey);
  }

  /** Written to disk before it returns: the window is told « envoyée dès le retour du serveur » only once it is safe. */
  add(item: QueuedRequest): void {
    if (this.has(item.clientKey)) return;
    this.save([...this.items, item]);
  }

  /** The server acknowledged it (filed now, or filed before under the same key). */
  remove(clientKey: string): void {
    if (!this.has(clientKey)) return;
    this.save(this.items.filter((item) => item.clientKey !== clientKey), this.rejectedItems);
  }

  /** The server refused it for good: out of the queue (it would block the others), kept aside in the file. */
  reject(clientKey: string, error: { code: string; message: string }, at: number): void {
    const item = this.items.find((candidate) => candidate.clientKey === clientKey);
    if (!item) return;
    this.save(
      this.items.filter((candidate) => candidate !== item),
      [...this.rejectedItems, { ...item, rejectedAt: at, error }].slice(-REJECTED_KEPT),
    );
  }

  rejected(): readonly RejectedRequest[] {
    return [...this.rejectedItems];
  }

  private save(items: QueuedRequest[], rejected: RejectedRequest[] = this.rejectedItems): void {
    writeJsonAtomically(this.file, { version: 1, items, rejected });
    this.items = items;
    this.rejectedItems = rejected;
  }
}
