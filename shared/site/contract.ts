// Pure (main and renderer). The `site` domain (issue 16): several PCs on one site server. A PC runs in one of
// three modes: « poste autonome » (the core in its own main process), « poste client » (its main forwards every
// call to the site server over TLS) or « serveur de site » (the headless server, whose administrators enrol and
// revoke the client PCs from any window connected to it). The wire between client and server is not here
// (electron/core/site/protocol.ts): the renderer never sees it, it calls these channels like any other.
import { z } from 'zod';
import { channel } from '../contract/channel';

const ADMIN = ['admin'] as const;

export const SITE_MODES = ['standalone', 'client', 'server'] as const;
export type SiteMode = (typeof SITE_MODES)[number];

/** How a client PC's link to its server stands (null on a poste autonome or on the server itself). */
export const SITE_CONNECTION_STATES = ['connected', 'reconnecting', 'refused', 'not-enrolled'] as const;
export type SiteConnectionState = (typeof SITE_CONNECTION_STATES)[number];

/** Why the server refused this PC: the French sentence the client shows comes with it. */
export const SITE_REFUSALS = ['revoked', 'unknown-workstation', 'version', 'pin-mismatch'] as const;
export type SiteRefusal = (typeof SITE_REFUSALS)[number];

export interface SiteStatus {
  mode: SiteMode;
  /** Client: the server's address (`https://host:8443`). Server: the addresses it listens on. */
  serverUrl: string | null;
  /** SHA-256 of the server's certificate, `AB:CD:…` (client: the pinned one; server: its own). */
  fingerprint: string | null;
  /** Client: the name this PC was enrolled with (« Presse 3 »). */
  workstationName: string | null;
  connection: SiteConnectionState | null;
  refusal: SiteRefusal | null;
  /** Client: DIs filed while the server was unreachable, waiting on this PC to be sent. */
  queuedRequests: number;
  /** May this window start an enrolment (first run of a poste autonome, or an unenrolled client)? */
  canEnrol: boolean;
}

/** What a client learns about a server before trusting it: the fingerprint is shown for the person to compare. */
export interface SiteProbe {
  serverUrl: string;
  fingerprint: string;
  serverName: string;
  serverVersion: string;
  /** False: this app and the server don't speak the same protocol version (update one of them). */
  compatible: boolean;
}

export interface EnrolmentCode {
  /** Shown once: `XXXX-XXXX-XXXX` (no 0/O/1/I). */
  code: string;
  expiresAt: number;
  /** The server's certificate fingerprint, to compare on the client PC before enrolling. */
  fingerprint: string;
  /** Where client PCs reach this server. */
  serverUrls: string[];
}

export interface WorkstationView {
  id: number;
  name: string;
  enrolledAt: number;
  enrolledByDisplayName: string | null;
  lastSeenAt: number | null;
  lastAddress: string | null;
  appVersion: string | null;
  revokedAt: number | null;
  /** Connected to this server process right now. */
  online: boolean;
}

export const ENROLMENT_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}$/;
export const WORKSTATION_NAME_MAX_LENGTH = 60;

/** `https://host[:port]`: what IT types; normalised by main (default port 8443). */
export const serverUrlSchema = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(300, 'validation.tooLong')
  .refine((value) => /^(https:\/\/)?[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?$/.test(value), 'validation.serverUrl');

export const siteProbeInput = z.object({ serverUrl: serverUrlSchema });

export const siteEnrolInput = z.object({
  serverUrl: serverUrlSchema,
  code: z
    .string()
    .trim()
    .toUpperCase()
    .refine((value) => ENROLMENT_CODE_PATTERN.test(value), 'validation.enrolmentCode'),
  workstationName: z.string().trim().min(1, 'validation.required').max(WORKSTATION_NAME_MAX_LENGTH, 'validation.tooLong'),
  /** The fingerprint the person compared with the server's screen (from `site:probe`): pinned from now on. */
  fingerprint: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'validation.invalid'),
});
export type SiteEnrolInput = z.input<typeof siteEnrolInput>;

export const siteContract = {
  /** Which mode this PC runs in, and (client) how its link to the server stands. */
  'site:status': channel<SiteStatus>()({ input: z.undefined(), access: 'public' }),
  /** Client enrolment, step 1: reach the server and read its certificate's fingerprint. Refused unless `canEnrol`. */
  'site:probe': channel<SiteProbe>()({ input: siteProbeInput, access: 'public' }),
  /** Step 2: present the one-time code; the server issues this PC its credential, sealed here. Refused unless `canEnrol`. */
  'site:enrol': channel<{ workstationName: string; restartRequired: boolean }>()({ input: siteEnrolInput, access: 'public' }),
  /** Server: the enrolled PCs, revoked ones included (newest first). */
  'site:listWorkstations': channel<WorkstationView[]>()({ input: z.undefined(), access: ADMIN }),
  /** Server: a new one-time code (15 minutes, single use). Audited. */
  'site:createEnrolmentCode': channel<EnrolmentCode>()({ input: z.undefined(), access: ADMIN }),
  /** Server: this PC is refused from now on, and disconnected at once. Audited. */
  'site:revokeWorkstation': channel<null>()({ input: z.object({ id: z.number().int().positive() }), access: ADMIN }),
} as const;
