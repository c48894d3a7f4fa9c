// Renderer. Home: who is signed in, and the drafts this user left unfinished (theirs only: main filters by session).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import type { Draft } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useDateFormatter } from '../../i18n/format';
import { useSessionStore } from '../session/session-store';

/** Which page each opt-in form lives on. */
const DRAFT_PAGES = { 'security-settings': '/admin/securite' } as const;

export function HomePage() {
  const { t } = useTranslation();
  const user = useSessionStore((state) => state.user)!;
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
                <Link to={DRAFT_PAGES[draft.formKey as keyof typeof DRAFT_PAGES]} className="button button--primary">
                  {t('home.openDraft')}
                </Link>
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
