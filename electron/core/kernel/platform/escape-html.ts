// Pure. Text made safe inside HTML (an element's content or a quoted attribute): what every printed sheet, label,
// report and email template puts around the data it did not write itself.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
