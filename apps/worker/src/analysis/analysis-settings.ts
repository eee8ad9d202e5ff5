import { readFile } from 'node:fs/promises';
import type { AppConfig } from '@cuckoo-tc/config';
import type { NormaliseOptions, ReadReportOptions } from '@cuckoo-tc/cuckoo';
import {
  createIndicatorFilters,
  parseBenignDomainList,
  type IndicatorFilters,
  type IncidentOptions,
} from '@cuckoo-tc/indicators';

/** Everything needed to turn one report into a delivery decision, built once per process. */
export interface AnalysisSettings {
  read: ReadReportOptions;
  normalise: NormaliseOptions;
  incident: IncidentOptions;
  filters: IndicatorFilters;
}

/** Raised when the benign-domains file cannot be used; the process should not start. */
export class BenignListFileError extends Error {
  override readonly name = 'BenignListFileError';
}

async function benignFileEntries(file: string | null): Promise<string[]> {
  if (file === null) {
    return [];
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new BenignListFileError(
      `filters.benignDomainsFile ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const list = parseBenignDomainList(text);
  const problem = list.problems[0];
  if (problem) {
    throw new BenignListFileError(
      `filters.benignDomainsFile ${file} line ${problem.line}: ${problem.message}`,
    );
  }
  return list.entries;
}

/**
 * Maps configuration onto the reader, normaliser, incident and filter options. Reads the
 * benign-domains file once; the filters are compiled once and reused for every report.
 */
export async function analysisSettingsFromConfig(config: AppConfig): Promise<AnalysisSettings> {
  const { filters, incident, cuckoo } = config;
  const benignFromFile = await benignFileEntries(filters.benignDomainsFile);
  return {
    read: { includeDropped: filters.includeDropped, maxReportBytes: cuckoo.maxReportBytes },
    normalise: { timeZone: cuckoo.reportTimezone },
    incident: {
      instance: cuckoo.instance,
      nameTemplate: incident.nameTemplate,
      reportLinkTemplate: cuckoo.reportLinkTemplate,
      analysisIdAttribute: incident.analysisIdAttribute,
      sourceAttribute: incident.sourceAttribute,
      attributeSecurityLabels: incident.attributeSecurityLabels,
      tags: incident.tags,
    },
    filters: createIndicatorFilters({
      sandboxNetworks: filters.sandboxNetworks,
      resultServer: filters.resultServer,
      resolvers: filters.resolvers,
      ignoreAddresses: filters.ignoreAddresses,
      fakeDnsNetworks: filters.fakeDnsNetworks,
      treatAsPublic: filters.treatAsPublic,
      benignDomains: [...filters.benignDomains, ...benignFromFile],
      builtinBenignDomains: filters.builtinBenignDomains,
      maxUrlLength: filters.maxUrlLength,
      includeDropped: filters.includeDropped,
    }),
  };
}
