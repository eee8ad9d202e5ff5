import { randomUUID } from 'node:crypto';
import { DEFAULT_USER } from '@cuckoo-tc/tc-emulator';

/** Documentation ranges stand in for public addresses in the bundled examples. */
const DOCUMENTATION_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'];

/** What the demo sets over the operator's configuration (as `--set` assignments). */
export function demoAssignments(input: {
  emulatorUrl: string;
  redisUrl: string;
  storageDir: string;
  dashboardPort: number;
}): string[] {
  return [
    `redis.url=${input.redisUrl}`,
    // A private prefix per run: the demo never touches real queues and cleans up after itself.
    `redis.prefix=cuckoo-tc-demo-${randomUUID().slice(0, 8)}`,
    `threatconnect.apiUrl=${input.emulatorUrl}`,
    `threatconnect.accessId=${DEFAULT_USER.accessId}`,
    `threatconnect.secretKey=${DEFAULT_USER.secretKey}`,
    `threatconnect.owner=${DEFAULT_USER.defaultOwner}`,
    'threatconnect.requestsPerSecond=50',
    'threatconnect.retry.baseDelayMs=200',
    'cuckoo.instance=demo',
    `cuckoo.storageDir=${input.storageDir}`,
    'producer.sources=storage',
    'producer.scanIntervalSeconds=1',
    'producer.settleSeconds=0',
    `filters.treatAsPublic=${DOCUMENTATION_RANGES.join(',')}`,
    'metrics.enabled=false',
    'dashboard.host=127.0.0.1',
    `dashboard.port=${input.dashboardPort}`,
  ];
}
