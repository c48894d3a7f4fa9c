// Node (tests). Which failures are "try again" (DATABASE_BUSY) and which are real errors: the shapes SQLite,
// PostgreSQL and node-postgres give while a lock is held, while the server restarts or is unreachable.
import { describe, expect, it } from 'vitest';
import { isDatabaseBusyError } from './database-busy';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseBusyError', () => {
  it('says yes to locks, restarts, lost and refused connections', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300', '08006', '08003', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']) {
      expect(isDatabaseBusyError(withCode(code)), code).toBe(true);
    }
    for (const message of [
      'Connection terminated unexpectedly',
      'Connection terminated',
      'Connection terminated due to connection timeout',
      'timeout exceeded when trying to connect',
      'Client has encountered a connection error and is not queryable',
      'Client was closed and is not queryable',
      'Query read timeout',
    ]) {
      expect(isDatabaseBusyError(new Error(message)), message).toBe(true);
    }
    // net's autoSelectFamily: every address of "localhost" refused.
    expect(isDatabaseBusyError(Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseBusyError(new AggregateError([withCode('ECONNREFUSED'), withCode('EADDRNOTAVAIL')], ''))).toBe(false);
    expect(isDatabaseBusyError(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
  });

  it('says no to real errors, whatever their text', () => {
    for (const code of ['23505', '23503', '42601', '42P01', 'SQLITE_CONSTRAINT', 'SQLITE_CORRUPT', 'ERR_INVALID_ARG_TYPE']) {
      expect(isDatabaseBusyError(withCode(code, 'Connection terminated')), code).toBe(false);
    }
    expect(isDatabaseBusyError(new Error('boom'))).toBe(false);
    expect(isDatabaseBusyError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseBusyError(null)).toBe(false);
    expect(isDatabaseBusyError('Connection terminated')).toBe(false);
  });
});
