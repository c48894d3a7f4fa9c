// Renderer. What the compteurs panel and the « Relevés » page share: a meter's last reading in words, the message
// of a refused reading (below the last one: the last value and the reset box named), and the history dialog.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IpcResult } from '../../../../shared/contract';
import type { MeterView, ReadingHistory } from '../../../../shared/meters/contract';
import { call } from '../../api/client';
import { unwrap, type IpcError } from '../../api/query';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { useFieldMessages } from '../../components/use-field-messages';
import { useDateFormatter } from '../../i18n/format';
import { formatMeterValue } from './format';

export function useMeterFormat() {
  const { i18n } = useTranslation();
  return (value: number) => formatMeterValue(value, i18n.language);
}

/** « 1 250 h le 30/11/2026 14:05 par Théo Martin », or « Aucun relevé ». */
export function LastReading({ meter }: { meter: MeterView }) {
  const { t } = useTranslation();
  const format = useMeterFormat();
  const date = useDateFormatter();
  if (meter.lastValue === null || meter.lastReadAt === null) return <span className="muted">{t('meters.never')}</span>;
  return (
    <span>
      <strong className="meter-value">{t('meters.lastValue', { value: format(meter.lastValue), unit: meter.unit })}</strong>{' '}
      {meter.lastReadBy ? t('meters.lastWhenWho', { when: date(meter.lastReadAt), who: meter.lastReadBy }) : t('meters.lastWhen', { when: date(meter.lastReadAt) })}
    </span>
  );
}

/** The sentence for a refused reading, in the person's language. */
export function useReadingErrorText() {
  const { t } = useTranslation();
  const format = useMeterFormat();
  const toMessages = useFieldMessages();
  return (error: IpcError | Error, unit: string): string => {
    const code = 'code' in error ? (error as IpcError).code : 'INTERNAL_ERROR';
    if (code === 'METER_READING_BELOW_LAST') {
      const last = Number((error as IpcError).details?.lastValue);
      return t('meters.belowLast', { last: Number.isFinite(last) ? format(last) : '?', unit });
    }
    if (code === 'VALIDATION_FAILED') {
      const messages = toMessages((error as IpcError).fields);
      if (messages.length > 0) return messages.join(' ');
    }
    return t(`errors.${code}` as 'errors.INTERNAL_ERROR');
  };
}

/** A meter's readings, newest first, with who, when and from which PC; older pages on demand. */
export function HistoryDialog({ meter, onClose }: { meter: MeterView; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useMeterFormat();
  const date = useDateFormatter();
  const history = useInfiniteQuery<ReadingHistory, IpcError>({
    queryKey: ['meters', 'history', meter.id],
    initialPageParam: undefined as number | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap((await call('meters:history', { meterId: meter.id, ...(pageParam ? { before: pageParam as number } : {}) })) as IpcResult<ReadingHistory>),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Modal title={t('meters.historyDialog.title', { name: t('meters.nameWithUnit', { name: meter.name, unit: meter.unit }) })} onEscape={onClose} wide>
      {history.isPending ? <p role="status">{t('meters.loading')}</p> : null}
      {history.isError ? <Alert tone="error">{t('meters.loadFailed')}</Alert> : null}
      {history.isSuccess && items.length === 0 ? <p>{t('meters.historyDialog.empty')}</p> : null}
      {items.length > 0 ? (
        // Scrolls sideways on a narrow window: focusable, so the keyboard can scroll it too.
        <div className="meter-history" tabIndex={0} role="region" aria-label={t('meters.historyDialog.title', { name: meter.name })}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('meters.historyDialog.when')}</th>
                <th scope="col" className="num">{t('meters.historyDialog.value')}</th>
                <th scope="col" className="num">{t('meters.historyDialog.total')}</th>
                <th scope="col">{t('meters.historyDialog.who')}</th>
                <th scope="col">{t('meters.historyDialog.workstation')}</th>
                <th scope="col">{t('meters.historyDialog.note')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((reading) => (
                <tr key={reading.id}>
                  <td className="nowrap">{date(reading.readAt)}</td>
                  <td className="num nowrap">
                    {format(reading.value)} {meter.unit}
                    {reading.isReset ? <span className="badge meter-reset">{t('meters.historyDialog.resetMark')}</span> : null}
                  </td>
                  <td className="num nowrap">{format(reading.total)}</td>
                  <td>{reading.userName ?? t('meters.historyDialog.system')}</td>
                  <td>{reading.workstation}</td>
                  <td>{reading.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="modal__actions">
        {history.hasNextPage ? (
          <button type="button" className="button button--ghost" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            {t('meters.historyDialog.more')}
          </button>
        ) : null}
        <button type="button" className="button button--ghost" onClick={onClose}>
          {t('meters.historyDialog.close')}
        </button>
      </div>
    </Modal>
  );
}
