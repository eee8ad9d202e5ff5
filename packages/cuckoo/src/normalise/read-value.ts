import type { WarningLog } from './warning-log.js';

// Readers for untrusted JSON values. Absent and null both mean "not there" (Cuckoo writes null for
// missing fields); any other wrong type is a warning and the value is not used.

/** A JSON object as a record, or null. */
export function readRecord(
  value: unknown,
  path: string,
  log: WarningLog,
): Record<string, unknown> | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  log.expected(path, 'object', value);
  return null;
}

/** A JSON array, or an empty one. */
export function readList(value: unknown, path: string, log: WarningLog): readonly unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (Array.isArray(value)) {
    return value;
  }
  log.expected(path, 'array', value);
  return [];
}

/** A string, or null (empty strings count as missing when `emptyIsMissing`). */
export function readString(
  value: unknown,
  path: string,
  log: WarningLog,
  emptyIsMissing = true,
): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    log.expected(path, 'string', value);
    return null;
  }
  return emptyIsMissing && value.trim() === '' ? null : value;
}

/** True when a value is absent, null or blank text (reported once, by the caller, as "missing"). */
export function isMissing(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

/** A finite number, or null. */
export function readNumber(value: unknown, path: string, log: WarningLog): number | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  log.expected(path, 'number', value);
  return null;
}

/** A port number (0-65535), or null; numeric strings are accepted because some forks write them. */
export function readPort(value: unknown, path: string, log: WarningLog): number | null {
  if (value === undefined || value === null || value === '') {
    return null;
  }
  const port = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : value;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 0 && port <= 65_535) {
    return port;
  }
  log.expected(path, 'port number', value);
  return null;
}

/** A non-negative integer (sizes), or null. */
export function readCount(value: unknown, path: string, log: WarningLog): number | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return value;
  }
  log.expected(path, 'non-negative integer', value);
  return null;
}
