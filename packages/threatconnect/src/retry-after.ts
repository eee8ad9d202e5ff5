/**
 * Parses a `Retry-After` header value (delta-seconds or an HTTP date) into milliseconds from
 * `nowMs`; null when absent or unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') {
    return null;
  }
  const trimmed = String(text).trim();
  if (trimmed === '') {
    return null;
  }
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  // An HTTP date always names a weekday/month; this keeps Date.parse from reading '-5' as a year.
  const at = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) {
    return null;
  }
  return Math.max(0, at - nowMs);
}
