// Renderer. The router of the signed-in app, over hash history (`#/ot/OT-2026-000123`): the app is served from
// app:// in Electron and from http://127.0.0.1 in the harness, and a hash needs no server-side routing in either.
// It exists only while someone is signed in (App.tsx stays the gate): one router per session, made at sign-in from
// the address as it is then — so a deep link opened while signed out (or locked) is where sign-in lands — and
// dropped at every session end, when the address goes back to `#/`: the next person never finds the previous
// one's page, nor a router still holding its state.
import { createHashHistory, createRouter } from '@tanstack/react-router';
import type { Role } from '../../../shared/contract/roles';
import { registerStoreReset } from '../stores/store-reset';
import { routeTree } from './routes';

function createAppRouter() {
  return createRouter({ routeTree, history: createHashHistory(), defaultPreload: false, scrollRestoration: true });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}

/** Where a role lands when sign-in finds no deep link: a technician's day starts on "Mes OT". */
export function landingPath(role: Role): string {
  return role === 'technician' ? '/ot/mes' : '/';
}

/** The path the address asks for (`#/ot/mes` → `/ot/mes`; no hash → `/`). */
function hashPath(): string {
  const path = window.location.hash.replace(/^#/, '').split(/[?#]/)[0];
  return path === '' ? '/' : path;
}

let current: AppRouter | null = null;

/** The session's router, made at its first call after sign-in: keeps a deep link, otherwise goes where this role starts. */
export function sessionRouter(role: Role): AppRouter {
  if (current) return current;
  const landing = landingPath(role);
  if (hashPath() === '/' && landing !== '/') window.history.replaceState(null, '', `#${landing}`);
  current = createAppRouter();
  return current;
}

registerStoreReset(() => {
  // The history listens to the window and patches pushState/replaceState: undone before the next session's.
  current?.history.destroy();
  current = null;
  window.history.replaceState(null, '', '#/');
});
