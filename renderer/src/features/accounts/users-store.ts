// Renderer. The filters of the "Utilisateurs" list; the rows themselves are a query (`['users', 'list', filters]`,
// see UsersTable), cached by TanStack Query and emptied with every other query at each session end. Both go at
// every session end like every store. Temporary passwords are never kept here (see TemporaryPasswordDialog).
import { create } from 'zustand';
import type { Role } from '../../../../shared/contract';
import { invalidateKeys, queryClient } from '../../api/query';
import type { UserSort } from './users-view';
import { registerStoreReset } from '../../stores/store-reset';

export interface UserFilters extends UserSort {
  search: string;
  role: Role | null;
  status: 'all' | 'active' | 'inactive';
  throttledOnly: boolean;
}

interface UsersState {
  filters: UserFilters;
}

export const DEFAULT_USER_FILTERS: UserFilters = {
  search: '',
  role: null,
  status: 'all',
  throttledOnly: false,
  sort: 'displayName',
  direction: 'asc',
};

const initialState: UsersState = { filters: DEFAULT_USER_FILTERS };

export const useUsersStore = create<UsersState>()(() => initialState);
registerStoreReset(() => useUsersStore.setState(initialState, true));

/** After an action on an account: the list (every filter's) is read again. */
export async function loadUsers(): Promise<void> {
  await invalidateKeys(queryClient, ['users']);
}

/** A new filter is a new query key: TanStack Query asks main, and only the latest key's answer is shown. */
export function setUserFilters(changes: Partial<UserFilters>): void {
  useUsersStore.setState((state) => ({ filters: { ...state.filters, ...changes } }));
}
