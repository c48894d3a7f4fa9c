// Renderer. "Tableau de bord" (route `/`): who is signed in, the counts of what waits (each a link to the list it
// counts, with its saved view), and the drafts this user left unfinished (theirs only: main filters by session).
// The counts are a query refreshed by main's change events (DIs, OTs, downtimes).
import { Link, useNavigate, type LinkProps } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useChannelQuery } from '../../api/query';
import { Alert } from '../../components/Alert';
import { useDateFormatter } from '../../i18n/format';
import { useSessionStore } from '../session/session-store';

/** Which page each opt-in form lives on. */
const DRAFT_PAGES = { 'security-settings': '/admin/securite' } as const;

interface Count {
  key: string;
  label: string;
  value: number;
  link: LinkProps;
  /** Something needs attention (late work, a machine down) when the count is not zero. */
  alarm?: boolean;
}

export function HomePage() {
  const { t } = useTranslation();
  const user = useSessionStore((state) => state.user);
  const navigate = useNavigate();
  const [drafts, setDrafts] = useState<Omit<Draft, 'data'>[]>([]);
  const summary = useChannelQuery(['dashboard', 'summary'], 'dashboard:summary', undefined);

  useEffect(() => {
    void call('drafts:list').then((result) => {
      if (result.ok) setDrafts(result.data.filter((draft) => draft.formKey in DRAFT_PAGES));
    });
  }, []);

  const formatDate = useDateFormatter();
  if (!user) return null;

  const counts: Count[] = [];
  const data = summary.data;
  if (data) {
    counts.push(
      data.requestsScope === 'all'
        ? { key: 'newRequests', label: t('dashboard.newRequests'), value: data.newRequests, link: { to: '/demandes' } }
        : { key: 'newRequests', label: t('dashboard.myNewRequests'), value: data.newRequests, link: { to: '/demandes/mes' } },
    );
    if (data.workOrders) {
      counts.push(
        { key: 'toPlan', label: t('dashboard.toPlan'), value: data.workOrders.toPlan, link: { to: '/ot', search: { vue: 'a-planifier' } } },
        { key: 'overdue', label: t('dashboard.overdue'), value: data.workOrders.overdue, link: { to: '/ot', search: { vue: 'retard' } }, alarm: true },
        { key: 'waitingParts', label: t('dashboard.waitingParts'), value: data.workOrders.waitingParts, link: { to: '/ot', search: { vue: 'attente-pieces' } } },
        { key: 'mine', label: t('dashboard.mine'), value: data.workOrders.mine, link: { to: '/ot', search: { vue: 'mes' } } },
      );
    }
    if (data.stoppedEquipment !== null) {
      counts.push({ key: 'stopped', label: t('dashboard.stoppedEquipment'), value: data.stoppedEquipment, link: { to: '/equipements' }, alarm: true });
    }
  }

  return (
    <>
      <h1>{t('home.welcome', { name: user.displayName })}</h1>
      <section className="card card--wide" aria-labelledby="dashboard-title">
        <h2 id="dashboard-title">{t('dashboard.title')}</h2>
        {summary.isPending ? (
          <p className="muted-inline" role="status">
            {t('dashboard.loading')}
          </p>
        ) : null}
        {summary.isError ? <Alert tone="error">{t('dashboard.failed')}</Alert> : null}
        {counts.length > 0 ? (
          <ul className="dashboard-counts">
            {counts.map((count) => (
              <li key={count.key}>
                <Link {...count.link} className={`dashboard-count${count.alarm && count.value > 0 ? ' dashboard-count--alarm' : ''}`}>
                  <span className="dashboard-count__value">{count.value}</span>
                  <span className="dashboard-count__label">{count.label}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
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
                <button type="button" className="button button--primary" onClick={() => void navigate({ to: DRAFT_PAGES[draft.formKey as keyof typeof DRAFT_PAGES] })}>
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
      </section>
    </>
  );
}
