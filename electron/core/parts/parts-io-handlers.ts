// Pure (Node). Handlers of the io part of the `parts` domain: import (dry run, then commit in one transaction), the
// template, the catalog's export (xlsx/CSV) and the QR label sheets of parts and of bins (PDF). Managers only (the
// contract says so). Workbooks are read and written in the database worker; the checks and writes stay here.
import { binLabelCode, PARTS_IMPORT_MAX_BYTES, PARTS_LABELS_MAX, type partsIoContract, type PartsExportedFile, type PartsImportReport } from '../../../shared/parts/parts-io-contract';
import { runDbJob } from '../kernel/db/run-db-job';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import type { PdfPrinter } from '../kernel/platform/pdf-printer';
import { buildPartsTemplate, CSV_MIME, XLSX_MIME } from './parts-export';
import { planPartsImport, type ParsedPartsImport, type PartsImportPlan } from './parts-import';
import type { PartsExportBuildInput, PartsImportParseInput, PartsImportParseResult } from './parts-io-jobs';
import { PartsIoRepository } from './parts-io-repository';
import { renderPartLabelsHtml, type PartLabelItem } from './parts-labels';
import { PartsRepository } from './parts-repository';

/** AAAA-MM-JJ of the workstation's day, for file names (pieces-2026-11-30.xlsx). */
function localDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

async function parseInWorker(contentBase64: string, fileName: string): Promise<ParsedPartsImport> {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > PARTS_IMPORT_MAX_BYTES) throw new AppError('VALIDATION_FAILED', 'File larger than 5 MB', [{ path: 'contentBase64', code: 'validation.tooLong' }]);
  const input: PartsImportParseInput = { bytes: new Uint8Array(bytes), fileName };
  const outcome = await runDbJob<PartsImportParseResult>('parts-import-parse', input);
  if (!outcome.ok) throw new AppError('IMPORT_UNREADABLE', outcome.message);
  return outcome.parsed;
}

async function writePlan(io: PartsIoRepository, parts: PartsRepository, plan: PartsImportPlan, now: number): Promise<void> {
  for (const row of plan.parts.filter((part) => part.existingId !== null)) await io.updatePart(row.existingId as number, row.values, now);
  const creating = plan.parts.filter((part) => part.existingId === null);
  const created = await io.insertParts(
    creating.map((part) => part.values),
    now,
  );
  const idOf = new Map(created.map((row) => [row.code.toLowerCase(), row.id]));
  for (const row of plan.parts) {
    if (row.suppliers === undefined) continue;
    const id = row.existingId ?? idOf.get(row.values.code.toLowerCase());
    if (id === undefined) throw new Error(`Import: part ${row.values.code} vanished while writing`);
    await parts.replaceSuppliers(id, row.suppliers, now);
  }
}

