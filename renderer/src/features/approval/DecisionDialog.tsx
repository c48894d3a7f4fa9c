// Renderer. "Approuver" / "Refuser" with an optional note. The request number is repeated so the administrator
// checks it against the one the person reads from their screen before approving.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingResetRequest } from '../../../../shared/contract';
import { Alert } from '../../components/Alert';

export interface Decision {
  request: PendingResetRequest;
  kind: 'approve' | 'reject';
}

export function DecisionDialog(props: {
  decision: Decision;
  onConfirm: (notes: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { request, kind } = props.decision;
  const titleId = useId();
  const notesId = useId();
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    notesRef.current?.focus();
    return () => opener?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    const failure = await props.onConfirm(notes);
    setSubmitting(false);
    // On failure the note stays: nothing the administrator typed is lost.
    if (failure) setError(failure);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') props.onClose();
  };

  return (
    <div className="modal-backdrop" onKeyDown={onKeyDown}>
      <form role="dialog" aria-modal="true" aria-labelledby={titleId} className="modal form" onSubmit={submit}>
        <h2 id={titleId}>
          {t(kind === 'approve' ? 'approvalRequests.dialog.approveTitle' : 'approvalRequests.dialog.rejectTitle', { name: request.displayName })}
        </h2>
        <p className="dialog-check">
          {t('approvalRequests.dialog.check')} <strong className="check-number">{request.checkNumber}</strong>
        </p>
        <p>{t('approvalRequests.dialog.checkHint')}</p>
        {kind === 'approve' ? <p className="field__hint">{t('approvalRequests.dialog.approveWarning')}</p> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="field">
          <label htmlFor={notesId} className="field__label">
            {t('approvalRequests.dialog.notes')}
            <span className="field__optional"> ({t('common.optional')})</span>
          </label>
          <p id={`${notesId}-hint`} className="field__hint">
            {t('approvalRequests.dialog.notesHint')}
          </p>
          <textarea
            ref={notesRef}
            id={notesId}
            className="field__input field__textarea"
            aria-describedby={`${notesId}-hint`}
            maxLength={500}
            rows={3}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
          />
        </div>
        <div className="modal__actions">
          <button type="submit" className={`button ${kind === 'approve' ? 'button--primary' : 'button--danger'}`} disabled={submitting}>
            {t(kind === 'approve' ? 'approvalRequests.dialog.confirmApprove' : 'approvalRequests.dialog.confirmReject')}
          </button>
          <button type="button" className="button button--ghost" onClick={props.onClose}>
            {t('approvalRequests.dialog.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
