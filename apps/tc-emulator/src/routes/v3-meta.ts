// Read-only v3 metadata: attribute types, security labels and owners.
import { v3Success } from '../http/responses.js';
import type { Route, RouteContext } from '../http/router.js';
import { route } from '../http/router.js';

function attributeTypes(ctx: RouteContext) {
  const owner = ctx.owner();
  const data = owner.attributeTypes.map(t => ({
    id: t.id,
    name: t.name,
    description: t.description ?? '',
    maxSize: t.maxSize,
    allowMarkdown: t.allowMarkdown ?? false,
    errorMessage: t.errorMessage ?? `Please enter a valid ${t.name}`,
  }));
  return v3Success(200, data);
}

function securityLabels(ctx: RouteContext) {
  const owner = ctx.owner();
  const data = owner.securityLabels.map((l, index) => ({
    id: index + 1,
    name: l.name,
    description: l.description ?? '',
    color: l.color ?? '000000',
    owner: owner.name,
  }));
  return v3Success(200, data);
}

function owners(ctx: RouteContext) {
  const data = ctx.deps.catalog.accessible(ctx.deps.user).map(o => ({
    id: o.id,
    name: o.name,
    type: o.type,
    permTitle: 'Organization Administrator',
  }));
  return v3Success(200, data);
}

/** The metadata routes. */
export const v3MetaRoutes: Route[] = [
  route('GET', '/v3/attributeTypes', attributeTypes),
  route('GET', '/v3/securityLabels', securityLabels),
  route('GET', '/v3/security/owners', owners),
];
