// Renderer. TEMPORARY (until the shell helper's router is merged; the lead deletes this file and its one line in
// App.tsx): mounts the équipements pages under a hash router with their own query client, so they can be used and
// tested end to end now. Opened by going to `#/equipements` (or any `#/…` path) before or after signing in.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createHashHistory, createRootRoute, createRoute, createRouter, Link, Outlet, RouterProvider } from '@tanstack/react-router';
import { useEffect } from 'react';
import { subscribe } from '../../api/client';
import { EquipmentListPage } from './EquipmentListPage';
import { EquipmentPage } from './EquipmentPage';
import { LocationsPage } from './LocationsPage';
import { ScanBox } from './ScanBox';

export function isEquipmentPreviewPath(): boolean {
  return /^#\/.+/.test(window.location.hash);
}

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

function Root() {
  // What the shell's query layer will do: a change in main refetches the queries of its topics.
  useEffect(
    () =>
      subscribe('data:changed', ({ topics }) => {
        for (const topic of topics) void queryClient.invalidateQueries({ queryKey: [topic] });
      }),
    [],
  );
  return (
    <>
      <nav className="equipment-search" aria-label="Équipements">
        <Link to="/equipements" className="button button--ghost equipment-link-button">
          Équipements
        </Link>
        <ScanBox />
      </nav>
      <Outlet />
    </>
  );
}

function NotYetMerged() {
  return <p className="card">Cet écran arrive avec la fusion des autres lots.</p>;
}

const rootRoute = createRootRoute({ component: Root, notFoundComponent: NotYetMerged });
const routeTree = rootRoute.addChildren([
  createRoute({ getParentRoute: () => rootRoute, path: '/equipements', component: EquipmentListPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/equipements/$code', component: EquipmentPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/localisations', component: LocationsPage }),
]);
// Built on first use only: the other screens never get a hash history listening to their URL.
let router: ReturnType<typeof createRouter> | null = null;

export function EquipmentPreview() {
  router ??= createRouter({ routeTree, history: createHashHistory() });
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
