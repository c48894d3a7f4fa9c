// Pure (Node). Every domain module of the core, in the order they are built: a module gets the kernel and the
// modules it needs, so the order is the dependency order. Add a domain here, and its channels to the handlers.
import type { Handlers } from './kernel/ipc/handler-types';
import type { Kernel } from './kernel/kernel';
import type { ModuleLifecycle } from './kernel/module';
import { createAccountsModule, type AccountsModule } from './accounts';
import { createAppModule, type OpenPath } from './app';
import { createApprovalModule, createResetThrottle, type ApprovalDecisionNotice, type ApprovalModule, type ResetLimits } from './approval';
import { createAuditModule } from './audit';
import { createAuthModule, type PasswordHasherFactory } from './auth';
import { createBackupsModule, type BackupsModule, type BackupTransfers } from './backups';
import { createDraftsModule } from './drafts';
import { createReferenceModule } from './reference';
import { createWorkOrdersListHandlers } from './work-orders/work-orders-list-handlers';
import { createRequestsListHandlers } from './requests/requests-list-handlers';
import { createEquipmentModule } from './equipment';
import { createAttachmentsModule } from './attachments';
import { createEquipmentIoHandlers } from './equipment/equipment-io-handlers';
import { createWorkOrdersModule } from './work-orders';
import { createRequestsModule } from './requests';
import { createDashboardModule } from './dashboard';
import { createChecklistsModule } from './checklists';
import { complianceSummary, createPreventiveModule, type PreventiveModule } from './preventive';
import { createPartsModule } from './parts';
import { createSiteCalendarHandlers } from './preventive/site-calendar-handlers';
import { createComplianceHandlers } from './preventive/compliance-handlers';
import { createForecastHandlers } from './preventive/forecast-handlers';
import { createStockModule } from './stock';
import { createCostsModule } from './costs';
import { createIndicatorsModule } from './indicators';
import { createPlansHandlers } from './preventive/plans-handlers';
import { createPlanningModule } from './planning';
import { createMetersModule } from './meters';
import { createSiteModule, type SiteModuleDeps } from './site';
import { createEmailModule, type EmailModule } from './email';
import { createSecurityModule } from './security';
import { createSessionModule } from './session';
import type { MailTransportFactory, SecretStore } from './email';
import type { PdfPrinter } from './kernel/platform/pdf-printer';

/** What the modules need from outside the kernel: adapters of the host (Electron, the harness, tests). */
export interface ModuleDeps {
  openPath?: OpenPath;
  versions?: { electron?: string; chrome?: string; node?: string };
  bcryptCost?: number;
  /** Tests only: builds the hasher (e.g. the real one with a latch, to run password-write races in a set order). */
  passwordHasher?: PasswordHasherFactory;
  backupTransfers?: BackupTransfers;
  backupPagesPerStep?: number;
  backupCheckIntervalMs?: number;
  secretStore?: SecretStore;
  mailTransport?: MailTransportFactory;
  mailAutoRun?: boolean;
  isEmailConfigured?: () => boolean;
  notifyApprovalDecision?: (notice: ApprovalDecisionNotice) => void;
  approvalTuning?: { responseFloorMs?: number; limits?: ResetLimits };
  /** Prints the OT sheet and the QR label sheet (Electron's printToPDF; Chromium in the harness and tests). */
  pdfPrinter?: PdfPrinter;
  /** The préventif generator's start-up pass, hourly timer and change listener (default true; test cores: false). */
  preventiveAutoRun?: boolean;
  /** Issue 16: a site server's binding, or a poste autonome's first-run enrolment with a server. */
  site?: SiteModuleDeps;
}

export interface Modules {
  all: ModuleLifecycle[];
  handlers: Handlers;
  email: EmailModule;
  accounts: AccountsModule;
  approval: ApprovalModule;
  backups: BackupsModule;
  preventive: PreventiveModule;
}

