// Renderer. File sizes in the interface language ("12,4 Mo" in French, "12.4 MB" in English), in decimal units
// like the file explorers IT will compare them with.
import { useTranslation } from 'react-i18next';

const UNITS = [
  { unit: 'gigabyte', size: 1e9 },
  { unit: 'megabyte', size: 1e6 },
  { unit: 'kilobyte', size: 1e3 },
] as const;

export function formatSize(bytes: number, language: string): string {
  const chosen = UNITS.find((candidate) => bytes >= candidate.size);
  if (!chosen) return new Intl.NumberFormat(language, { style: 'unit', unit: 'byte', unitDisplay: 'short' }).format(bytes);
  return new Intl.NumberFormat(language, { style: 'unit', unit: chosen.unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / chosen.size);
}

export function useSizeFormatter(): (bytes: number) => string {
  const { i18n } = useTranslation();
  return (bytes) => formatSize(bytes, i18n.language);
}
