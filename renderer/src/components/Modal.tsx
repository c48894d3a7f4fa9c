// Renderer. A modal dialog: drawn over the page in a portal, focus moved inside and kept there (Tab cycles),
// given back to what had it when the dialog closes. Escape closes it only when the caller says it may.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  title: string;
  children: ReactNode;
  /** `alertdialog` for a question that interrupts (confirmations); `dialog` otherwise. */
  role?: 'dialog' | 'alertdialog';
  /** Called on Escape. Leave it out when closing by accident would lose something (a temporary password). */
  onEscape?: () => void;
  /** What gets focus first; else the first focusable element inside. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Id of the sentence that says what the dialog is about. */
  describedBy?: string;
  wide?: boolean;
}

export function Modal({ title, children, role = 'dialog', onEscape, initialFocus, describedBy, wide }: ModalProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const target = initialFocus?.current ?? dialogRef.current?.querySelector<HTMLElement>(FOCUSABLE) ?? dialogRef.current;
    target?.focus();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
    // Focus moves once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const dialog = dialogRef.current;
    // React bubbles events through portals: a dialog opened from this one handles its own keys.
    if (!dialog || !dialog.contains(event.target as Node)) return;
    if (event.key === 'Escape' && onEscape) {
      event.stopPropagation();
      onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={`modal${wide ? ' modal--wide' : ''}`}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
