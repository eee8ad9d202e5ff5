// /v3/groups: create (xid unique, attributes and labels inline), read by id or xid, list by
// TQL, update with associatedIndicators modes.
import { planGroupCreate, planGroupUpdate } from '../domain/group-writes.js';
import { notFound } from '../http/api-error.js';
import { v3Success } from '../http/responses.js';
import type { Route, RouteContext } from '../http/router.js';
import { route } from '../http/router.js';
import { parseFields, renderGroupV3 } from '../render/v3-render.js';
import type { AttributeRecord, GroupRecord } from '../store/records.js';
import type { TqlSchema } from '../tql/tql-eval.js';
import { matchesTql } from '../tql/tql-eval.js';
import { requireObjectBody } from './request-body.js';
import { listPage } from './v3-list.js';

const ATTRIBUTE_TQL: TqlSchema<AttributeRecord> = {
  fields: {
    typename: a => a.type,
    text: a => a.value,
    id: a => a.id,
    default: a => String(a.default),
  },
};

const GROUP_TQL: TqlSchema<GroupRecord> = {
  fields: {
    id: g => g.id,
    typename: g => g.type,
    summary: g => g.name,
    name: g => g.name,
    ownername: g => g.ownerName,
    xid: g => g.xid,
    status: g => g.status,
    eventdate: g => g.eventDate,
  },
  functions: {
    hasattribute: (g, inner) => g.attributes.some(a => matchesTql(a, inner, ATTRIBUTE_TQL)),
  },
};

/** A group by numeric id, else by xid within the owner; 404 when the caller cannot see it. */
export function findGroup(ctx: RouteContext, idOrXid: string): GroupRecord {
  const { store, catalog, user } = ctx.deps;
  const byId = /^\d{1,15}$/.test(idOrXid) ? store.group(Number(idOrXid)) : undefined;
  const group = byId ?? store.groupByXid(idOrXid);
  const explicitOwner = ctx.query.get('owner');
  const visible = group && catalog.accessible(user).some(o => o.name === group.ownerName);
  // An xid is looked up in one owner: the named one or the caller's organization.
  const scope = byId ? explicitOwner : ctx.owner().name;
  if (!group || !visible || (scope && group.ownerName !== scope)) {
    throw notFound();
  }
  return group;
}

function createGroup(ctx: RouteContext) {
  const body = requireObjectBody(ctx);
  const owner = ctx.owner(body.ownerName);
  const fields = parseFields(ctx.query, 'group');
  const group = planGroupCreate(ctx.deps, owner, body).apply();
  ctx.deps.store.changed();
  return v3Success(201, renderGroupV3(group, fields, ctx.render), 'Created');
}

function updateGroup(ctx: RouteContext) {
  const body = requireObjectBody(ctx);
  const fields = parseFields(ctx.query, 'group');
  const group = findGroup(ctx, ctx.params.id as string);
  planGroupUpdate(ctx.deps, group, body).apply();
  ctx.deps.store.changed();
  return v3Success(200, renderGroupV3(group, fields, ctx.render), 'Updated');
}

function getGroup(ctx: RouteContext) {
  const fields = parseFields(ctx.query, 'group');
  return v3Success(200, renderGroupV3(findGroup(ctx, ctx.params.id as string), fields, ctx.render));
}

function listGroups(ctx: RouteContext) {
  const fields = parseFields(ctx.query, 'group');
  const owners = ctx.query.get('owner')
    ? [ctx.owner()]
    : ctx.deps.catalog.accessible(ctx.deps.user);
  const names = owners.map(o => o.name);
  const groups = ctx.deps.store.groups().filter(g => names.includes(g.ownerName));
  return listPage(ctx, groups, GROUP_TQL, { hasattribute: ATTRIBUTE_TQL }, g =>
    renderGroupV3(g, fields, ctx.render),
  );
}

/** The /v3/groups routes. */
export const v3GroupRoutes: Route[] = [
  route('POST', '/v3/groups', createGroup),
  route('GET', '/v3/groups', listGroups),
  route('GET', '/v3/groups/{id}', getGroup),
  route('PUT', '/v3/groups/{id}', updateGroup),
];