export function createPartsIoHandlers(kernel: Kernel, deps: { pdfPrinter?: PdfPrinter }): HandlerMap<keyof typeof partsIoContract> {
  const io = new PartsIoRepository(kernel.database.kysely);
  const parts = new PartsRepository(kernel.database.kysely);
  const { clock } = kernel;

  const print = async (items: PartLabelItem[], title: string, actorUserId: number, details: Record<string, string | number>): Promise<PartsExportedFile> => {
    if (!deps.pdfPrinter) throw new AppError('PRINT_UNAVAILABLE', 'No PDF printer in this host');
    const pdf = await deps.pdfPrinter.print(await renderPartLabelsHtml(items, title));
    const fileName = `etiquettes-magasin-${localDay(clock.now())}.pdf`;
    await kernel.audit.append({ eventType: 'parts.labels_printed', actorUserId, subjectLabel: fileName, details: { count: items.length, ...details } }, clock.now());
    return { fileName, mimeType: 'application/pdf', contentBase64: Buffer.from(pdf).toString('base64') };
  };

  return {
    'parts:importDryRun': async ({ input }) => planPartsImport(await parseInWorker(input.contentBase64, input.fileName), await io.existing()).report,

    'parts:importCommit': async ({ input, session }) => {
      // Reading the workbook is the slow part: done before the transaction, in the worker. The check runs again
      // inside it on the data as it is now, so what is written is what was checked; any error and nothing is written.
      const parsed = await parseInWorker(input.contentBase64, input.fileName);
      const report: PartsImportReport = await kernel.database.transaction(async (trx) => {
        const plan = planPartsImport(parsed, await io.in(trx).existing());
        if (plan.report.errors.length > 0) return plan.report;
        const now = clock.now();
        await writePlan(io.in(trx), parts.in(trx), plan, now);
        await kernel.audit.in(trx).append(
          {
            eventType: 'parts.imported',
            actorUserId: session.userId,
            subjectLabel: input.fileName,
            details: { fileName: input.fileName, rows: plan.report.rows, created: plan.report.create, updated: plan.report.update, suppliers: plan.report.suppliers },
          },
          now,
        );
        return plan.report;
      });
      if (report.errors.length > 0) throw new AppError('IMPORT_INVALID', 'The file has errors: nothing was imported', undefined, { errors: report.errors.length });
      kernel.changes.publish('parts');
      return report;
    },

    'parts:importTemplate': async () => ({ fileName: 'modele-import-pieces.xlsx', mimeType: XLSX_MIME, contentBase64: (await buildPartsTemplate()).toString('base64') }),

    'parts:export': async ({ input, session }) => {
      const rows = await io.exportRows({ text: input.filter.text || undefined, category: input.filter.category || undefined });
      const job: PartsExportBuildInput = { format: input.format, rows };
      const content = Buffer.from(await runDbJob<Uint8Array>('parts-export-build', job));
      const fileName = `pieces-${localDay(clock.now())}.${input.format}`;
      await kernel.audit.append({ eventType: 'parts.exported', actorUserId: session.userId, subjectLabel: fileName, details: { format: input.format, rows: rows.length } }, clock.now());
      return { fileName, mimeType: input.format === 'xlsx' ? XLSX_MIME : CSV_MIME, contentBase64: content.toString('base64') };
    },

    'parts:labelsPreview': async ({ input }) => {
      const query = { text: input.text || undefined, category: input.category || undefined, belowMin: input.belowMin || undefined };
      const [total, rows] = await Promise.all([parts.count(query), parts.list({ ...query, limit: PARTS_LABELS_MAX })]);
      return { total, items: rows.map((row) => ({ code: row.code, designation: row.designation })) };
    },

    'parts:labelStores': () => parts.stores(),

    'parts:labelBins': async ({ input }) => (await parts.binsOf(input.storeCode, 5000)).map((bin) => ({ code: binLabelCode(bin.storeCode, bin.binCode), binCode: bin.binCode, label: bin.label })),

    'parts:labels': async ({ input, session }) => {
      if (input.kind === 'parts') {
        // Codes compare whatever their case on both engines, so a typed code matches too.
        const rows = await parts.list({ codes: input.codes, limit: PARTS_LABELS_MAX });
        if (rows.length === 0) throw new AppError('NOT_FOUND', 'No part matches');
        return print(
          rows.map((row) => ({ code: row.code, designation: row.designation, detail: row.manufacturerRef ? `${row.manufacturer ?? ''} ${row.manufacturerRef}`.trim() : null })),
          'Étiquettes pièces',
          session.userId,
          { kind: 'parts' },
        );
      }
      const bins = await parts.binsOf(input.storeCode, 5000);
      const wanted = input.binCodes ? new Set(input.binCodes.map((code) => code.toLowerCase())) : null;
      const chosen = wanted ? bins.filter((bin) => wanted.has(bin.binCode.toLowerCase())) : bins;
      if (chosen.length === 0) throw new AppError('NOT_FOUND', 'No bin matches');
      if (chosen.length > PARTS_LABELS_MAX) throw new AppError('VALIDATION_FAILED', `At most ${PARTS_LABELS_MAX} labels at once`, [{ path: 'binCodes', code: 'validation.outOfRange' }], { max: PARTS_LABELS_MAX, total: chosen.length });
      return print(
        chosen.map((bin) => ({ code: binLabelCode(bin.storeCode, bin.binCode), designation: bin.label ?? `Emplacement ${bin.binCode}`, detail: bin.storeName })),
        'Étiquettes emplacements',
        session.userId,
        { kind: 'bins', store: input.storeCode },
      );
    },
  };
}
