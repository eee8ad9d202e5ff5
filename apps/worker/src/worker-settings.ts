// Maps the loaded configuration onto the processors' options, once per process.
import type { AppConfig } from '@cuckoo-tc/config';
import { jobDefaultsFromConfig } from '@cuckoo-tc/queues';
import { analysisSettingsFromConfig } from './analysis/analysis-settings.js';
import type { ParseReportOptions } from './process-parse-report.js';

/** The parse processor's options from configuration (reads filters.benignDomainsFile). */
export async function parseOptionsFromConfig(config: AppConfig): Promise<ParseReportOptions> {
  return {
    settings: await analysisSettingsFromConfig(config),
    apiToken: config.cuckoo.apiToken,
    flow: {
      indicatorChunkSize: config.queues.indicatorChunkSize,
      associateChunkSize: config.threatconnect.associationChunkSize,
      jobDefaults: jobDefaultsFromConfig(config),
    },
  };
}
