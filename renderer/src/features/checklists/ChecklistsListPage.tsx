// Renderer. « Gammes » (/preventif/gammes, managers): every gamme with its code, name, number of steps and how many
// plans use it (« utilisée par N plans »), a search over code, name and description, the deactivated ones on
// request, and the way to a new one. A row opens the editor.
import { Link } from '@tanstack/react-router';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/TextField';
import { useChannelQuery } from '../../api/query';
import { checklistErrorText } from './checklists-api';
import './checklists.css';

export function ChecklistsListPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const deferred = useDeferredValue(search);
  const list = useChannelQuery(['checklists', 'list', deferred, includeInactive], 'checklists:list', { search: deferred, includeInactive });

  return (
    <section className="card card--full cl-page" aria-labelledby="checklists-title">
      <div className="table-card__header">
        <h1 id="checklists-title">{t('checklists.list.title')}</h1>
        <Link to="/preventif/gammes/$code" params={{ code: 'nouvelle' }} className="button button--primary">
          {t('checklists.list.add')}
        </Link>
      </div>
      <p className="lead">{t('checklists.list.intro')}</p>
      <div className="cl-filters">
        <TextField type="search" label={t('checklists.list.search')} hint={t('checklists.list.searchHint')} value={search} onChange={(event) => setSearch(event.target.value)} />
        <label className="cl-check">
          <input type="checkbox" checked={includeInactive} onChange={(event) => setIncludeInactive(event.target.checked)} />
          <span>{t('checklists.list.includeInactive')}</span>
        </label>
      </div>
      {list.isError ? <Alert tone="error">{checklistErrorText(list.error)}</Alert> : null}
      {list.isPending ? <p role="status">{t('checklists.list.loading')}</p> : null}
      {list.data && list.data.length === 0 ? <p className="muted">{t('checklists.list.empty')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <table className="table cl-table">
          <thead>
            <tr>
              <th scope="col">{t('checklists.list.code')}</th>
              <th scope="col">{t('checklists.list.name')}</th>
              <th scope="col">{t('checklists.list.steps')}</th>
              <th scope="col">{t('checklists.list.usage')}</th>
              <th scope="col">{t('checklists.list.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to="/preventif/gammes/$code" params={{ code: row.code }} className="wo-link">
                    {row.code}
                  </Link>
                </td>
                <td>
                  {row.name}
                  {row.description ? <div className="muted-inline cl-description">{row.description}</div> : null}
                </td>
                <td>{row.stepCount}</td>
                <td>{row.planCount > 0 ? t('checklists.list.usedBy', { count: row.planCount }) : t('checklists.list.unused')}</td>
                <td>
                  <span className={`badge ${row.isActive ? 'badge--ok' : 'badge--off'}`}>{row.isActive ? t('checklists.list.active') : t('checklists.list.inactive')}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
