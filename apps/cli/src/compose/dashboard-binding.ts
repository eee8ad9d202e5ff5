import type { AppConfig } from '@cuckoo-tc/config';
import { assertSafeBinding, checkCredentials, isDashboardError } from '@cuckoo-tc/dashboard';
import { UsageError } from '../usage-error.js';

/** Runs a dashboard step; unsafe or incomplete dashboard settings become usage errors (exit 2). */
export async function asDashboardUsage<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw isDashboardError(error) ? new UsageError(error.message) : error;
  }
}

/**
 * Refuses an open board (non-loopback address without credentials) or half-set credentials as
 * a configuration error (exit 2), before anything touches Redis.
 */
export async function checkDashboardBinding(config: AppConfig): Promise<void> {
  await asDashboardUsage(() =>
    assertSafeBinding(config.dashboard.host, checkCredentials(config.dashboard)),
  );
}
