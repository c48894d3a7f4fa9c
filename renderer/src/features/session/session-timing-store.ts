// Renderer. The deadlines main sent, and how far this window's clock is from main's. The countdown is
// always `deadline - (Date.now() + offset)`: never a count of timer ticks, which Chromium throttles in
// hidden windows.
import { create } from 'zustand';
import type { SessionTiming } from '../../../../shared/contract';
import { registerStoreReset } from '../../stores/store-reset';

interface SessionTimingState {
  timing: SessionTiming | null;
  /** main's clock minus this window's clock, measured when the timing arrived. */
  offsetMs: number;
}

export const useSessionTimingStore = create<SessionTimingState>()(() => ({ timing: null, offsetMs: 0 }));
registerStoreReset(() => useSessionTimingStore.setState({ timing: null, offsetMs: 0 }, true));

export function timingReceived(timing: SessionTiming): void {
  useSessionTimingStore.setState({ timing, offsetMs: timing.now - Date.now() });
}

export function millisecondsLeft(deadline: number, offsetMs: number): number {
  return Math.max(0, deadline - (Date.now() + offsetMs));
}
