// Pure (Node). Handlers of the io part of the `equipment` domain: import (dry run, then commit in one transaction),
// the template, export (xlsx/CSV) and the QR label sheet (PDF). Managers only (the contract says so).
import {
  IMPORT_MAX_BYTES,
  LABELS_MAX,
  type equipmentIoContract,
  type EquipmentIoFilter,
  type ExportedFile,
  type ImportReport,
} from '../../../shared/equipment/equipment-io-contract';
import type { HandlerMap } from '../kernel/ipc/handler-types';
import type { Kernel } from '../kernel/kernel';
import { AppError } from '../kernel/platform/app-error';
import type { PdfPrinter } from '../kernel/platform/pdf-printer';
import type { ReferenceRepository } from '../reference';
import { runDbJob } from '../kernel/db/run-db-job';
import { buildImportTemplate, CSV_MIME, XLSX_MIME } from './equipment-export';
import type { ExportBuildInput, ImportParseInput, ImportParseResult } from './equipment-io-jobs';
import { EquipmentExportRepository, type EquipmentQuery } from './equipment-export-repository';
import { planImport, type ParsedImport } from './equipment-import';
import { writeImportPlan } from './equipment-import-commit';
import { EquipmentImportRepository } from './equipment-import-repository';
import { renderLabelsHtml } from './equipment-labels';

export interface EquipmentIoDeps {
  pdfPrinter?: PdfPrinter;
  reference: ReferenceRepository;
}

/** AAAA-MM-JJ of the workstation's day, for file names (equipements-2026-11-30.xlsx). */
function localDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

function decodeFile(contentBase64: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > IMPORT_MAX_BYTES) throw new AppError('VALIDATION_FAILED', 'File larger than 5 MB', [{ path: 'contentBase64', code: 'equipmentIo.fileTooLarge' }]);
  return bytes;
}

/** Reads the workbook in the worker thread (exceljs is seconds of CPU on a big file); an unreadable file is IMPORT_UNREADABLE. */
async function parseInWorker(contentBase64: string, fileName: string): Promise<ParsedImport> {
  const input: ImportParseInput = { bytes: new Uint8Array(decodeFile(contentBase64)), fileName };
  const outcome = await runDbJob<ImportParseResult>('equipment-import-parse', input);
  if (!outcome.ok) throw new AppError('IMPORT_UNREADABLE', outcome.message);
  return outcome.parsed;
}

