import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isEnqueueInputError, ProducerError } from './errors.js';
import type { ProducerLogger } from './logger.js';
import type { EnqueueOutcome } from './parse-enqueuer.js';

/** Options of {@link PushServer}. */
export interface PushServerOptions {
  /** @defaultValue 127.0.0.1 */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Shared token; required unless the server listens on loopback only. */
  token: string | null;
  /** Enqueues the analysis of a notified task. */
  onTask: (taskId: number) => Promise<EnqueueOutcome>;
  /** True when the queue's Redis answers. */
  isHealthy: () => Promise<boolean>;
  logger: ProducerLogger;
}

const MAX_BODY_BYTES = 64 * 1024;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/**
 * Source (c): an HTTP endpoint for Cuckoo 2's `notification` reporting module (form field
 * `task_id`) and CAPE's `callback` module (JSON `{"task_id": N}`). Any POST path is accepted, so
 * the module's URL can be anything; the token comes as `Authorization: Bearer`, an
 * `X-Cuckoo-Tc-Token` header or a `token` query parameter (the modules only let you set a URL).
 */
export class PushServer {
  private server: Server | undefined;

  constructor(private readonly options: PushServerOptions) {
    const host = options.host ?? '127.0.0.1';
    if (options.token === null && !isLoopback(host)) {
      throw new ProducerError(
        `push endpoint on ${host} needs producer.push.token (or listen on 127.0.0.1)`,
      );
    }
  }

  /** Listens; resolves with the base URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  /** Stops listening and closes idle connections. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) {
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://push');
    try {
      if (url.pathname === '/healthz') {
        const healthy = await this.options.isHealthy().catch(() => false);
        return send(res, healthy ? 200 : 503, { status: healthy ? 'ok' : 'redis-unavailable' });
      }
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return send(res, 405, { error: 'use POST with task_id' });
      }
      this.authenticate(req, url);
      const taskId = parseTaskId(req.headers['content-type'] ?? '', await readBody(req));
      const outcome = await this.options.onTask(taskId);
      return send(res, 202, { status: outcome.status, taskId, jobId: outcome.jobId });
    } catch (err) {
      if (err instanceof HttpProblem) {
        return send(res, err.status, { error: err.message });
      }
      if (isEnqueueInputError(err)) {
        return send(res, 400, { error: err.message });
      }
      this.options.logger.error({ err: (err as Error).message }, 'push notification not enqueued');
      return send(res, 503, { error: 'could not enqueue; try again' });
    }
  }

  private authenticate(req: IncomingMessage, url: URL): void {
    const expected = this.options.token;
    if (expected === null) {
      return;
    }
    const auth = req.headers.authorization ?? '';
    const given =
      /^Bearer\s+(.+)$/i.exec(auth)?.[1] ??
      headerValue(req.headers['x-cuckoo-tc-token']) ??
      url.searchParams.get('token') ??
      '';
    if (!timingSafeEqual(digest(given), digest(expected))) {
      throw new HttpProblem(401, 'missing or wrong token');
    }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpProblem(413, `body over ${MAX_BODY_BYTES} bytes`);
    }
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Reads `task_id` from a form-encoded (Cuckoo) or JSON (CAPE) body. */
export function parseTaskId(contentType: string, body: string): number {
  let raw: unknown;
  if (contentType.includes('json') || body.trimStart().startsWith('{')) {
    try {
      raw = (JSON.parse(body) as Record<string, unknown> | null)?.task_id;
    } catch {
      throw new HttpProblem(400, 'body is not valid JSON');
    }
  } else {
    raw = new URLSearchParams(body).get('task_id');
  }
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^\d{1,15}$/.test(text.trim())) {
    throw new HttpProblem(400, 'task_id missing or not a task number');
  }
  return Number(text.trim());
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(body)}\n`);
}
