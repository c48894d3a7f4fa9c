// Renderer. "Demander à un administrateur": one field, then the receipt. The receipt reads the same for every
// name typed (main answers a plausible code for unknown accounts too); the code is shown here once and is gone
// when this screen closes.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResetRequestReceipt } from '../../../../shared/contract';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { showForgotView, useForgotStore } from '../auth/forgot/forgot-store';
import { formMessage, type Message } from '../auth/forgot/forgot-errors';
import { IdentifierField } from '../auth/forgot/IdentifierField';
import { useMessage } from '../auth/forgot/use-message';

export function RequestView() {
  const { t } = useTranslation();
  const translate = useMessage();
  const inputRef = useRef<HTMLInputElement>(null);
  const [identifier, setIdentifier] = useState(useForgotStore.getState().identifier);
  const [fieldError, setFieldError] = useState<Message | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [receipt, setReceipt] = useState<{ sent: ResetRequestReceipt; identifier: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    if (!identifier.trim()) {
      setFieldError({ key: 'validation.required' });
      inputRef.current?.focus();
      return;
    }
    setSubmitting(true);
    const result = await call('approval:request', { identifier });
    setSubmitting(false);
    if (result.ok) {
      setReceipt({ sent: result.data, identifier: identifier.trim() });
      return;
    }
    setFieldError(null);
    setMessage(result.error.code === 'INVALID_STATE' ? { key: 'approvalForgot.request.disabled' } : formMessage(result.error, 'approval'));
  };

  if (receipt) return <Receipt receipt={receipt.sent} identifier={receipt.identifier} />;

  return (
    <>
      <p className="lead">{t('approvalForgot.request.intro')}</p>
      {message ? <Alert tone="error">{translate(message)}</Alert> : null}
      <form onSubmit={submit} noValidate className="form">
        <IdentifierField ref={inputRef} autoFocus value={identifier} onChange={setIdentifier} error={fieldError ? translate(fieldError) : undefined} />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t('approvalForgot.request.submitting') : t('approvalForgot.request.submit')}
        </button>
      </form>
    </>
  );
}

function Receipt({ receipt, identifier }: { receipt: ResetRequestReceipt; identifier: string }) {
  const { t } = useTranslation();
  return (
    <div className="receipt">
      <Alert tone="info">{t('approvalForgot.receipt.generic', { identifier })}</Alert>
      <div className="receipt__code-box">
        <p className="receipt__label">
          {t('approvalForgot.receipt.codeLabel')}
        </p>
        <p className="receipt__code" data-testid="reference-code">
          {receipt.referenceCode}
        </p>
        <p className="receipt__warning">{t('approvalForgot.receipt.codeOnce')}</p>
      </div>
      <dl className="facts">
        <dt>{t('approvalForgot.receipt.checkLabel')}</dt>
        <dd className="receipt__check" data-testid="check-number">
          {receipt.checkNumber}
        </dd>
      </dl>
      <p className="field__hint">{t('approvalForgot.receipt.checkHint')}</p>
      <p>{t('approvalForgot.receipt.validity', { count: receipt.validDays })}</p>
      <p>{t('approvalForgot.receipt.next')}</p>
      <p className="field__hint">{t('approvalForgot.receipt.earlier')}</p>
      <button type="button" className="button button--primary button--block" onClick={() => showForgotView('menu', { identifier })}>
        {t('approvalForgot.receipt.done')}
      </button>
    </div>
  );
}
