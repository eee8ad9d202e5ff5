// Builds the handler context of one authenticated API request.
import type { IncomingMessage } from 'node:http';
import type { BatchJobs } from '../batch/batch-jobs.js';
import type { OwnerCatalog } from '../catalog.js';
import { isRecord } from '../domain/collections.js';
import type { EmulatorUser } from '../options.js';
import type { Store } from '../store/store.js';
import type { ExclusionList } from '../values/exclusion-list.js';
import type { RawTarget } from './raw-target.js';
import type { RouteContext } from './router.js';

/** Long-lived collaborators shared by every request. */
export interface ApiEnvironment {
  store: Store;
  batches: BatchJobs;
  catalog: OwnerCatalog;
  exclusions: ExclusionList;
}

/** tcex moves long GET parameters into a `{"data": {...}}` body; treat them as query values. */
function mergeBodyParams(query: URLSearchParams, body: unknown): void {
  if (!isRecord(body) || !isRecord(body.data)) {
    return;
  }
  for (const [key, value] of Object.entries(body.data)) {
    (Array.isArray(value) ? value : [value]).forEach(v => query.append(key, String(v)));
  }
}

/** The context handed to a route handler. */
export function createRouteContext(
  env: ApiEnvironment,
  req: IncomingMessage,
  target: RawTarget,
  details: {
    params: Record<string, string>;
    body: unknown;
    rawBody: Buffer;
    user: EmulatorUser;
    now: string;
  },
): RouteContext {
  const query = new URLSearchParams(target.query);
  if (req.method === 'GET') {
    mergeBodyParams(query, details.body);
  }
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  const { store, catalog, exclusions } = env;
  const deps = { store, catalog, exclusions, user: details.user, now: details.now };
  return {
    params: details.params,
    query,
    body: details.body,
    rawBody: details.rawBody,
    contentType: String(req.headers['content-type'] ?? ''),
    deps,
    batches: env.batches,
    render: { catalog: env.catalog, store: env.store, origin },
    owner: name =>
      env.catalog.resolve(details.user, typeof name === 'string' ? name : query.get('owner')),
    linkTo: next => `${origin}${target.rawPath}?${next.toString()}`,
  };
}
