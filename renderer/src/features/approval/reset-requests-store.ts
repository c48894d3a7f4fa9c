// Renderer. How many reset requests wait for an administrator, for the "Réinitialisations (n)" navigation label:
// on a plant without email, this is how an administrator learns someone is locked out.
import { create } from 'zustand';
import { call } from '../../api/client';
import { registerStoreReset } from '../../stores/store-reset';

export const useResetRequestsStore = create<{ pendingCount: number | null }>()(() => ({ pendingCount: null }));
registerStoreReset(() => useResetRequestsStore.setState({ pendingCount: null }, true));

export function pendingCountKnown(count: number): void {
  useResetRequestsStore.setState({ pendingCount: count });
}

export async function refreshPendingCount(): Promise<void> {
  const result = await call('approval:listPending');
  if (result.ok) pendingCountKnown(result.data.length);
}
