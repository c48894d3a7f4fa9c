// Node (tests, both engines). A smoke run of `npm run bench:site` (3 PCs, 3 s, no pause between calls): the bench's
// whole path works — enrolment, sign-in, the OT and DI mix through real client cores — with no error, and every write
// the server acknowledged is in its database, DIs under the name of the PC that filed them. No timing is asserted:
// the figures belong to the bench itself.
import { describe, expect, it } from 'vitest';
import { runSiteBench } from '../bench/site-bench';
import { TEST_ENGINE, testDatabaseUrl } from '../support/test-database';

describe('bench:site smoke run', () => {
  it('runs the mix on a few PCs without error and loses no acknowledged write', async () => {
    const result = await runSiteBench({
      engine: TEST_ENGINE,
      databaseUrl: TEST_ENGINE === 'postgres' ? testDatabaseUrl() : null,
      seconds: 3,
      workstations: 3,
      bcryptCost: 4,
      thinkMs: 0,
      server: 'inline',
    });
    expect(result.summary.errorSamples).toEqual([]);
    expect(result.summary.errors).toBe(0);
    expect(result.logins.errors).toBe(0);
    const labels = result.summary.operations.map((op) => op.label);
    expect(labels).toEqual(expect.arrayContaining(['workOrders:list', 'workOrders:get', 'workOrders:start', 'workOrders:addTime', 'workOrders:finish', 'requests:report']));
    expect(result.acknowledged.requests).toBeGreaterThan(0);
    expect(result.acknowledged.finished).toBeGreaterThan(0);
    expect(result.missing).toEqual([]);
    expect(result.wrongWorkstation).toBe(0);
  }, 120_000);
});
