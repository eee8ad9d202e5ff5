import express, { type Express, type Request, type Router } from 'express';
import { Queue, type ConnectionOptions } from 'bullmq';
import {
  DEFAULT_PREFIX,
  QUEUE_NAMES,
  type RequeueContext,
  type ScriptRedis,
} from '@cuckoo-tc/queues';
import { createMetrics, type Logger, type Metrics } from '@cuckoo-tc/telemetry';
import {
  createAttemptGuard,
  type AttemptGuard,
  type AttemptGuardOptions,
} from './attempt-guard.js';
import { createAuthMiddleware } from './auth-middleware.js';
import { createBoard } from './board.js';
import {
  checkCredentials,
  type CheckedCredentials,
  type DashboardCredentials,
} from './credentials.js';
import { createCsrfProtection, type CsrfProtection } from './csrf-middleware.js';
import { createErrorHandler } from './error-handler.js';
import { checkHealth, collectQueueDepths } from './health.js';
import { createLoginRoutes } from './login-routes.js';
import { requeueContextOf } from './retry-actions.js';
import { createRetryRoutes } from './retry-routes.js';
import { securityHeaders } from './security-headers.js';
import { createSigner, type Signer } from './signer.js';

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
  /**
   * Connection for the flow-aware retries' scripts; by default the queues' shared ioredis
   * instance. Without either, retries still reset attempts but leave flow parents alone.
   */
  redis?: ScriptRedis;
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
  /**
   * Express `trust proxy` for a TLS-terminating reverse proxy in front: client addresses (for
   * the lockout) come from X-Forwarded-For and cookies get `Secure`. @defaultValue false
   */
  trustProxy?: boolean | number | string;
  /** Lockout after wrong credentials. @defaultValue 10 failures per address per minute */
  failedLoginLimit?: Pick<AttemptGuardOptions, 'maxFailures' | 'windowSeconds'>;
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

interface Parts {
  credentials: CheckedCredentials;
  queues: readonly Queue[];
  basePath: string;
  signer: Signer;
  guard: AttemptGuard;
  csrf: CsrfProtection;
  metrics: Metrics;
  requeue: RequeueContext | undefined;
  log: Logger | undefined;
}

function refusedLogger(log: Logger | undefined) {
  return (req: Request, reason: string): void =>
    log?.warn(
      { ip: clientIp(req), method: req.method, path: req.path, reason },
      'dashboard: request refused',
    );
}

/** `/healthz` and the login form: reachable without credentials. */
function openRoutes(parts: Parts, sessionTtlSeconds: number): Router {
  const { log, queues } = parts;
  const router = express.Router();
  router.get('/healthz', async (_req, res) => {
    const onError = (error: unknown) => log?.warn({ err: error }, 'dashboard: health check failed');
    const report = await checkHealth({ queues, onError });
    res.status(report.ok ? 200 : 503).json(report);
  });
  router.use(
    createLoginRoutes({
      ...parts,
      sessionCookie: SESSION_COOKIE,
      sessionTtlSeconds,
      onLogin: (req, ok) =>
        ok
          ? log?.info({ ip: clientIp(req) }, 'dashboard: login')
          : log?.warn({ ip: clientIp(req) }, 'dashboard: login refused'),
    }),
  );
  return router;
}

/** Authentication and CSRF first, then `/metrics`, our retries and the board. */
function protectedRoutes(parts: Parts, title: string | undefined): Router {
  const { metrics, queues, basePath } = parts;
  const router = express.Router();
  router.use(
    createAuthMiddleware({
      ...parts,
      sessionCookie: SESSION_COOKIE,
      loginPath: `${basePath}login`,
      onRefused: refusedLogger(parts.log),
    }),
    parts.csrf.issue,
    parts.csrf.protect,
  );
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  router.use(createRetryRoutes(queues, parts.requeue));
  router.use(createBoard({ queues, basePath, ...(title !== undefined ? { title } : {}) }));
  return router;
}

function assemble(options: DashboardOptions, queues: readonly Queue[]): Parts {
  const basePath = normaliseBasePath(options.basePath);
  const signer = createSigner();
  const log = options.logger;
  return {
    credentials: checkCredentials(options.credentials),
    queues,
    basePath,
    signer,
    guard: createAttemptGuard(options.failedLoginLimit),
    csrf: createCsrfProtection({
      signer,
      path: basePath,
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
      onRefused: refusedLogger(log),
    }),
    metrics:
      options.metrics ??
      createMetrics({
        defaultLabels: { role: 'dashboard' },
        collectQueueDepths: () => collectQueueDepths(queues),
      }),
    requeue: requeueContextOf(queues, options.redis),
    log,
  };
}

/**
 * Builds the dashboard: security headers, `/healthz` (open), the login form, then behind
 * authentication and CSRF checks `/metrics` and Bull Board over the queues with retries that
 * reset attempts.
 */
export function createDashboard(options: DashboardOptions): Dashboard {
  checkCredentials(options.credentials);
  const { queues, owned } = openQueues(options);
  const parts = assemble(options, queues);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(securityHeaders);
  app.use(parts.basePath, openRoutes(parts, options.sessionTtlSeconds ?? 12 * 3600));
  app.use(parts.basePath, protectedRoutes(parts, options.title));
  app.use(createErrorHandler(parts.log));
  return {
    app,
    credentials: parts.credentials,
    close: async () => {
      if (owned) {
        await Promise.all(queues.map(queue => queue.close()));
      }
    },
  };
}
