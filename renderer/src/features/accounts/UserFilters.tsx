// Renderer. Search (name, username, email) and the filters of the accounts list. The search waits for a short
// pause in typing before asking main.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/contract';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { setUserFilters, useUsersStore, type UserFilters as Filters } from './users-store';

export const SEARCH_DELAY_MS = 250;
const STATUSES: readonly Filters['status'][] = ['all', 'active', 'inactive'];

export function UserFilters() {
  const { t } = useTranslation();
  const filters = useUsersStore((state) => state.filters);
  const [search, setSearch] = useState(filters.search);

  useEffect(() => {
    if (search === useUsersStore.getState().filters.search) return;
    const timer = setTimeout(() => setUserFilters({ search }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  return (
    <section className="card card--full filters" role="search" aria-label={t('users.filtersLabel')}>
      <TextField label={t('users.search')} hint={t('users.searchHint')} type="search" name="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      <SelectField
        label={t('users.roleFilter')}
        name="role"
        value={filters.role ?? ''}
        onChange={(event) => setUserFilters({ role: event.target.value === '' ? null : (event.target.value as Role) })}
      >
        <option value="">{t('users.allRoles')}</option>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('users.statusFilter')}
        name="status"
        value={filters.status}
        onChange={(event) => setUserFilters({ status: event.target.value as Filters['status'] })}
      >
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`users.status.${status}`)}
          </option>
        ))}
      </SelectField>
      <label className="checkbox">
        <input type="checkbox" name="throttledOnly" checked={filters.throttledOnly} onChange={(event) => setUserFilters({ throttledOnly: event.target.checked })} />
        <span>{t('users.throttledOnly')}</span>
      </label>
    </section>
  );
}
