// Renderer. How long an equipment has been stopped, as a person reads it on a shop screen: "45 min",
// "2 h 15", "3 j 4 h" (French) / "3 d 4 h" (English). Counted from main's clock (`asOf`), never the PC's.
export function formatDuration(ms: number, language: string): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  const day = language.startsWith('fr') ? 'j' : 'd';
  return restHours === 0 ? `${days} ${day}` : `${days} ${day} ${restHours} h`;
}

/** Bytes as "850 Ko" / "2,4 Mo" (French) or "850 KB" / "2.4 MB". */
export function formatSize(bytes: number, language: string): string {
  const french = language.startsWith('fr');
  const [kilo, mega] = french ? ['Ko', 'Mo'] : ['KB', 'MB'];
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} ${kilo}`;
  const value = (bytes / (1024 * 1024)).toFixed(1);
  return `${french ? value.replace('.', ',') : value} ${mega}`;
}
