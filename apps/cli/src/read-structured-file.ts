import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './usage-error.js';

/** Reads a JSON or YAML file holding a mapping (for command-specific option files). */
export async function readStructuredFile(
  file: string,
  what: string,
): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    const text = await readFile(file, 'utf8');
    value = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${what} ${file} must hold a mapping of keys`);
  }
  return value as Record<string, unknown>;
}
