// v2 incidents as the old reporting module calls them: create, read, list by name filter,
// attributes, attribute and group security labels, association with an indicator.
import { buildAttribute, requireLabel } from '../domain/attributes.js';
import { applyNames } from '../domain/collections.js';
import { planGroupCreate } from '../domain/group-writes.js';
import { badRequest, notFound } from '../http/api-error.js';
import { v2Success } from '../http/responses.js';
import type { Route, RouteContext } from '../http/router.js';
import { route } from '../http/router.js';
import { renderAttributeV2, renderIncidentV2 } from '../render/v2-render.js';
import { requireObjectBody } from './request-body.js';
import { findIncident, findIndicatorV2 } from './v2-lookup.js';
import { v2Page } from './v2-page.js';

const additional = (ctx: RouteContext) => ctx.query.get('includeAdditional') === 'true';

function createIncident(ctx: RouteContext) {
  const body = requireObjectBody(ctx);
  if (body.eventDate === undefined || body.eventDate === null) {
    throw badRequest('The eventDate for this Incident is invalid, an eventDate is required');
  }
  const owner = ctx.owner();
  const { name, eventDate, status, xid } = body;
  const group = planGroupCreate(ctx.deps, owner, {
    type: 'Incident',
    name,
    eventDate,
    status,
    xid,
  }).apply();
  ctx.deps.store.changed();
  return v2Success(201, { incident: renderIncidentV2(group, ctx.render, additional(ctx)) });
}

function getIncident(ctx: RouteContext) {
  const group = findIncident(ctx, ctx.params.id);
  return v2Success(200, { incident: renderIncidentV2(group, ctx.render, additional(ctx)) });
}

function nameFilter(filters: string | null): (name: string) => boolean {
  if (filters === null || filters === '') {
    return () => true;
  }
  const match = /^name([=^])(.*)$/.exec(filters);
  if (!match) {
    throw badRequest('The filters parameter supports name= and name^ only');
  }
  const [, op, value = ''] = match;
  return name => (op === '=' ? name === value : name.startsWith(value));
}

function listIncidents(ctx: RouteContext) {
  const accept = nameFilter(ctx.query.get('filters'));
  const owner = ctx.owner().name;
  const groups = ctx.deps.store
    .groups()
    .filter(g => g.type === 'Incident' && g.ownerName === owner && accept(g.name));
  return v2Page(ctx, 'incident', groups, g => renderIncidentV2(g, ctx.render, additional(ctx)));
}

function addAttribute(ctx: RouteContext) {
  const group = findIncident(ctx, ctx.params.id);
  const owner = ctx.deps.catalog.resolve(ctx.deps.user, group.ownerName);
  const attribute = buildAttribute(owner, ctx.deps.store, requireObjectBody(ctx), ctx.deps.now);
  group.attributes.push(attribute);
  ctx.deps.store.changed();
  return v2Success(201, { attribute: renderAttributeV2(attribute) });
}

function listAttributes(ctx: RouteContext) {
  const group = findIncident(ctx, ctx.params.id);
  return v2Page(ctx, 'attribute', group.attributes, renderAttributeV2);
}

function labelAttribute(ctx: RouteContext) {
  const group = findIncident(ctx, ctx.params.id);
  const attribute = group.attributes.find(a => String(a.id) === ctx.params.attributeId);
  if (!attribute) {
    throw notFound();
  }
  const owner = ctx.deps.catalog.resolve(ctx.deps.user, group.ownerName);
  const label = requireLabel(owner, ctx.params.label as string);
  attribute.securityLabels = applyNames(attribute.securityLabels, [label], 'append');
  ctx.deps.store.changed();
  return v2Success(201);
}

function labelIncident(ctx: RouteContext) {
  const group = findIncident(ctx, ctx.params.id);
  const owner = ctx.deps.catalog.resolve(ctx.deps.user, group.ownerName);
  group.securityLabels = applyNames(
    group.securityLabels,
    [requireLabel(owner, ctx.params.label as string)],
    'append',
  );
  ctx.deps.store.changed();
  return v2Success(201);
}

function associateIndicator(ctx: RouteContext) {
  const group = findIncident(ctx, ctx.params.id);
  const indicator = findIndicatorV2(ctx, ctx.params.type as string, ctx.params.value as string);
  ctx.deps.store.associate(group, indicator);
  ctx.deps.store.changed();
  return v2Success(201);
}

/** The v2 incident routes. */
export const v2GroupRoutes: Route[] = [
  route('POST', '/v2/groups/incidents', createIncident),
  route('GET', '/v2/groups/incidents', listIncidents),
  route('GET', '/v2/groups/incidents/{id}', getIncident),
  route('POST', '/v2/groups/incidents/{id}/attributes', addAttribute),
  route('GET', '/v2/groups/incidents/{id}/attributes', listAttributes),
  route(
    'POST',
    '/v2/groups/incidents/{id}/attributes/{attributeId}/securityLabels/{label}',
    labelAttribute,
  ),
  route('POST', '/v2/groups/incidents/{id}/securityLabels/{label}', labelIncident),
  route('POST', '/v2/groups/incidents/{id}/indicators/{type}/{value}', associateIndicator),
];
