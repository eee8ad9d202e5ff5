// v3 collection GETs: TQL filter, resultStart/resultLimit, next/prev links and count=true.
import { badRequest } from '../http/api-error.js';
import type { JsonResponse } from '../http/responses.js';
import type { RouteContext } from '../http/router.js';
import type { TqlSchema } from '../tql/tql-eval.js';
import { checkTql, matchesTql } from '../tql/tql-eval.js';
import { parseTql } from '../tql/tql-parser.js';

const MAX_LIMIT = 10_000;

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return fallback;
  }
  if (!/^\d{1,9}$/.test(raw)) {
    throw badRequest(
      `The resultStart and resultLimit query parameters must be integers and the maximum value for resultLimit is ${MAX_LIMIT}`,
    );
  }
  return Number(raw);
}

/** Filters `records` with `?tql=` and answers one page of them. */
export function listPage<T>(
  ctx: RouteContext,
  records: T[],
  schema: TqlSchema<T>,
  inner: Record<string, TqlSchema<never>>,
  render: (record: T) => unknown,
): JsonResponse {
  const tql = ctx.query.get('tql');
  const expr = tql === null || tql.trim() === '' ? null : parseTql(tql);
  if (expr) {
    checkTql(expr, schema, inner);
  }
  const matched = expr ? records.filter(r => matchesTql(r, expr, schema)) : records;
  const start = intParam(ctx.query, 'resultStart', 0);
  const limit = intParam(ctx.query, 'resultLimit', 100);
  if (limit > MAX_LIMIT || limit === 0) {
    throw badRequest(`The resultLimit must be between 1 and ${MAX_LIMIT}`);
  }
  const body: Record<string, unknown> = {};
  if (ctx.query.get('count') === 'true' && start === 0) {
    body.count = matched.length;
  }
  body.data = matched.slice(start, start + limit).map(render);
  const link = (at: number): string => {
    const query = new URLSearchParams(ctx.query);
    query.set('resultStart', String(at));
    query.set('resultLimit', String(limit));
    return ctx.linkTo(query);
  };
  if (start + limit < matched.length) {
    body.next = link(start + limit);
  }
  if (start > 0) {
    body.prev = link(Math.max(0, start - limit));
  }
  body.status = 'Success';
  return { status: 200, body };
}
