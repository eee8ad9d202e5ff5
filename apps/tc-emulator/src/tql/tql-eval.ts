// Evaluates parsed TQL against records through a per-resource field table.
import type { TqlExpr, TqlOperator, TqlValue } from './tql-parser.js';
import { tqlError } from './tql-parser.js';

/** Field getters and has*(...) functions of one resource (names lower-case). */
export interface TqlSchema<T> {
  fields: Record<string, (record: T) => string | number | null>;
  functions?: Record<string, (record: T, inner: TqlExpr) => boolean>;
}

function same(a: string | number, b: string | number): boolean {
  return typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : a === b;
}

function compare(actual: string | number | null, op: TqlOperator, value: TqlValue): boolean {
  if (Array.isArray(value)) {
    const found = actual !== null && value.some(v => same(actual, v));
    return op === 'IN' ? found : !found;
  }
  if (actual === null) {
    return op === 'NE';
  }
  const [a, v] = [String(actual), String(value)];
  switch (op) {
    case 'EQ':
      return same(actual, value);
    case 'NE':
      return !same(actual, value);
    case 'GT':
      return Number(actual) > Number(value);
    case 'LT':
      return Number(actual) < Number(value);
    case 'GEQ':
      return Number(actual) >= Number(value);
    case 'LEQ':
      return Number(actual) <= Number(value);
    case 'CONTAINS':
      return a.toLowerCase().includes(v.toLowerCase());
    case 'STARTSWITH':
      return a.toLowerCase().startsWith(v.toLowerCase());
    case 'ENDSWITH':
      return a.toLowerCase().endsWith(v.toLowerCase());
    default:
      throw tqlError(`operator ${op} needs a list`);
  }
}

/** Checks every field and function name once, so an unknown one fails even on no data. */
export function checkTql<T>(
  expr: TqlExpr,
  schema: TqlSchema<T>,
  inner: Record<string, TqlSchema<never>> = {},
): void {
  switch (expr.kind) {
    case 'and':
    case 'or':
      return expr.items.forEach(item => checkTql(item, schema, inner));
    case 'not':
      return checkTql(expr.item, schema, inner);
    case 'fn': {
      const nested = inner[expr.name];
      if (!schema.functions?.[expr.name] || !nested) {
        throw tqlError(`unknown function ${expr.name}`);
      }
      return checkTql(expr.inner, nested);
    }
    case 'cmp':
      if (!schema.fields[expr.field]) {
        throw tqlError(`unknown field ${expr.field}`);
      }
  }
}

/** True when `record` matches `expr`. */
export function matchesTql<T>(record: T, expr: TqlExpr, schema: TqlSchema<T>): boolean {
  switch (expr.kind) {
    case 'and':
      return expr.items.every(item => matchesTql(record, item, schema));
    case 'or':
      return expr.items.some(item => matchesTql(record, item, schema));
    case 'not':
      return !matchesTql(record, expr.item, schema);
    case 'fn':
      return schema.functions?.[expr.name]?.(record, expr.inner) ?? false;
    case 'cmp': {
      const getter = schema.fields[expr.field];
      if (!getter) {
        throw tqlError(`unknown field ${expr.field}`);
      }
      return compare(getter(record), expr.op, expr.value);
    }
  }
}
