// Node (tests). The client PC's two files on a real temp folder: site-client.json (the credential sealed by the
// secret store, never in clear; unusable when copied to a PC with another key; replaced whole) and the queue of DIs
// (kept across restarts, in order, rejected ones set aside, a damaged file moved aside rather than overwritten).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../tests/support/test-core';
import { createFileKeySecretStore } from '../../email/file-key-secret-store';
import { createMemoryLogger } from '../../kernel/platform/logger';
import { clientConfigFile, readClientConfig, writeClientConfig, type SiteClientConfig } from './client-config';
import { OFFLINE_QUEUE_FILE_NAME, OFFLINE_QUEUE_MAX_BYTES, OFFLINE_QUEUE_MAX_ITEMS, OfflineQueue } from './offline-queue';

const FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const CONFIG: SiteClientConfig = {
  serverUrl: 'https://atelier-srv:8443',
  fingerprint: FINGERPRINT,
  certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  workstationId: 12,
  workstationName: 'Bureau maintenance',
  credential: '12.TrèsSecret_42',
};

let dir: string;
beforeEach(() => {
  dir = makeTempDir('gmao-client-files-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('site-client.json', () => {
  it('round-trips with the credential sealed, never in clear, and leaves no temporary file', () => {
    const store = createFileKeySecretStore(dir);
    expect(readClientConfig(dir, store)).toEqual({ status: 'not-enrolled' });
    writeClientConfig(dir, CONFIG, store);
    const text = fs.readFileSync(clientConfigFile(dir), 'utf8');
    expect(text).not.toContain('TrèsSecret');
    expect(JSON.parse(text)).toMatchObject({ version: 1, sealedWith: 'file-key', workstationId: 12, fingerprint: FINGERPRINT });
    expect(readClientConfig(dir, store)).toEqual({ status: 'enrolled', config: CONFIG });
    writeClientConfig(dir, { ...CONFIG, workstationName: 'Presse 3' }, store);
    expect(readClientConfig(dir, store)).toMatchObject({ status: 'enrolled', config: { workstationName: 'Presse 3' } });
    expect(fs.readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('is unusable elsewhere (another secret key) or when damaged, and says why', () => {
    writeClientConfig(dir, CONFIG, createFileKeySecretStore(dir));
    const elsewhere = makeTempDir('gmao-client-other-');
    try {
      fs.copyFileSync(clientConfigFile(dir), clientConfigFile(elsewhere));
      const read = readClientConfig(elsewhere, createFileKeySecretStore(elsewhere));
      expect(read.status).toBe('unusable');
      expect(read.status === 'unusable' && read.reason).toContain('file-key');
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
    fs.writeFileSync(clientConfigFile(dir), '{ "version": 1, "serverUrl": ');
    expect(readClientConfig(dir, createFileKeySecretStore(dir)).status).toBe('unusable');
    fs.writeFileSync(clientConfigFile(dir), JSON.stringify({ version: 2 }));
    expect(readClientConfig(dir, createFileKeySecretStore(dir)).status).toBe('unusable');
  });
});

describe('the queue of DIs', () => {
  const item = (n: number) => ({ clientKey: `key-${n}`, input: { equipmentCode: 'PR-003', symptom: `DI ${n}`, machineStopped: false, clientKey: `key-${n}` }, queuedAt: n });

  it('keeps DIs across restarts, oldest first; removes on ack; sets rejected ones aside', () => {
    const logger = createMemoryLogger();
    const queue = OfflineQueue.open(dir, logger);
    queue.add(item(1));
    queue.add(item(2));
    queue.add(item(1));
    queue.add(item(3));
    const reopened = OfflineQueue.open(dir, logger);
    expect(reopened.list().map((i) => i.clientKey)).toEqual(['key-1', 'key-2', 'key-3']);
    reopened.remove('key-1');
    reopened.reject('key-2', { code: 'EQUIPMENT_NOT_FOUND', message: 'No equipment' }, 99);
    const again = OfflineQueue.open(dir, logger);
    expect(again.list().map((i) => i.clientKey)).toEqual(['key-3']);
    expect(again.rejected()).toEqual([{ ...item(2), rejectedAt: 99, error: { code: 'EQUIPMENT_NOT_FOUND', message: 'No equipment' } }]);
    expect(logger.lines).toEqual([]);
  });

  it('is bounded by count and by size (photos included)', () => {
    const queue = OfflineQueue.open(dir, createMemoryLogger());
    for (let n = 0; n < OFFLINE_QUEUE_MAX_ITEMS; n++) {
      expect(queue.canAccept(item(n).input)).toBe(true);
      queue.add(item(n));
    }
    expect(queue.canAccept(item(999).input)).toBe(false);
    queue.remove('key-0');
    expect(queue.canAccept(item(999).input)).toBe(true);
    const photo = (size: number) => ({ ...item(1000).input, photo: { fileName: 'p.jpg', dataBase64: 'A'.repeat(size) } });
    expect(queue.canAccept(photo(OFFLINE_QUEUE_MAX_BYTES / 2))).toBe(true);
    expect(queue.canAccept(photo(OFFLINE_QUEUE_MAX_BYTES))).toBe(false);
  });

  it('moves a damaged file aside (kept for IT, logged) and starts empty', () => {
    fs.writeFileSync(path.join(dir, OFFLINE_QUEUE_FILE_NAME), '{"version":1,"items":[{"clientKey":');
    const logger = createMemoryLogger();
    const queue = OfflineQueue.open(dir, logger);
    expect(queue.size).toBe(0);
    const aside = fs.readdirSync(dir).filter((name) => name.startsWith(`${OFFLINE_QUEUE_FILE_NAME}.damaged-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]), 'utf8')).toContain('"clientKey":');
    expect(logger.lines.join('\n')).toContain('damaged');
    queue.add(item(1));
    expect(OfflineQueue.open(dir, logger).size).toBe(1);
  });
});
