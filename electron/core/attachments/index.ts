// Pure (Node). What other domains may use of `attachments` (pièces jointes).
export { AttachmentsRepository, type AttachmentMeta, type NewAttachment } from './attachments-repository';
export { createAttachmentsModule, type AttachmentsModule } from './attachments-module';
