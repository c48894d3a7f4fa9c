// Pure (Node). What other domains may use of `dashboard` (Tableau de bord).
export { createDashboardModule, type DashboardModule } from './dashboard-module';
export { DashboardRepository } from './dashboard-repository';
