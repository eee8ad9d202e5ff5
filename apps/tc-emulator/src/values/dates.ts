// Dates in and out: the server answers UTC `YYYY-MM-DDTHH:MM:SSZ` whatever form came in.

const DATE_INPUT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch milliseconds as `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') {
    return 0;
  }
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

/**
 * An ISO-8601 date or date-time (offset optional; none means UTC) as UTC, or null when it
 * is not a real calendar date.
 */
export function parseDateInput(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const m = DATE_INPUT.exec(value.trim());
  if (!m) {
    return null;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(part => Number(part ?? 0));
  const local = Date.UTC(
    year ?? 0,
    (month ?? 1) - 1,
    day ?? 1,
    hour ?? 0,
    minute ?? 0,
    second ?? 0,
  );
  const check = new Date(local);
  if (check.getUTCMonth() !== (month ?? 1) - 1 || check.getUTCDate() !== day || (hour ?? 0) > 23) {
    return null;
  }
  return formatUtc(local - offsetMinutes(m[7]) * 60_000);
}
