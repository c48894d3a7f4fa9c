// Renderer. i18next set up with French by default. The workstation's language is kept in localStorage
// (it is not personal data); a signed-in user's own language comes from their account and is dropped at logout.
// French ships in the first bundle; English is its own chunk, fetched the first time someone uses it (the first
// screen of a shop-floor PC stays small: issue 15's ≤ 250 KB).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fr } from './fr';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
const STORAGE_KEY = 'gmao.workstationLocale';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof fr };
    returnNull: false;
  }
}

export function workstationLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'fr' ? stored : 'fr';
}

export function rememberWorkstationLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
}

/** Loads the English catalog once, before the first switch to English. */
async function ensureCatalog(locale: Locale): Promise<void> {
  if (locale === 'fr' || i18next.hasResourceBundle(locale, 'translation')) return;
  const { en } = await import('./en');
  i18next.addResourceBundle('en', 'translation', en);
}

export async function applyLocale(locale: Locale): Promise<void> {
  await ensureCatalog(locale);
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

export async function initI18n(): Promise<void> {
  const locale = workstationLocale();
  await i18next.use(initReactI18next).init({
    resources: { fr: { translation: fr } },
    lng: 'fr',
    fallbackLng: 'fr',
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  });
  await applyLocale(locale);
  document.documentElement.lang = i18next.language;
}

export { i18next };
