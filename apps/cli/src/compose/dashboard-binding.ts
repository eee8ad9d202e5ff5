import type { AppConfig } from '@cuckoo-tc/config';
import { assertSafeBinding, checkCredentials, isDashboardError } from '@cuckoo-tc/dashboard';
import { UsageError } from '../usage-error.js';

/**
 * Refuses an open board (non-loopback address without credentials) or half-set credentials as
 * a configuration error (exit 2), before anything touches Redis.
 */
export async function checkDashboardBinding(config: AppConfig): Promise<void> {
  try {
    await assertSafeBinding(config.dashboard.host, checkCredentials(config.dashboard));
  } catch (error) {
    throw isDashboardError(error) ? new UsageError(error.message) : error;
  }
}
