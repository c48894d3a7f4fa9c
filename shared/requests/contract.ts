// Pure (main and renderer). The `requests` domain (DI, demandes d'intervention): the public report from the login and
// lock screens with its equipment lookup, and the signed-in channels (Mes demandes, one DI, cancel, triage).
// The same zod schemas check the renderer's forms (react-hook-form + zodResolver) and main's input.
import { z } from 'zod';
import { channel } from '../contract/channel';
import { MANAGERS } from '../contract/roles';

export const REQUEST_STATUSES = ['new', 'accepted', 'refused', 'duplicate', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** What an accepted DI may become; preventive OTs come from plans (next issue), never from a DI. */
export const REQUEST_WORK_ORDER_TYPES = ['corrective', 'improvement', 'safety', 'regulatory'] as const;
export type RequestWorkOrderType = (typeof REQUEST_WORK_ORDER_TYPES)[number];

export const SYMPTOM_MAX_LENGTH = 2000;
export const REPORTER_NAME_MAX_LENGTH = 80;
export const REASON_MAX_LENGTH = 1000;
/** A photo, decoded. The renderer downsizes to ≤ 1600 px JPEG first (a few hundred kB); this bounds what a script sends. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** base64 of PHOTO_MAX_BYTES: zod refuses anything longer before it is decoded. */
export const PHOTO_MAX_BASE64_LENGTH = Math.ceil(PHOTO_MAX_BYTES / 3) * 4;
export const EQUIPMENT_CODE_MAX_LENGTH = 64;
export const LOOKUP_MAX_RESULTS = 8;
/** DI-2026-000045: what `requests:get` and the triage channels take. */
export const REQUEST_NUMBER_PATTERN = /^DI-\d{4}-\d{6,}$/;

const requestNumber = z.string().trim().toUpperCase().max(32, 'validation.tooLong').regex(REQUEST_NUMBER_PATTERN, 'validation.requestNumber');

export const reportedEquipmentCode = z.string().trim().min(1, 'validation.required').max(EQUIPMENT_CODE_MAX_LENGTH, 'validation.tooLong');

export const photoSchema = z.object({
  fileName: z.string().trim().min(1).max(200, 'validation.tooLong'),
  /** The file's bytes in base64 (no data: prefix); main checks the size decoded and the type by its first bytes. */
  dataBase64: z.string().max(PHOTO_MAX_BASE64_LENGTH, 'validation.photoTooLarge'),
});

/** The report, public or signed in: one schema for the form and for main. */
export const reportRequestSchema = z.object({
  equipmentCode: reportedEquipmentCode,
  symptom: z.string().trim().min(1, 'validation.required').max(SYMPTOM_MAX_LENGTH, 'validation.tooLong'),
  // Required: neither yes nor no is assumed (a machine wrongly shown as stopped, or a stop missed, both cost).
  machineStopped: z.boolean({ error: 'validation.required' }),
  reporterName: z
    .string()
    .trim()
    .max(REPORTER_NAME_MAX_LENGTH, 'validation.tooLong')
    .optional()
    .transform((value) => (value ? value : undefined)),
  photo: photoSchema.optional(),
  /**
   * Issue 16: the key a client PC gives every DI it sends, so that one sent again (queued while the server was
   * unreachable, or whose answer was lost with the connection) is found, never filed twice.
   */
  clientKey: z.uuid().optional(),
});
export type ReportRequestInput = z.input<typeof reportRequestSchema>;

/** A DI filed (its number), or kept on a client PC whose server is unreachable, to be sent once it is back. */
export type ReportReceipt = { number: string; queued: false } | { number: null; queued: true };

export const lookupEquipmentSchema = z.object({ text: z.string().trim().min(1, 'validation.required').max(EQUIPMENT_CODE_MAX_LENGTH, 'validation.tooLong') });

export const myRequestsSchema = z.object({
  /** Keyset: the `cursor` of the previous page (absent: the newest). */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

export const requestNumberSchema = z.object({ number: requestNumber });

export const acceptRequestSchema = z.object({
  number: requestNumber,
  type: z.enum(REQUEST_WORK_ORDER_TYPES, { error: 'validation.required' }),
  priority: z.number({ error: 'validation.required' }).int().min(1, 'validation.outOfRange').max(4, 'validation.outOfRange'),
  /** Epoch ms of the planned day; null or absent: not planned yet (the OT stays a brouillon). */
  plannedAt: z.number().int().positive().nullable().optional(),
  assigneeIds: z.array(z.number().int().positive()).max(20).optional(),
});
export type AcceptRequestInput = z.input<typeof acceptRequestSchema>;

export const refuseRequestSchema = z.object({
  number: requestNumber,
  reason: z.string().trim().min(1, 'validation.required').max(REASON_MAX_LENGTH, 'validation.tooLong'),
});

export const markDuplicateSchema = z.object({ number: requestNumber, duplicateOf: requestNumber });

/** Only what a passer-by needs to recognise the machine: nothing else about the plant. */
export interface EquipmentLookupItem {
  code: string;
  designation: string;
  locationName: string | null;
}

export interface RequestAttachmentMeta {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
}

/** One DI as its reporter and the maintenance team see it. */
export interface RequestView {
  number: string;
  status: RequestStatus;
  equipmentCode: string;
  equipmentDesignation: string;
  locationName: string | null;
  symptom: string;
  machineStopped: boolean;
  /** The name typed on the public form, if any. */
  reporterName: string | null;
  /** The account that filed it (signed in), if any. */
  reporterDisplayName: string | null;
  workstation: string;
  createdAt: number;
  refusalReason: string | null;
  duplicateOfNumber: string | null;
  workOrderNumber: string | null;
  decidedAt: number | null;
  decidedByDisplayName: string | null;
}

export interface RequestDetail extends RequestView {
  /** The DI's id: the attachments panel's owner (`{ kind: 'request', id }`). */
  id: number;
  /** The equipment's downtime this DI opened or joined: open while `endedAt` is null. */
  downtime: { startedAt: number; endedAt: number | null } | null;
  attachments: RequestAttachmentMeta[];
  /** What the caller may do now (main decides again on each call). */
  allowed: { cancel: boolean; accept: boolean; refuse: boolean; markDuplicate: boolean };
}

export interface MyRequestsPage {
  items: RequestView[];
  /** Pass it back for the next (older) page; null at the end. */
  nextCursor: number | null;
}

export const requestsContract = {
  /** Public: anyone at a shop PC (login or lock screen), or signed in. Throttled per workstation. */
  /** Client PC with its server unreachable (issue 16): kept on the PC and sent once the server is back (`queued`). */
  'requests:report': channel<ReportReceipt>()({ input: reportRequestSchema, access: 'public' }),
  /** Public: code exact or text, at most 8 results, code/designation/location name only. Throttled per workstation. */
  'requests:lookupEquipment': channel<EquipmentLookupItem[]>()({ input: lookupEquipmentSchema, access: 'public' }),
  /** The caller's own DIs, newest first. */
  'requests:mine': channel<MyRequestsPage>()({ input: myRequestsSchema, access: 'authenticated' }),
  /** Maintainers see any DI; a requester only their own (NOT_FOUND otherwise). */
  'requests:get': channel<RequestDetail>()({ input: requestNumberSchema, access: 'authenticated' }),
  /** The reporter, while the DI is new. */
  'requests:cancel': channel<null>()({ input: requestNumberSchema, access: 'authenticated' }),
  /** Creates the OT (with the DI's text and photos) and answers its number. */
  'requests:accept': channel<{ workOrderNumber: string }>()({ input: acceptRequestSchema, access: MANAGERS }),
  'requests:refuse': channel<null>()({ input: refuseRequestSchema, access: MANAGERS }),
  'requests:markDuplicate': channel<null>()({ input: markDuplicateSchema, access: MANAGERS }),
};
