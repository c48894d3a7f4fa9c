// Renderer. "Listes de référence" (administrators): the four lists as tabs; add, rename, move up/down, deactivate or
// reactivate an item. Nothing is ever deleted (finished OTs keep naming the code). Main decides and audits; the
// list refetches on the `reference` change topic, so another window's change shows here too.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { REFERENCE_LISTS, referenceLabelSchema, type ReferenceItem, type ReferenceListName } from '../../../../shared/reference/contract';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/TextField';
import { callOrThrow, ChannelError } from './call-or-throw';
import './reference.css';

const labelForm = z.object({ label: referenceLabelSchema });
type LabelForm = z.input<typeof labelForm>;

type Status = { tone: 'success' | 'error' | 'info'; text: string } | null;

export function ReferenceListsPage() {
  return <ReferenceLists />;
}

function ReferenceLists() {
  const { t } = useTranslation();
  const [list, setList] = useState<ReferenceListName>('symptom');
  const [status, setStatus] = useState<Status>(null);
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});

  // Arrow keys move between tabs, as a tab list should.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = REFERENCE_LISTS.indexOf(list);
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : null;
    if (next === null) return;
    event.preventDefault();
    const target = REFERENCE_LISTS[(next + REFERENCE_LISTS.length) % REFERENCE_LISTS.length];
    setList(target);
    setStatus(null);
    tabs.current[target]?.focus();
  };

  return (
    <>
      <h1>{t('reference.title')}</h1>
      <p className="lead">{t('reference.intro')}</p>
      <div role="tablist" aria-label={t('reference.listsLabel')} className="reference-tabs">
        {REFERENCE_LISTS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabs.current[name] = element;
            }}
            id={`reference-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={list === name}
            aria-controls="reference-panel"
            tabIndex={list === name ? 0 : -1}
            className={`reference-tab${list === name ? ' reference-tab--current' : ''}`}
            onClick={() => {
              setList(name);
              setStatus(null);
            }}
            onKeyDown={onTabKey}
          >
            {t(`reference.lists.${name}`)}
          </button>
        ))}
      </div>
      <section id="reference-panel" role="tabpanel" aria-labelledby={`reference-tab-${list}`} className="card card--full reference-panel">
        {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
        <AddItemForm key={list} list={list} onDone={setStatus} />
        <ItemsTable list={list} onDone={setStatus} />
      </section>
    </>
  );
}

function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ChannelError) {
      const field = error.error.fields?.[0]?.code;
      if (field && (field.startsWith('reference.') || field.startsWith('validation.'))) return t(field as 'reference.labelTaken');
      return t(`errors.${error.error.code}`);
    }
    return t('errors.INTERNAL_ERROR');
  };
}

function AddItemForm({ list, onDone }: { list: ReferenceListName; onDone: (status: Status) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const form = useForm<LabelForm>({ resolver: zodResolver(labelForm), defaultValues: { label: '' } });
  const create = useMutation({
    mutationFn: (label: string) => callOrThrow('reference:create', { list, label }),
    onSuccess: (item) => {
      form.reset({ label: '' });
      onDone({ tone: 'success', text: t('reference.added', { label: item.label }) });
      void queryClient.invalidateQueries({ queryKey: ['reference'] });
    },
    onError: (error) => {
      // What was typed stays in the field; the reason shows under it.
      form.setError('label', { message: errorText(error) });
    },
  });
  const message = form.formState.errors.label?.message;
  return (
    <form className="reference-add" noValidate onSubmit={form.handleSubmit((values) => create.mutate(values.label))}>
      <h2>{t('reference.addTitle', { list: t(`reference.lists.${list}`) })}</h2>
      <div className="reference-add__row">
        <TextField
          label={t('reference.newLabel')}
          hint={t('reference.newLabelHint')}
          autoComplete="off"
          maxLength={120}
          error={message ? (message.startsWith('validation.') ? t(message as 'validation.required') : message) : undefined}
          {...form.register('label')}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t('reference.adding') : t('reference.add')}
        </button>
      </div>
    </form>
  );
}

function ItemsTable({ list, onDone }: { list: ReferenceListName; onDone: (status: Status) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<number | null>(null);
  const items = useQuery({ queryKey: ['reference', 'list', list, 'all'], queryFn: () => callOrThrow('reference:list', { list, includeInactive: true }) });
  const update = useMutation({
    mutationFn: (input: { id: number; label?: string; position?: number; active?: boolean }) => callOrThrow('reference:update', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['reference'] }),
  });

  const run = async (input: { id: number; label?: string; position?: number; active?: boolean }, success: (item: ReferenceItem) => string | null) => {
    try {
      const item = await update.mutateAsync(input);
      const text = success(item);
      onDone(text ? { tone: 'success', text } : null);
      return true;
    } catch (error) {
      onDone({ tone: 'error', text: errorText(error) });
      return false;
    }
  };

  if (items.isPending) return <p role="status">{t('reference.loading')}</p>;
  if (items.isError) return <Alert tone="error">{errorText(items.error)}</Alert>;
  const rows = items.data;
  if (rows.length === 0) return <p className="muted">{t('reference.empty')}</p>;
  const activeCount = rows.filter((item) => item.isActive).length;

  return (
    <>
      <p className="reference-count">{t('reference.count', { active: activeCount, total: rows.length })}</p>
      <table className="table reference-table">
        <thead>
          <tr>
            <th scope="col">{t('reference.columns.order')}</th>
            <th scope="col">{t('reference.columns.label')}</th>
            <th scope="col">{t('reference.columns.code')}</th>
            <th scope="col">{t('reference.columns.state')}</th>
            <th scope="col">{t('reference.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((item, index) => (
            <tr key={item.id} className={item.isActive ? undefined : 'reference-row--inactive'}>
              <td>{index + 1}</td>
              <td>
                {editing === item.id ? (
                  <RenameForm
                    item={item}
                    onCancel={() => setEditing(null)}
                    onSave={async (label) => {
                      if (await run({ id: item.id, label }, (saved) => t('reference.renamed', { label: saved.label }))) setEditing(null);
                    }}
                  />
                ) : (
                  item.label
                )}
              </td>
              <td>
                <code>{item.code}</code>
              </td>
              <td>{item.isActive ? t('reference.active') : t('reference.inactive')}</td>
              <td>
                <div className="reference-actions">
                  <button
                    type="button"
                    className="button button--ghost"
                    disabled={index === 0 || update.isPending}
                    aria-label={t('reference.moveUpLabel', { label: item.label })}
                    title={t('reference.moveUp')}
                    onClick={() => void run({ id: item.id, position: index - 1 }, () => null)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--ghost"
                    disabled={index === rows.length - 1 || update.isPending}
                    aria-label={t('reference.moveDownLabel', { label: item.label })}
                    title={t('reference.moveDown')}
                    onClick={() => void run({ id: item.id, position: index + 1 }, () => null)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--ghost"
                    disabled={editing === item.id}
                    aria-label={t('reference.renameLabel', { label: item.label })}
                    onClick={() => setEditing(item.id)}
                  >
                    {t('reference.rename')}
                  </button>
                  <button
                    type="button"
                    className="button button--ghost"
                    disabled={update.isPending}
                    aria-label={t(item.isActive ? 'reference.deactivateLabel' : 'reference.activateLabel', { label: item.label })}
                    onClick={() =>
                      void run({ id: item.id, active: !item.isActive }, (saved) => t(saved.isActive ? 'reference.activated' : 'reference.deactivated', { label: saved.label }))
                    }
                  >
                    {item.isActive ? t('reference.deactivate') : t('reference.activate')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RenameForm({ item, onSave, onCancel }: { item: ReferenceItem; onSave: (label: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm<LabelForm>({ resolver: zodResolver(labelForm), defaultValues: { label: item.label } });
  const message = form.formState.errors.label?.message;
  return (
    <form className="reference-rename" noValidate onSubmit={form.handleSubmit((values) => onSave(values.label))}>
      <TextField
        label={t('reference.renameField', { label: item.label })}
        autoFocus
        autoComplete="off"
        maxLength={120}
        error={message ? t(message as 'validation.required') : undefined}
        {...form.register('label')}
      />
      <div className="reference-actions">
        <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
          {t('reference.save')}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('reference.cancel')}
        </button>
      </div>
    </form>
  );
}
