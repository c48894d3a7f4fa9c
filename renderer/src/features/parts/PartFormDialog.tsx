// Renderer. « Nouvelle pièce » / « Modifier la pièce »: react-hook-form over the very zod schema main checks (the
// prices and lead times are typed as text and converted for the check). A refused save keeps everything typed:
// field errors land on their fields, the others (référence taken, changed meanwhile) in an alert at the top.
import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { partFieldsSchema, PART_UNITS, type PartDetail, type PartFieldsInput } from '../../../../shared/parts/contract';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { FormTextField, useFormFieldMessages } from '../../components/form/form-fields';
import { applyServerError, useZodForm } from '../../components/form/use-zod-form';
import { useChannelMutation, useChannelQuery, IpcError } from '../../api/query';
import { centsOfText, textOfCents } from './parts-format';

interface SupplierValues {
  supplier: string;
  supplierRef: string;
  leadTimeDays: string;
  unitPriceCents: string;
  isPreferred: boolean;
}

export interface PartFormValues {
  code: string;
  designation: string;
  manufacturer: string;
  manufacturerRef: string;
  unit: string;
  category: string;
  notes: string;
  isActive: boolean;
  suppliers: SupplierValues[];
}

function valuesOf(detail: PartDetail | null): PartFormValues {
  if (!detail) return { code: '', designation: '', manufacturer: '', manufacturerRef: '', unit: 'pce', category: '', notes: '', isActive: true, suppliers: [] };
  return {
    code: detail.code,
    designation: detail.designation,
    manufacturer: detail.manufacturer ?? '',
    manufacturerRef: detail.manufacturerRef ?? '',
    unit: detail.unit,
    category: detail.category ?? '',
    notes: detail.notes ?? '',
    isActive: detail.isActive,
    suppliers: detail.suppliers.map((s) => ({
      supplier: s.supplier,
      supplierRef: s.supplierRef ?? '',
      leadTimeDays: s.leadTimeDays === null ? '' : String(s.leadTimeDays),
      unitPriceCents: textOfCents(s.unitPriceCents),
      isPreferred: s.isPreferred,
    })),
  };
}

/** The channel's input from what the form holds: empty texts are null, numbers parsed (NaN is refused by the schema). */
export function toPartInput(values: PartFormValues): PartFieldsInput {
  return {
    code: values.code,
    designation: values.designation,
    manufacturer: values.manufacturer,
    manufacturerRef: values.manufacturerRef,
    unit: values.unit,
    category: values.category,
    notes: values.notes,
    isActive: values.isActive,
    suppliers: values.suppliers.map((s) => ({
      supplier: s.supplier,
      supplierRef: s.supplierRef,
      leadTimeDays: s.leadTimeDays.trim() === '' ? null : Number(s.leadTimeDays.trim()),
      unitPriceCents: centsOfText(s.unitPriceCents),
      isPreferred: s.isPreferred,
    })),
  };
}

