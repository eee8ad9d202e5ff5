// v2 owners, security labels and attribute types.
import { v2Success } from '../http/responses.js';
import type { Route, RouteContext } from '../http/router.js';
import { route } from '../http/router.js';

const ownerView = (o: { id: number; name: string; type: string }) => ({
  id: o.id,
  name: o.name,
  type: o.type,
});

function owners(ctx: RouteContext) {
  const list = ctx.deps.catalog.accessible(ctx.deps.user).map(ownerView);
  return v2Success(200, { resultCount: list.length, owner: list });
}

function mine(ctx: RouteContext) {
  return v2Success(200, { owner: ownerView(ctx.deps.catalog.resolve(ctx.deps.user, null)) });
}

function securityLabels(ctx: RouteContext) {
  const owner = ctx.owner();
  const list = owner.securityLabels.map(l => ({
    name: l.name,
    description: l.description ?? '',
    color: l.color ?? '000000',
  }));
  return v2Success(200, { resultCount: list.length, securityLabel: list });
}

function attributeTypes(ctx: RouteContext) {
  const list = ctx.owner().attributeTypes.map(t => ({
    name: t.name,
    description: t.description ?? '',
    maxLength: t.maxSize,
    errorMessage: t.errorMessage ?? `Please enter a valid ${t.name}`,
  }));
  return v2Success(200, { resultCount: list.length, attributeType: list });
}

/** The v2 metadata routes. */
export const v2MetaRoutes: Route[] = [
  route('GET', '/v2/owners', owners),
  route('GET', '/v2/owners/mine', mine),
  route('GET', '/v2/securityLabels', securityLabels),
  route('GET', '/v2/types/attributeTypes', attributeTypes),
];
