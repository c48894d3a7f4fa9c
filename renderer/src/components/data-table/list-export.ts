// Renderer. "Exporter CSV / Excel" of a list: main builds the file from the filtered list; progress arrives as
// `lists:progress` events and is shown only if the export takes more than a second.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput, IpcError, ListExportProgress } from '../../../../shared/contract';
import { call, subscribe } from '../../api/client';
import { downloadBase64 } from '../download-file';

type ExportChannel = 'workOrders:export' | 'requests:export';


export const MIME = { csv: 'text/csv;charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export interface ExportState {
  running: 'csv' | 'xlsx' | null;
  /** Shown after a second of work. */
  progress: ListExportProgress | null;
  done: { fileName: string; rows: number; capped: boolean } | null;
  error: IpcError | null;
}

export function useListExport(channel: ExportChannel, list: ListExportProgress['list']) {
  const [state, setState] = useState<ExportState>({ running: null, progress: null, done: null, error: null });
  const showProgress = useRef(false);
  const latest = useRef<ListExportProgress | null>(null);
  useEffect(
    () =>
      subscribe('lists:progress', (progress) => {
        if (progress.list !== list) return;
        latest.current = progress;
        if (showProgress.current) setState((s) => (s.running ? { ...s, progress } : s));
      }),
    [list],
  );
  const start = useCallback(
    async (input: ChannelInput<ExportChannel>) => {
      const format = input.format;
      latest.current = null;
      showProgress.current = false;
      setState({ running: format, progress: null, done: null, error: null });
      const timer = setTimeout(() => {
        showProgress.current = true;
        setState((s) => (s.running ? { ...s, progress: latest.current ?? { list, exportedRows: 0, totalRows: 0 } } : s));
      }, 1000);
      const answer = await call(channel, input as never);
      clearTimeout(timer);
      showProgress.current = false;
      if (!answer.ok) return setState({ running: null, progress: null, done: null, error: answer.error });
      const file = answer.data as { fileName: string; base64: string; rows: number; capped: boolean };
      downloadBase64(file.fileName, file.base64, MIME[format]);
      setState({ running: null, progress: null, done: { fileName: file.fileName, rows: file.rows, capped: file.capped }, error: null });
    },
    [channel, list],
  );
  return { state, start };
}
