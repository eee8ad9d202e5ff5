import { isConfigError, requireThreatConnect } from '@cuckoo-tc/config';
import { createThreatConnectClient } from '@cuckoo-tc/threatconnect';
import { threatConnectOptionsFromConfig } from '@cuckoo-tc/worker';
import { EXIT, type Command } from '../command.js';
import { checkRedis } from '../doctor/check-redis.js';
import { checkThreatConnect } from '../doctor/check-threatconnect.js';
import { formatChecks, type DoctorCheck } from '../doctor/doctor-check.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs } from '../parse-command-args.js';

/** `cuckoo-tc doctor`: preflight checks before any analysis is processed. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check Redis, ThreatConnect credentials, owner, attribute types and labels',
  usage: `Usage: cuckoo-tc doctor [--config FILE]

Checks that Redis answers and will not evict queued analyses, that ThreatConnect answers and
accepts the credentials, that the owner exists for this API user, and that the attribute types
and security labels the incidents will carry exist there. Prints what to create where something
is missing. Exit code 1 when any check fails.`,
  async run(context) {
    const { config } = await loadCommandConfig(context, parseCommandArgs('doctor', context.argv));
    const checks: DoctorCheck[] = await checkRedis(config.redis.url);
    try {
      requireThreatConnect(config, 'doctor');
      // No shared limiter here: the preflight must work (and say so) even when Redis is down.
      const client = createThreatConnectClient(threatConnectOptionsFromConfig(config));
      try {
        checks.push(...(await checkThreatConnect(config, client)));
      } finally {
        client.close();
      }
    } catch (error) {
      if (!isConfigError(error)) {
        throw error;
      }
      checks.push({ name: 'threatconnect settings', ok: false, detail: error.message });
    }
    context.stdout.write(`${formatChecks(checks)}\n`);
    return checks.every(check => check.ok) ? EXIT.ok : EXIT.failure;
  },
};
