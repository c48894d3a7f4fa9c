// Renderer. `/demandes/nouvelle`: the same DI form as the login screen's, for someone signed in (their account is
// the reporter, so no name field); `?equipement=CODE` (a scanned label, the equipment page) pre-fills the equipment.
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ReportForm } from './ReportForm';
import { requestKeys } from './requests-api';

export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const search = useSearch({ strict: false }) as { equipement?: unknown };
  const code = typeof search.equipement === 'string' ? search.equipement : undefined;
  return (
    <section className="card card--wide" aria-labelledby="new-request-title">
      <h1 id="new-request-title">{t('requests.newPage.title')}</h1>
      <ReportForm
        signedIn
        initialCode={code}
        onSaved={() => {
          void queryClient.invalidateQueries({ queryKey: requestKeys.mine });
          void navigate({ to: '/demandes/mes' });
        }}
      />
    </section>
  );
}
