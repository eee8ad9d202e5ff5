import express, { type Express, type Request } from 'express';
import { Queue, type ConnectionOptions } from 'bullmq';
import { DEFAULT_PREFIX, QUEUE_NAMES } from '@cuckoo-tc/queues';
import { createMetrics, type Logger, type Metrics } from '@cuckoo-tc/telemetry';
import { createAuthMiddleware } from './auth-middleware.js';
import { createBoard } from './board.js';
import {
  checkCredentials,
  type CheckedCredentials,
  type DashboardCredentials,
} from './credentials.js';
import { createCsrfProtection } from './csrf-middleware.js';
import { checkHealth, collectQueueDepths } from './health.js';
import { createLoginRoutes } from './login-routes.js';
import { createRetryRoutes } from './retry-routes.js';
import { securityHeaders } from './security-headers.js';
import { createSigner } from './signer.js';

/** Options of {@link createDashboard}. */
export interface DashboardOptions {
  /** Open queues to show (the caller closes them). Without them, `connection` is required. */
  queues?: readonly Queue[];
  /** Redis connection for queues the dashboard opens (and closes) itself. */
  connection?: ConnectionOptions;
  /** BullMQ prefix of the queues it opens. @defaultValue `cuckoo-tc` */
  prefix?: string;
  /** Names of the queues it opens. @defaultValue every catalog queue */
  queueNames?: readonly string[];
  credentials?: DashboardCredentials;
  /** Mount path. @defaultValue `/` */
  basePath?: string;
  /** Origins besides the request's own host allowed to send writes (reverse proxies). */
  allowedOrigins?: readonly string[];
  /** Login session lifetime. @defaultValue 12 hours */
  sessionTtlSeconds?: number;
  /** Served at `/metrics`; by default a fresh registry with process metrics and queue depths. */
  metrics?: Metrics;
  logger?: Logger;
  title?: string;
}

/** A dashboard app, not yet listening. */
export interface Dashboard {
  app: Express;
  /** The validated credentials in force. */
  credentials: CheckedCredentials;
  /** Closes the queues the dashboard opened itself. */
  close(): Promise<void>;
}

const SESSION_COOKIE = 'cuckoo_tc_session';

function normaliseBasePath(path = '/'): string {
  const withLead = path.startsWith('/') ? path : `/${path}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

function openQueues(options: DashboardOptions): { queues: readonly Queue[]; owned: boolean } {
  if (options.queues !== undefined) {
    return { queues: options.queues, owned: false };
  }
  if (options.connection === undefined) {
    throw new TypeError('createDashboard: pass either queues or connection');
  }
  const names = options.queueNames ?? Object.values(QUEUE_NAMES);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const connection = options.connection;
  return { queues: names.map(name => new Queue(name, { connection, prefix })), owned: true };
}

function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * Builds the dashboard: security headers, `/healthz` (open), the login form, then behind
 * authentication and CSRF checks `/metrics` and Bull Board over the queues with retries that
 * reset attempts.
 */
export function createDashboard(options: DashboardOptions): Dashboard {
  const credentials = checkCredentials(options.credentials);
  const { queues, owned } = openQueues(options);
  const basePath = normaliseBasePath(options.basePath);
  const log = options.logger;
  const signer = createSigner();
  const metrics =
    options.metrics ??
    createMetrics({
      defaultLabels: { role: 'dashboard' },
      collectQueueDepths: () => collectQueueDepths(queues),
    });
  const refused = (req: Request, reason: string): void =>
    log?.warn(
      { ip: clientIp(req), method: req.method, path: req.path, reason },
      'dashboard: request refused',
    );
  const csrf = createCsrfProtection({
    signer,
    path: basePath,
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    onRefused: refused,
  });
  const inner = express.Router();
  inner.get('/healthz', async (_req, res) => {
    const report = await checkHealth({
      queues,
      onError: error => log?.warn({ err: error }, 'dashboard: redis health check failed'),
    });
    res.status(report.ok ? 200 : 503).json(report);
  });
  inner.use(
    createLoginRoutes({
      credentials,
      signer,
      csrf,
      sessionCookie: SESSION_COOKIE,
      sessionTtlSeconds: options.sessionTtlSeconds ?? 12 * 3600,
      basePath,
      onLogin: (req, ok) =>
        ok
          ? log?.info({ ip: clientIp(req) }, 'dashboard: login')
          : log?.warn({ ip: clientIp(req) }, 'dashboard: login refused'),
    }),
  );
  inner.use(
    createAuthMiddleware({
      credentials,
      signer,
      sessionCookie: SESSION_COOKIE,
      loginPath: `${basePath}login`,
      onRefused: refused,
    }),
    csrf.issue,
    csrf.protect,
  );
  inner.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  inner.use(createRetryRoutes(queues));
  inner.use(createBoard({ queues, basePath, ...(options.title ? { title: options.title } : {}) }));

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(basePath, inner);
  return {
    app,
    credentials,
    close: async () => {
      if (owned) {
        await Promise.all(queues.map(queue => queue.close()));
      }
    },
  };
}
