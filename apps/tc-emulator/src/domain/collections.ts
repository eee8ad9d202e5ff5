// Nested v3 collections: `{"data": [...], "mode": "append|replace|delete"}`.
import { badRequest } from '../http/api-error.js';

/** How a nested collection changes the stored one. */
export type CollectionMode = 'append' | 'replace' | 'delete';

/** A parsed nested collection. */
export interface Collection {
  data: Record<string, unknown>[];
  mode: CollectionMode;
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The collection in `body[field]`, null when absent; a malformed one is a 400. */
export function parseCollection(body: Record<string, unknown>, field: string): Collection | null {
  const value = body[field];
  if (value === undefined || value === null) {
    return null;
  }
  if (!isRecord(value) || !Array.isArray(value.data) || !value.data.every(isRecord)) {
    throw badRequest(`The ${field} field must be an object with a data array of objects`);
  }
  const mode = value.mode ?? 'append';
  if (mode !== 'append' && mode !== 'replace' && mode !== 'delete') {
    throw badRequest(
      `The mode for ${field} is invalid, please enter one of: append, replace, delete`,
    );
  }
  return { data: value.data, mode };
}

/** Applies a collection of plain names (labels, tags) to the stored list. */
export function applyNames(current: string[], names: string[], mode: CollectionMode): string[] {
  if (mode === 'replace') {
    return [...new Set(names)];
  }
  if (mode === 'delete') {
    return current.filter(name => !names.includes(name));
  }
  return [...new Set([...current, ...names])];
}

/** A positive integer id from a nested `{id}`, else a 400. */
export function requireId(item: Record<string, unknown>, field: string): number {
  const id = item.id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) {
    return id;
  }
  if (typeof id === 'string' && /^\d{1,15}$/.test(id)) {
    return Number(id);
  }
  throw badRequest(`Every item of ${field} needs a numeric id`);
}
