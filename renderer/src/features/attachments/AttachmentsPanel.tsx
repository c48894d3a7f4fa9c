// Renderer. The pièces jointes of an equipment, a DI or an OT: the list (image thumbnails), "Ajouter un fichier"
// (checked here for size and type before anything is sent, then again by main from the bytes), open/download,
// and delete after a confirmation. `canEdit` shows the add button; main decides every right again.
import { downloadBase64 } from '../../components/download-file';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentInfo, type AttachmentOwnerKind } from '../../../../shared/attachments/contract';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDateFormatter } from '../../i18n/format';
import { ChannelError, request, useChannel } from '../equipment/equipment-api';
import { formatSize } from '../equipment/format';
import '../equipment/equipment.css';

/** Thumbnails are drawn for images up to this size (each one is a download). */
const THUMBNAIL_MAX_BYTES = 3 * 1024 * 1024;

type Status = { tone: 'error' | 'success' | 'info'; text: string } | null;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}


export function AttachmentsPanel(props: { owner: { kind: AttachmentOwnerKind; id: number }; canEdit: boolean }) {
  const { owner, canEdit } = props;
  const { t, i18n } = useTranslation();
  const date = useDateFormatter();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [sending, setSending] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [deleting, setDeleting] = useState<AttachmentInfo | null>(null);
  const key = ['attachments', owner.kind, owner.id] as const;
  const list = useChannel(key, 'attachments:list', { owner });
  const errorText = (error: unknown) => t(`errors.${error instanceof ChannelError ? error.code : 'INTERNAL_ERROR'}` as 'errors.INTERNAL_ERROR');

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setStatus(null);
    if (file.size > ATTACHMENT_MAX_BYTES) return setStatus({ tone: 'error', text: t('attachments.tooLarge', { name: file.name }) });
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return setStatus({ tone: 'error', text: t('attachments.typeRefused', { name: file.name }) });
    setSending(file.name);
    try {
      const added = await request('attachments:add', { owner, fileName: file.name, contentBase64: await readAsBase64(file) });
      await queryClient.invalidateQueries({ queryKey: key });
      setStatus({ tone: 'success', text: t('attachments.added', { name: added.fileName }) });
    } catch (error) {
      setStatus({ tone: 'error', text: errorText(error) });
    } finally {
      setSending(null);
    }
  };

  const open = async (attachment: AttachmentInfo) => {
    try {
      const content = await request('attachments:download', { id: attachment.id });
      downloadBase64(content.fileName, content.contentBase64, content.mimeType);
    } catch (error) {
      setStatus({ tone: 'error', text: errorText(error) });
    }
  };

  const remove = async (attachment: AttachmentInfo) => {
    try {
      await request('attachments:delete', { id: attachment.id });
      await queryClient.invalidateQueries({ queryKey: key });
      setStatus({ tone: 'success', text: t('attachments.deleted', { name: attachment.fileName }) });
    } catch (error) {
      setStatus({ tone: 'error', text: errorText(error) });
    } finally {
      setDeleting(null);
    }
  };

  return (
    <div className="attachments" aria-labelledby={`attachments-${owner.kind}-${owner.id}`}>
      <h2 id={`attachments-${owner.kind}-${owner.id}`}>{t('attachments.title')}</h2>
      <div aria-live="polite">{status ? <Alert tone={status.tone}>{status.text}</Alert> : null}</div>
      {list.isPending ? (
        <p role="status">{t('attachments.loading')}</p>
      ) : list.isError ? (
        <Alert tone="error">{errorText(list.error)}</Alert>
      ) : list.data.length === 0 ? (
        <p className="muted">{t('attachments.empty')}</p>
      ) : (
        <ul className="attachments__list">
          {list.data.map((attachment) => (
            <li key={attachment.id} className="attachments__item">
              <Thumbnail attachment={attachment} />
              <div className="attachments__text">
                <div className="attachments__name">{attachment.fileName}</div>
                <div className="attachments__meta">
                  {attachment.createdBy
                    ? t('attachments.metaBy', { size: formatSize(attachment.size, i18n.language), date: date(attachment.createdAt), name: attachment.createdBy })
                    : t('attachments.meta', { size: formatSize(attachment.size, i18n.language), date: date(attachment.createdAt) })}
                </div>
              </div>
              <div className="attachments__actions">
                <button type="button" className="button button--ghost" aria-label={t('attachments.openLabel', { name: attachment.fileName })} onClick={() => void open(attachment)}>
                  {t('attachments.open')}
                </button>
                {attachment.canDelete ? (
                  <button type="button" className="button button--danger" aria-label={t('attachments.deleteLabel', { name: attachment.fileName })} onClick={() => setDeleting(attachment)}>
                    {t('attachments.delete')}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <div className="attachments__add">
          <input ref={inputRef} id={`attachments-input-${owner.kind}-${owner.id}`} className="visually-hidden" type="file" accept={ATTACHMENT_ACCEPT} tabIndex={-1} aria-hidden="true" onChange={(event) => void onFile(event)} />
          <button type="button" className="button button--primary" disabled={sending !== null} onClick={() => inputRef.current?.click()}>
            {t('attachments.add')}
          </button>
          {sending ? (
            <span className="attachments__progress" role="status">
              <progress aria-label={t('attachments.sending', { name: sending })} />
              {t('attachments.sending', { name: sending })}
            </span>
          ) : (
            <span className="muted">{t('attachments.hint')}</span>
          )}
        </div>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('attachments.confirmTitle')}
          body={t('attachments.confirmBody', { name: deleting.fileName })}
          confirmLabel={t('attachments.confirm')}
          cancelLabel={t('attachments.cancel')}
          danger
          onConfirm={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </div>
  );
}

/** A small preview of an image (data: URL: the only image source the renderer's policy allows besides its own files). */
function Thumbnail({ attachment }: { attachment: AttachmentInfo }) {
  const { t } = useTranslation();
  const isImage = attachment.mimeType.startsWith('image/') && attachment.size <= THUMBNAIL_MAX_BYTES;
  const content = useQuery({
    // Not under the 'attachments' topic: a file's bytes never change, so a change event need not fetch them again.
    queryKey: ['attachment-content', attachment.id],
    queryFn: () => request('attachments:download', { id: attachment.id }),
    enabled: isImage,
    staleTime: Infinity,
  });
  if (isImage && content.data) {
    return <img className="attachments__thumb" src={`data:${content.data.mimeType};base64,${content.data.contentBase64}`} alt={t('attachments.thumbnail', { name: attachment.fileName })} />;
  }
  return (
    <span className="attachments__icon" aria-hidden="true">
      {attachment.mimeType === 'application/pdf' ? 'PDF' : 'IMG'}
    </span>
  );
}
