import { readFileDigest } from './file-digest.js';
import { readList, readNumber, readRecord, readString } from './read-value.js';
import type { FileDigest, SignatureSummary } from './types.js';
import type { WarningLog } from './warning-log.js';

/** Reads `signatures` as name/severity/description summaries. */
export function readSignatures(value: unknown, log: WarningLog): SignatureSummary[] {
  const out: SignatureSummary[] = [];
  readList(value, 'signatures', log).forEach((item, i) => {
    const path = `signatures[${i}]`;
    const record = readRecord(item, path, log);
    const name = record === null ? null : readString(record.name, `${path}.name`, log);
    if (record === null || name === null) {
      return;
    }
    out.push({
      name,
      severity: readNumber(record.severity, `${path}.severity`, log),
      description: readString(record.description, `${path}.description`, log),
    });
  });
  return out;
}

/** Reads `malfamily` (CAPE/cuckoo-modified detection name). */
export function readMalfamily(value: unknown, log: WarningLog): string | null {
  return readString(value, 'malfamily', log)?.trim() ?? null;
}

/** Reads `dropped` files (CAPE names may be lists). */
export function readDropped(value: unknown, log: WarningLog): FileDigest[] {
  const out: FileDigest[] = [];
  readList(value, 'dropped', log).forEach((item, i) => {
    const digest = readFileDigest(item, `dropped[${i}]`, log);
    if (digest !== null) {
      out.push(digest);
    }
  });
  return out;
}
