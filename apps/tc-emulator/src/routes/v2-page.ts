// v2 lists: resultStart/resultLimit, and resultCount only on the first page.
import { badRequest } from '../http/api-error.js';
import type { JsonResponse } from '../http/responses.js';
import { v2Success } from '../http/responses.js';
import type { RouteContext } from '../http/router.js';

function intParam(ctx: RouteContext, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') {
    return fallback;
  }
  if (!/^\d{1,9}$/.test(raw) || (name === 'resultLimit' && Number(raw) > 10_000)) {
    throw badRequest(
      'The resultStart and resultLimit query parameters must be integers and the maximum value for resultLimit is 10000',
    );
  }
  return Number(raw);
}

/** One page of `records` under the entity key `key`. */
export function v2Page<T>(
  ctx: RouteContext,
  key: string,
  records: T[],
  render: (r: T) => unknown,
): JsonResponse {
  const start = intParam(ctx, 'resultStart', 0);
  const limit = intParam(ctx, 'resultLimit', 100);
  const data: Record<string, unknown> = {};
  if (start === 0) {
    data.resultCount = records.length;
  }
  data[key] = records.slice(start, start + limit).map(render);
  return v2Success(200, data);
}
