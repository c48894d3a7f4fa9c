// Pure (Node). Pièces jointes (photos, PDF manuals) of an equipment, a DI or an OT, stored in the database so they
// travel with backups and restores and work on PostgreSQL alike. Lists never read the content; one download does.
import type { Selectable } from 'kysely';
import type { Executor } from '../kernel/db/database';
import type { AttachmentOwner, AttachmentsTable } from '../kernel/db/schema';

export type AttachmentMeta = Omit<Selectable<AttachmentsTable>, 'content'>;

export interface NewAttachment {
  ownerKind: AttachmentOwner;
  ownerId: number;
  fileName: string;
  mimeType: string;
  content: Uint8Array;
  createdBy: number | null;
  at: number;
}

const META = ['id', 'owner_kind', 'owner_id', 'file_name', 'mime_type', 'size', 'created_by', 'created_at'] as const;

export class AttachmentsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): AttachmentsRepository {
    return new AttachmentsRepository(trx);
  }

  async insert(input: NewAttachment): Promise<number> {
    const row = await this.db
      .insertInto('attachments')
      .values({
        owner_kind: input.ownerKind,
        owner_id: input.ownerId,
        file_name: input.fileName,
        mime_type: input.mimeType,
        size: input.content.byteLength,
        // pg sends a Buffer as bytea; better-sqlite3 stores it as a BLOB.
        content: Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength),
        created_by: input.createdBy,
        created_at: input.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  list(ownerKind: AttachmentOwner, ownerId: number): Promise<AttachmentMeta[]> {
    return this.db.selectFrom('attachments').select(META).where('owner_kind', '=', ownerKind).where('owner_id', '=', ownerId).orderBy('created_at').orderBy('id').execute();
  }

  findWithContent(id: number): Promise<Selectable<AttachmentsTable> | undefined> {
    return this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Carries a DI's files over to the OT that accepted it (copies: the DI keeps its own). */
  async copyAll(from: { kind: AttachmentOwner; id: number }, to: { kind: AttachmentOwner; id: number }): Promise<number> {
    const rows = await this.db.selectFrom('attachments').selectAll().where('owner_kind', '=', from.kind).where('owner_id', '=', from.id).execute();
    for (const row of rows) {
      await this.db
        .insertInto('attachments')
        .values({ owner_kind: to.kind, owner_id: to.id, file_name: row.file_name, mime_type: row.mime_type, size: row.size, content: row.content, created_by: row.created_by, created_at: row.created_at })
        .execute();
    }
    return rows.length;
  }

  /** The list with who added each file (their display name). */
  async listWithAuthors(ownerKind: AttachmentOwner, ownerId: number): Promise<(AttachmentMeta & { author: string | null })[]> {
    const rows = await this.db
      .selectFrom('attachments as a')
      .leftJoin('users as u', 'u.id', 'a.created_by')
      .select(['a.id', 'a.owner_kind', 'a.owner_id', 'a.file_name', 'a.mime_type', 'a.size', 'a.created_by', 'a.created_at', 'u.display_name as author'])
      .where('a.owner_kind', '=', ownerKind)
      .where('a.owner_id', '=', ownerId)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
    return rows;
  }

  findMeta(id: number): Promise<AttachmentMeta | undefined> {
    return this.db.selectFrom('attachments').select(META).where('id', '=', id).executeTakeFirst();
  }

  // What the rights depend on, read from the owners' tables (written by other domains).

  async equipmentExists(id: number): Promise<boolean> {
    return (await this.db.selectFrom('equipment').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async partExists(id: number): Promise<boolean> {
    return (await this.db.selectFrom('parts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  /** A DI's reporter (null for one filed without signing in), or undefined when there is no such DI. */
  async requestReporter(id: number): Promise<{ reporterUserId: number | null } | undefined> {
    const row = await this.db.selectFrom('work_requests').select('reporter_user_id').where('id', '=', id).executeTakeFirst();
    return row ? { reporterUserId: row.reporter_user_id === null ? null : Number(row.reporter_user_id) } : undefined;
  }

  /** An OT's assignees, or undefined when there is no such OT. */
  async workOrderAssignees(id: number): Promise<number[] | undefined> {
    const order = await this.db.selectFrom('work_orders').select('id').where('id', '=', id).executeTakeFirst();
    if (!order) return undefined;
    const rows = await this.db.selectFrom('work_order_assignees').select('user_id').where('work_order_id', '=', id).execute();
    return rows.map((row) => Number(row.user_id));
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('attachments').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
