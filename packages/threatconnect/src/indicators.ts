import { isThreatConnectError } from './error-guards.js';
import { matchesAny } from './error-matchers.js';
import { isNotFound, namedList, ownerQuery, type TcOpsContext } from './ops-context.js';
import { readIndicator, type TcIndicator } from './tc-models.js';
import type { TcIndicatorInput } from './tc-inputs.js';
import { encodeComponent } from './url-encoding.js';

/** An upserted indicator; `existingFile` says a conflicting File was reused (BUG-19). */
export type TcUpsertedIndicator = TcIndicator & { existingFile: boolean };

function valueFields(input: TcIndicatorInput): Record<string, unknown> {
  switch (input.type) {
    case 'Address':
      return { ip: input.ip };
    case 'Host':
      return { hostName: input.hostName };
    case 'URL':
      return { text: input.text };
    case 'File':
      return {
        ...(input.md5 ? { md5: input.md5 } : {}),
        ...(input.sha1 ? { sha1: input.sha1 } : {}),
        ...(input.sha256 ? { sha256: input.sha256 } : {}),
        ...(input.size === undefined ? {} : { size: input.size }),
        ...(input.fileOccurrences?.length
          ? { fileOccurrences: { data: input.fileOccurrences } }
          : {}),
      };
  }
}

function indicatorBody(input: TcIndicatorInput): Record<string, unknown> {
  const groups = input.associatedGroupIds ?? [];
  return {
    type: input.type,
    ...valueFields(input),
    ...(input.rating === undefined ? {} : { rating: input.rating }),
    ...(input.confidence === undefined ? {} : { confidence: input.confidence }),
    ...(input.tags?.length ? { tags: namedList(input.tags) } : {}),
    ...(groups.length > 0 ? { associatedGroups: { data: groups.map(id => ({ id })) } } : {}),
  };
}

/** Fetches an indicator by id or summary (encoded exactly once into the path); null when absent. */
export async function getIndicator(
  ctx: TcOpsContext,
  idOrSummary: number | string,
): Promise<TcIndicator | null> {
  try {
    const reply = await ctx.transport.send({
      method: 'GET',
      path: `/v3/indicators/${encodeComponent(String(idOrSummary))}`,
      route: '/v3/indicators/{idOrSummary}',
      query: ownerQuery(ctx),
      owner: ctx.owner,
    });
    return readIndicator(reply.data, reply.context);
  } catch (err) {
    if (isNotFound(err)) {
      return null;
    }
    throw err;
  }
}

/** BUG-19: a hash already belongs to another File; find that File by each hash, strongest first. */
async function findConflictingFile(
  ctx: TcOpsContext,
  input: TcIndicatorInput,
): Promise<TcIndicator | null> {
  if (input.type !== 'File') {
    return null;
  }
  for (const hash of [input.sha256, input.sha1, input.md5]) {
    const found = hash ? await getIndicator(ctx, hash) : null;
    if (found) {
      return found;
    }
  }
  return null;
}

/** The failed create did not associate; do it on the File we reuse instead. */
async function associateExisting(
  ctx: TcOpsContext,
  id: number,
  groupIds: readonly number[],
): Promise<void> {
  if (groupIds.length === 0) {
    return;
  }
  await ctx.transport.send({
    method: 'PUT',
    path: `/v3/indicators/${id}`,
    route: '/v3/indicators/{id}',
    query: ownerQuery(ctx),
    body: { associatedGroups: { data: groupIds.map(g => ({ id: g })), mode: 'append' } },
    owner: ctx.owner,
  });
}

/**
 * Creates or updates an indicator (`POST /v3/indicators`; a duplicate create updates). A File
 * whose hash already exists on another File resolves to that File instead of failing.
 */
export async function upsertIndicator(
  ctx: TcOpsContext,
  input: TcIndicatorInput,
): Promise<TcUpsertedIndicator> {
  try {
    const reply = await ctx.transport.send({
      method: 'POST',
      path: '/v3/indicators',
      route: '/v3/indicators',
      query: ownerQuery(ctx),
      body: indicatorBody(input),
      owner: ctx.owner,
    });
    return { ...readIndicator(reply.data, reply.context), existingFile: false };
  } catch (err) {
    const conflict =
      input.type === 'File' &&
      isThreatConnectError(err) &&
      err.status !== null &&
      err.status >= 400 &&
      err.status < 500 &&
      matchesAny(err.tcMessage, ctx.matchers.fileHashExists);
    const existing = conflict ? await findConflictingFile(ctx, input) : null;
    if (!existing) {
      throw err;
    }
    await associateExisting(ctx, existing.id, input.associatedGroupIds ?? []);
    return { ...existing, existingFile: true };
  }
}
