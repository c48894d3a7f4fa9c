// Renderer. The accounts as a table: column headers sort (aria-sort says how), each row opens its detail.
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../shared/contract';
import { useChannelQuery } from '../../api/query';
import { useDateFormatter } from '../../i18n/format';
import { setUserFilters, useUsersStore } from './users-store';
import { UserBadges } from './UserBadges';
import { ariaSort, nextSort, type UserSortKey } from './users-view';

type Column = { key: UserSortKey | 'state' | 'actions'; sortable: boolean };

const COLUMNS: readonly Column[] = [
  { key: 'displayName', sortable: true },
  { key: 'username', sortable: true },
  { key: 'role', sortable: true },
  { key: 'state', sortable: false },
  { key: 'lastLoginAt', sortable: true },
  { key: 'createdAt', sortable: true },
  { key: 'actions', sortable: false },
];

export function UsersTable({ selfId, onOpen }: { selfId: number; onOpen: (user: UserSummary) => void }) {
  const { t } = useTranslation();
  const filters = useUsersStore((state) => state.filters);
  // While a new filter's answer is on its way, the previous rows stay (no flash of an empty table).
  const { data, isPending } = useChannelQuery(['users', 'list', filters], 'users:list', filters, { placeholderData: keepPreviousData });
  const rows = data ?? [];
  const loaded = !isPending;
  const formatDate = useDateFormatter();
  const current = { sort: filters.sort, direction: filters.direction };

  return (
    <section className="card card--full" aria-labelledby="users-list-title">
      <div className="card__heading">
        <h2 id="users-list-title">{t('users.listTitle')}</h2>
        <p className="muted-inline" role="status">
          {loaded ? t('users.count', { count: rows.length }) : t('users.loading')}
        </p>
      </div>
      {loaded && rows.length === 0 ? (
        <p className="muted">{t('users.noneMatch')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--users">
            <thead>
              <tr>
                {COLUMNS.map((column) => {
                  const label = t(`users.columns.${column.key}`);
                  if (!column.sortable) {
                    return (
                      <th key={column.key} scope="col">
                        {label}
                      </th>
                    );
                  }
                  const key = column.key as UserSortKey;
                  const sorted = ariaSort(current, key);
                  return (
                    <th key={key} scope="col" aria-sort={sorted}>
                      <button type="button" className="sort-button" title={t('users.sortBy', { column: label })} onClick={() => setUserFilters(nextSort(current, key))}>
                        {label}
                        <span className="sort-button__arrow" aria-hidden="true">
                          {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((user) => (
                <tr key={user.id} className={user.isActive ? undefined : 'table__row--inactive'}>
                  <td>
                    <strong>{user.displayName}</strong>
                    {user.id === selfId ? <span className="badge badge--self">{t('users.badges.you')}</span> : null}
                  </td>
                  <td>
                    {user.username}
                    {user.email ? <span className="table__sub">{user.email}</span> : null}
                  </td>
                  <td>{t(`roles.${user.role}`)}</td>
                  <td>
                    <UserBadges user={user} />
                  </td>
                  <td>{user.lastLoginAt ? formatDate(user.lastLoginAt) : t('users.never')}</td>
                  <td>{formatDate(user.createdAt)}</td>
                  <td>
                    <button type="button" className="button button--ghost" aria-label={t('users.detailsLabel', { name: user.displayName })} onClick={() => onOpen(user)}>
                      {t('users.details')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
