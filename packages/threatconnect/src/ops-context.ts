import { isTcRequestError } from './error-guards.js';
import type { TcErrorMatchers } from './error-matchers.js';
import type { TcTransport } from './transport.js';
import type { QueryParam } from './url-encoding.js';

/** What every operation needs: the transport, the owner name and the message matchers. */
export interface TcOpsContext {
  transport: TcTransport;
  owner: string;
  matchers: TcErrorMatchers;
}

/** The `?owner=` parameter every data call sends, followed by `extra`. */
export function ownerQuery(ctx: TcOpsContext, ...extra: QueryParam[]): QueryParam[] {
  return [['owner', ctx.owner], ...extra];
}

/** True for a 404 refusal (the thing looked up does not exist). */
export function isNotFound(err: unknown): boolean {
  return isTcRequestError(err) && err.status === 404;
}

/** `{data: [{name}]}` for a list of names (labels, tags). */
export function namedList(
  names: readonly string[] | undefined,
): { data: Array<{ name: string }> } | undefined {
  return names && names.length > 0 ? { data: names.map(name => ({ name })) } : undefined;
}
