// Renderer. « Coût de l'OT » on the OT page: labour (hours per person; euros for managers only — main never sends
// amounts to a technician), parts (from the stock moves), external services (managers add and remove lines while the
// OT isn't closed) and the total, every figure computed by main in SQL. Refreshed with the OT (`work-orders` topic).
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { WorkOrderCost } from '../../../../shared/costs/contract';
import { formatCents } from '../../../../shared/stock/quantity';
import { useChannelMutation, useChannelQuery } from '../../api/query';
import { Alert } from '../../components/Alert';
import { applyServerError, useZodForm } from '../../components/form/use-zod-form';
import { FormTextField } from '../../components/form/form-fields';
import { useState } from 'react';
import { formatMinutes } from '../work-orders/format';
import { parseEuros } from './money';
import '../indicators/indicators.css';

const serviceForm = z.object({
  supplier: z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong'),
  amount: z.string().refine((v) => parseEuros(v) !== null, 'costs.panel.amountInvalid'),
  reference: z.string().trim().max(80, 'validation.tooLong'),
  description: z.string().trim().max(500, 'validation.tooLong'),
});
type ServiceForm = z.infer<typeof serviceForm>;

function ServiceLines({ number, cost }: { number: string; cost: WorkOrderCost }) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useZodForm<ServiceForm>(serviceForm, { defaultValues: { supplier: '', amount: '', reference: '', description: '' } });
  const add = useChannelMutation('costs:addService', { invalidates: ['work-orders', 'costs'] });
  const remove = useChannelMutation('costs:removeService', { invalidates: ['work-orders', 'costs'] });
  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    add.mutate(
      { number, supplier: values.supplier, amountCents: parseEuros(values.amount) ?? 0, reference: values.reference || undefined, description: values.description },
      { onSuccess: () => form.reset(), onError: (e) => setFormError(t(applyServerError(form, e) as never)) },
    );
  });
  const services = cost.services ?? [];
  return (
    <>
      <h3>{t('costs.panel.services')}</h3>
      {services.length === 0 ? <p className="muted-inline">{t('costs.panel.noServices')}</p> : null}
      {services.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('costs.panel.supplier')}</th>
              <th scope="col">{t('costs.panel.reference')}</th>
              <th scope="col" className="num">{t('costs.panel.amount')}</th>
              {cost.canEditServices ? <th scope="col"><span className="visually-hidden">{t('costs.panel.remove')}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.supplier}
                  {s.description ? <span className="table__sub">{s.description}</span> : null}
                </td>
                <td>{s.reference ?? '—'}</td>
                <td className="num">{formatCents(s.amountCents)}</td>
                {cost.canEditServices ? (
                  <td>
                    <button type="button" className="button button--ghost" aria-label={t('costs.panel.removeLabel', { supplier: s.supplier })} disabled={remove.isPending} onClick={() => remove.mutate({ number, id: s.id })}>
                      {t('costs.panel.remove')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cost.canEditServices ? (
        <form className="cost-service-form" onSubmit={onSubmit} noValidate aria-label={t('costs.panel.addTitle')}>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="field-grid">
            <FormTextField form={form} name="supplier" label={t('costs.panel.supplier')} />
            <FormTextField form={form} name="amount" label={t('costs.panel.amountEuros')} inputMode="decimal" />
            <FormTextField form={form} name="reference" label={t('costs.panel.reference')} optionalLabel={t('common.optional')} />
            <FormTextField form={form} name="description" label={t('costs.panel.description')} optionalLabel={t('common.optional')} />
          </div>
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            {t('costs.panel.add')}
          </button>
        </form>
      ) : null}
    </>
  );
}

export function WorkOrderCostPanel({ number }: { number: string }) {
  const { t } = useTranslation();
  const query = useChannelQuery(['work-orders', 'cost', number], 'costs:workOrderCost', { number });
  const cost = query.data;
  const amounts = cost?.amounts ?? null;
  return (
    <section className="card card--full wo-cost" aria-labelledby="wo-cost-title">
      <h2 id="wo-cost-title">{t('costs.panel.title')}</h2>
      {query.isPending ? <p role="status">{t('costs.panel.loading')}</p> : null}
      {query.isError ? <Alert tone="error">{t('costs.panel.failed')}</Alert> : null}
      {cost ? (
        <>
          {amounts ? (
            <dl className="wo-cost__totals" aria-label={t('costs.panel.title')}>
              <div>
                <dt>{t('costs.panel.labour')}</dt>
                <dd>{formatCents(amounts.labourCents)}</dd>
              </div>
              <div>
                <dt>{t('costs.panel.parts')}</dt>
                <dd>{formatCents(amounts.partsCents)}</dd>
              </div>
              <div>
                <dt>{t('costs.panel.services')}</dt>
                <dd>{formatCents(amounts.servicesCents)}</dd>
              </div>
              <div className="wo-cost__total">
                <dt>{t('costs.panel.total')}</dt>
                <dd data-testid="wo-cost-total">{formatCents(amounts.totalCents)}</dd>
              </div>
            </dl>
          ) : (
            <p className="muted-inline">{t('costs.panel.hoursOnly')}</p>
          )}
          <h3>{t('costs.panel.labour')}</h3>
          {cost.people.length === 0 ? (
            <p className="muted-inline">{t('costs.panel.noTime')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('costs.panel.person')}</th>
                  <th scope="col" className="num">{t('costs.panel.hours')}</th>
                  {amounts ? <th scope="col" className="num">{t('costs.panel.amount')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {cost.people.map((p) => (
                  <tr key={p.userId}>
                    <td>{p.displayName}</td>
                    <td className="num">{formatMinutes(p.minutes)}</td>
                    {amounts ? <td className="num">{p.cents === null ? '—' : formatCents(p.cents)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted-inline">{t('costs.panel.running')}</p>
          {amounts && amounts.unratedMinutes > 0 ? <Alert tone="info">{t('costs.panel.unrated', { time: formatMinutes(amounts.unratedMinutes) })}</Alert> : null}
          {cost.services !== null ? <ServiceLines number={number} cost={cost} /> : null}
        </>
      ) : null}
    </section>
  );
}
