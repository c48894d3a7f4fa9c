// Renderer. The one router of the signed-in app, over hash history (`#/ot/OT-2026-000123`): the app is served from
// app:// in Electron and from http://127.0.0.1 in the harness, and a hash needs no server-side routing in either.
// It is mounted only while someone is signed in (App.tsx stays the gate); the hash stays in the address while
// signed out, so a deep link opened before sign-in is where sign-in lands. Every session end sends it back to
// `/`: the next person never finds the previous one's page.
import { createHashHistory, createRouter } from '@tanstack/react-router';
import type { Role } from '../../../shared/contract/roles';
import { registerStoreReset } from '../stores/store-reset';
import { routeTree } from './routes';

export const router = createRouter({ routeTree, history: createHashHistory(), defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

/** Where a role lands when sign-in finds no deep link: a technician's day starts on "Mes OT". */
export function landingPath(role: Role): string {
  return role === 'technician' ? '/ot/mes' : '/';
}

/** At sign-in, before the router is mounted: keep a deep link, otherwise go where this role starts. */
export function prepareLanding(role: Role): void {
  const landing = landingPath(role);
  if (router.history.location.pathname === '/' && landing !== '/') router.history.replace(landing);
}

registerStoreReset(() => router.history.replace('/'));
