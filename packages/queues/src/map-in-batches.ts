/**
 * Maps `items` with at most `size` calls in flight, keeping the input order in the result.
 * Concurrent ioredis calls share round trips, which is what makes bulk operator work fast.
 */
export async function mapInBatches<T, R>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  const step = Math.max(1, Math.floor(size));
  for (let i = 0; i < items.length; i += step) {
    out.push(...(await Promise.all(items.slice(i, i + step).map(fn))));
  }
  return out;
}
