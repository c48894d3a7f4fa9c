// Renderer. The one message line at the top of the Sécurité page, fed by each card.
export interface StatusMessage {
  tone: 'error' | 'success';
  text: string;
}
