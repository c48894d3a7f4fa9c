// Renderer. "A draft of this form was found": the user picks restore or discard. Shown only for the signed-in
// user's own draft (main answers with nothing else).
import { useTranslation } from 'react-i18next';
import { useDateFormatter } from '../../i18n/format';
import { Alert } from '../../components/Alert';

export function DraftBanner({ savedAt, onRestore, onDiscard }: { savedAt: number; onRestore: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  const date = useDateFormatter()(savedAt);
  return (
    <Alert tone="info">
      <p>{t('drafts.available', { date })}</p>
      <div className="draft-banner__actions">
        <button type="button" className="button button--primary" onClick={onRestore}>
          {t('drafts.restore')}
        </button>
        <button type="button" className="button button--ghost" onClick={onDiscard}>
          {t('drafts.discard')}
        </button>
      </div>
    </Alert>
  );
}
