// Renderer. An equipment label scanned while no field has the focus (a USB scanner "types" the code, then Enter):
// on the login screen, it opens the DI flow with that code. Keys typed into a field are never taken.
import { useEffect, useRef } from 'react';

/** A scanner types a whole code within a moment; a pause this long starts a new code. */
const PAUSE_MS = 1500;
const MIN_LENGTH = 2;

export function useScanOutsideFields(active: boolean, onCode: (code: string) => void): void {
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });
  useEffect(() => {
    if (!active) return;
    let buffer = '';
    let last = 0;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, select, [contenteditable="true"]') || event.ctrlKey || event.altKey || event.metaKey)) return;
      const now = Date.now();
      if (now - last > PAUSE_MS) buffer = '';
      last = now;
      if (event.key === 'Enter') {
        if (buffer.trim().length >= MIN_LENGTH) {
          event.preventDefault();
          onCodeRef.current(buffer.trim());
        }
        buffer = '';
      } else if (event.key.length === 1) {
        buffer = (buffer + event.key).slice(-64);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active]);
}
