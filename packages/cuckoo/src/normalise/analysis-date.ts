import type { WarningLog } from './warning-log.js';

// Cuckoo writes naive local wall-clock times: 1.2 and CAPE as "YYYY-MM-DD HH:MM:SS" strings, 2.0.x
// as an epoch float computed with timegm() from that same naive local time. Both are therefore wall
// clock readings in the sandbox host's zone, which only the operator knows (configurable, UTC by
// default), and both get the same zone interpretation here.

const NAIVE_DATE =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
// Sanity window for analysis dates: 2000-01-01 .. 2100-01-01 (UTC).
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const LATEST_MS = Date.UTC(2100, 0, 1);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name this runtime knows (e.g. `UTC`, `Europe/Berlin`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 0,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** Converts a wall-clock reading (expressed as if it were UTC) in `timeZone` to real UTC ms. */
export function wallClockToUtc(wallMs: number, timeZone: string): number {
  if (timeZone === 'UTC') {
    return wallMs;
  }
  const firstGuess = wallMs - zoneOffsetMs(wallMs, timeZone);
  return wallMs - zoneOffsetMs(firstGuess, timeZone);
}

/** Formats UTC ms as `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatUtcSeconds(utcMs: number): string {
  return new Date(Math.floor(utcMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function offsetMs(suffix: string): number {
  if (suffix === 'Z') {
    return 0;
  }
  const digits = suffix.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return (suffix.startsWith('-') ? -1 : 1) * minutes * 60_000;
}

function parseDateString(text: string, timeZone: string): number | null {
  const m = NAIVE_DATE.exec(text.trim());
  if (m === null) {
    return null;
  }
  const [, y, mo, d, h, mi, s, zone] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(wall);
  if (check.getUTCDate() !== Number(d) || check.getUTCHours() !== Number(h)) {
    return null;
  }
  return zone === undefined ? wallClockToUtc(wall, timeZone) : wall - offsetMs(zone);
}

/**
 * Reads `info.started`/`info.ended`: a naive date string or an epoch float, read as wall-clock time
 * in `timeZone`. Returns the UTC instant as `YYYY-MM-DDTHH:MM:SSZ`, or null with a warning.
 */
export function readAnalysisDate(
  value: unknown,
  path: string,
  timeZone: string,
  log: WarningLog,
): string | null {
  if (value === undefined || value === null || value === 'none' || value === '') {
    return null;
  }
  let utcMs: number | null;
  if (typeof value === 'number' && Number.isFinite(value)) {
    utcMs = wallClockToUtc(Math.floor(value) * 1000, timeZone);
  } else if (typeof value === 'string') {
    utcMs = parseDateString(value, timeZone);
  } else {
    log.expected(path, '"YYYY-MM-DD HH:MM:SS" or epoch seconds', value);
    return null;
  }
  if (utcMs === null || utcMs < EARLIEST_MS || utcMs >= LATEST_MS) {
    log.add(path, `unreadable date ${JSON.stringify(value)}`);
    return null;
  }
  return formatUtcSeconds(utcMs);
}
