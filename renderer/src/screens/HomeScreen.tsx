// Renderer. The signed-in frame: who is here, in which role, and the way out.
// The navigation lists only modules that exist; later issues add theirs.
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { applyLocale, type Locale } from '../i18n';
import { logout, userUpdated, useSessionStore } from '../stores/session-store';

export function HomeScreen() {
  const { t } = useTranslation();
  const user = useSessionStore((state) => state.user);
  if (!user) return null;
  const roleName = t(`roles.${user.role}`);

  const changeLocale = async (locale: Locale) => {
    await applyLocale(locale);
    const result = await call('account:setLocale', { locale });
    if (result.ok) userUpdated(result.data);
  };

  return (
    <div className="app-shell">
      <header className="app-shell__header">
        <span className="brand">
          <img src="./favicon.svg" alt="" width={40} height={40} />
          {t('app.name')}
        </span>
        <nav aria-label={t('home.navigation')} className="app-shell__nav">
          <a href="#accueil" aria-current="page" className="nav-link nav-link--current">
            {t('home.title')}
          </a>
        </nav>
        <div className="app-shell__user">
          <div className="user-badge">
            <span className="user-badge__name">{user.displayName}</span>
            <span className="user-badge__role">{t('home.role', { role: roleName })}</span>
          </div>
          <LanguageSwitcher onChange={(locale) => void changeLocale(locale)} />
          <button type="button" className="button button--secondary" onClick={() => void logout()}>
            {t('home.logout')}
          </button>
        </div>
      </header>
      <main id="accueil" className="app-shell__main">
        <h1>{t('home.welcome', { name: user.displayName })}</h1>
        <section className="card card--wide" aria-labelledby="account-title">
          <h2 id="account-title">{t('home.accountTitle')}</h2>
          <dl className="facts">
            <dt>{t('home.username')}</dt>
            <dd>{user.username}</dd>
            <dt>{t('home.roleLabel')}</dt>
            <dd>{roleName}</dd>
          </dl>
          <p className="muted">{t('home.modulesSoon')}</p>
        </section>
      </main>
    </div>
  );
}
