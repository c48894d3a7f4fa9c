// Renderer. The frame of every screen shown before login: brand, language, one centred card.
import type { ReactNode } from 'react';
import { applyLocale, rememberWorkstationLocale, type Locale } from '../i18n';
import { Brand } from './Brand';
import { LanguageSwitcher } from './LanguageSwitcher';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const changeLocale = (locale: Locale) => {
    rememberWorkstationLocale(locale);
    void applyLocale(locale);
  };
  return (
    <div className="auth-layout">
      <header className="auth-layout__header">
        <Brand />
        <LanguageSwitcher onChange={changeLocale} />
      </header>
      <main className="auth-layout__main">
        <section className="card" aria-labelledby="screen-title">
          <h1 id="screen-title">{title}</h1>
          {children}
        </section>
      </main>
    </div>
  );
}
