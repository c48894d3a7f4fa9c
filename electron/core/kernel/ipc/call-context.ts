// Pure (Node). Which workstation the call being handled came from. On a poste autonome it is always this PC; on a
// site server one process serves many PCs, so the dispatcher runs each handler inside the context of the PC that
// sent it (its enrolled name), and every line the handler writes (audit log, DI, OT history, time entries) names
// that PC, never the server. AsyncLocalStorage carries it through every await without threading it by hand.
import { AsyncLocalStorage } from 'node:async_hooks';

interface CallContext {
  workstation: string;
}

const storage = new AsyncLocalStorage<CallContext>();

/** Runs `work` as a call from `workstation`; without one, the process's own name applies. */
export function runAsWorkstation<T>(workstation: string | undefined, work: () => T): T {
  return workstation ? storage.run({ workstation }, work) : work();
}

/** The calling PC's name inside a call from another PC; `fallback` (this process's own name) otherwise. */
export function currentWorkstation(fallback: string): string {
  return storage.getStore()?.workstation ?? fallback;
}
