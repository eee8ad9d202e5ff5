import type { AppConfig } from './app-config.js';
import { flatten, unflatten } from './flat-values.js';
import { schemaLeaves } from './schema-leaves.js';

/** What a set secret is shown as; unset secrets stay null so the operator sees they are missing. */
export const MASK = '********';

/** Hides a password inside a URL (e.g. redis://:secret@host) and keeps the rest readable. */
export function maskUrlPassword(url: string): string {
  if (!URL.canParse(url)) {
    return url;
  }
  const parsed = new URL(url);
  if (parsed.password === '') {
    return url;
  }
  parsed.password = MASK;
  return parsed.toString();
}

/** A copy of the configuration that is safe to print or log. */
export function maskSecrets(config: AppConfig): Record<string, unknown> {
  const values = flatten(config as unknown as Record<string, unknown>);
  for (const leaf of schemaLeaves) {
    const value = values.get(leaf.path);
    if (leaf.sensitive && value !== null && value !== undefined) {
      values.set(leaf.path, MASK);
    } else if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      values.set(leaf.path, maskUrlPassword(value));
    }
  }
  return unflatten(values);
}
