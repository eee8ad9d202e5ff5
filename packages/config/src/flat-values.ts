/** Values keyed by dotted path, e.g. `{ 'redis.url': 'redis://…' }`. */
export type FlatValues = Map<string, unknown>;

/** Flattens a nested object into dotted paths; arrays and null are values, not branches. */
export function flatten(
  value: Record<string, unknown>,
  prefix = '',
  out: FlatValues = new Map(),
): FlatValues {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
      flatten(child as Record<string, unknown>, path, out);
    } else {
      out.set(path, child);
    }
  }
  return out;
}

/** Builds the nested object back from dotted paths. */
export function unflatten(values: FlatValues): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of values) {
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1] as string] = value;
  }
  return root;
}
