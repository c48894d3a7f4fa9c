// Pure (Node). The `stock` module (magasin): thin handlers over StockService, the caller taken from the session
// main holds. It listens to `work-orders` so the reservations of an OT finished, closed or cancelled are released.
import type { Role } from '../../../shared/contract/roles';
import type { stockContract } from '../../../shared/stock/contract';
import type { Kernel } from '../kernel/kernel';
import type { DomainModule } from '../kernel/module';
import { AppError } from '../kernel/platform/app-error';
import type { PdfPrinter } from '../kernel/platform/pdf-printer';
import { inventorySheetHtml, reorderWorkbook } from './stock-documents';
import { StockService } from './stock-service';

export interface StockModule extends DomainModule<keyof typeof stockContract> {
  service: StockService;
}

export function createStockModule(kernel: Kernel, deps: { pdfPrinter?: PdfPrinter }): StockModule {
  const service = new StockService(kernel);
  const caller = (session: { userId: number; user: { role: Role } }) => ({ userId: session.userId, role: session.user.role });
  const unsubscribe = kernel.changes.subscribe((topics) => {
    if (!topics.includes('work-orders')) return;
    service.releaseFinished().catch((error: unknown) => kernel.logger.warn('stock: releasing reservations failed', { error: String(error) }));
  });
  return {
    service,
    close: () => {
      unsubscribe();
    },
    handlers: {
      'stock:settings': () => service.settings(),
      'stock:updateSettings': ({ input, session }) => service.updateSettings(input, caller(session)),
      'stock:stores': () => service.stores(),
      'stock:saveStore': ({ input }) => service.saveStore(input),
      'stock:saveBin': ({ input }) => service.saveBin(input),
      'stock:setLevel': ({ input }) => service.setLevel(input),
      'stock:searchParts': ({ input }) => service.searchParts(input.search),
      'stock:balances': ({ input, session }) => service.balances(input, caller(session)),
      'stock:partStock': ({ input, session }) => service.balances({ partId: input.partId }, caller(session)),
      'stock:moves': ({ input, session }) => service.moves(input, caller(session)),
      'stock:receive': ({ input, session }) => service.receive(input, caller(session)),
      'stock:transfer': ({ input, session }) => service.transfer(input, caller(session)),
      'stock:adjust': ({ input, session }) => service.adjust(input, caller(session)),
      'stock:reverse': ({ input, session }) => service.reverse(input, caller(session)),
      'stock:workOrderParts': ({ input, session }) => service.workOrderParts(input.workOrderId, caller(session)),
      'stock:reserve': ({ input, session }) => service.reserve(input, caller(session)),
      'stock:release': ({ input, session }) => service.release(input.reservationId, caller(session)),
      'stock:issue': ({ input, session }) => service.issue(input, caller(session)),
      'stock:return': ({ input, session }) => service.returnToStock(input, caller(session)),
      'stock:reorder': ({ input }) => service.reorder(input.storeId ?? null),
      'stock:exportReorder': async ({ input }) => {
        const lines = await service.reorder(input.storeId ?? null);
        const at = kernel.clock.now();
        const buffer = await reorderWorkbook(lines, at);
        return { fileName: `reapprovisionnement-${new Date(at).toISOString().slice(0, 10)}.xlsx`, base64: buffer.toString('base64') };
      },
      'stock:inventories': () => service.inventories(),
      'stock:startInventory': ({ input, session }) => service.startInventory(input.storeId, caller(session)),
      'stock:inventory': ({ input }) => service.inventory(input.id),
      'stock:countLine': ({ input, session }) => service.countLine(input, caller(session)),
      'stock:applyInventory': ({ input, session }) => service.applyInventory(input.id, caller(session)),
      'stock:cancelInventory': ({ input, session }) => service.cancelInventory(input.id, caller(session)),
      'stock:printInventory': async ({ input }) => {
        if (!deps.pdfPrinter) throw new AppError('PRINT_UNAVAILABLE', 'No PDF printer on this host');
        // Loaded first, printed outside any transaction: Chromium's printing takes a while.
        const count = await service.inventory(input.id);
        const pdf = await deps.pdfPrinter.print(inventorySheetHtml(count, kernel.clock.now()));
        return { fileName: `inventaire-${count.id}.pdf`, base64: Buffer.from(pdf).toString('base64') };
      },
    },
  };
}
