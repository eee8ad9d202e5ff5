// The route table: method + pattern (`/v3/groups/{id}`) + handler, matched on decoded segments
// of the raw path. The pattern doubles as the key the request statistics count by.
import type { BatchJobs } from '../batch/batch-jobs.js';
import type { OwnerRecord } from '../catalog.js';
import type { DomainDeps } from '../domain/deps.js';
import type { RenderContext } from '../render/v3-render.js';
import type { ApiFlavour, JsonResponse } from './responses.js';

/** Everything a handler gets. */
export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (undefined for octet-stream and multipart bodies). */
  body: unknown;
  rawBody: Buffer;
  contentType: string;
  deps: DomainDeps;
  batches: BatchJobs;
  render: RenderContext;
  /** The owner named by `name`, else by `?owner=`, else the user's organization (403 if unknown). */
  owner(name?: unknown): OwnerRecord;
  /** Absolute URL of this route's path with another query (pagination links). */
  linkTo(query: URLSearchParams): string;
}

/** A route handler. */
export type RouteHandler = (ctx: RouteContext) => JsonResponse;

/** One entry of the route table. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: string;
  api: ApiFlavour;
  handler: RouteHandler;
}

/** A table entry; the flavour follows from the pattern's first segment. */
export function route(method: Route['method'], pattern: string, handler: RouteHandler): Route {
  return { method, pattern, api: pattern.startsWith('/v2/') ? 'v2' : 'v3', handler };
}

/** A matched route and its decoded parameters. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.slice(1).split('/');
  if (parts.length !== segments.length) {
    return null;
  }
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string;
    if (part.startsWith('{')) {
      if (segment === '') {
        return null;
      }
      params[part.slice(1, -1)] = segment;
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

/** The first route whose method and pattern match, or null. */
export function matchRoute(routes: Route[], method: string, segments: string[]): RouteMatch | null {
  for (const candidate of routes) {
    if (candidate.method !== method) {
      continue;
    }
    const params = matchPattern(candidate.pattern, segments);
    if (params) {
      return { route: candidate, params };
    }
  }
  return null;
}
