// The API request pipeline: route match, latency, faults, authentication, rate limit, handler.
// Every answer goes through errorResponse()/sendJson(); every request is counted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FaultAction } from '../faults/fault-decision.js';
import { decideFault, loseResponse } from '../faults/fault-decision.js';
import type { RateLimiter } from '../faults/rate-limiter.js';
import type { RuntimeConfig } from '../faults/runtime-config.js';
import type { EmulatorClock, EmulatorUser } from '../options.js';
import type { RequestStats } from '../request-stats.js';
import { formatUtc } from '../values/dates.js';
import type { ApiEnvironment } from './api-context.js';
import { createRouteContext } from './api-context.js';
import { NOT_FOUND_MESSAGE, isApiError } from './api-error.js';
import { authenticate } from './auth.js';
import type { RawTarget } from './raw-target.js';
import { pathSegments } from './raw-target.js';
import { isJsonContent, parseJsonBody, readBody } from './read-body.js';
import type { ApiFlavour, JsonResponse } from './responses.js';
import { errorResponse, sendJson } from './responses.js';
import type { Route, RouteMatch } from './router.js';
import { matchRoute } from './router.js';

/** What the pipeline needs. */
export interface ApiServerOptions extends ApiEnvironment {
  prefix: string;
  routes: Route[];
  users: EmulatorUser[];
  clock: EmulatorClock;
  random: () => number;
  toleranceSeconds: number;
  runtime: () => RuntimeConfig;
  setRuntime(next: RuntimeConfig): void;
  limiter: RateLimiter;
  stats: RequestStats;
  /** Requests left unanswered on purpose; destroyed on close. */
  hanging: Set<ServerResponse>;
}

function retryAfterHeader(format: string, waitMs: number, nowMs: number): Record<string, string> {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (format === 'none') {
    return {};
  }
  const value =
    format === 'http-date' ? new Date(nowMs + seconds * 1000).toUTCString() : String(seconds);
  return { 'Retry-After': value };
}

function faultResponse(flavour: ApiFlavour, action: Extract<FaultAction, { kind: 'fail' }>) {
  const headers: Record<string, string> =
    action.retryAfter === null ? {} : { 'Retry-After': String(action.retryAfter) };
  return errorResponse(flavour, action.status, STATUS_CODES[action.status] ?? 'Error', { headers });
}

async function runHandler(
  o: ApiServerOptions,
  req: IncomingMessage,
  target: RawTarget,
  match: RouteMatch,
  user: EmulatorUser,
): Promise<JsonResponse> {
  try {
    const rawBody = await readBody(req);
    const body = isJsonContent(req.headers['content-type']) ? parseJsonBody(rawBody) : undefined;
    const now = formatUtc(o.clock.now());
    const details = { params: match.params, body, rawBody, user, now };
    const ctx = createRouteContext(o, req, target, details);
    return match.route.handler(ctx);
  } catch (error) {
    if (isApiError(error)) {
      const { errCode, headers } = error;
      return errorResponse(match.route.api, error.status, error.message, { errCode, headers });
    }
    return errorResponse(match.route.api, 500, 'An unknown error occurred');
  }
}

/** The 429 for a user over the rate limit, or null when the request may go on. */
function throttle(
  o: ApiServerOptions,
  user: EmulatorUser,
  flavour: ApiFlavour,
): JsonResponse | null {
  const { requestsPerSecond, burst, retryAfter } = o.runtime().rateLimit;
  if (requestsPerSecond === null) {
    return null;
  }
  const wait = o.limiter.take(user.accessId, performance.now(), requestsPerSecond, burst);
  if (wait === 0) {
    return null;
  }
  const headers = retryAfterHeader(retryAfter, wait, o.clock.now());
  return errorResponse(flavour, 429, 'Too Many Requests', { headers });
}

async function answer(
  o: ApiServerOptions,
  req: IncomingMessage,
  target: RawTarget,
  match: RouteMatch | null,
  flavour: ApiFlavour,
): Promise<JsonResponse> {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const auth = authenticate(
    {
      method: req.method ?? 'GET',
      rawTarget: target.raw,
      authorization: header('authorization'),
      timestamp: header('timestamp'),
    },
    o.users,
    o.clock.now(),
    o.toleranceSeconds,
  );
  if (!auth.ok) {
    return errorResponse('auth', 401, auth.message);
  }
  const refused = throttle(o, auth.user, flavour);
  if (refused) {
    return refused;
  }
  if (!match) {
    return errorResponse(flavour, 404, NOT_FOUND_MESSAGE);
  }
  return runHandler(o, req, target, match, auth.user);
}

/** Handles one request below the API prefix. */
export async function handleApiRequest(
  o: ApiServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  target: RawTarget,
): Promise<void> {
  const method = req.method ?? 'GET';
  const segments = pathSegments(target.rawPath, o.prefix);
  const match = segments ? matchRoute(o.routes, method, segments) : null;
  const routeKey = match ? `${method} ${match.route.pattern}` : `${method} (unmatched)`;
  const flavour = match?.route.api ?? (segments?.[0] === 'v2' ? 'v2' : 'v3');
  const { faults } = o.runtime();
  const applies = faults.routes === null || faults.routes.includes(routeKey);
  if (faults.latencyMs > 0 && applies) {
    await new Promise(resolve => setTimeout(resolve, faults.latencyMs));
  }
  const action = decideFault(faults, routeKey, o.random);
  if (action.kind === 'drop') {
    o.stats.record(routeKey, 'dropped');
    req.socket.destroy();
    return;
  }
  if (action.kind === 'hang') {
    o.stats.record(routeKey, 'timeout');
    o.hanging.add(res);
    res.on('close', () => o.hanging.delete(res));
    return;
  }
  const response =
    action.kind === 'fail'
      ? faultResponse(flavour, action)
      : await answer(o, req, target, match, flavour);
  if (action.kind === 'none' && response.status < 500 && loseResponse(faults, routeKey, o.random)) {
    o.stats.record(routeKey, 'lost');
    req.socket.destroy();
    return;
  }
  o.stats.record(routeKey, response.status);
  sendJson(res, response);
}
