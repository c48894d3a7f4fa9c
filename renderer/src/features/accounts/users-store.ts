// Renderer. The "Utilisateurs" list and its filters. Holds other people's account data: dropped at every session
// end like every store. Temporary passwords are never kept here (see TemporaryPasswordDialog).
import { create } from 'zustand';
import type { ErrorCode, Role, UserSummary } from '../../../../shared/contract';
import { call } from '../../api/client';
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
  rows: UserSummary[];
  loaded: boolean;
  error: ErrorCode | null;
}

export const DEFAULT_USER_FILTERS: UserFilters = {
  search: '',
  role: null,
  status: 'all',
  throttledOnly: false,
  sort: 'displayName',
  direction: 'asc',
};

const initialState: UsersState = { filters: DEFAULT_USER_FILTERS, rows: [], loaded: false, error: null };

export const useUsersStore = create<UsersState>()(() => initialState);
let request = 0;
registerStoreReset(() => {
  request += 1; // An answer still on its way belongs to the previous person: dropped.
  useUsersStore.setState(initialState, true);
});

/** Reads the list for the current filters; only the latest request's answer is kept. */
export async function loadUsers(): Promise<void> {
  const mine = ++request;
  const result = await call('users:list', useUsersStore.getState().filters);
  if (mine !== request) return;
  if (result.ok) useUsersStore.setState({ rows: result.data, loaded: true, error: null });
  else useUsersStore.setState({ loaded: true, error: result.error.code });
}

export function setUserFilters(changes: Partial<UserFilters>): void {
  useUsersStore.setState((state) => ({ filters: { ...state.filters, ...changes } }));
  void loadUsers();
}
