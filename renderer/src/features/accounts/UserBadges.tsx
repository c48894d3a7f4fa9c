// Renderer. An account's state in words with a colour: active or not, where its password stands, blocked.
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../shared/contract';
import { passwordStateTone } from './users-view';

export function UserBadges({ user }: { user: Pick<UserSummary, 'isActive' | 'passwordState' | 'throttled'> }) {
  const { t } = useTranslation();
  return (
    <ul className="badges">
      <li className={`badge ${user.isActive ? 'badge--ok' : 'badge--off'}`}>{user.isActive ? t('users.badges.active') : t('users.badges.inactive')}</li>
      {user.passwordState !== 'ok' ? (
        <li className={`badge badge--${passwordStateTone(user.passwordState)}`}>{t(`users.passwordState.${user.passwordState}`)}</li>
      ) : null}
      {user.throttled ? <li className="badge badge--danger">{t('users.badges.throttled')}</li> : null}
    </ul>
  );
}
