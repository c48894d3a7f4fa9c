// Pure (Node). What other parts of the app may use of `site` (site server, client PCs, enrolment).
export { createSiteModule, type SiteModule, type SiteModuleDeps } from './site-module';
export type { SiteServerBinding } from './site-server-handlers';
export type { SiteEnrolDeps } from './site-enrol-handlers';
