// Renderer. An address that matches no page (an old link, a typo): say so and offer the way back.
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('shell.pages.notFound')}</h1>
      <p>{t('shell.pages.notFoundBody')}</p>
      <Link to="/" className="button button--primary">
        {t('shell.pages.backHome')}
      </Link>
    </section>
  );
}
