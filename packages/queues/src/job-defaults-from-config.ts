import type { AppConfig } from '@cuckoo-tc/config';
import { createJobDefaults, type JobDefaults } from './catalog.js';

/**
 * The per-job defaults from `queues.*` (retention) and `threatconnect.retry.*` (attempts and
 * delays). Producers and workers both use it, so a flow gets the same options whoever adds it.
 */
export function jobDefaultsFromConfig(
  config: Pick<AppConfig, 'queues' | 'threatconnect'>,
): JobDefaults {
  return createJobDefaults({
    keepCompletedSeconds: config.queues.keepCompletedSeconds,
    keepFailedSeconds: config.queues.keepFailedSeconds,
    tcAttempts: config.threatconnect.retry.attempts,
    tcBaseDelayMs: config.threatconnect.retry.baseDelayMs,
  });
}
