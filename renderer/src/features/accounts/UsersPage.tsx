// Renderer. "Utilisateurs" (administrators): the accounts with search, filters and sorting; each account's
// detail and actions; "Nouvel utilisateur"; the password rules. One dialog at a time: an action's confirmation
// replaces the detail and the detail comes back after it, read again from main.
// A temporary password main answers lives only in this page's state, for its dialog: closing the dialog, or
// any session end (which unmounts this page), drops it for good.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser, TemporaryPassword, UserDetail } from '../../../../shared/contract';
import type { AccountSettings } from '../../../../shared/accounts/account-settings';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TemporaryPasswordDialog } from '../../components/password/TemporaryPasswordDialog';
import { loadUsers } from './users-store';
import type { StatusMessage } from '../security/status';
import { AccountSettingsCard } from './AccountSettingsCard';
import { UserDetailDialog, type UserAction } from './UserDetailDialog';
import { UserFilters } from './UserFilters';
import { UserFormDialog } from './UserFormDialog';
import { UsersTable } from './UsersTable';

type ConfirmedAction = 'deactivate' | 'reactivate' | 'resetPassword' | 'endSessions';

type Dialog =
  | { kind: 'create' }
  | { kind: 'detail'; userId: number }
  | { kind: 'edit'; user: UserDetail }
  | { kind: 'confirm'; action: ConfirmedAction; user: UserDetail }
  | { kind: 'temporary'; userId: number; name: string; temporaryPassword: TemporaryPassword }
  | null;

const CONFIRM_KEYS = {
  deactivate: { title: 'users.confirm.deactivateTitle', body: 'users.confirm.deactivateBody', confirm: 'users.confirm.deactivateConfirm', danger: true },
  reactivate: { title: 'users.confirm.reactivateTitle', body: 'users.confirm.reactivateBody', confirm: 'users.confirm.reactivateConfirm', danger: false },
  resetPassword: { title: 'users.confirm.resetTitle', body: 'users.confirm.resetBody', confirm: 'users.confirm.resetConfirm', danger: true },
  endSessions: { title: 'users.confirm.endSessionsTitle', body: 'users.confirm.endSessionsBody', confirm: 'users.confirm.endSessionsConfirm', danger: true },
} as const;

export function UsersPage({ self }: { self: SessionUser }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [settings, setSettings] = useState<AccountSettings | null>(null);
  // Bumped after each action, so the detail reads the account again even when it stays open on the same user.
  const [detailVersion, setDetailVersion] = useState(0);

  useEffect(() => {
    // The list itself is a query in UsersTable, fetched on mount.
    void call('users:getSettings').then((result) => {
      if (result.ok) setSettings(result.data);
    });
  }, []);

  const success = (text: string) => setStatus({ tone: 'success', text });
  const failure = (code: string) => setStatus({ tone: 'error', text: t(`errors.${code}` as 'errors.INTERNAL_ERROR') });

  const onAction = async (action: UserAction, user: UserDetail) => {
    setStatus(null);
    if (action === 'edit') return setDialog({ kind: 'edit', user });
    if (action === 'unblock') {
      const result = await call('users:clearThrottle', { userId: user.id });
      if (result.ok) success(t('users.done.unblocked', { name: user.displayName }));
      else failure(result.error.code);
      await loadUsers();
      setDetailVersion((n) => n + 1);
      return;
    }
    setDialog({ kind: 'confirm', action, user });
  };

  const confirmed = async (action: ConfirmedAction, user: UserDetail) => {
    const name = user.displayName;
    const back = () => {
      setDetailVersion((n) => n + 1);
      setDialog({ kind: 'detail', userId: user.id });
    };
    if (action === 'resetPassword') {
      const result = await call('users:resetPassword', { userId: user.id });
      if (!result.ok) {
        failure(result.error.code);
        back();
      } else {
        success(t('users.done.passwordReset', { name }));
        setDialog({ kind: 'temporary', userId: user.id, name, temporaryPassword: result.data });
      }
    } else if (action === 'endSessions') {
      const result = await call('security:endUserSessions', { userId: user.id });
      if (result.ok) success(t('users.done.sessionsEnded', { name, count: result.data.ended }));
      else failure(result.error.code);
      back();
    } else {
      const active = action === 'reactivate';
      const result = await call('users:setActive', { userId: user.id, active });
      if (result.ok) success(t(active ? 'users.done.reactivated' : 'users.done.deactivated', { name }));
      else failure(result.error.code);
      back();
    }
    await loadUsers();
  };

  return (
    <>
      <div className="page-heading">
        <h1>{t('users.title')}</h1>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            setStatus(null);
            setDialog({ kind: 'create' });
          }}
        >
          {t('users.newUser')}
        </button>
      </div>
      <p className="lead">{t('users.intro')}</p>
      {status && dialog === null ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      <UserFilters />
      <UsersTable
        selfId={self.id}
        onOpen={(user) => {
          setStatus(null);
          setDialog({ kind: 'detail', userId: user.id });
        }}
      />
      {settings ? <AccountSettingsCard settings={settings} onSaved={setSettings} /> : null}

      {dialog?.kind === 'detail' ? (
        <UserDetailDialog key={`${dialog.userId}-${detailVersion}`} userId={dialog.userId} selfId={self.id} status={status} onAction={(action, user) => void onAction(action, user)} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'create' || dialog?.kind === 'edit' ? (
        <UserFormDialog
          user={dialog.kind === 'edit' ? dialog.user : undefined}
          settings={settings}
          onCancel={() => setDialog(dialog.kind === 'edit' ? { kind: 'detail', userId: dialog.user.id } : null)}
          onDone={({ user, temporaryPassword }) => {
            void loadUsers();
            const done = dialog.kind === 'edit' ? 'users.done.updated' : user.passwordState === 'invited' ? 'users.done.invited' : 'users.done.created';
            success(t(done, { name: user.displayName }));
            setDialog(temporaryPassword ? { kind: 'temporary', userId: user.id, name: user.displayName, temporaryPassword } : { kind: 'detail', userId: user.id });
          }}
        />
      ) : null}
      {dialog?.kind === 'confirm' ? (
        <ConfirmDialog
          title={t(CONFIRM_KEYS[dialog.action].title, { name: dialog.user.displayName })}
          body={t(CONFIRM_KEYS[dialog.action].body, { name: dialog.user.displayName })}
          confirmLabel={t(CONFIRM_KEYS[dialog.action].confirm)}
          cancelLabel={t('users.confirm.cancel')}
          danger={CONFIRM_KEYS[dialog.action].danger}
          onConfirm={() => confirmed(dialog.action, dialog.user)}
          onCancel={() => setDialog({ kind: 'detail', userId: dialog.user.id })}
        />
      ) : null}
      {dialog?.kind === 'temporary' ? (
        <TemporaryPasswordDialog
          name={dialog.name}
          temporaryPassword={dialog.temporaryPassword}
          // Gone from state with the dialog: the detail shows the password state, never the password.
          onClose={() => setDialog({ kind: 'detail', userId: dialog.userId })}
        />
      ) : null}
    </>
  );
}
