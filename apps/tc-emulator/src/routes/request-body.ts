// The JSON object a write route requires.
import { ApiError, MALFORMED_MESSAGE } from '../http/api-error.js';
import type { RouteContext } from '../http/router.js';
import { isRecord } from '../domain/collections.js';

/** The request body as an object, else a 400. */
export function requireObjectBody(ctx: RouteContext): Record<string, unknown> {
  if (!isRecord(ctx.body)) {
    throw new ApiError(400, MALFORMED_MESSAGE);
  }
  return ctx.body;
}
