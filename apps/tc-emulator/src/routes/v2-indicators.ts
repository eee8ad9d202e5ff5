// v2 indicators as the old reporting module calls them: create per type (existing values are
// returned), read by value, file occurrences, association with an incident.
import { identifyIndicator } from '../domain/indicator-identity.js';
import { planIndicatorWrite } from '../domain/indicator-writes.js';
import { badRequest } from '../http/api-error.js';
import { v2Success } from '../http/responses.js';
import type { Route, RouteContext } from '../http/router.js';
import { route } from '../http/router.js';
import { renderIndicatorV2, renderOccurrenceV2 } from '../render/v2-render.js';
import { requireObjectBody } from './request-body.js';
import { findIncident, findIndicatorV2, v2Type } from './v2-lookup.js';

function createIndicator(ctx: RouteContext) {
  const { type, key } = v2Type(ctx.params.type);
  const body = requireObjectBody(ctx);
  const owner = ctx.owner();
  const fields = { rating: body.rating, confidence: body.confidence, size: body.size };
  const identity = identifyIndicator(ctx.deps, owner, type, body);
  const { record, created } = planIndicatorWrite(ctx.deps, owner, identity, fields).apply();
  ctx.deps.store.changed();
  return v2Success(created ? 201 : 200, { [key]: renderIndicatorV2(record, ctx.render) });
}

function getIndicator(ctx: RouteContext) {
  const record = findIndicatorV2(ctx, ctx.params.type as string, ctx.params.value as string);
  return v2Success(200, { [v2Type(ctx.params.type).key]: renderIndicatorV2(record, ctx.render) });
}

function addOccurrence(ctx: RouteContext) {
  const record = findIndicatorV2(ctx, 'files', ctx.params.hash as string);
  const body = requireObjectBody(ctx);
  const before = new Set(record.fileOccurrences.map(o => o.id));
  const owner = ctx.deps.catalog.resolve(ctx.deps.user, record.ownerName);
  const identity = { type: record.type, summary: record.summary, hashes: {}, existing: record };
  const { fileName, path, date } = body;
  planIndicatorWrite(ctx.deps, owner, identity, {
    fileOccurrences: { data: [{ fileName, path, date }] },
  }).apply();
  ctx.deps.store.changed();
  const added =
    record.fileOccurrences.find(o => !before.has(o.id)) ?? record.fileOccurrences.at(-1);
  if (!added) {
    throw badRequest('A File Occurrence needs a fileName, a path or a date');
  }
  return v2Success(201, { fileOccurrence: renderOccurrenceV2(added) });
}

function associateGroup(ctx: RouteContext) {
  const indicator = findIndicatorV2(ctx, ctx.params.type as string, ctx.params.value as string);
  const group = findIncident(ctx, ctx.params.id);
  ctx.deps.store.associate(group, indicator);
  ctx.deps.store.changed();
  return v2Success(201);
}

/** The v2 indicator routes. */
export const v2IndicatorRoutes: Route[] = [
  route('POST', '/v2/indicators/files/{hash}/fileOccurrences', addOccurrence),
  route('POST', '/v2/indicators/{type}', createIndicator),
  route('GET', '/v2/indicators/{type}/{value}', getIndicator),
  route('POST', '/v2/indicators/{type}/{value}/groups/incidents/{id}', associateGroup),
];
