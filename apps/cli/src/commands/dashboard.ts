import { startDashboard } from '@cuckoo-tc/dashboard';
import { connectRedis } from '@cuckoo-tc/queues';
import { createLogger } from '@cuckoo-tc/telemetry';
import { EXIT, type Command } from '../command.js';
import { asDashboardUsage, checkDashboardBinding } from '../compose/dashboard-binding.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

/** `cuckoo-tc dashboard`: Bull Board over the queues until SIGINT/SIGTERM. */
export const dashboardCommand: Command = {
  name: 'dashboard',
  summary: 'serve Bull Board over the queues (credentials required off loopback)',
  usage: `Usage: cuckoo-tc dashboard [--host H] [--port N] [--config FILE]

Serves Bull Board over the parse, indicators and incidents queues at http://H:N/ (default
127.0.0.1:3000, dashboard.host/port) until SIGINT or SIGTERM. Retries from the board reset
the job's attempts. Credentials: DASHBOARD_USER + DASHBOARD_PASSWORD (basic auth) and/or
DASHBOARD_TOKEN (bearer header, or once through the /login form for a browser). Refuses to
listen on anything but loopback without them (exit 2). /healthz is open; /metrics needs them.`,
  async run(context) {
    const { config } = await loadCommandConfig(
      context,
      parseCommandArgs('dashboard', context.argv),
    );
    const { host, port } = config.dashboard;
    // Refuse an open board before touching Redis: the answer must not depend on it.
    await checkDashboardBinding(config);
    const logger = createLogger({ name: 'dashboard', level: config.log.level });
    const redis = await connectRedis({
      url: config.redis.url,
      role: 'http',
      connectionName: 'cuckoo-tc:dashboard',
      onError: (error: Error) => logger.warn({ err: error.message }, 'redis error'),
    });
    try {
      const running = await asDashboardUsage(() =>
        startDashboard({
          connection: redis,
          prefix: config.redis.prefix,
          host,
          port,
          credentials: config.dashboard,
          logger,
        }),
      );
      context.stdout.write(`dashboard listening at ${running.url}\n`);
      const signal = await (context.stopSignal ?? new Promise<string>(() => undefined));
      logger.info({ signal }, 'stopping');
      await running.close();
      return EXIT.ok;
    } finally {
      redis.disconnect();
    }
  },
};
