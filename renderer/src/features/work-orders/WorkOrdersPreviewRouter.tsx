// Renderer. TEMPORARY, until the shell helper's router is merged: mounts the two OT pages under hash routes
// (#/ot/nouveau, #/ot/OT-2026-000001) with a query client that refetches on `data:changed`, so this branch's
// Playwright spec and screenshots run the real pages. The lead drops this file and its one hunk in App.tsx at merge;
// the pages themselves only use TanStack Router's hooks and Link, which the shell's router provides.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createHashHistory, createRootRoute, createRoute, createRouter, Outlet, RouterProvider } from '@tanstack/react-router';
import { useEffect } from 'react';
import { subscribe } from '../../api/client';
import { NewWorkOrderPage } from './NewWorkOrderPage';
import { WorkOrderPage } from './WorkOrderPage';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

const rootRoute = createRootRoute({ component: () => <Outlet /> });
const routeTree = rootRoute.addChildren([
  createRoute({ getParentRoute: () => rootRoute, path: '/ot/nouveau', component: NewWorkOrderPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/ot/$number', component: WorkOrderPage }),
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => null }),
]);
const router = createRouter({ routeTree, history: createHashHistory() });

export function isWorkOrdersPreviewLocation(): boolean {
  return window.location.hash.startsWith('#/ot');
}

export function WorkOrdersPreviewRouter() {
  useEffect(
    () =>
      subscribe('data:changed', ({ topics }) => {
        for (const topic of topics) void queryClient.invalidateQueries({ queryKey: [topic] });
      }),
    [],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
