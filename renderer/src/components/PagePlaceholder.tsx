// Renderer. What a page still to be built shows meanwhile: its French title and "Cette page arrive bientôt."
// Used only by the placeholder pages the shell created for issue 13; each owner replaces its file whole.
import { useTranslation } from 'react-i18next';

export function PagePlaceholder({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <section className="card card--wide" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title">{title}</h1>
      <p className="muted">{t('shell.soon')}</p>
    </section>
  );
}
