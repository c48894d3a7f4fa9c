// Pure (Node). The `indicators` module: the KPI dashboard, its drill-down downtimes, the .xlsx export and the monthly
// PDF report (loaded first, printed outside any transaction: Chromium's printing takes a while).
import type { indicatorsContract } from '../../../shared/indicators/contract';
import { monthDays } from '../costs';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { AppError } from '../kernel/platform/app-error';
import type { PdfPrinter } from '../kernel/platform/pdf-printer';
import { buildIndicatorsWorkbook, renderMonthlyReport, XLSX_MIME } from './indicators-files';
import { IndicatorsService } from './indicators-service';

export interface IndicatorsModule extends DomainModule<keyof typeof indicatorsContract> {
  service: IndicatorsService;
}

export interface IndicatorsDeps {
  pdfPrinter?: PdfPrinter;
  /**
   * The preventive domain's PM compliance rate for a period (its `complianceSummary`, wired at merge): null while
   * the preventive domain isn't there, and the files say « — ».
   */
  complianceRate?: (query: { from: string; to: string; locationId: number | null }) => Promise<number | null>;
}

export function createIndicatorsModule(kernel: Kernel, deps: IndicatorsDeps = {}): IndicatorsModule {
  const service = new IndicatorsService(kernel);
  const compliance = (query: { from: string; to: string; locationId: number | null }) => (deps.complianceRate ? deps.complianceRate(query) : Promise.resolve(null));
  return {
    service,
    handlers: {
      'indicators:dashboard': ({ input }) => service.dashboard(input),
      'indicators:downtimes': ({ input }) => service.downtimes(input),
      'indicators:locations': () => service.locations(),
      'indicators:export': async ({ input }) => {
        const view = await service.dashboard(input);
        const buffer = await buildIndicatorsWorkbook(view, await compliance(input));
        return { fileName: `indicateurs-${input.from}-${input.to}.xlsx`, mimeType: XLSX_MIME, contentBase64: buffer.toString('base64') };
      },
      'indicators:monthlyReport': async ({ input }) => {
        if (!deps.pdfPrinter) throw new AppError('PRINT_UNAVAILABLE', 'No PDF printer on this host');
        const query = { ...monthDays(input.month), locationId: input.locationId };
        const view = await service.dashboard(query);
        const html = renderMonthlyReport(view, input.month, await compliance(query), kernel.clock.now());
        const pdf = await deps.pdfPrinter.print(html);
        return { fileName: `rapport-maintenance-${input.month}.pdf`, mimeType: 'application/pdf', contentBase64: Buffer.from(pdf).toString('base64') };
      },
    },
  };
}
