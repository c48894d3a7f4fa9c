// Renderer. The app's name and mark, at the left of every header.
import { useTranslation } from 'react-i18next';

export function Brand() {
  const { t } = useTranslation();
  return (
    <span className="brand">
      <img src="./favicon.svg" alt="" width={40} height={40} />
      {t('app.name')}
    </span>
  );
}
