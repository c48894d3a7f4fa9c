// Renderer. "Are you sure?" before an action that ends sessions or cannot be undone. The safe answer has
// focus first, so a stray Enter does nothing harmful.
import { useId, useRef, useState } from 'react';
import { Modal } from './Modal';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => Promise<void> | void;
  onCancel: () => void;
  /** The action ends something (sessions, access): the button says so by its colour as well as its words. */
  danger?: boolean;
}

export function ConfirmDialog({ title, body, confirmLabel, cancelLabel, onConfirm, onCancel, danger }: ConfirmDialogProps) {
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={title} role="alertdialog" describedBy={bodyId} initialFocus={cancelRef} onEscape={onCancel}>
      <p id={bodyId} className="modal__body">
        {body}
      </p>
      <div className="modal__actions">
        <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="button button--ghost" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </Modal>
  );
}
