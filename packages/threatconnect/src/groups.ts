import { isTcMissingMetadataError, isTcRequestError } from './error-guards.js';
import { TcMissingMetadataError } from './errors.js';
import { listAttributeTypes, listSecurityLabels } from './metadata.js';
import { isNotFound, namedList, ownerQuery, type TcOpsContext } from './ops-context.js';
import { readGroup, readList, type TcGroup } from './tc-models.js';
import type { CreateIncidentInput } from './tc-inputs.js';
import { encodeComponent } from './url-encoding.js';

/** `YYYY-MM-DDTHH:MM:SSZ`, the form ThreatConnect returns and tcex sends. */
export function formatEventDate(date: string | Date): string {
  return typeof date === 'string' ? date : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Fetches a group by its external id in the owner; null when there is none. ThreatConnect reads
 * an all-digit path segment as a group id, so xids must contain a non-digit (ours do).
 */
export async function getGroupByXid(ctx: TcOpsContext, xid: string): Promise<TcGroup | null> {
  try {
    const reply = await ctx.transport.send({
      method: 'GET',
      path: `/v3/groups/${encodeComponent(xid)}`,
      route: '/v3/groups/{xid}',
      query: ownerQuery(ctx),
      owner: ctx.owner,
    });
    return readGroup(reply.data, reply.context);
  } catch (err) {
    if (isNotFound(err)) {
      return null;
    }
    throw err;
  }
}

function incidentBody(input: CreateIncidentInput): Record<string, unknown> {
  const attributes = (input.attributes ?? []).map(a => ({
    type: a.type,
    value: a.value,
    ...(a.default === undefined ? {} : { default: a.default }),
    ...(a.securityLabels?.length ? { securityLabels: namedList(a.securityLabels) } : {}),
  }));
  return {
    type: 'Incident',
    name: input.name,
    eventDate: formatEventDate(input.eventDate),
    xid: input.xid,
    ...(input.status ? { status: input.status } : {}),
    ...(attributes.length > 0 ? { attributes: { data: attributes } } : {}),
    ...(input.securityLabels?.length ? { securityLabels: namedList(input.securityLabels) } : {}),
    ...(input.tags?.length ? { tags: namedList(input.tags) } : {}),
  };
}

/** Works out which names are missing when ThreatConnect did not say (one list call). */
async function explainMissing(
  ctx: TcOpsContext,
  err: TcMissingMetadataError,
  input: CreateIncidentInput,
): Promise<Error> {
  if (err.names.length > 0) {
    return err;
  }
  const attrs = input.attributes ?? [];
  const sent =
    err.kind === 'attribute-type'
      ? attrs.map(a => a.type)
      : [...attrs.flatMap(a => a.securityLabels ?? []), ...(input.securityLabels ?? [])];
  try {
    const known =
      err.kind === 'attribute-type' ? await listAttributeTypes(ctx) : await listSecurityLabels(ctx);
    const lower = new Set(known.map(k => k.name.toLowerCase()));
    const names = [...new Set(sent)].filter(n => !lower.has(n.toLowerCase()));
    return new TcMissingMetadataError(
      { kind: err.kind, names, owner: ctx.owner },
      { ...err, cause: err },
    );
  } catch {
    return err; // the original failure says enough; do not mask it with the lookup's
  }
}

/**
 * Creates an incident with its attributes, labels and tags in ONE call, so a missing attribute
 * type or label fails before anything exists (BUG-18). When the xid already exists (a racing
 * worker, a retried job) the existing incident is returned.
 */
export async function createIncident(
  ctx: TcOpsContext,
  input: CreateIncidentInput,
): Promise<TcGroup> {
  try {
    const reply = await ctx.transport.send({
      method: 'POST',
      path: '/v3/groups',
      route: '/v3/groups',
      query: ownerQuery(ctx),
      body: incidentBody(input),
      owner: ctx.owner,
    });
    return readGroup(reply.data, reply.context);
  } catch (err) {
    if (isTcMissingMetadataError(err)) {
      throw await explainMissing(ctx, err, input);
    }
    if (isTcRequestError(err) && (err.status === 400 || err.status === 409)) {
      const existing = await getGroupByXid(ctx, input.xid);
      if (existing) {
        return existing;
      }
    }
    throw err;
  }
}

/** Quotes a TQL string literal (backslash-escapes `\`, `"`, `'` and backtick). */
export function tqlString(value: string): string {
  return `"${value.replace(/[\\"'`]/g, c => `\\${c}`)}"`;
}

/** Finds an incident by its analysis-id attribute (TQL), for incidents made without an xid. */
export async function findIncidentByAttribute(
  ctx: TcOpsContext,
  type: string,
  value: string,
): Promise<TcGroup | null> {
  const tql = `typeName EQ "Incident" AND hasAttribute(typeName EQ ${tqlString(type)} AND text EQ ${tqlString(value)})`;
  const reply = await ctx.transport.send({
    method: 'GET',
    path: '/v3/groups',
    route: '/v3/groups?tql',
    query: ownerQuery(ctx, ['tql', tql], ['resultLimit', 1]),
    owner: ctx.owner,
  });
  const [first] = readList(reply.data, 'group', reply.context);
  return first ? readGroup(first, reply.context) : null;
}

/** Associates indicators with a group: one `PUT /v3/groups/{id}` (mode append) per chunk. */
export async function associateIndicators(
  ctx: TcOpsContext,
  groupId: number,
  indicatorIds: readonly number[],
  chunkSize = 100,
): Promise<{ calls: number }> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  let calls = 0;
  for (let i = 0; i < indicatorIds.length; i += chunkSize) {
    const data = indicatorIds.slice(i, i + chunkSize).map(id => ({ id }));
    await ctx.transport.send({
      method: 'PUT',
      path: `/v3/groups/${encodeComponent(String(groupId))}`,
      route: '/v3/groups/{id}',
      query: ownerQuery(ctx),
      body: { associatedIndicators: { data, mode: 'append' } },
      owner: ctx.owner,
    });
    calls++;
  }
  return { calls };
}
