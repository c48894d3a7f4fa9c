// Renderer. "Localisations" (/localisations, managers): the tree site → zone → ligne, with "Nouveau site", an
// "Ajouter" on each site and zone for the level below, and "Renommer" on each place. The kind follows the place
// in the tree, so the form only asks for a code and a name.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { locationFieldsSchema, type LocationKind, type LocationNode } from '../../../../shared/equipment/contract';
import type { z } from 'zod';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { ChannelError, request, useChannel } from './equipment-api';
import { childrenByParent } from './location-options';
import './equipment.css';

type Dialog = { kind: 'create'; parent: LocationNode | null } | { kind: 'rename'; node: LocationNode } | null;
const CHILD_KIND: Record<LocationKind, LocationKind | null> = { site: 'zone', zone: 'line', line: null };

export function LocationsPage() {
  const { t } = useTranslation();
  const tree = useChannel(['locations', 'tree'], 'locations:tree', undefined);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [status, setStatus] = useState<string | null>(null);
  const children = childrenByParent(tree.data ?? []);

  const renderLevel = (parentId: number | null) => {
    const nodes = children.get(parentId) ?? [];
    if (nodes.length === 0) return null;
    return (
      <ul className={parentId === null ? 'location-tree' : undefined} aria-label={parentId === null ? t('locations.treeLabel') : undefined}>
        {nodes.map((node) => {
          const childKind = CHILD_KIND[node.kind];
          return (
            <li key={node.id}>
              <div className="location-tree__row">
                <span className="badge badge--neutral">{t(`locations.kinds.${node.kind}`)}</span>
                <span className="location-tree__name">{node.name}</span>
                <span className="location-tree__code">{node.code}</span>
                <span className="location-tree__actions">
                  {childKind ? (
                    <button
                      type="button"
                      className="button button--ghost"
                      aria-label={t('locations.addChildLabel', { kind: t(`locations.kinds.${childKind}`).toLowerCase(), name: node.name })}
                      onClick={() => setDialog({ kind: 'create', parent: node })}
                    >
                      {t('locations.addChild', { kind: t(`locations.kinds.${childKind}`).toLowerCase() })}
                    </button>
                  ) : null}
                  <button type="button" className="button button--ghost" aria-label={t('locations.renameLabel', { name: node.name })} onClick={() => setDialog({ kind: 'rename', node })}>
                    {t('locations.rename')}
                  </button>
                </span>
              </div>
              {renderLevel(node.id)}
            </li>
          );
        })}
      </ul>
    );
  };

  return (
    <section className="card card--full" aria-labelledby="locations-title">
      <div className="page-heading equipment-header">
        <div>
          <h1 id="locations-title">{t('locations.title')}</h1>
          <p className="lead">{t('locations.intro')}</p>
        </div>
        <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'create', parent: null })}>
          {t('locations.newSite')}
        </button>
      </div>
      <div aria-live="polite">{status ? <Alert tone="success">{status}</Alert> : null}</div>
      {tree.isPending ? <p role="status">{t('equipment.loading')}</p> : (tree.data ?? []).length === 0 ? <p>{t('locations.empty')}</p> : renderLevel(null)}
      {dialog ? (
        <LocationDialog
          dialog={dialog}
          nodes={tree.data ?? []}
          onClose={() => setDialog(null)}
          onSaved={(node, created) => {
            setDialog(null);
            setStatus(t(created ? 'locations.created' : 'locations.renamed', { name: node.name }));
          }}
        />
      ) : null}
    </section>
  );
}

type LocationFields = z.input<typeof locationFieldsSchema>;

function LocationDialog({ dialog, nodes, onClose, onSaved }: { dialog: NonNullable<Dialog>; nodes: LocationNode[]; onClose(): void; onSaved(node: LocationNode, created: boolean): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const editing = dialog.kind === 'rename' ? dialog.node : null;
  const form = useForm<LocationFields, unknown, z.output<typeof locationFieldsSchema>>({
    resolver: zodResolver(locationFieldsSchema),
    defaultValues: editing ? { code: editing.code, name: editing.name } : { code: '', name: '' },
  });
  const { register, handleSubmit, formState, setError } = form;
  const errorOf = (name: keyof LocationFields) => (formState.errors[name]?.message ? t(formState.errors[name]!.message as 'validation.invalid') : undefined);
  const kind: LocationKind = dialog.kind === 'rename' ? dialog.node.kind : dialog.parent ? CHILD_KIND[dialog.parent.kind]! : 'site';
  const parentPath = (() => {
    if (dialog.kind !== 'create' || !dialog.parent) return null;
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const names: string[] = [];
    let current: LocationNode | undefined = dialog.parent;
    while (current && names.length < 5) {
      names.unshift(current.name);
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    return names.join(' › ');
  })();

  const save = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const node =
        dialog.kind === 'rename'
          ? await request('locations:update', { id: dialog.node.id, ...values })
          : await request('locations:create', { ...values, parentId: dialog.parent?.id ?? null });
      await queryClient.invalidateQueries({ queryKey: ['locations'] });
      onSaved(node, dialog.kind === 'create');
    } catch (error) {
      const code = error instanceof ChannelError ? error.code : 'INTERNAL_ERROR';
      for (const field of error instanceof ChannelError ? (error.fields ?? []) : []) setError(field.path as keyof LocationFields, { message: field.code });
      setFailure(t(`errors.${code}` as 'errors.INTERNAL_ERROR'));
    }
  });

  const title = editing ? t('locations.renameTitle', { name: editing.name }) : t('locations.createTitle', { kind: t(`locations.kinds.${kind}`) });
  return (
    <Modal title={title} onEscape={onClose}>
      <form className="form" noValidate onSubmit={(event) => void save(event)}>
        {parentPath ? <p className="muted">{t('locations.createIn', { path: parentPath })}</p> : null}
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        <TextField label={t('locations.code')} hint={t('equipment.form.codeHint')} error={errorOf('code')} autoComplete="off" spellCheck={false} {...register('code')} />
        <TextField label={t('locations.name')} error={errorOf('name')} autoComplete="off" {...register('name')} />
        <div className="modal__actions">
          <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
            {t('locations.save')}
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('locations.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
