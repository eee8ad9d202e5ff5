// Splits the raw request-target. The path is split on '/' BEFORE decoding so that an encoded
// '/' inside an indicator value stays inside its segment; segments are percent-decoded only
// ('+' stays '+'), while the query is decoded the form way ('+' and %20 are spaces).

/** The request-target as received, and its parts. */
export interface RawTarget {
  /** Exactly what the client sent (what the HMAC signature covers). */
  raw: string;
  rawPath: string;
  query: URLSearchParams;
}

/** Splits `req.url` into path and form-decoded query. */
export function parseRawTarget(raw: string): RawTarget {
  const mark = raw.indexOf('?');
  const rawPath = mark < 0 ? raw : raw.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? '' : raw.slice(mark + 1));
  return { raw, rawPath, query };
}

/** Path segments below `prefix`, each percent-decoded; null when outside it or badly encoded. */
export function pathSegments(rawPath: string, prefix: string): string[] | null {
  if (!rawPath.startsWith(`${prefix}/`)) {
    return null;
  }
  const parts = rawPath.slice(prefix.length + 1).split('/');
  try {
    return parts.map(part => decodeURIComponent(part));
  } catch {
    return null;
  }
}
