// Renderer. "Recevoir un code par e-mail": one field, then the same sentence whoever was typed (main answers the
// same for every name, and queues the email after answering).
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { showForgotView, useForgotStore } from '../auth/forgot/forgot-store';
import { formMessage, type Message } from '../auth/forgot/forgot-errors';
import { IdentifierField } from '../auth/forgot/IdentifierField';
import { useMessage } from '../auth/forgot/use-message';

export function EmailRequestView() {
  const { t } = useTranslation();
  const translate = useMessage();
  const inputRef = useRef<HTMLInputElement>(null);
  const [identifier, setIdentifier] = useState(useForgotStore.getState().identifier);
  const [fieldError, setFieldError] = useState<Message | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [sentFor, setSentFor] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    if (!identifier.trim()) {
      setFieldError({ key: 'validation.required' });
      inputRef.current?.focus();
      return;
    }
    setSubmitting(true);
    const result = await call('email:requestReset', { identifier });
    setSubmitting(false);
    if (result.ok) {
      setSentFor(identifier.trim());
      return;
    }
    setFieldError(null);
    setMessage(formMessage(result.error, 'approval'));
  };

  if (sentFor !== null) {
    return (
      <>
        <Alert tone="success">{t('emailForgot.request.sent', { identifier: sentFor })}</Alert>
        <button type="button" className="button button--primary button--block" autoFocus onClick={() => showForgotView('emailReset', { identifier: sentFor })}>
          {t('emailForgot.request.next')}
        </button>
      </>
    );
  }

  return (
    <>
      <p className="lead">{t('emailForgot.request.intro')}</p>
      {message ? <Alert tone="error">{translate(message)}</Alert> : null}
      <form onSubmit={submit} noValidate className="form">
        <IdentifierField ref={inputRef} value={identifier} onChange={setIdentifier} error={fieldError ? translate(fieldError) : undefined} />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t('emailForgot.request.submitting') : t('emailForgot.request.submit')}
        </button>
      </form>
    </>
  );
}
