// Node (tests only). One process of concurrent-numbering.test.ts: opens the shared database (a SQLite file or a
// PostgreSQL schema) with its own connection, prints `ready`, waits for `go` on stdin so both processes create at
// the same moment, then creates `count` OTs, each in its own transaction, and prints their numbers as one JSON line.
import readline from 'node:readline';
import { openPostgresDatabase, openSqliteDatabase } from '../kernel/db/database';
import { createWorkOrder } from './create-work-order';

const [engine, location, schema, name, countText, equipmentIdText] = process.argv.slice(2);
const count = Number(countText);
const equipmentId = Number(equipmentIdText);

// Not top-level await: tsx runs this file as CommonJS when spawned from the test.
void (async () => {
  const database = engine === 'postgres' ? await openPostgresDatabase({ url: location, searchPath: schema, poolSize: 2 }) : openSqliteDatabase({ file: location, busyTimeoutMs: 10_000 });
  const input = readline.createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  input.once('line', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < count; i++) {
      const at = Date.UTC(2026, 5, 1);
      const created = await database.transaction((trx) =>
        createWorkOrder(trx, { type: 'corrective', priority: 2, equipmentId, locationId: null, title: `${name} ${i}`, description: '' }, { userId: null, workstation: name, at, year: 2026 }),
      );
      numbers.push(created.number);
    }
    process.stdout.write(`${JSON.stringify({ numbers })}\n`);
    input.close();
    await database.close();
  });
})();
