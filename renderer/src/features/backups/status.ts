// Renderer. The one message line at the top of the Sauvegardes page, fed by each part of it.
export interface StatusMessage {
  tone: 'error' | 'success' | 'info';
  text: string;
}
