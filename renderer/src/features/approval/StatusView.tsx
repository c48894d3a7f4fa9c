// Renderer. "Vérifier l'état d'une demande": identifier + reference code → where the request stands, with the
// administrator's note. Without the right code main says only "no request matches", whatever the account.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResetRequestStatusView } from '../../../../shared/contract';
import { normalizeReferenceCode } from '../../../../shared/approval/reference-code';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { useDateFormatter } from '../../i18n/format';
import { showForgotView, useForgotStore } from '../auth/forgot/forgot-store';
import { formMessage, type FieldMessages } from '../auth/forgot/forgot-errors';
import { ReferenceCodeField } from './ReferenceCodeField';
import { IdentifierField } from '../auth/forgot/IdentifierField';
import { useFormRefusal } from '../auth/forgot/use-form-refusal';

export function StatusView() {
  const { t } = useTranslation();
  const refusal = useFormRefusal();
  const { formRef, message, clear, errorOf } = refusal;
  const formatDate = useDateFormatter();
  const [identifier, setIdentifier] = useState(useForgotStore.getState().identifier);
  const [code, setCode] = useState(useForgotStore.getState().code);
  const [result, setResult] = useState<ResetRequestStatusView | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // A refusal also hides the previous answer: it belonged to other values.
  const refuse: typeof refusal.refuse = (fields, next) => {
    setResult(null);
    refusal.refuse(fields, next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const local: FieldMessages = {};
    if (!identifier.trim()) local.identifier = [{ key: 'validation.required' }];
    if (!code.trim()) local.code = [{ key: 'validation.required' }];
    else if (!normalizeReferenceCode(code)) local.code = [{ key: 'approvalForgot.codeFormat' }];
    if (Object.keys(local).length > 0) return refuse(local, null);
    setSubmitting(true);
    const answer = await call('approval:checkStatus', { identifier, code });
    setSubmitting(false);
    if (answer.ok) {
      clear();
      setResult(answer.data);
      return;
    }
    if (answer.error.code === 'CODE_INVALID') return refuse({ code: [formMessage(answer.error, 'approval')] }, null);
    refuse({}, formMessage(answer.error, 'approval'));
  };

  return (
    <>
      <p className="lead">{t('approvalForgot.status.intro')}</p>
      {message ? <Alert tone="error">{message}</Alert> : null}
      <form ref={formRef} onSubmit={submit} noValidate className="form">
        <IdentifierField value={identifier} onChange={setIdentifier} error={errorOf('identifier')} />
        <ReferenceCodeField value={code} onChange={setCode} error={errorOf('code')} />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting ? t('approvalForgot.status.submitting') : t('approvalForgot.status.submit')}
        </button>
      </form>
      {result ? (
        <section className="request-status" aria-labelledby="request-status-title">
          <h2 id="request-status-title">{t('approvalForgot.status.resultTitle')}</h2>
          <Alert tone={result.status === 'approved' || result.status === 'completed' ? 'success' : result.status === 'pending' ? 'info' : 'error'}>
            <p>{t(`approvalForgot.status.states.${result.status}`)}</p>
            {result.cancelReason ? <p>{t(`approvalForgot.status.cancelReasons.${result.cancelReason}`)}</p> : null}
          </Alert>
          <dl className="facts">
            <dt>{t('approvalForgot.status.checkNumber')}</dt>
            <dd>{result.checkNumber}</dd>
            <dt>{t('approvalForgot.status.requestedAt')}</dt>
            <dd>{formatDate(result.requestedAt)}</dd>
            {result.decidedAt !== null ? (
              <>
                <dt>{t('approvalForgot.status.decidedAt')}</dt>
                <dd>{formatDate(result.decidedAt)}</dd>
              </>
            ) : null}
            {result.status === 'pending' || result.status === 'approved' ? (
              <>
                <dt>{t('approvalForgot.status.expiresAt')}</dt>
                <dd>{formatDate(result.expiresAt)}</dd>
              </>
            ) : null}
            {result.completedAt !== null ? (
              <>
                <dt>{t('approvalForgot.status.completedAt')}</dt>
                <dd>{formatDate(result.completedAt)}</dd>
              </>
            ) : null}
            {result.adminNotes ? (
              <>
                <dt>{t('approvalForgot.status.notes')}</dt>
                <dd className="admin-notes">{result.adminNotes}</dd>
              </>
            ) : null}
          </dl>
          {result.status === 'approved' ? (
            <button type="button" className="button button--primary button--block" onClick={() => showForgotView('complete', { identifier, code })}>
              {t('approvalForgot.status.continue')}
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
