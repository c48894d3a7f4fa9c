// Renderer. The signed-in person's name in the header opens what is theirs: "Changer mon mot de passe" and
// their language (kept on their account). A disclosure (button + panel), closed by Escape or a click elsewhere.
// The language lives here rather than in the header so the header keeps to one line on a 1280 px screen.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/contract';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { changeOwnLocale } from '../features/session/session-store';
import { ChangePasswordDialog } from '../features/accounts/ChangePasswordDialog';

export function AccountMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="account-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        title={t('accountMenu.label', { name: user.displayName })}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="user-badge">
          <span className="user-badge__name">{user.displayName}</span>
          <span className="user-badge__role">{t('home.role', { role: t(`roles.${user.role}`) })}</span>
        </span>
        <span className="account-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className="account-menu__panel" hidden={!open}>
        <button
          type="button"
          className="account-menu__item"
          onClick={() => {
            setOpen(false);
            setChanging(true);
          }}
        >
          {t('accountMenu.changePassword')}
        </button>
        <div className="account-menu__language">
          <LanguageSwitcher onChange={(locale) => void changeOwnLocale(locale)} />
        </div>
      </div>
      {changing ? <ChangePasswordDialog user={user} onClose={() => setChanging(false)} /> : null}
    </div>
  );
}