export function PartFormDialog(props: { editing: PartDetail | null; onClose(): void; onSaved(detail: PartDetail): void }) {
  const { editing, onClose, onSaved } = props;
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useZodForm<PartFormValues>(partFieldsSchema, { defaultValues: valuesOf(editing), toInput: toPartInput });
  const suppliers = useFieldArray({ control: form.control, name: 'suppliers' });
  const categories = useChannelQuery(['parts', 'categories'], 'parts:categories', undefined);
  const create = useChannelMutation('parts:create', { invalidates: ['parts'] });
  const update = useChannelMutation('parts:update', { invalidates: ['parts'] });

  const save = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const input = toPartInput(values);
      const detail = editing ? await update.mutateAsync({ ...input, id: editing.id, expectedVersion: editing.version }) : await create.mutateAsync(input);
      onSaved(detail);
    } catch (error) {
      setFailure(t((error instanceof IpcError ? applyServerError(form, error) : 'errors.INTERNAL_ERROR') as 'errors.INTERNAL_ERROR'));
    }
  });

  /** One preferred supplier at most: ticking one unticks the others. */
  const prefer = (index: number, checked: boolean) => {
    form.getValues('suppliers').forEach((_, i) => form.setValue(`suppliers.${i}.isPreferred`, checked && i === index));
  };

  return (
    <Modal title={editing ? t('parts.dialog.edit') : t('parts.dialog.create')} onEscape={onClose} wide>
      <form className="form parts-form" noValidate onSubmit={(event) => void save(event)}>
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        <div className="field-grid">
          <FormTextField form={form} name="code" label={t('parts.fields.code')} hint={t('parts.fields.codeHint')} autoComplete="off" spellCheck={false} />
          <FormTextField form={form} name="designation" label={t('parts.fields.designation')} autoComplete="off" />
          <FormTextField form={form} name="manufacturer" label={t('parts.fields.manufacturer')} optionalLabel={t('common.optional')} autoComplete="off" />
          <FormTextField form={form} name="manufacturerRef" label={t('parts.fields.manufacturerRef')} optionalLabel={t('common.optional')} autoComplete="off" />
          <FormTextField form={form} name="unit" label={t('parts.fields.unit')} hint={t('parts.fields.unitHint')} list="parts-units" autoComplete="off" />
          <FormTextField form={form} name="category" label={t('parts.fields.category')} hint={t('parts.fields.categoryHint')} optionalLabel={t('common.optional')} list="parts-categories" autoComplete="off" />
          <datalist id="parts-units">
            {PART_UNITS.map((unit) => (
              <option key={unit} value={unit} />
            ))}
          </datalist>
          <datalist id="parts-categories">
            {(categories.data ?? []).map((item) => (
              <option key={item} value={item} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="part-notes">
            {t('parts.fields.notes')}
            <span className="field__optional"> ({t('common.optional')})</span>
          </label>
          <textarea id="part-notes" className="field__input" rows={2} {...form.register('notes')} />
        </div>
        <label className="parts-check">
          <input type="checkbox" {...form.register('isActive')} />
          <span>{t('parts.fields.isActive')}</span>
        </label>

        <fieldset className="fieldset parts-suppliers">
          <legend>{t('parts.suppliers.title')}</legend>
          {suppliers.fields.length === 0 ? <p className="muted">{t('parts.suppliers.none')}</p> : null}
          {suppliers.fields.map((field, index) => (
            <SupplierRow key={field.id} form={form} index={index} onPrefer={(checked) => prefer(index, checked)} onRemove={() => suppliers.remove(index)} />
          ))}
          <button
            type="button"
            className="button button--ghost"
            onClick={() => suppliers.append({ supplier: '', supplierRef: '', leadTimeDays: '', unitPriceCents: '', isPreferred: suppliers.fields.length === 0 })}
          >
            {t('parts.suppliers.add')}
          </button>
        </fieldset>

        <div className="modal__actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? t('parts.dialog.saving') : t('parts.dialog.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('parts.dialog.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function SupplierRow(props: { form: ReturnType<typeof useZodForm<PartFormValues>>; index: number; onPrefer(checked: boolean): void; onRemove(): void }) {
  const { form, index } = props;
  const { t } = useTranslation();
  const preferredErrors = useFormFieldMessages(form, `suppliers.${index}.isPreferred`);
  return (
    <div className="parts-supplier-row" role="group" aria-label={`${t('parts.suppliers.supplier')} ${index + 1}`}>
      <FormTextField form={form} name={`suppliers.${index}.supplier`} label={t('parts.suppliers.supplier')} autoComplete="off" />
      <FormTextField form={form} name={`suppliers.${index}.supplierRef`} label={t('parts.suppliers.supplierRef')} autoComplete="off" />
      <FormTextField form={form} name={`suppliers.${index}.leadTimeDays`} label={t('parts.suppliers.leadTime')} inputMode="numeric" autoComplete="off" />
      <FormTextField form={form} name={`suppliers.${index}.unitPriceCents`} label={t('parts.suppliers.unitPrice')} inputMode="decimal" autoComplete="off" />
      <label className="parts-check parts-supplier-row__preferred">
        <input
          type="checkbox"
          checked={form.watch(`suppliers.${index}.isPreferred`)}
          onChange={(event) => props.onPrefer(event.target.checked)}
        />
        <span>{t('parts.suppliers.preferred')}</span>
        {preferredErrors.length > 0 ? <span className="field__error">{preferredErrors.join(' ')}</span> : null}
      </label>
      <button type="button" className="button button--ghost" onClick={props.onRemove}>
        {t('parts.suppliers.remove')}
      </button>
    </div>
  );
}
