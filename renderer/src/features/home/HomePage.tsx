// Renderer. Home: who is signed in, and the drafts this user left unfinished (theirs only: main filters by session).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, SessionUser } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useDateFormatter } from '../../i18n/format';
import { navigate, type Page } from '../../stores/navigation-store';

/** Which page each opt-in form lives on. */
const DRAFT_PAGES: Record<string, Page> = { 'security-settings': 'security' };

export function HomePage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Omit<Draft, 'data'>[]>([]);

  useEffect(() => {
    void call('drafts:list').then((result) => {
      if (result.ok) setDrafts(result.data.filter((draft) => draft.formKey in DRAFT_PAGES));
    });
  }, []);

  const formatDate = useDateFormatter();

  return (
    <>
      <h1>{t('home.welcome', { name: user.displayName })}</h1>
      {drafts.length > 0 ? (
        <section className="card card--wide" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t('home.draftsTitle')}</h2>
          <ul className="draft-list">
            {drafts.map((draft) => (
              <li key={draft.formKey}>
                <span>
                  <strong>{t(`drafts.forms.${draft.formKey}` as 'drafts.forms.security-settings')}</strong>{' '}
                  <span className="muted-inline">{t('home.draftSavedAt', { date: formatDate(draft.savedAt) })}</span>
                </span>
                <button type="button" className="button button--primary" onClick={() => navigate(DRAFT_PAGES[draft.formKey])}>
                  {t('home.openDraft')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card card--wide" aria-labelledby="account-title">
        <h2 id="account-title">{t('home.accountTitle')}</h2>
        <dl className="facts">
          <dt>{t('home.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('home.roleLabel')}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
        </dl>
        <p className="muted">{t('home.modulesSoon')}</p>
      </section>
    </>
  );
}
