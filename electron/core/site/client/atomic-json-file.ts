// Pure (Node). The client PC's two small files (its enrolment and its queue of DIs) are replaced whole: written to a
// temporary file beside them, flushed to disk, then renamed over the old one. A crash or a power cut mid-write leaves
// the old file or the new one, never half of each.
import fs from 'node:fs';
import path from 'node:path';

export function writeJsonAtomically(file: string, value: unknown, mode = 0o600): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w', mode);
  try {
    fs.writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/** The file's JSON, or null when there is no file. A file that is not JSON throws (the caller decides). */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as unknown;
}
