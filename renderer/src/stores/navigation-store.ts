// Renderer. Which page of the signed-in app is shown. Reset to the home page at every session end.
import { create } from 'zustand';
import { registerStoreReset } from './store-reset';

export type Page = 'home' | 'security' | 'users' | 'audit' | 'backups' | 'email' | 'resetRequests' | 'about' | 'referenceLists' | 'equipmentImport' | 'equipmentLabels';

interface NavigationState {
  page: Page;
}

export const useNavigationStore = create<NavigationState>()(() => ({ page: 'home' }));
registerStoreReset(() => useNavigationStore.setState({ page: 'home' }, true));

export function navigate(page: Page): void {
  useNavigationStore.setState({ page });
}
