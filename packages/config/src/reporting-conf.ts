import { readFile } from 'node:fs/promises';
import { ConfigError } from './config-error.js';
import { parseBoolean } from './coerce-text.js';

/** The section the old ThreatConnect reporting module read from Cuckoo's reporting.conf. */
export const REPORTING_CONF_SECTION = 'threatconnect-report';

/** Which of our keys each of the old module's options becomes. */
export const REPORTING_CONF_KEYS: Readonly<Record<string, string>> = {
  api_access_id: 'threatconnect.accessId',
  api_secret_key: 'threatconnect.secretKey',
  api_base_url: 'threatconnect.apiUrl',
  target_source: 'threatconnect.owner',
  report_link_template: 'cuckoo.reportLinkTemplate',
};

/** What the section contributed: values by our key, the option each came from, and notes. */
export interface ReportingConfImport {
  values: Map<string, string>;
  optionByKey: Map<string, string>;
  warnings: string[];
}

/** Parses INI text (Python ConfigParser style: `key = value` or `key: value`, # and ; comments). */
export function parseIniSection(text: string, wanted: string): Map<string, string> | null {
  let current: string | null = null;
  let found: Map<string, string> | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) {
      continue;
    }
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = (header[1] as string).trim();
      if (current === wanted) {
        found ??= new Map();
      }
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (pair && current === wanted && found) {
      found.set((pair[1] as string).toLowerCase(), pair[2] as string);
    }
  }
  return found;
}

/** Maps the `[threatconnect-report]` section onto our keys. */
export function importReportingConf(text: string, file: string): ReportingConfImport {
  const result: ReportingConfImport = { values: new Map(), optionByKey: new Map(), warnings: [] };
  const section = parseIniSection(text, REPORTING_CONF_SECTION);
  if (!section) {
    throw new ConfigError(
      `${file} has no [${REPORTING_CONF_SECTION}] section`,
      'cuckoo.reportingConf',
    );
  }
  const enabled = section.get('enabled');
  if (enabled !== undefined && parseBoolean(enabled) === false) {
    result.warnings.push(
      `${file} [${REPORTING_CONF_SECTION}] has enabled = ${enabled}; its settings were not imported`,
    );
    return result;
  }
  for (const [option, value] of section) {
    const key = REPORTING_CONF_KEYS[option];
    if (key) {
      result.values.set(key, value);
      result.optionByKey.set(key, option);
    } else if (option !== 'enabled') {
      result.warnings.push(
        `${file} [${REPORTING_CONF_SECTION}] option ${option} has no equivalent and was ignored`,
      );
    }
  }
  return result;
}

/** Reads and maps a reporting.conf file. */
export async function readReportingConf(file: string): Promise<ReportingConfImport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `cannot read reporting.conf ${file}: ${(error as Error).message}`,
      'cuckoo.reportingConf',
      { cause: error },
    );
  }
  return importReportingConf(text, file);
}
