// Renderer. Every zustand store registers its reset here; logout and any session end call them all,
// so nothing from the previous person stays in memory on a shared PC.
const resets = new Set<() => void>();

export function registerStoreReset(reset: () => void): void {
  resets.add(reset);
}

export function resetAllStores(): void {
  for (const reset of resets) reset();
}