export function createEquipmentIoHandlers(kernel: Kernel, deps: EquipmentIoDeps): HandlerMap<keyof typeof equipmentIoContract> {
  const importRepository = new EquipmentImportRepository(kernel.database.kysely);
  const exportRepository = new EquipmentExportRepository(kernel.database.kysely);
  const { clock } = kernel;

  async function loadContext(repo: EquipmentImportRepository, reference: ReferenceRepository) {
    const [locations, equipment, categories] = await Promise.all([repo.locations(), repo.equipment(), reference.list('category', true)]);
    return { locations, equipment, categories };
  }

  async function dryRun(parsed: ParsedImport): Promise<ImportReport> {
    return planImport(parsed, await loadContext(importRepository, deps.reference)).report;
  }

  /** The list's filters as a query: a location code stands for its whole subtree. */
  async function toQuery(filter: EquipmentIoFilter | undefined): Promise<EquipmentQuery> {
    let locationIds: number[] | null = null;
    if (filter?.locationCode) {
      const locations = await exportRepository.locations();
      const root = locations.find((location) => location.code.toLowerCase() === filter.locationCode?.toLowerCase());
      if (!root) throw new AppError('NOT_FOUND', 'Unknown location code', [{ path: 'locationCode', code: 'equipmentIo.unknownLocation' }]);
      const children = new Map<number, number[]>();
      for (const location of locations) if (location.parentId !== null) children.set(location.parentId, [...(children.get(location.parentId) ?? []), location.id]);
      locationIds = [];
      const stack = [root.id];
      while (stack.length > 0) {
        const id = stack.pop() as number;
        if (locationIds.includes(id)) continue;
        locationIds.push(id);
        stack.push(...(children.get(id) ?? []));
      }
    }
    return { text: filter?.text || undefined, locationIds, status: filter?.status, criticality: filter?.criticality };
  }

  return {
    'equipment:importDryRun': async ({ input }) => dryRun(await parseInWorker(input.contentBase64, input.fileName)),

    'equipment:importCommit': async ({ input, session }) => {
      // Reading the workbook is the slow part: done before the transaction, in the worker thread. The check runs again inside it, on the
      // data as it is now, so what is written is exactly what was checked; any error and nothing is written.
      const parsed = await parseInWorker(input.contentBase64, input.fileName);
      const report = await kernel.database.transaction(async (trx) => {
        const repo = importRepository.in(trx);
        const plan = planImport(parsed, await loadContext(repo, deps.reference.in(trx)));
        if (plan.report.errors.length > 0) return plan.report;
        const now = clock.now();
        await writeImportPlan(repo, plan, now);
        await kernel.audit.in(trx).append(
          {
            eventType: 'equipment.imported',
            actorUserId: session.userId,
            subjectLabel: input.fileName,
            details: {
              fileName: input.fileName,
              rows: plan.report.rows,
              locationsCreated: plan.report.counts.locations.create,
              locationsUpdated: plan.report.counts.locations.update,
              equipmentCreated: plan.report.counts.equipment.create,
              equipmentUpdated: plan.report.counts.equipment.update,
            },
          },
          now,
        );
        return plan.report;
      });
      if (report.errors.length > 0) throw new AppError('IMPORT_INVALID', 'The file has errors: nothing was imported', undefined, { errors: report.errors.length });
      kernel.changes.publish('locations', 'equipment', 'work-orders', 'requests');
      return report;
    },

    'equipment:importTemplate': async () => {
      const content = await buildImportTemplate(await deps.reference.list('category'));
      return { fileName: 'modele-import-equipements.xlsx', mimeType: XLSX_MIME, contentBase64: content.toString('base64') };
    },

    'equipment:export': async ({ input, session }) => {
      const day = localDay(clock.now());
      // Rows are read here; the file is written by exceljs in the worker thread.
      let job: ExportBuildInput;
      if (input.dataset === 'locations') job = { dataset: 'locations', format: input.format, rows: await exportRepository.locations() };
      else job = { dataset: 'equipment', format: input.format, rows: await exportRepository.equipment(await toQuery(input.filter)), categories: await deps.reference.list('category', true) };
      const rows = job.rows.length;
      const content = Buffer.from(await runDbJob<Uint8Array>('equipment-export-build', job));
      const fileName = `${input.dataset === 'locations' ? 'localisations' : 'equipements'}-${day}.${input.format}`;
      await kernel.audit.append({ eventType: 'equipment.exported', actorUserId: session.userId, subjectLabel: fileName, details: { dataset: input.dataset, format: input.format, rows } }, clock.now());
      const file: ExportedFile = { fileName, mimeType: input.format === 'xlsx' ? XLSX_MIME : CSV_MIME, contentBase64: content.toString('base64') };
      return file;
    },

    'equipment:labelsPreview': async ({ input }) => {
      const query = await toQuery(input);
      const [total, rows] = await Promise.all([exportRepository.countEquipment(query), exportRepository.equipment(query, LABELS_MAX)]);
      return { total, items: rows.map((row) => ({ code: row.code, designation: row.designation, locationCode: row.locationCode })) };
    },

    'equipment:labels': async ({ input, session }) => {
      if (!deps.pdfPrinter) throw new AppError('PRINT_UNAVAILABLE', 'No PDF printer in this host');
      if (!input.codes && !input.filter) throw new AppError('VALIDATION_FAILED', 'Codes or a filter are required', [{ path: 'codes', code: 'validation.required' }]);
      const query: EquipmentQuery = input.codes ? { locationIds: null, codes: input.codes } : await toQuery(input.filter);
      // Codes compare whatever their case on both engines (COLLATE NOCASE / nocase), so a typed code matches too.
      const total = await exportRepository.countEquipment(query);
      if (total > LABELS_MAX) throw new AppError('VALIDATION_FAILED', `At most ${LABELS_MAX} labels at once`, [{ path: 'filter', code: 'equipmentIo.tooManyLabels' }], { max: LABELS_MAX, total });
      if (total === 0) throw new AppError('NOT_FOUND', 'No equipment matches', [{ path: 'filter', code: 'equipmentIo.noLabels' }]);
      const rows = await exportRepository.equipment(query, LABELS_MAX);
      const html = await renderLabelsHtml(rows, 'Étiquettes équipements');
      const pdf = await deps.pdfPrinter.print(html);
      const fileName = `etiquettes-${localDay(clock.now())}.pdf`;
      await kernel.audit.append({ eventType: 'equipment.labels_printed', actorUserId: session.userId, subjectLabel: fileName, details: { count: rows.length } }, clock.now());
      return { fileName, mimeType: 'application/pdf', contentBase64: Buffer.from(pdf).toString('base64') };
    },
  };
}
