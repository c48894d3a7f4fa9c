// Renderer. The one message line at the top of the "Journal de sécurité" page, fed by each card.
export interface AuditStatus {
  tone: 'error' | 'success' | 'info';
  text: string;
}
