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

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('attachments').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
