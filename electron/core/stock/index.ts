// Pure (Node). What other domains may use of `stock` (magasin: stores, bins, the ledger, reservations).
export { createStockModule, type StockModule } from './stock-module';
export { StockService, weightedAverage } from './stock-service';
export { StockLedgerRepository } from './stock-ledger-repository';
export { StockRepository } from './stock-repository';
