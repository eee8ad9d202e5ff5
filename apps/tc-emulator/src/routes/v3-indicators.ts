// /v3/indicators: upsert by value per owner, read and update by id or summary, list by TQL.
import { identifyIndicator, indicatorType } from '../domain/indicator-identity.js';
import { planIndicatorWrite } from '../domain/indicator-writes.js';
import { v3Success } from '../http/responses.js';
import type { Route, RouteContext } from '../http/router.js';
import { route } from '../http/router.js';
import { parseFields, renderIndicatorV3 } from '../render/v3-render.js';
import type { IndicatorRecord } from '../store/records.js';
import type { TqlSchema } from '../tql/tql-eval.js';
import { findIndicator } from './indicator-lookup.js';
import { requireObjectBody } from './request-body.js';
import { listPage } from './v3-list.js';

const INDICATOR_TQL: TqlSchema<IndicatorRecord> = {
  fields: {
    id: i => i.id,
    typename: i => i.type,
    summary: i => i.summary,
    ownername: i => i.ownerName,
    rating: i => i.rating,
    confidence: i => i.confidence,
  },
};

function createIndicator(ctx: RouteContext) {
  const body = requireObjectBody(ctx);
  const owner = ctx.owner(body.ownerName);
  const fields = parseFields(ctx.query, 'indicator');
  const identity = identifyIndicator(ctx.deps, owner, indicatorType(body.type), body);
  const { record, created } = planIndicatorWrite(ctx.deps, owner, identity, body).apply();
  ctx.deps.store.changed();
  const data = renderIndicatorV3(record, fields, ctx.render);
  return created ? v3Success(201, data, 'Created') : v3Success(200, data, 'Updated');
}

function updateIndicator(ctx: RouteContext) {
  const body = requireObjectBody(ctx);
  const fields = parseFields(ctx.query, 'indicator');
  const record = findIndicator(ctx, ctx.params.id as string);
  const owner = ctx.deps.catalog.resolve(ctx.deps.user, record.ownerName);
  const identity = { type: record.type, summary: record.summary, hashes: {}, existing: record };
  planIndicatorWrite(ctx.deps, owner, identity, body).apply();
  ctx.deps.store.changed();
  return v3Success(200, renderIndicatorV3(record, fields, ctx.render), 'Updated');
}

function getIndicator(ctx: RouteContext) {
  const fields = parseFields(ctx.query, 'indicator');
  const record = findIndicator(ctx, ctx.params.id as string);
  return v3Success(200, renderIndicatorV3(record, fields, ctx.render));
}

function listIndicators(ctx: RouteContext) {
  const fields = parseFields(ctx.query, 'indicator');
  const owners = ctx.query.get('owner')
    ? [ctx.owner()]
    : ctx.deps.catalog.accessible(ctx.deps.user);
  const names = owners.map(o => o.name);
  const records = ctx.deps.store.indicators().filter(i => names.includes(i.ownerName));
  return listPage(ctx, records, INDICATOR_TQL, {}, i => renderIndicatorV3(i, fields, ctx.render));
}

/** The /v3/indicators routes. */
export const v3IndicatorRoutes: Route[] = [
  route('POST', '/v3/indicators', createIndicator),
  route('GET', '/v3/indicators', listIndicators),
  route('GET', '/v3/indicators/{id}', getIndicator),
  route('PUT', '/v3/indicators/{id}', updateIndicator),
];
