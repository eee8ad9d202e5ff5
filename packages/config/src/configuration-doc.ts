import { schemaLeaves, type SchemaLeaf } from './schema-leaves.js';

function shownDefault(leaf: SchemaLeaf): string {
  if (leaf.default === null) {
    return '—';
  }
  return `\`${JSON.stringify(leaf.default)}\``;
}

function row(leaf: SchemaLeaf): string {
  const env = leaf.env ? `\`${leaf.env}\`` : '';
  const arg = leaf.arg ? `\`--${leaf.arg}\`` : '';
  const doc = `${leaf.doc}${leaf.sensitive ? ' **Secret**: masked in `config print`, never logged.' : ''}`;
  return `| \`${leaf.path}\` | ${shownDefault(leaf)} | ${env} | ${arg} | ${doc.replaceAll('|', '\\|')} |`;
}

/** The operator reference of every configuration key, generated from the schema (docs/CONFIGURATION.md). */
export function renderConfigurationDoc(): string {
  const sections = new Map<string, SchemaLeaf[]>();
  for (const leaf of schemaLeaves) {
    const section = leaf.path.split('.')[0] as string;
    sections.set(section, [...(sections.get(section) ?? []), leaf]);
  }
  const parts = [...sections].map(([section, leaves]) =>
    [
      `## ${section}`,
      '',
      '| key | default | environment | argument | meaning |',
      '|---|---|---|---|---|',
      ...leaves.map(row),
    ].join('\n'),
  );
  return `# Configuration

<!-- Generated from packages/config/src/schema.ts by \`npm run docs:config\`; a test keeps it current. -->

Every key can be set, in rising precedence, by its default, a config file (\`--config FILE\` or
\`CUCKOO_TC_CONFIG\`; JSON or YAML, nested as the dotted names below), the \`[threatconnect-report]\`
section of a Cuckoo \`reporting.conf\` (\`cuckoo.reportingConf\`), its environment variable, its
argument, or \`--set key=value\`. Lists are comma-separated in the environment. Booleans accept
true/false, yes/no, on/off, 1/0. \`npx cuckoo-tc config print --origins\` shows the effective
values and where each came from.

Migration from the old reporting module: \`api_access_id\` → \`threatconnect.accessId\`,
\`api_secret_key\` → \`threatconnect.secretKey\`, \`api_base_url\` → \`threatconnect.apiUrl\`,
\`target_source\` → \`threatconnect.owner\`, \`report_link_template\` → \`cuckoo.reportLinkTemplate\`
(both \`{}\` and \`{id}\` work); a section with \`enabled = no\` is not imported.

${parts.join('\n\n')}
`;
}
