import type convict from 'convict';
import { schema } from './schema.js';

/** One configurable key of the schema, flattened. */
export interface SchemaLeaf {
  path: string;
  env?: string;
  arg?: string;
  sensitive: boolean;
  default: unknown;
  doc: string;
}

function isLeaf(node: unknown): node is convict.SchemaObj {
  return typeof node === 'object' && node !== null && 'default' in node;
}

function collect(node: Record<string, unknown>, prefix: string, out: SchemaLeaf[]): SchemaLeaf[] {
  for (const [key, child] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isLeaf(child)) {
      out.push({
        path,
        sensitive: child.sensitive === true,
        default: child.default,
        doc: child.doc ?? '',
        ...(child.env ? { env: child.env } : {}),
        ...(child.arg ? { arg: child.arg } : {}),
      });
    } else {
      collect(child as Record<string, unknown>, path, out);
    }
  }
  return out;
}

/** Every key of the schema with its environment variable, argument and sensitivity. */
export const schemaLeaves: readonly SchemaLeaf[] = collect(
  schema as Record<string, unknown>,
  '',
  [],
);

/** The leaf for a dotted path, if the schema has one. */
export function findLeaf(path: string): SchemaLeaf | undefined {
  return schemaLeaves.find(leaf => leaf.path === path);
}
