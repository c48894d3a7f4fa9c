// Renderer. What the person did with the sidebar's group headings during this session, in memory only: the PC is
// shared, so the next person starts from the defaults (reset at every session end, with the other stores).
import { create } from 'zustand';
import { registerStoreReset } from '../stores/store-reset';
import { toggleGroup, type NavGroupId, type SidebarChoices } from './nav-entries';

const initial: SidebarChoices = { folded: {}, single: undefined };

export const useSidebarStore = create<SidebarChoices>()(() => initial);

export function pressGroup(group: NavGroupId, wasOpen: boolean, fits: boolean): void {
  useSidebarStore.setState((state) => toggleGroup(state, group, wasOpen, fits));
}

/** A long menu opens the new page's group after every navigation. */
export function followCurrentPage(): void {
  useSidebarStore.setState((state) => (state.single === undefined ? state : { ...state, single: undefined }));
}

registerStoreReset(() => useSidebarStore.setState(initial, true));
