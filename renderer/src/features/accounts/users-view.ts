// Renderer (pure). How the "Utilisateurs" list sorts and what each account's detail offers to do.
import type { PasswordState, UserSummary } from '../../../../shared/contract';
import type { USER_SORT_KEYS } from '../../../../shared/accounts/contract';

export type UserSortKey = (typeof USER_SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface UserSort {
  sort: UserSortKey;
  direction: SortDirection;
}

const DATE_KEYS: readonly UserSortKey[] = ['lastLoginAt', 'createdAt'];

/**
 * A click on a column header: the same column flips its direction; another column starts with what one
 * usually wants first (names A→Z, dates newest first).
 */
export function nextSort(current: UserSort, key: UserSortKey): UserSort {
  if (current.sort === key) return { sort: key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { sort: key, direction: DATE_KEYS.includes(key) ? 'desc' : 'asc' };
}

export function ariaSort(current: UserSort, key: UserSortKey): 'ascending' | 'descending' | 'none' {
  if (current.sort !== key) return 'none';
  return current.direction === 'asc' ? 'ascending' : 'descending';
}

export interface UserActions {
  edit: boolean;
  deactivate: boolean;
  reactivate: boolean;
  resetPassword: boolean;
  unblock: boolean;
  endSessions: boolean;
}

/**
 * What the detail offers for this account. Main refuses anything wrong anyway; this only hides what makes no
 * sense or would harm the administrator themself: deactivating or resetting their own account (their password
 * is changed with "Changer mon mot de passe"), or ending their own sessions.
 */
export function availableActions(user: Pick<UserSummary, 'id' | 'isActive' | 'throttled' | 'openSessions'>, selfId: number): UserActions {
  const self = user.id === selfId;
  return {
    edit: true,
    deactivate: user.isActive && !self,
    reactivate: !user.isActive,
    resetPassword: user.isActive && !self,
    unblock: user.throttled,
    endSessions: user.openSessions > 0 && !self,
  };
}

/** The colour family of a password state's badge (its words always say it too). */
export function passwordStateTone(state: PasswordState): 'neutral' | 'warning' | 'danger' {
  switch (state) {
    case 'ok':
      return 'neutral';
    case 'invited':
    case 'temporary':
    case 'changeRequired':
    case 'changeOffered':
      return 'warning';
    case 'temporaryExpired':
    case 'temporaryUsed':
      return 'danger';
  }
}
