// Pure (Node). Pièces jointes: load the owner's facts, decide the rights and the file's type in plain code (the
// base64 decoding and the byte sniffing happen before any transaction), then write in one short transaction.
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentContent,
  type AttachmentInfo,
  type AttachmentOwnerRef,
  type AttachmentType,
} from '../../../shared/attachments/contract';
import type { Role } from '../../../shared/contract';
import type { AuditRepository } from '../kernel/audit-trail/audit-repository';
import type { Database } from '../kernel/db/database';
import { AppError } from '../kernel/platform/app-error';
import type { Clock } from '../kernel/platform/clock';
import type { ChangeFeed } from '../kernel/sessions/change-feed';
import { decodeBase64, sanitizeFileName, sniffType } from './attachment-files';
import { mayAccess, type AttachmentOperation, type OwnerFacts } from './attachments-access';
import type { AttachmentMeta, AttachmentsRepository } from './attachments-repository';

export interface Caller {
  userId: number;
  role: Role;
}

interface Deps {
  database: Pick<Database, 'transaction'>;
  attachments: AttachmentsRepository;
  audit: AuditRepository;
  clock: Clock;
  changes: ChangeFeed;
}

export class AttachmentsService {
  constructor(private readonly deps: Deps) {}

  async list(owner: AttachmentOwnerRef, caller: Caller): Promise<AttachmentInfo[]> {
    const facts = await this.authorize('read', owner, caller);
    const rows = await this.deps.attachments.listWithAuthors(owner.kind, owner.id);
    const canDelete = mayAccess('delete', facts, caller);
    return rows.map((row) => ({ ...info(row), createdBy: row.author, canDelete }));
  }

  async add(input: { owner: AttachmentOwnerRef; fileName: string; contentBase64: string }, caller: Caller): Promise<AttachmentInfo> {
    const facts = await this.authorize('add', input.owner, caller);
    // Decide everything about the file before writing: its size, then what its bytes say it is.
    const content = decodeBase64(input.contentBase64);
    if (!content) throw new AppError('VALIDATION_FAILED', 'Not base64', [{ path: 'contentBase64', code: 'validation.invalid' }]);
    if (content.byteLength === 0) throw new AppError('VALIDATION_FAILED', 'Empty file', [{ path: 'contentBase64', code: 'validation.required' }]);
    if (content.byteLength > ATTACHMENT_MAX_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE', 'Over 10 MB', undefined, { maxBytes: ATTACHMENT_MAX_BYTES });
    const type = sniffType(content);
    if (!type) throw new AppError('ATTACHMENT_TYPE_REFUSED', 'Not JPEG, PNG, WebP or PDF');
    const fileName = sanitizeFileName(input.fileName, type);
    const now = this.deps.clock.now();
    const id = await this.deps.database.transaction(async (trx) => {
      const newId = await this.deps.attachments.in(trx).insert({ ownerKind: input.owner.kind, ownerId: input.owner.id, fileName, mimeType: type, content, createdBy: caller.userId, at: now });
      await this.deps.audit
        .in(trx)
        .append({ eventType: 'attachment.added', actorUserId: caller.userId, subjectLabel: fileName, details: { owner: input.owner.kind, ownerId: input.owner.id, size: content.byteLength, type } }, now);
      return newId;
    });
    this.deps.changes.publish('attachments');
    const meta = await this.deps.attachments.findMeta(id);
    return { ...info(meta!), createdBy: null, canDelete: mayAccess('delete', facts, caller) };
  }

  async download(id: number, caller: Caller): Promise<AttachmentContent> {
    const row = await this.deps.attachments.findWithContent(id);
    if (!row) throw new AppError('NOT_FOUND', 'No such attachment');
    await this.authorize('read', { kind: row.owner_kind, id: Number(row.owner_id) }, caller);
    return { fileName: row.file_name, mimeType: row.mime_type as AttachmentType, contentBase64: Buffer.from(row.content).toString('base64') };
  }

  async delete(id: number, caller: Caller): Promise<void> {
    const meta = await this.deps.attachments.findMeta(id);
    if (!meta) throw new AppError('NOT_FOUND', 'No such attachment');
    await this.authorize('delete', { kind: meta.owner_kind, id: Number(meta.owner_id) }, caller);
    const now = this.deps.clock.now();
    const deleted = await this.deps.database.transaction(async (trx) => {
      const gone = await this.deps.attachments.in(trx).delete(id);
      if (gone) {
        await this.deps.audit
          .in(trx)
          .append({ eventType: 'attachment.deleted', actorUserId: caller.userId, subjectLabel: meta.file_name, details: { owner: meta.owner_kind, ownerId: Number(meta.owner_id), size: meta.size } }, now);
      }
      return gone;
    });
    if (!deleted) throw new AppError('NOT_FOUND', 'No such attachment');
    this.deps.changes.publish('attachments');
  }

  /** Loads what the rights depend on; NOT_FOUND for an owner that does not exist, FORBIDDEN when refused. */
  private async authorize(operation: AttachmentOperation, owner: AttachmentOwnerRef, caller: Caller): Promise<OwnerFacts> {
    const facts = await this.factsOf(owner);
    if (!facts) throw new AppError('NOT_FOUND', `No such ${owner.kind}`);
    if (!mayAccess(operation, facts, caller)) throw new AppError('FORBIDDEN', `May not ${operation} these attachments`);
    return facts;
  }

  private async factsOf(owner: AttachmentOwnerRef): Promise<OwnerFacts | null> {
    const { attachments } = this.deps;
    switch (owner.kind) {
      case 'equipment':
        return (await attachments.equipmentExists(owner.id)) ? { kind: 'equipment' } : null;
      case 'part':
        return (await attachments.partExists(owner.id)) ? { kind: 'part' } : null;
      case 'request': {
        const request = await attachments.requestReporter(owner.id);
        return request ? { kind: 'request', reporterUserId: request.reporterUserId } : null;
      }
      case 'work_order': {
        const assigneeIds = await attachments.workOrderAssignees(owner.id);
        return assigneeIds ? { kind: 'work_order', assigneeIds } : null;
      }
    }
  }
}

function info(row: AttachmentMeta): Omit<AttachmentInfo, 'createdBy' | 'canDelete'> {
  return { id: Number(row.id), fileName: row.file_name, mimeType: row.mime_type as AttachmentType, size: Number(row.size), createdAt: Number(row.created_at) };
}
