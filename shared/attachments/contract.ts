// Pure (main and renderer). The `attachments` domain: pièces jointes (photos, PDF manuals) of an equipment, a DI or
// an OT. Content crosses the bridge as base64; main decides the type from the file's first bytes, never its name.
// Who may do what depends on the owner (checked in main: attachments-access.ts); every channel needs a session.
import { z } from 'zod';
import { channel } from '../contract/channel';

export const ATTACHMENT_OWNER_KINDS = ['equipment', 'request', 'work_order', 'part'] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNER_KINDS)[number];

/** 10 MB once decoded. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * The base64 text is bounded a little above 10 MB's worth, so a file just over the limit still gets the clear
 * ATTACHMENT_TOO_LARGE, while a huge string is refused by the schema before anything decodes it.
 */
export const ATTACHMENT_MAX_BASE64_CHARS = Math.ceil((ATTACHMENT_MAX_BYTES * 1.1) / 3) * 4;

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
/** What the file picker offers (the renderer's `accept`); main still checks the bytes. */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf';

const ownerSchema = z.object({ kind: z.enum(ATTACHMENT_OWNER_KINDS), id: z.number().int().positive() });
export type AttachmentOwnerRef = z.infer<typeof ownerSchema>;

export interface AttachmentInfo {
  id: number;
  fileName: string;
  mimeType: AttachmentType;
  size: number;
  createdAt: number;
  createdBy: string | null;
  /** Whether the caller may delete it (the panel shows the button only then; main checks again). */
  canDelete: boolean;
}

export interface AttachmentContent {
  fileName: string;
  mimeType: AttachmentType;
  contentBase64: string;
}

export const attachmentsContract = {
  'attachments:list': channel<AttachmentInfo[]>()({ input: z.object({ owner: ownerSchema }), access: 'authenticated' }),
  'attachments:add': channel<AttachmentInfo>()({
    input: z.object({
      owner: ownerSchema,
      fileName: z.string().max(255, 'validation.tooLong'),
      contentBase64: z.string().min(1, 'validation.required').max(ATTACHMENT_MAX_BASE64_CHARS, 'validation.attachmentTooLarge'),
    }),
    access: 'authenticated',
  }),
  'attachments:download': channel<AttachmentContent>()({ input: z.object({ id: z.number().int().positive() }), access: 'authenticated' }),
  'attachments:delete': channel<null>()({ input: z.object({ id: z.number().int().positive() }), access: 'authenticated' }),
};
