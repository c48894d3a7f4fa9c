// Renderer. The frame of every screen shown before login: brand, language, one centred card.
import type { ReactNode } from 'react';
import { applyLocale, rememberWorkstationLocale, type Locale } from '../i18n';
import { Brand } from './Brand';
import { LanguageSwitcher } from './LanguageSwitcher';

export function AuthLayout({
  title,
  children,
  onLocaleChange,
  headerActions,
  wide,
}: {
  title: string;
  children: ReactNode;
  /** A signed-in user (password change screen) changes their own language, not the workstation's. */
  onLocaleChange?: (locale: Locale) => void;
  /** E.g. "Se déconnecter" on the password change screen. */
  headerActions?: ReactNode;
  /** A screen with two columns (the site enrolment: the fingerprint beside the code), at 1280 px without scrolling. */
  wide?: boolean;
}) {
  const changeLocale =
    onLocaleChange ??
    ((locale: Locale) => {
      rememberWorkstationLocale(locale);
      void applyLocale(locale);
    });
  return (
    <div className="auth-layout">
      <header className="auth-layout__header">
        <Brand />
        <div className="auth-layout__tools">
          <LanguageSwitcher onChange={changeLocale} />
          {headerActions}
        </div>
      </header>
      <main className="auth-layout__main">
        <section className={wide ? 'card card--site-enrol' : 'card'} aria-labelledby="screen-title">
          <h1 id="screen-title">{title}</h1>
          {children}
        </section>
      </main>
    </div>
  );
}
