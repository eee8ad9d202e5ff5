import type { WarningLog } from './warning-log.js';

/** Reads `info.id`: a positive integer (digit strings accepted), or null with a warning. */
export function readAnalysisId(value: unknown, path: string, log: WarningLog): number | null {
  if (value === undefined || value === null) {
    return null;
  }
  const id = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) {
    return id;
  }
  log.expected(path, 'positive integer', value);
  return null;
}
