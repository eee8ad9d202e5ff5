import { readCount, readRecord, readString } from './read-value.js';
import type { FileDigest } from './types.js';
import type { WarningLog } from './warning-log.js';

const HASH_LENGTHS = { md5: 32, sha1: 40, sha256: 64, sha512: 128 } as const;

function readHash(
  record: Record<string, unknown>,
  key: keyof typeof HASH_LENGTHS,
  path: string,
  log: WarningLog,
): string | null {
  const text = readString(record[key], `${path}.${key}`, log);
  if (text === null) {
    return null;
  }
  const hash = text.trim().toLowerCase();
  if (hash.length !== HASH_LENGTHS[key] || !/^[0-9a-f]+$/.test(hash)) {
    log.add(
      `${path}.${key}`,
      `expected ${HASH_LENGTHS[key]} hex digits, got ${JSON.stringify(text.slice(0, 80))}`,
    );
    return null;
  }
  return hash;
}

// CAPE writes dropped file names as a list; the first entry is the name the file was written as.
function readName(value: unknown, path: string, log: WarningLog): string | null {
  if (Array.isArray(value)) {
    const first: unknown = value.find(item => typeof item === 'string' && item.trim() !== '');
    return typeof first === 'string' ? first : null;
  }
  return readString(value, path, log);
}

/** Reads a Cuckoo `File.get_all()` object (target.file, dropped[i]); hashes may be any subset. */
export function readFileDigest(value: unknown, path: string, log: WarningLog): FileDigest | null {
  const record = readRecord(value, path, log);
  if (record === null) {
    return null;
  }
  return {
    name: readName(record.name, `${path}.name`, log),
    size: readCount(record.size, `${path}.size`, log),
    md5: readHash(record, 'md5', path, log),
    sha1: readHash(record, 'sha1', path, log),
    sha256: readHash(record, 'sha256', path, log),
    sha512: readHash(record, 'sha512', path, log),
  };
}