/** Modules may do work against the database when built (recover the outbox, record the app version): awaited in order. */
export async function createModules(kernel: Kernel, deps: ModuleDeps): Promise<Modules> {
  const resetThrottle = createResetThrottle(kernel, deps.approvalTuning?.limits);
  const email = await createEmailModule(kernel, { resetThrottle, secretStore: deps.secretStore, mailTransport: deps.mailTransport, autoRun: deps.mailAutoRun ?? true });
  const auth = await createAuthModule(kernel, { email: email.mail, bcryptCost: deps.bcryptCost, passwordHasher: deps.passwordHasher });
  const accounts = await createAccountsModule(kernel, { auth, mail: email.mail });
  const approval = await createApprovalModule(kernel, {
    accounts: accounts.accounts,
    mail: email.mail,
    resetThrottle,
    isEmailConfigured: deps.isEmailConfigured,
    notifyApprovalDecision: deps.notifyApprovalDecision,
    responseFloorMs: deps.approvalTuning?.responseFloorMs,
  });
  const app = await createAppModule(kernel, { auth: auth.auth, openPath: deps.openPath, versions: deps.versions });
  const session = await createSessionModule(kernel);
  const security = await createSecurityModule(kernel, { throttle: auth.throttle });
  const drafts = await createDraftsModule(kernel);
  const audit = await createAuditModule(kernel);
  const backups = await createBackupsModule(kernel, { transfers: deps.backupTransfers, pagesPerStep: deps.backupPagesPerStep, checkIntervalMs: deps.backupCheckIntervalMs });

  const equipment = createEquipmentModule(kernel, { pdfPrinter: deps.pdfPrinter });
  const attachments = createAttachmentsModule(kernel);
  const reference = await createReferenceModule(kernel);
  const equipmentIo = createEquipmentIoHandlers(kernel, { pdfPrinter: deps.pdfPrinter, reference: reference.repository });
  const workOrders = createWorkOrdersModule(kernel, { pdfPrinter: deps.pdfPrinter });
  const requests = createRequestsModule(kernel);
  const dashboard = createDashboardModule(kernel);
  const checklists = createChecklistsModule(kernel, { requests: requests.service });
  const preventive = createPreventiveModule(kernel, { autoRun: deps.preventiveAutoRun });
  const parts = createPartsModule(kernel, { pdfPrinter: deps.pdfPrinter });
  const stock = createStockModule(kernel, { pdfPrinter: deps.pdfPrinter });
  const costs = createCostsModule(kernel);
  // The dashboard's export and monthly report carry the préventif's compliance rate (the same SQL as its page).
  const indicators = createIndicatorsModule(kernel, {
    pdfPrinter: deps.pdfPrinter,
    complianceRate: async (query) => (await complianceSummary(kernel.database.kysely, query)).total.rate,
  });
  const planning = createPlanningModule(kernel);
  const meters = createMetersModule(kernel);
  const site = createSiteModule(kernel, deps.site);

  // One map of every channel: a channel of the contract without its handler is a type error here.
  const handlers: Handlers = {
    ...app.handlers,
    ...auth.handlers,
    ...session.handlers,
    ...security.handlers,
    ...drafts.handlers,
    ...accounts.handlers,
    ...audit.handlers,
    ...email.handlers,
    ...approval.handlers,
    ...backups.handlers,
    ...reference.handlers,
    ...createWorkOrdersListHandlers(kernel),
    ...createRequestsListHandlers(kernel),
    ...equipment.handlers,
    ...attachments.handlers,
    ...equipmentIo,
    ...workOrders.handlers,
    ...requests.handlers,
    ...dashboard.handlers,
    ...checklists.handlers,
    ...preventive.handlers,
    ...parts.handlers,
    ...createSiteCalendarHandlers(kernel),
    ...createComplianceHandlers(kernel),
    ...createForecastHandlers(kernel),
    ...stock.handlers,
    ...costs.handlers,
    ...indicators.handlers,
    ...createPlansHandlers(kernel),
    ...planning.handlers,
    ...meters.handlers,
    ...site.handlers,
  };
  return { all: [email, auth, accounts, approval, app, session, security, drafts, audit, backups, reference, equipment, attachments, workOrders, requests, dashboard, checklists, preventive, parts, stock, costs, indicators, planning, meters, site], handlers, email, accounts, approval, backups, preventive };
}
