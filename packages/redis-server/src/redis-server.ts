import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A Redis to use, and how to let it go. */
export interface LocalRedis {
  url: string;
  /** True when this process started the server (and will stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

/** Options for {@link startRedisServer}. */
export interface StartRedisServerOptions {
  port?: number;
  /** Extra `redis-server` arguments, e.g. `['--appendonly', 'yes']`. */
  args?: string[];
  /** Data directory; a fresh temporary one when omitted. */
  dir?: string;
}

/** Sends PING over a raw socket; true when a Redis answers within the timeout. */
export async function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise(resolve => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', data => done(data.toString().startsWith('+PONG')));
  });
}

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts a private `redis-server` on a free loopback port, persisting nothing unless asked, with
 * `noeviction` (the only policy safe for queues). Used by one-box installs and the demo when no
 * Redis is reachable, and by tests that restart Redis on purpose.
 */
export async function startRedisServer(
  options: StartRedisServerOptions = {},
): Promise<LocalRedis & { port: number; dir: string; process: ChildProcess }> {
  const port = options.port ?? (await freePort());
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'cuckoo-tc-redis-')));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    ...(options.args ?? []),
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', err =>
      reject(
        new Error(
          `cannot start redis-server (${err.message}); install it (apt-get install redis-server) or set REDIS_URL`,
        ),
      ),
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (await Promise.race([pingRedis(url, 200), spawnError])) {
      break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer within 10 s`);
    }
    await new Promise(r => setTimeout(r, 50));
  }
  return {
    url,
    port,
    dir,
    owned: true,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDir) {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Uses `url` when a Redis answers there, else starts a private `redis-server` on a free port
 * (which fails with a message saying how to install one when it is absent).
 */
export async function findOrStartRedis(url: string): Promise<LocalRedis> {
  const candidate = url;
  if (await pingRedis(candidate)) {
    return { url: candidate, owned: false, stop: async () => undefined };
  }
  return startRedisServer();
}
