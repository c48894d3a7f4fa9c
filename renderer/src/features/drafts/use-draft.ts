// Renderer. Opt-in drafts for a form: what the user is typing is kept in main (for that user only) and offered
// back next time. Generic: it knows a form key and a flat record of values, nothing about any particular form.
//
//   const draft = useDraft('work-order:new', values, { enabled: isDirty });
//   draft.offered → show <DraftBanner savedAt={draft.offered.savedAt} …/>; onRestore: setValues(draft.restore()!)
//   after a successful submit: await draft.clear()
//
// Saves are debounced background calls. They never count as activity (only `session:activity` does), so a form
// left open can't keep a session alive. A save scheduled by one user is dropped, never sent, once they are no
// longer the signed-in user: on a shared PC it could otherwise land in the next person's drafts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Draft } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useSessionStore } from '../session/session-store';

export type DraftValues = Record<string, string | number | boolean | null>;

/** How long after the last change the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 800;

export interface DraftHandle<T extends DraftValues> {
  /** The draft main kept for this form, until the user restores or discards it (or the form clears it). */
  offered: Draft | null;
  /** When this form's draft was last saved since it was opened (this PC's clock), for a "draft saved" hint; else null. */
  savedAt: number | null;
  /** The current values overlaid with the offered draft's (known fields of the same type only); null if none is offered. */
  restore(): T | null;
  /** The user declined the offered draft: it is deleted in main. */
  discard(): Promise<void>;
  /** The form was submitted: drops any pending save and deletes the draft in main. */
  clear(): Promise<void>;
}

const isFlat = (value: unknown): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value);

const signedInUserId = (): number | null => useSessionStore.getState().user?.id ?? null;

/** The debounce, outside React: one per hook instance. */
class Autosave {
  private pending: { timer: ReturnType<typeof setTimeout>; userId: number; formKey: string; data: DraftValues } | null = null;
  /** Bumped by `cancel`, so a save answered after a clear doesn't report itself. */
  private generation = 0;

  constructor(private readonly onSaved: (formKey: string, savedAt: number) => void) {}

  schedule(formKey: string, data: DraftValues): void {
    const userId = signedInUserId();
    if (userId === null) return;
    // Another form's (or user's) pending save is sent now, or dropped, by flush; it is never re-addressed.
    if (this.pending && (this.pending.formKey !== formKey || this.pending.userId !== userId)) void this.flush();
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = { timer: setTimeout(() => void this.flush(), DRAFT_SAVE_DELAY_MS), userId, formKey, data };
  }

  /** Sends the pending save now, if its user is still the one signed in. */
  async flush(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = null;
    if (signedInUserId() !== pending.userId) return;
    const generation = this.generation;
    const result = await call('drafts:save', { formKey: pending.formKey, data: pending.data });
    if (result.ok && generation === this.generation) this.onSaved(pending.formKey, Date.now());
  }

  cancel(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
    this.generation++;
  }
}

/**
 * `enabled` is the form's "has unsaved changes": while true, every change of `values` is saved
 * DRAFT_SAVE_DELAY_MS after the last one; when it turns false, a pending save is dropped (the draft in main stays
 * until `discard`, `clear` or its expiry).
 */
export function useDraft<T extends DraftValues>(formKey: string, values: T, options: { enabled: boolean }): DraftHandle<T> {
  const { enabled } = options;
  // Kept with their form key: a form that changes key never shows the previous key's draft.
  const [offer, setOffer] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<{ formKey: string; at: number } | null>(null);
  const [autosave] = useState(() => new Autosave((key, at) => setSaved({ formKey: key, at })));
  const latest = useRef({ formKey, values, enabled });
  // Compared by content: forms usually pass a new object on every render.
  const valuesKey = JSON.stringify(values);

  useEffect(() => {
    latest.current = { formKey, values, enabled };
  });

  useEffect(() => {
    let active = true;
    void call('drafts:get', { formKey }).then((result) => {
      if (active && result.ok) setOffer(result.data);
    });
    return () => {
      active = false;
    };
  }, [formKey]);

  useEffect(() => {
    if (enabled) autosave.schedule(formKey, JSON.parse(valuesKey) as DraftValues);
    else autosave.cancel();
  }, [autosave, formKey, valuesKey, enabled]);

  // Leaving the form (not the session: flush checks the user) keeps the last keystrokes too.
  useEffect(() => () => void autosave.flush(), [autosave]);

  const offered = offer && offer.formKey === formKey ? offer : null;

  const restore = useCallback((): T | null => {
    if (!offered) return null;
    const current = latest.current.values;
    const restored: DraftValues = { ...current };
    for (const [key, value] of Object.entries(current)) {
      if (!Object.hasOwn(offered.data, key)) continue;
      const kept = offered.data[key];
      // A draft from an older version of the form may hold fields or types it no longer has: those are skipped.
      if (kept === null ? value === null : isFlat(kept) && (value === null || typeof kept === typeof value)) {
        restored[key] = kept as DraftValues[string];
      }
    }
    setOffer(null);
    return restored as T;
  }, [offered]);

  const discard = useCallback(async (): Promise<void> => {
    setOffer(null);
    await call('drafts:discard', { formKey });
    // Changes made while the offer was showing were in that draft: save them again.
    const now = latest.current;
    if (now.enabled && now.formKey === formKey) autosave.schedule(formKey, now.values);
  }, [autosave, formKey]);

  const clear = useCallback(async (): Promise<void> => {
    autosave.cancel();
    setOffer(null);
    setSaved(null);
    await call('drafts:discard', { formKey });
  }, [autosave, formKey]);

  return { offered, savedAt: saved && saved.formKey === formKey ? saved.at : null, restore, discard, clear };
}
