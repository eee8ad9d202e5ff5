/**
 * Percent-encodes one path segment or query component (RFC 3986 unreserved characters kept).
 * Unlike encodeURIComponent it also encodes `!'()*`, because WHATWG URL parsing (which axios
 * runs before sending) would otherwise re-encode `'` in a query and the signature would not
 * match the bytes on the wire.
 */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A query parameter in wire order; `undefined` values are left out. */
export type QueryParam = readonly [name: string, value: string | number | boolean | undefined];

/** Serialises query parameters in the given order (`a=1&b=x%20y`), without a leading `?`. */
export function buildQueryString(params: readonly QueryParam[]): string {
  return params
    .filter((p): p is readonly [string, string | number | boolean] => p[1] !== undefined)
    .map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(String(value))}`)
    .join('&');
}

/** Joins an encoded path and parameters into the request-target suffix (`/v3/x?a=1`). */
export function withQuery(path: string, params: readonly QueryParam[]): string {
  const query = buildQueryString(params);
  return query === '' ? path : `${path}?${query}`;
}
