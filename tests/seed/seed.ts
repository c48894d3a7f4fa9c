// Node (dev only). `npm run seed -- --data-dir D [--database-url postgres://…] [--equipment 5000] [--requests 20000]
// [--work-orders 100000] [--seed 42] [--force]`: opens the data exactly as the app does (createKernel, which
// migrates it) and writes a realistic French plant for demonstrations and for the bench. Progress on stderr, the
// summary (rows per table, time, the accounts and their one password) on stdout.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createKernel } from '../../electron/core/kernel/kernel';
import { REPO_RESOURCES_DIR } from '../support/repo-paths';
import { seedPlant, SeedRefusedError, startOfTodayUtc, type SeedResult } from './seed-plant';
import { seedPreventive } from './seed-preventive';
import { seedParts } from './seed-parts';
import { seedStock } from './seed-stock';
import { seedCosts } from './seed-costs';

const USAGE = `Usage : npm run seed -- --data-dir DOSSIER [--database-url postgres://… [--database-schema S]] [--equipment 5000] [--requests 20000] [--work-orders 100000] [--plans 2000] [--parts 20000] [--stock-moves 1000000] [--seed 42] [--force]
  --plans         plans de maintenance (compteurs avec 3 ans de relevés, gammes) ; 0 pour n'en écrire aucun
  --parts         pièces de rechange (fournisseurs, cas d'emploi) ; --stock-moves : mouvements de stock (magasins, emplacements)
  --data-dir      dossier de données de l'application (la base SQLite y est créée, ou les journaux si PostgreSQL)
  --database-url  base PostgreSQL (sinon SQLite dans le dossier de données)
  --force         vide d'abord les données de maintenance existantes (OT, DI, arrêts, équipements, localisations)
  --seed          graine du générateur : la même graine donne les mêmes données (le même jour)
  --database-schema  PostgreSQL : schéma de travail (déjà créé), pour ne pas écrire dans « public »`;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index >= 0) return process.argv[index + 1];
  return process.argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

function count(name: string, fallback: number): number {
  const text = option(name);
  if (text === undefined) return fallback;
  const value = Number(text.replace(/[_\s]/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`${name} : un nombre entier positif est attendu (reçu « ${text} »).`);
  return value;
}

class UsageError extends Error {}

const fr = (n: number) => n.toLocaleString('fr-FR');

/** One progress line, rewritten in place on a terminal, at most four times a second (and always at a phase's end). */
function progressLine() {
  let last = 0;
  let phase = '';
  const tty = process.stderr.isTTY;
  return {
    update(name: string, done: number, total: number) {
      const now = performance.now();
      const finished = done >= total;
      if (name === phase && !finished && now - last < 250) return;
      if (name !== phase && phase && tty) process.stderr.write('\n');
      phase = name;
      last = now;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      const text = `${name} ${fr(done)}/${fr(total)} (${percent} %)`;
      process.stderr.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
    },
    end() {
      if (phase && tty) process.stderr.write('\n');
    },
  };
}

const ROLE_LABEL = { admin: 'Administrateur', maintenance_manager: 'Responsable maintenance', technician: 'Technicien', requester: 'Demandeur' } as const;

function printSummary(result: SeedResult, location: string): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out();
  out(`Données de démonstration écrites dans ${location} en ${(result.elapsedMs / 1000).toFixed(1)} s (préparation ${(result.planMs / 1000).toFixed(1)} s).`);
  out();
  out('Lignes par table :');
  for (const [table, n] of Object.entries(result.counts)) out(`  ${table.padEnd(22)}${fr(n).padStart(10)}`);
  out();
  out(`Comptes (mot de passe commun : ${result.password}) :`);
  for (const role of ['admin', 'maintenance_manager', 'technician', 'requester'] as const) {
    const accounts = result.accounts.filter((a) => a.role === role);
    const shown = role === 'requester' || role === 'technician' ? accounts.slice(0, 3) : accounts;
    out(`  ${ROLE_LABEL[role]} (${accounts.length}) : ${shown.map((a) => `${a.username} (${a.displayName})`).join(', ')}${shown.length < accounts.length ? ', …' : ''}`);
  }
}

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const dataDir = option('--data-dir');
  if (!dataDir) throw new UsageError('--data-dir est obligatoire.');
  const nowText = option('--now');
  const now = nowText ? Date.parse(nowText) : startOfTodayUtc();
  if (Number.isNaN(now)) throw new UsageError(`--now : une date ISO est attendue (reçu « ${nowText} »).`);
  const options = {
    equipment: count('--equipment', 5000),
    requests: count('--requests', 20_000),
    workOrders: count('--work-orders', 100_000),
    plans: count('--plans', 2000),
    parts: count('--parts', 20_000),
    stockMoves: count('--stock-moves', 1_000_000),
    seed: count('--seed', 42),
    force: process.argv.includes('--force'),
    now,
  };
  const kernel = await createKernel({
    dataDir: path.resolve(dataDir),
    databaseUrl: option('--database-url') ?? null,
    databaseSchema: option('--database-schema'),
    appVersion: 'seed',
    workstationName: 'seed',
    resourcesDir: REPO_RESOURCES_DIR,
    events: { send() {} },
  });
  const progress = progressLine();
  try {
    const result = await seedPlant(kernel.database, { ...options, progress: progress.update });
    // Issues 14 and 15 on top of the plant: préventif, pièces, stock (after the parts), then costs (rates, services).
    const extra: Record<string, number> = {};
    if (options.plans > 0) {
      const preventive = await seedPreventive(kernel.database, { plans: options.plans, years: 3, seed: options.seed, now: options.now, onProgress: progress.update });
      Object.assign(extra, { checklists: preventive.checklists, meters: preventive.meters, meter_readings: preventive.readings, pm_plans: preventive.plans });
    }
    if (options.parts > 0) extra.parts = (await seedParts(kernel.database, { parts: options.parts, seed: options.seed, now: options.now, onProgress: progress.update })).parts;
    if (options.stockMoves > 0) {
      const stock = await seedStock(kernel.database, { moves: options.stockMoves, seed: options.seed, onProgress: (done, total) => progress.update('mouvements de stock', done, total) });
      extra.stock_moves = stock.moves;
    }
    await seedCosts(kernel.database, { seed: options.seed, progress: progress.update });
    progress.end();
    Object.assign(result.counts, extra);
    printSummary(result, kernel.database.location);
    return 0;
  } finally {
    progress.end();
    await kernel.database.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof SeedRefusedError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`La génération a échoué : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
