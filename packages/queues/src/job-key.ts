/** A job's Redis key split into its queue and id. */
export interface JobKeyParts {
  queue: string;
  id: string;
}

/**
 * Splits a BullMQ job key `<prefix>:<queue>:<id>` (how flows name parents and children). The
 * prefix may itself contain ':' (a `{hash-tag}` or a namespaced prefix); queue names and job ids
 * never do. Returns null for a key under another prefix or without a queue part.
 */
export function parseJobKey(key: string, prefix: string): JobKeyParts | null {
  if (!key.startsWith(`${prefix}:`)) {
    return null;
  }
  const rest = key.slice(prefix.length + 1);
  const colon = rest.lastIndexOf(':');
  if (colon <= 0 || colon === rest.length - 1) {
    return null;
  }
  const queue = rest.slice(0, colon);
  return queue.includes(':') ? null : { queue, id: rest.slice(colon + 1) };
}
