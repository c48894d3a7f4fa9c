// The harness's stand-ins for Electron's save and open dialogs: real bytes out, real bytes in, once, same origin.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo, ExportOutcome, ImportOutcome, IpcResult } from '../../shared/contract';
import { createMemoryLogger } from '../../electron/core/kernel/platform/logger';
import { ADMIN_INPUT, makeTempDir } from '../support/test-core';
import { startHarness, type Harness } from './harness-server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function adminHarness(): Promise<{ h: Harness; call: <T>(channel: string, input?: unknown) => Promise<T> }> {
  const dataDir = makeTempDir();
  const rendererDir = makeTempDir('gmao-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>');
  const h = await startHarness({ dataDir, rendererDir, core: { bcryptCost: 4, backupCheckIntervalMs: 0, logger: createMemoryLogger() } });
  cleanups.push(async () => {
    await h.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await h.core.dispatcher.dispatch({ windowId: 'tab', url: h.url }, channel, input);
    if (!result.ok) throw new Error(result.error.code);
    return result.data as T;
  };
  await call('auth:setupFirstAdmin', ADMIN_INPUT);
  await call('auth:login', { identifier: ADMIN_INPUT.username, password: ADMIN_INPUT.password });
  return { h, call };
}

const origin = (h: Harness) => h.url.replace(/\/$/, '');

describe('harness backup transfers', () => {
  it('"Exporter vers…" becomes a one-time download of the very bytes of the backup', async () => {
    const { h, call } = await adminHarness();
    const backup = await call<BackupInfo>('backups:create');
    const exported = await call<ExportOutcome>('backups:export', { fileName: backup.fileName });
    if (exported.outcome !== 'download') throw new Error(exported.outcome);

    const response = await fetch(new URL(exported.url, h.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(backup.fileName);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(fs.readFileSync(path.join(h.core.backups.folder.dir, backup.fileName)))).toBe(true);
    expect((await fetch(new URL(exported.url, h.url))).status).toBe(404);
  });

  it('"Importer une sauvegarde…" becomes a one-time, same-origin upload that the core checks', async () => {
    const { h, call } = await adminHarness();
    const backup = await call<BackupInfo>('backups:create');
    const bytes = fs.readFileSync(path.join(h.core.backups.folder.dir, backup.fileName));

    const foreign = await call<ImportOutcome>('backups:import');
    if (foreign.outcome !== 'upload') throw new Error(foreign.outcome);
    expect((await fetch(new URL(foreign.url, h.url), { method: 'POST', body: bytes, headers: { Origin: 'http://evil.example' } })).status).toBe(403);

    const offer = await call<ImportOutcome>('backups:import');
    if (offer.outcome !== 'upload') throw new Error(offer.outcome);
    const response = await fetch(new URL(offer.url, h.url), { method: 'POST', body: bytes, headers: { Origin: origin(h) } });
    const result = (await response.json()) as IpcResult<BackupInfo>;
    expect(result).toMatchObject({ ok: true, data: { kind: 'imported', sizeBytes: bytes.length } });
    expect((await fetch(new URL(offer.url, h.url), { method: 'POST', body: bytes })).status).toBe(404);

    const junk = await call<ImportOutcome>('backups:import');
    if (junk.outcome !== 'upload') throw new Error(junk.outcome);
    const refused = await fetch(new URL(junk.url, h.url), { method: 'POST', body: Buffer.alloc(5000, 1), headers: { Origin: origin(h) } });
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect(h.core.backups.folder.list().map((b) => b.kind).sort()).toEqual(['imported', 'manual']);
  });
});
