// Renderer. The root route's frame: the signed-in shell around whichever page the router matched.
import { Outlet } from '@tanstack/react-router';
import { useSessionStore } from '../features/session/session-store';
import { AppShell } from './AppShell';

export function ShellLayout() {
  const user = useSessionStore((state) => state.user);
  // The router is mounted only while someone is signed in; this guards the last render of a session's end.
  if (!user) return null;
  return (
    <AppShell user={user}>
      <Outlet />
    </AppShell>
  );
}
