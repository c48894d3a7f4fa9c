// Renderer. The equipment lookup of the DI form (public channel, so no TanStack Query cache: the login screen has
// no signed-in client, and a passer-by's searches are not worth keeping). Typing searches after a short pause;
// Enter (what a scanner sends after the code) searches at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EquipmentLookupItem, IpcError } from '../../../../shared/contract';
import { call } from '../../api/client';

export interface LookupState {
  results: EquipmentLookupItem[] | null;
  searching: boolean;
  error: IpcError | null;
}

const PAUSE_MS = 350;

export function useEquipmentLookup(text: string) {
  const [state, setState] = useState<LookupState>({ results: null, searching: false, error: null });
  const latest = useRef(0);

  const search = useCallback(async (typed: string): Promise<EquipmentLookupItem[] | null> => {
    const query = typed.trim();
    const ticket = ++latest.current;
    if (query.length === 0) {
      setState({ results: null, searching: false, error: null });
      return null;
    }
    setState((previous) => ({ ...previous, searching: true }));
    const result = await call('requests:lookupEquipment', { text: query });
    // An older answer arriving late never replaces a newer one.
    if (ticket !== latest.current) return null;
    if (result.ok) {
      setState({ results: result.data, searching: false, error: null });
      return result.data;
    }
    setState({ results: null, searching: false, error: result.error });
    return null;
  }, []);

  useEffect(() => {
    if (text.trim().length < 2) return;
    const timer = setTimeout(() => void search(text), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, search]);

  return { ...state, search };
}
