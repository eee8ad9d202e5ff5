import { describe, expect, it } from 'vitest';
import type { TqlSchema } from './tql-eval.js';
import { checkTql, matchesTql } from './tql-eval.js';
import { parseTql } from './tql-parser.js';

interface Row {
  id: number;
  name: string;
  tags: string[];
}
const TAG: TqlSchema<string> = { fields: { name: t => t } };
const ROW: TqlSchema<Row> = {
  fields: { id: r => r.id, summary: r => r.name },
  functions: { hastag: (r, inner) => r.tags.some(t => matchesTql(t, inner, TAG)) },
};
const rows: Row[] = [
  { id: 1, name: 'Alpha "one"', tags: ['red'] },
  { id: 2, name: 'Beta', tags: ['blue', 'red'] },
  { id: 3, name: 'Gamma', tags: [] },
];
const run = (tql: string) => {
  const expr = parseTql(tql);
  checkTql(expr, ROW, { hastag: TAG });
  return rows.filter(r => matchesTql(r, expr, ROW)).map(r => r.id);
};

describe('TQL', () => {
  it.each([
    ['id = 2', [2]],
    ['id EQ 2 OR id eq 3', [2, 3]],
    ['summary EQ "Alpha \\"one\\""', [1]],
    ['id IN (1, 3)', [1, 3]],
    ['id NOT IN (1, 3)', [2]],
    ['NOT id = 1 AND (summary STARTSWITH "g" OR id >= 2)', [2, 3]],
    ['summary CONTAINS "et"', [2]],
    ['id != 1 and id < 3', [2]],
    ['hasTag(name EQ "red") AND id GT 1', [2]],
    ['summary = "alpha"', []],
  ])('%s', (tql, ids) => {
    expect(run(tql)).toEqual(ids);
  });

  it.each([
    'id =',
    'id = "x',
    'id ~ 1',
    '(id = 1',
    'colour = "red"',
    'hasNothing(id = 1)',
    'id = 1 id = 2',
    'id IN 1',
  ])('refuses %s with a 400', tql => {
    expect(() => run(tql)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
