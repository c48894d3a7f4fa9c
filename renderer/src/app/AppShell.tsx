// Renderer. The signed-in frame: a top bar (the app, "Code ou recherche", "Signaler un problème", who is here —
// their name opens their own settings —, "Verrouiller" (Ctrl+L) and "Se déconnecter") and a sidebar of the
// entries this role may open, in groups that fold (a long menu shows one group at a time, the current page's on
// arrival). The page itself is rendered beside the sidebar.
import { useRouter, useRouterState } from '@tanstack/react-router';
import { useEffect, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../shared/contract';
import { AccountMenu } from './AccountMenu';
import { ResetRequestsNavLabel } from '../features/approval/ResetRequestsNavLabel';
import { QuickReportButton } from '../features/requests/QuickReportButton';
import { ScanBox } from '../features/equipment/ScanBox';
import { lock, logout } from '../features/session/session-store';
import { currentEntry, groupOf, isGroupOpen, menuFitsOpen, navGroupsFor, type NavEntry } from './nav-entries';
import { followCurrentPage, pressGroup, useSidebarStore } from './sidebar-store';

export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const groups = navGroupsFor(user.role);
  const current = currentEntry(
    pathname,
    groups.flatMap((group) => group.entries),
  );
  const currentGroup = groupOf(current, groups);
  const fits = menuFitsOpen(groups);
  const choices = useSidebarStore();

  // In a long menu, arriving on a page shows its group (the one the person opened elsewhere folds).
  useEffect(() => {
    followCurrentPage();
  }, [pathname]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        void lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app-shell">
      <header className="app-shell__header">
        {/* The mark alone: at 1280 px the top bar's room goes to the scan field and the session buttons. */}
        <span className="brand brand--compact" title={t('app.name')}>
          <img src="./favicon.svg" alt="" width={40} height={40} />
          <span className="visually-hidden">{t('app.name')}</span>
        </span>
        <div className="app-shell__tools">
          <ScanBox />
          <QuickReportButton />
        </div>
        <div className="app-shell__user">
          <AccountMenu user={user} />
          <button type="button" className="button button--accent" title={t('home.lockShortcut')} aria-keyshortcuts="Control+L" onClick={() => void lock()}>
            {t('home.lock')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void logout()}>
            {t('home.logout')}
          </button>
        </div>
      </header>
      <div className="app-shell__body">
        <nav aria-label={t('home.navigation')} className="sidebar">
          {groups.map((group) => {
            const open = isGroupOpen(group, { currentGroup, fits, choices });
            return (
              <div key={group.id} className="sidebar__group" role={group.title ? 'group' : undefined} aria-labelledby={group.title ? `nav-group-${group.id}` : undefined}>
                {group.title ? (
                  // A disclosure button: the menu of an administrator no longer fits a shop screen at 48 px targets.
                  <button
                    type="button"
                    id={`nav-group-${group.id}`}
                    className="sidebar__title"
                    aria-expanded={open}
                    aria-controls={`nav-list-${group.id}`}
                    onClick={() => pressGroup(group.id, open, fits)}
                  >
                    <span>{t(group.title as 'shell.groups.maintenance')}</span>
                    <span className="sidebar__chevron" aria-hidden="true">
                      {open ? '▾' : '▸'}
                    </span>
                  </button>
                ) : null}
                <ul id={`nav-list-${group.id}`} className="sidebar__list" hidden={!open}>
                  {group.entries.map((entry) => (
                    <li key={entry.to}>
                      <NavLink entry={entry} current={entry === current}>
                        {entry.to === '/admin/reinitialisations' ? <ResetRequestsNavLabel /> : t(entry.label as 'shell.nav.dashboard')}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <main className="app-shell__main">{children}</main>
      </div>
    </div>
  );
}

/**
 * A sidebar link. Not TanStack's <Link>: that one marks every link whose path prefixes the current one, and the
 * sidebar must mark exactly one entry (the closest), for `aria-current` to mean "you are here".
 */
function NavLink({ entry, current, children }: { entry: NavEntry; current: boolean; children: ReactNode }) {
  const router = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void router.navigate({ to: entry.to });
  };
  return (
    <a href={router.history.createHref(entry.to)} className={`sidebar__link${current ? ' sidebar__link--current' : ''}`} aria-current={current ? 'page' : undefined} onClick={onClick}>
      {children}
    </a>
  );
}
