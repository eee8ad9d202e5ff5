import type { AppConfig } from '@cuckoo-tc/config';
import {
  isTcAuthError,
  isThreatConnectError,
  type ThreatConnectClient,
} from '@cuckoo-tc/threatconnect';
import type { DoctorCheck } from './doctor-check.js';

function missingNames(wanted: readonly string[], present: Iterable<string>): string[] {
  const have = new Set(present);
  return wanted.filter(name => !have.has(name));
}

function reachabilityFailure(config: AppConfig, error: unknown): DoctorCheck {
  const message = (error as Error).message;
  if (isTcAuthError(error)) {
    return {
      name: 'threatconnect credentials',
      ok: false,
      detail: message,
      fix: 'check threatconnect.accessId/secretKey (or apiToken) and that the API user is active',
    };
  }
  const detail = isThreatConnectError(error)
    ? message
    : `${config.threatconnect.apiUrl}: ${message}`;
  return {
    name: 'threatconnect reachable',
    ok: false,
    detail,
    fix: 'check threatconnect.apiUrl (it includes the /api prefix) and the network path',
  };
}

/** Reachability, credentials, owner, attribute types and labels the configuration will use. */
export async function checkThreatConnect(
  config: AppConfig,
  client: ThreatConnectClient,
): Promise<DoctorCheck[]> {
  const owner = config.threatconnect.owner ?? '';
  let owners;
  try {
    owners = await client.listOwners();
  } catch (error) {
    return [reachabilityFailure(config, error)];
  }
  const checks: DoctorCheck[] = [
    { name: 'threatconnect reachable', ok: true, detail: config.threatconnect.apiUrl ?? '' },
    { name: 'threatconnect credentials', ok: true, detail: 'accepted' },
  ];
  if (!owners.some(candidate => candidate.name === owner)) {
    checks.push({
      name: 'threatconnect owner',
      ok: false,
      detail: `owner '${owner}' is not visible to this API user (sees: ${owners.map(o => o.name).join(', ') || 'none'})`,
      fix: `set threatconnect.owner to one of those, or give the API user access to '${owner}'`,
    });
    return checks;
  }
  checks.push({ name: 'threatconnect owner', ok: true, detail: owner });
  const [types, labels] = await Promise.all([
    client.listAttributeTypes(),
    client.listSecurityLabels(),
  ]);
  const wantedTypes = [config.incident.analysisIdAttribute, config.incident.sourceAttribute];
  const missingTypes = missingNames(
    wantedTypes,
    types.map(type => type.name),
  );
  checks.push(
    missingTypes.length === 0
      ? { name: 'attribute types', ok: true, detail: wantedTypes.join(', ') }
      : {
          name: 'attribute types',
          ok: false,
          detail: `missing: ${missingTypes.join(', ')}`,
          fix: `create the Group attribute type(s) ${missingTypes.map(n => `'${n}'`).join(', ')} for Incidents in owner '${owner}' (System Settings > Attribute Types), or change incident.analysisIdAttribute / incident.sourceAttribute`,
        },
  );
  const wantedLabels = config.incident.attributeSecurityLabels;
  const missingLabels = missingNames(
    wantedLabels,
    labels.map(label => label.name),
  );
  checks.push(
    missingLabels.length === 0
      ? { name: 'security labels', ok: true, detail: wantedLabels.join(', ') || 'none configured' }
      : {
          name: 'security labels',
          ok: false,
          detail: `missing: ${missingLabels.join(', ')}`,
          fix: `create the security label(s) ${missingLabels.map(n => `'${n}'`).join(', ')} in owner '${owner}', or change incident.attributeSecurityLabels`,
        },
  );
  return checks;
}
