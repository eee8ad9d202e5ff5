import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertSafeBinding } from './binding.js';
import { checkCredentials } from './credentials.js';
import { createDashboard, type DashboardOptions } from './create-dashboard.js';
import { DashboardPortInUseError } from './errors.js';

/** Options of {@link startDashboard}. */
export interface StartDashboardOptions extends DashboardOptions {
  /** Listen address; anything but loopback requires credentials. */
  host: string;
  /** 0 picks a free port. */
  port: number;
}

/** A listening dashboard. */
export interface RunningDashboard {
  /** Where the board answers, e.g. `http://127.0.0.1:3000/`. */
  url: string;
  /** Set when it runs without credentials on loopback. */
  warning?: string;
  close(): Promise<void>;
}

function listen(app: ReturnType<typeof createDashboard>['app'], host: string, port: number) {
  return new Promise<Server>((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new DashboardPortInUseError(
              `dashboard port ${host}:${port} is already in use: set dashboard.port ` +
                '(DASHBOARD_PORT) to a free port (cuckoo-tc run: or --no-dashboard)',
              { cause: error },
            )
          : error,
      );
    });
  });
}

/**
 * Checks the binding first (throws `InsecureBindingError` on a reachable address without
 * credentials), then builds the dashboard and listens.
 */
export async function startDashboard(options: StartDashboardOptions): Promise<RunningDashboard> {
  const verdict = await assertSafeBinding(options.host, checkCredentials(options.credentials));
  if (verdict.warning !== undefined) {
    options.logger?.warn(verdict.warning);
  }
  const dashboard = createDashboard(options);
  let server: Server;
  try {
    server = await listen(dashboard.app, options.host, options.port);
  } catch (error) {
    await dashboard.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const base = options.basePath ?? '/';
  const path = base.startsWith('/') ? base : `/${base}`;
  return {
    url: `http://${host}:${port}${path.endsWith('/') ? path : `${path}/`}`,
    ...(verdict.warning !== undefined ? { warning: verdict.warning } : {}),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      await dashboard.close();
    },
  };
}
