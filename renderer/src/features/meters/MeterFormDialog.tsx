// Renderer. Add or edit a compteur (managers): name, unit (h, cycles, km, pièces offered, any other typed), active.
// The same zod schema as main's; main's « this name is taken » lands on the name field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { METER_UNIT_SUGGESTIONS, meterFieldsSchema, type MeterView } from '../../../../shared/meters/contract';
import { useChannelMutation } from '../../api/query';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { FormTextField } from '../../components/form/form-fields';
import { applyServerError, useZodForm } from '../../components/form/use-zod-form';

interface Values {
  name: string;
  unit: string;
  isActive: boolean;
}

export function MeterFormDialog({ equipmentId, editing, onClose, onSaved }: { equipmentId: number; editing: MeterView | null; onClose: () => void; onSaved: (meter: MeterView) => void }) {
  const { t } = useTranslation();
  const form = useZodForm<Values>(meterFieldsSchema, { defaultValues: { name: editing?.name ?? '', unit: editing?.unit ?? 'h', isActive: editing?.isActive ?? true } });
  const [failure, setFailure] = useState<string | null>(null);
  const create = useChannelMutation('meters:create', { invalidates: ['meters'] });
  const update = useChannelMutation('meters:update', { invalidates: ['meters'] });

  const save = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const meter = editing
        ? await update.mutateAsync({ id: editing.id, name: values.name, unit: values.unit, isActive: values.isActive })
        : await create.mutateAsync({ equipmentId, name: values.name, unit: values.unit });
      onSaved(meter);
    } catch (error) {
      const shape = (error as { toShape?: () => { code: never; fields?: never } }).toShape?.();
      setFailure(t((shape ? applyServerError(form, shape) : 'errors.INTERNAL_ERROR') as 'errors.INTERNAL_ERROR'));
    }
  });

  return (
    <Modal title={editing ? t('meters.form.editTitle') : t('meters.form.createTitle')} onEscape={onClose}>
      <form className="form meter-form" noValidate onSubmit={(event) => void save(event)}>
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        <FormTextField form={form} name="name" label={t('meters.form.name')} hint={t('meters.form.nameHint')} autoComplete="off" />
        <FormTextField form={form} name="unit" label={t('meters.form.unit')} hint={t('meters.form.unitHint')} autoComplete="off" list="meter-units" />
        <datalist id="meter-units">
          {METER_UNIT_SUGGESTIONS.map((unit) => (
            <option key={unit} value={unit} />
          ))}
        </datalist>
        {editing ? (
          <label className="checkbox">
            <input type="checkbox" {...form.register('isActive')} />
            {t('meters.form.active')}
          </label>
        ) : null}
        <div className="modal__actions">
          <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
            {t('meters.form.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('meters.form.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
