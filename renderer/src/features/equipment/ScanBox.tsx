// Renderer. Placeholder created by the shell (issue 13): "Code ou recherche" in the top bar. A scanner types a code
// and Enter; this placeholder opens that equipment's page. The equipment helper replaces this file whole (with the
// lookup and the search results when the code is unknown).
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function ScanBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState('');
  return (
    <form
      role="search"
      className="scan-box"
      onSubmit={(event) => {
        event.preventDefault();
        const code = text.trim();
        if (code === '') return;
        setText('');
        void navigate({ to: '/equipements/$code', params: { code } });
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {t('shell.scanLabel')}
      </label>
      <input
        id={id}
        className="field__input scan-box__input"
        type="search"
        placeholder={t('shell.scanLabel')}
        title={t('shell.scanHint')}
        autoComplete="off"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}
