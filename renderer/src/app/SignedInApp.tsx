// Renderer. The router and the query cache, mounted only while someone is signed in: signed-out screens render none
// of it. Keyed by the session's user in App, so a new sign-in starts from a fresh mount. Loaded as its own chunk.
import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import type { SessionUser } from '../../../shared/contract';
import { queryClient } from '../api/query';
import { sessionRouter } from './router';

export function SignedInApp({ user }: { user: SessionUser }) {
  // Made at the first render of this sign-in: a deep link opened while signed out is kept, else this role's start.
  const [router] = useState(() => sessionRouter(user.role));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
