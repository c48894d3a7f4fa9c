// Renderer. The managers' stock forms, each in a dialog: réception, transfert, ajustement, mini/maxi and the
// contre-passation of a move. react-hook-form over the channel's own zod schema (quantities typed as decimals,
// turned into thousandths by `toInput`); a refusal from main stays in the dialog with what was typed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartOption, StoreView } from '../../../../shared/contract';
import { adjustInput, receiveInput, reverseInput, setLevelInput, transferInput } from '../../../../shared/stock/contract';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { FormSelectField, FormTextField } from '../../components/form/form-fields';
import { applyServerError, useZodForm } from '../../components/form/use-zod-form';
import { useChannelMutation } from '../../api/query';
import { PartPicker, parseCents, parseMilli, stockErrorText } from './stock-ui';

interface DialogProps {
  stores: StoreView[];
  onClose: () => void;
  initialPart?: PartOption | null;
}

function binOptions(stores: StoreView[]) {
  return stores.flatMap((store) =>
    store.bins
      .filter((bin) => bin.isActive && store.isActive)
      .map((bin) => (
        <option key={bin.id} value={String(bin.id)}>
          {store.code} · {bin.code}
          {bin.label ? ` — ${bin.label}` : ''}
        </option>
      )),
  );
}

function DialogShell({ title, error, busy, onClose, onSubmit, children }: { title: string; error: string | null; busy: boolean; onClose: () => void; onSubmit: () => void; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal title={title} onEscape={onClose} wide>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
        {children}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('stock.actions.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('stock.actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function usePartState(initial: PartOption | null | undefined) {
  const [part, setPart] = useState<PartOption | null>(initial ?? null);
  const [missing, setMissing] = useState(false);
  return { part, setPart: (value: PartOption | null) => (setPart(value), setMissing(false)), missing, setMissing };
}

export function ReceiveDialog({ stores, onClose, initialPart }: DialogProps) {
  const { t } = useTranslation();
  const picked = usePartState(initialPart);
  const [error, setError] = useState<string | null>(null);
  type Values = { binId: string; quantityMilli: string; unitCostCents: string; supplier: string; documentRef: string; reason: string };
  const toInput = (v: Values) => ({ partId: picked.part?.id ?? 1, binId: Number(v.binId), quantityMilli: parseMilli(v.quantityMilli), unitCostCents: parseCents(v.unitCostCents), supplier: v.supplier, documentRef: v.documentRef, reason: v.reason });
  const form = useZodForm<Values>(receiveInput, { toInput, defaultValues: { binId: '', quantityMilli: '', unitCostCents: '', supplier: '', documentRef: '', reason: '' } });
  const mutation = useChannelMutation('stock:receive', { invalidates: ['stock'], onSuccess: onClose, onError: (e) => (applyServerError(form, e.toShape()), setError(stockErrorText(e))) });
  const submit = form.handleSubmit((values) => {
    if (!picked.part) return picked.setMissing(true);
    setError(null);
    mutation.mutate(toInput(values));
  });
  return (
    <DialogShell title={t('stock.form.receiveTitle')} error={error ?? (picked.missing ? t('stock.form.choosePart') : null)} busy={mutation.isPending} onClose={onClose} onSubmit={submit}>
      <PartPicker id="receive-part" value={picked.part} onChange={picked.setPart} />
      <div className="field-grid">
        <FormSelectField form={form} name="binId" label={t('stock.form.bin')}>
          <option value="">—</option>
          {binOptions(stores)}
        </FormSelectField>
        <FormTextField form={form} name="quantityMilli" label={t('stock.form.quantity')} inputMode="decimal" />
        <FormTextField form={form} name="unitCostCents" label={t('stock.form.unitCost')} inputMode="decimal" />
        <FormTextField form={form} name="supplier" label={t('stock.form.supplier')} />
        <FormTextField form={form} name="documentRef" label={t('stock.form.documentRef')} />
        <FormTextField form={form} name="reason" label={t('stock.form.reason')} />
      </div>
    </DialogShell>
  );
}

export function TransferDialog({ stores, onClose, initialPart }: DialogProps) {
  const { t } = useTranslation();
  const picked = usePartState(initialPart);
  const [error, setError] = useState<string | null>(null);
  type Values = { fromBinId: string; toBinId: string; quantityMilli: string; reason: string };
  const toInput = (v: Values) => ({ partId: picked.part?.id ?? 1, fromBinId: Number(v.fromBinId), toBinId: Number(v.toBinId), quantityMilli: parseMilli(v.quantityMilli), reason: v.reason });
  const form = useZodForm<Values>(transferInput, { toInput, defaultValues: { fromBinId: '', toBinId: '', quantityMilli: '', reason: '' } });
  const mutation = useChannelMutation('stock:transfer', { invalidates: ['stock'], onSuccess: onClose, onError: (e) => (applyServerError(form, e.toShape()), setError(stockErrorText(e))) });
  const submit = form.handleSubmit((values) => {
    if (!picked.part) return picked.setMissing(true);
    setError(null);
    mutation.mutate(toInput(values));
  });
  return (
    <DialogShell title={t('stock.form.transferTitle')} error={error ?? (picked.missing ? t('stock.form.choosePart') : null)} busy={mutation.isPending} onClose={onClose} onSubmit={submit}>
      <PartPicker id="transfer-part" value={picked.part} onChange={picked.setPart} />
      <div className="field-grid">
        <FormSelectField form={form} name="fromBinId" label={t('stock.form.fromBin')}>
          <option value="">—</option>
          {binOptions(stores)}
        </FormSelectField>
        <FormSelectField form={form} name="toBinId" label={t('stock.form.toBin')}>
          <option value="">—</option>
          {binOptions(stores)}
        </FormSelectField>
        <FormTextField form={form} name="quantityMilli" label={t('stock.form.quantity')} inputMode="decimal" />
        <FormTextField form={form} name="reason" label={t('stock.form.reason')} />
      </div>
    </DialogShell>
  );
}

export function AdjustDialog({ stores, onClose, initialPart }: DialogProps) {
  const { t } = useTranslation();
  const picked = usePartState(initialPart);
  const [error, setError] = useState<string | null>(null);
  type Values = { binId: string; deltaMilli: string; reason: string };
  const toInput = (v: Values) => ({ partId: picked.part?.id ?? 1, binId: Number(v.binId), deltaMilli: parseMilli(v.deltaMilli), reason: v.reason });
  const form = useZodForm<Values>(adjustInput, { toInput, defaultValues: { binId: '', deltaMilli: '', reason: '' } });
  const mutation = useChannelMutation('stock:adjust', { invalidates: ['stock'], onSuccess: onClose, onError: (e) => (applyServerError(form, e.toShape()), setError(stockErrorText(e))) });
  const submit = form.handleSubmit((values) => {
    if (!picked.part) return picked.setMissing(true);
    setError(null);
    mutation.mutate(toInput(values));
  });
  return (
    <DialogShell title={t('stock.form.adjustTitle')} error={error ?? (picked.missing ? t('stock.form.choosePart') : null)} busy={mutation.isPending} onClose={onClose} onSubmit={submit}>
      <PartPicker id="adjust-part" value={picked.part} onChange={picked.setPart} />
      <div className="field-grid">
        <FormSelectField form={form} name="binId" label={t('stock.form.bin')}>
          <option value="">—</option>
          {binOptions(stores)}
        </FormSelectField>
        <FormTextField form={form} name="deltaMilli" label={t('stock.form.delta')} inputMode="decimal" />
        <FormTextField form={form} name="reason" label={t('stock.form.reason')} />
      </div>
    </DialogShell>
  );
}

export function LevelsDialog({ stores, onClose, initialPart }: DialogProps) {
  const { t } = useTranslation();
  const picked = usePartState(initialPart);
  const [error, setError] = useState<string | null>(null);
  type Values = { storeId: string; minMilli: string; maxMilli: string };
  const toInput = (v: Values) => ({ partId: picked.part?.id ?? 1, storeId: Number(v.storeId), minMilli: parseMilli(v.minMilli), maxMilli: v.maxMilli.trim() === '' ? null : parseMilli(v.maxMilli) });
  const form = useZodForm<Values>(setLevelInput, { toInput, defaultValues: { storeId: stores[0] ? String(stores[0].id) : '', minMilli: '', maxMilli: '' } });
  const mutation = useChannelMutation('stock:setLevel', { invalidates: ['stock'], onSuccess: onClose, onError: (e) => (applyServerError(form, e.toShape()), setError(stockErrorText(e))) });
  const submit = form.handleSubmit((values) => {
    if (!picked.part) return picked.setMissing(true);
    setError(null);
    mutation.mutate(toInput(values));
  });
  return (
    <DialogShell title={t('stock.form.levelsTitle')} error={error ?? (picked.missing ? t('stock.form.choosePart') : null)} busy={mutation.isPending} onClose={onClose} onSubmit={submit}>
      <PartPicker id="levels-part" value={picked.part} onChange={picked.setPart} />
      <div className="field-grid">
        <FormSelectField form={form} name="storeId" label={t('stock.form.store')}>
          {stores.map((store) => (
            <option key={store.id} value={String(store.id)}>
              {store.code} — {store.name}
            </option>
          ))}
        </FormSelectField>
        <FormTextField form={form} name="minMilli" label={t('stock.form.min')} inputMode="decimal" />
        <FormTextField form={form} name="maxMilli" label={t('stock.form.max')} inputMode="decimal" />
      </div>
    </DialogShell>
  );
}

export function ReverseDialog({ moveId, onClose }: { moveId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  type Values = { reason: string };
  const form = useZodForm<Values>(reverseInput, { toInput: (v) => ({ moveId, reason: v.reason }), defaultValues: { reason: '' } });
  const mutation = useChannelMutation('stock:reverse', { invalidates: ['stock', 'work-orders'], onSuccess: onClose, onError: (e) => (applyServerError(form, e.toShape()), setError(stockErrorText(e))) });
  const submit = form.handleSubmit((values) => {
    setError(null);
    mutation.mutate({ moveId, reason: values.reason });
  });
  return (
    <DialogShell title={t('stock.form.reverseTitle', { id: moveId })} error={error} busy={mutation.isPending} onClose={onClose} onSubmit={submit}>
      <p>{t('stock.form.reverseBody')}</p>
      <FormTextField form={form} name="reason" label={t('stock.form.reason')} />
    </DialogShell>
  );
}
