// Node (dev and tests only, never packaged). What the harness does instead of Electron's save and open dialogs
// for "Exporter vers…" and "Importer une sauvegarde…": a browser has no file dialog main can drive, so the core
// hands out one-time addresses. A download address serves the backup's bytes (the browser saves them where
// the user says); an upload address takes a file's bytes and gives them to the core, which checks and keeps
// them. Addresses are unguessable, single-use and short-lived, and only an administrator's call creates one.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fail, ok } from '../../shared/contract';
import type { BackupInfo } from '../../shared/contract';
import type { BackupTransfers } from '../../electron/core/backups/backup-service';
import { AppError } from '../../electron/core/kernel/platform/app-error';

const DOWNLOAD_PREFIX = '/__harness/backup-download/';
const UPLOAD_PREFIX = '/__harness/backup-upload/';
const LIFETIME_MS = 5 * 60_000;
/** Far above any shop's database; stops a runaway upload from filling the disk. */
const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

export interface HarnessTransfers {
  transfers: BackupTransfers;
  /** Serves the request if it is one of ours; false lets the harness handle it. */
  handle(request: http.IncomingMessage, response: http.ServerResponse, origin: string): boolean;
}

export function createHarnessTransfers(): HarnessTransfers {
  const downloads = new Map<string, { file: string; fileName: string; expiresAt: number }>();
  const uploads = new Map<string, { receive: (tempFile: string) => Promise<BackupInfo>; expiresAt: number }>();

  const take = <T extends { expiresAt: number }>(map: Map<string, T>, token: string): T | null => {
    const entry = map.get(token);
    map.delete(token);
    return entry && entry.expiresAt > Date.now() ? entry : null;
  };

  return {
    transfers: {
      offerDownload(file, fileName) {
        const token = randomUUID();
        downloads.set(token, { file, fileName, expiresAt: Date.now() + LIFETIME_MS });
        return `${DOWNLOAD_PREFIX}${token}`;
      },
      offerUpload(receive) {
        const token = randomUUID();
        uploads.set(token, { receive, expiresAt: Date.now() + LIFETIME_MS });
        return `${UPLOAD_PREFIX}${token}`;
      },
    },

    handle(request, response, origin) {
      const url = new URL(request.url ?? '/', origin);
      if (request.method === 'GET' && url.pathname.startsWith(DOWNLOAD_PREFIX)) {
        const entry = take(downloads, url.pathname.slice(DOWNLOAD_PREFIX.length));
        if (!entry || !fs.existsSync(entry.file)) {
          response.writeHead(404).end('Gone');
          return true;
        }
        response.writeHead(200, {
          'Content-Type': 'application/vnd.sqlite3',
          'Content-Length': fs.statSync(entry.file).size,
          'Content-Disposition': `attachment; filename="${entry.fileName.replace(/[^\w.+-]/g, '_')}"`,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        // A read error (the file removed meanwhile) ends this download only; unheard, it would stop the harness.
        fs.createReadStream(entry.file)
          .on('error', () => response.destroy())
          .pipe(response);
        return true;
      }
      if (request.method === 'POST' && url.pathname.startsWith(UPLOAD_PREFIX)) {
        // Same-origin only, like the IPC bridge: another site can't push files into the backups folder.
        if (request.headers.origin !== undefined && request.headers.origin !== origin) {
          response.writeHead(403).end();
          return true;
        }
        const entry = take(uploads, url.pathname.slice(UPLOAD_PREFIX.length));
        if (!entry) {
          response.writeHead(404).end('Gone');
          return true;
        }
        void receiveUpload(request, entry.receive)
          .then((result) => {
            response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(result));
          })
          .catch(() => response.destroy());
        return true;
      }
      return false;
    },
  };
}

async function receiveUpload(request: http.IncomingMessage, receive: (tempFile: string) => Promise<BackupInfo>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmao-upload-'));
  const tempFile = path.join(dir, 'televersement.sqlite');
  try {
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) request.destroy(new Error('Upload too large'));
    });
    await pipeline(request, fs.createWriteStream(tempFile));
    return ok(await receive(tempFile));
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message, error.fields, error.details);
    return fail('INTERNAL_ERROR', 'Upload failed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
