// Renderer. The header's "Code ou recherche" field (a shell slot): a USB or QR scanner types the code then Enter.
// An exact code (whatever its case) opens that equipment; anything else opens the list searched for it.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '@tanstack/react-router';
import { request } from './equipment-api';

export function ScanBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = text.trim();
    if (!typed || busy) return;
    setBusy(true);
    try {
      const found = await request('equipment:lookup', { text: typed });
      setText('');
      if (found.exact) await navigate({ to: '/equipements/$code', params: { code: found.exact.code } });
      else await navigate({ to: '/equipements', search: { q: typed } });
    } catch {
      await navigate({ to: '/equipements', search: { q: typed } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="scanbox" role="search" onSubmit={(event) => void submit(event)}>
      <label className="visually-hidden" htmlFor="scanbox-input">
        {t('equipment.search')}
      </label>
      <input id="scanbox-input" type="search" value={text} placeholder={t('equipment.search')} autoComplete="off" spellCheck={false} onChange={(event) => setText(event.target.value)} />
    </form>
  );
}
