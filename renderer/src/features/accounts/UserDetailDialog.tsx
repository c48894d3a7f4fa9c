// Renderer. One account in full (last login, creation and by whom, password state and temporary expiry, open
// sessions) and what an administrator can do with it. Read from main each time it opens, so it is never stale.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDetail } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { useDateFormatter } from '../../i18n/format';
import type { StatusMessage } from '../security/status';
import { UserBadges } from './UserBadges';
import { availableActions } from './users-view';

export type UserAction = 'edit' | 'deactivate' | 'reactivate' | 'resetPassword' | 'unblock' | 'endSessions';

export interface UserDetailDialogProps {
  userId: number;
  selfId: number;
  status: StatusMessage | null;
  onAction: (action: UserAction, user: UserDetail) => void;
  onClose: () => void;
}

export function UserDetailDialog({ userId, selfId, status, onAction, onClose }: UserDetailDialogProps) {
  const { t } = useTranslation();
  const formatDate = useDateFormatter();
  const [user, setUser] = useState<UserDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    void call('users:get', { userId }).then((result) => {
      if (cancelled) return;
      if (result.ok) setUser(result.data);
      else setError(`errors.${result.error.code}`);
    });
    return () => {
      cancelled = true;
    };
  }, [userId]);

  const actions = user ? availableActions(user, selfId) : null;
  const button = (action: UserAction, tone: 'ghost' | 'danger' = 'ghost') =>
    actions?.[action] && user ? (
      <button type="button" className={`button button--${tone}`} onClick={() => onAction(action, user)}>
        {t(`users.actions.${action}`)}
      </button>
    ) : null;

  return (
    <Modal title={user?.displayName ?? t('users.loading')} onEscape={onClose} wide>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      {error ? <Alert tone="error">{t(error as 'errors.NOT_FOUND')}</Alert> : null}
      {user ? (
        <>
          <UserBadges user={user} />
          <dl className="facts facts--detail">
            <dt>{t('users.detail.username')}</dt>
            <dd>{user.username}</dd>
            <dt>{t('users.detail.email')}</dt>
            <dd>{user.email ?? t('users.detail.noEmail')}</dd>
            <dt>{t('users.detail.role')}</dt>
            <dd>{t(`roles.${user.role}`)}</dd>
            <dt>{t('users.detail.status')}</dt>
            <dd>{user.isActive ? t('users.detail.activeSince') : t('users.detail.inactiveSince', { date: formatDate(user.deactivatedAt ?? user.updatedAt) })}</dd>
            <dt>{t('users.detail.lastLogin')}</dt>
            <dd>{user.lastLoginAt ? formatDate(user.lastLoginAt) : t('users.never')}</dd>
            <dt>{t('users.detail.created')}</dt>
            <dd>
              {user.createdBy
                ? t('users.detail.createdBy', { date: formatDate(user.createdAt), name: user.createdBy.displayName })
                : t('users.detail.createdBySystem', { date: formatDate(user.createdAt) })}
            </dd>
            <dt>{t('users.detail.passwordChanged')}</dt>
            <dd>{formatDate(user.passwordChangedAt)}</dd>
            <dt>{t('users.detail.passwordState')}</dt>
            <dd>
              {t(`users.passwordState.${user.passwordState}`)}
              {user.temporaryPasswordExpiresAt && user.passwordState === 'temporary' ? (
                <span className="facts__note">{t('users.detail.temporaryExpires', { date: formatDate(user.temporaryPasswordExpiresAt) })}</span>
              ) : null}
              {user.passwordState === 'temporaryExpired' || user.passwordState === 'temporaryUsed' ? (
                <span className="facts__note">{t('users.detail.temporaryExpired')}</span>
              ) : null}
            </dd>
            <dt>{t('users.detail.openSessions')}</dt>
            <dd>{user.openSessions}</dd>
            <dt>{t('users.detail.throttled')}</dt>
            <dd>{user.throttled ? t('users.detail.throttledYes') : t('users.detail.throttledNo')}</dd>
          </dl>
          {user.id === selfId ? <p className="field__hint">{t('users.detail.selfNote')}</p> : null}
        </>
      ) : null}
      <div className="modal__actions modal__actions--wrap">
        {button('edit')}
        {button('resetPassword')}
        {button('unblock')}
        {button('endSessions')}
        {button('reactivate')}
        {button('deactivate', 'danger')}
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('users.actions.close')}
        </button>
      </div>
    </Modal>
  );
}
