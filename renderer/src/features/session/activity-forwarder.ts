// Renderer. Forwards real user input (keyboard, pointer, touch, wheel) to main, at most once every few
// seconds: main's idle deadline moves only on these messages. Nothing else the renderer does (data
// refreshes, timers, background calls) ever counts as activity.
import { call } from '../../api/client';
import { timingReceived } from './session-timing-store';

export const ACTIVITY_THROTTLE_MS = 5_000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'touchstart', 'wheel'] as const;

/** Leading-edge throttle: the first input is sent at once, then at most one per interval. */
export function createActivityThrottle(intervalMs = ACTIVITY_THROTTLE_MS): (now: number) => boolean {
  let lastSent = Number.NEGATIVE_INFINITY;
  return (now) => {
    if (now - lastSent < intervalMs) return false;
    lastSent = now;
    return true;
  };
}

/** Starts forwarding; returns the function that stops it. */
export function startActivityForwarding(target: Window = window): () => void {
  const shouldSend = createActivityThrottle();
  const onInput = (event: Event) => {
    // Synthetic events (dispatched by code) are not a person at the keyboard.
    if (!event.isTrusted || !shouldSend(Date.now())) return;
    void sendActivity();
  };
  for (const type of INPUT_EVENTS) target.addEventListener(type, onInput, { capture: true, passive: true });
  return () => {
    for (const type of INPUT_EVENTS) target.removeEventListener(type, onInput, { capture: true });
  };
}

/** Tells main someone is here; the answer carries the fresh deadlines. */
export async function sendActivity(): Promise<void> {
  const result = await call('session:activity');
  if (result.ok) timingReceived(result.data);
}
