import type { TcOpsContext } from './ops-context.js';
import { ownerQuery } from './ops-context.js';
import {
  readAttributeType,
  readList,
  readNamed,
  readOwner,
  type TcAttributeType,
  type TcOwner,
  type TcSecurityLabel,
} from './tc-models.js';
import type { TcReply } from './transport-types.js';
import type { QueryParam } from './url-encoding.js';

const pageSize = 1000;

/** Reads every page of a v3 list (resultStart/resultLimit; stops at a short page or no `next`). */
async function listAll<T>(
  ctx: TcOpsContext,
  path: string,
  query: (start: number) => QueryParam[],
  read: (item: Record<string, unknown>, reply: TcReply) => T,
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; ; start += pageSize) {
    const reply = await ctx.transport.send({
      method: 'GET',
      path,
      route: path,
      query: query(start),
      owner: ctx.owner,
    });
    const page = readList(reply.data, path, reply.context);
    out.push(...page.map(item => read(item, reply)));
    if (page.length < pageSize || reply.next === null) {
      return out;
    }
  }
}

function paging(start: number): QueryParam[] {
  return [
    ['resultStart', start],
    ['resultLimit', pageSize],
  ];
}

/** Lists the attribute types visible to the owner (for preflight checks). */
export function listAttributeTypes(ctx: TcOpsContext): Promise<TcAttributeType[]> {
  return listAll(
    ctx,
    '/v3/attributeTypes',
    s => ownerQuery(ctx, ...paging(s)),
    (o, r) => readAttributeType(o, r.context),
  );
}

/** Lists the security labels visible to the owner. */
export function listSecurityLabels(ctx: TcOpsContext): Promise<TcSecurityLabel[]> {
  return listAll(
    ctx,
    '/v3/securityLabels',
    s => ownerQuery(ctx, ...paging(s)),
    (o, r) => readNamed(o, 'label', r.context),
  );
}

/**
 * Lists the owners the API user can see. Sent without `?owner=` on purpose: it is how
 * `doctor` finds out whether the configured owner exists at all.
 */
export function listOwners(ctx: TcOpsContext): Promise<TcOwner[]> {
  return listAll(ctx, '/v3/security/owners', paging, (o, r) => readOwner(o, r.context));
}
