import convict from 'convict';
import type { AppConfig } from './app-config.js';
import type { ConfigArgs } from './config-args.js';
import { readConfigFile } from './config-file.js';
import { ConfigError } from './config-error.js';
import { coerceText } from './coerce-text.js';
import { flatten, unflatten, type FlatValues } from './flat-values.js';
import { readReportingConf } from './reporting-conf.js';
import { schema } from './schema.js';
import { MASK } from './mask-secrets.js';
import { findLeaf, schemaLeaves } from './schema-leaves.js';

/** Inputs of {@link loadConfig}; passed in so the loader never reads process state itself. */
export interface LoadConfigOptions {
  /** The environment (usually `process.env`). */
  env?: Record<string, string | undefined>;
  /** Parsed command-line values (see `configArgOptions`). */
  args?: ConfigArgs;
}

/** The validated configuration, where each key's value came from, and notes for the operator. */
export interface LoadedConfig {
  config: AppConfig;
  origins: ReadonlyMap<string, string>;
  warnings: string[];
}

interface Layers {
  values: FlatValues;
  origins: Map<string, string>;
  warnings: string[];
}

function put(layers: Layers, path: string, value: unknown, origin: string): void {
  if (!findLeaf(path)) {
    throw new ConfigError(`unknown key ${path} in ${origin}`, path);
  }
  layers.values.set(path, value);
  layers.origins.set(path, origin);
}

function textFor(path: string, text: string): unknown {
  return coerceText(text, findLeaf(path)?.default);
}

async function applyFile(layers: Layers, file: string): Promise<void> {
  for (const [path, value] of flatten(await readConfigFile(file))) {
    put(layers, path, value, `config file ${file}`);
  }
}

async function applyReportingConf(layers: Layers, file: string): Promise<void> {
  const imported = await readReportingConf(file);
  layers.warnings.push(...imported.warnings);
  for (const [path, text] of imported.values) {
    put(
      layers,
      path,
      textFor(path, text),
      `${file} [threatconnect-report] ${imported.optionByKey.get(path)}`,
    );
  }
}

function applyEnv(layers: Layers, env: Record<string, string | undefined>): void {
  for (const leaf of schemaLeaves) {
    const text = leaf.env ? env[leaf.env] : undefined;
    if (leaf.env && text !== undefined) {
      put(layers, leaf.path, textFor(leaf.path, text), `environment variable ${leaf.env}`);
    }
  }
}

function applyArgs(layers: Layers, args: ConfigArgs): void {
  for (const leaf of schemaLeaves) {
    const text = leaf.arg ? args[leaf.arg] : undefined;
    if (leaf.arg && typeof text === 'string') {
      put(layers, leaf.path, textFor(leaf.path, text), `argument --${leaf.arg}`);
    }
  }
  const sets = args.set;
  for (const assignment of Array.isArray(sets) ? sets : []) {
    const eq = assignment.indexOf('=');
    if (eq < 1) {
      throw new ConfigError(`argument --set ${assignment} must look like key=value`);
    }
    const path = assignment.slice(0, eq);
    put(layers, path, textFor(path, assignment.slice(eq + 1)), `argument --set ${path}`);
  }
}

/** The value a key would have from the layers so far, else its default. */
function current(layers: Layers, path: string): unknown {
  return layers.values.has(path) ? layers.values.get(path) : findLeaf(path)?.default;
}

function validate(layers: Layers): AppConfig {
  const config = convict(schema, { env: {}, args: [] });
  config.load(unflatten(layers.values));
  try {
    config.validate({ allowed: 'strict' });
  } catch (error) {
    const lines = (error as Error).message.split('\n').filter(line => line.trim() !== '');
    // convict quotes the offending value; a password inside a URL must not be printed with it.
    const first = (lines[0] ?? 'invalid configuration').replace(
      /(\/\/[^:/@\s"]*):[^@\s"]*@/g,
      `$1:${MASK}@`,
    );
    const path = first.slice(0, first.indexOf(':'));
    const origin = layers.origins.get(path) ?? 'the default';
    const more =
      lines.length > 1
        ? ` (and ${lines.length - 1} more problem${lines.length > 2 ? 's' : ''})`
        : '';
    throw new ConfigError(`${path} (from ${origin})${first.slice(path.length)}${more}`, path, {
      cause: error,
    });
  }
  return config.getProperties();
}

/**
 * Loads the configuration in rising precedence: defaults, a config file (`--config` or
 * CUCKOO_TC_CONFIG, JSON or YAML), the `[threatconnect-report]` section of a Cuckoo
 * reporting.conf (`cuckoo.reportingConf`), the environment, then arguments. Strict: an unknown
 * key or an invalid value throws a {@link ConfigError} naming the key and its source.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? {};
  const args = options.args ?? {};
  const layers: Layers = { values: new Map(), origins: new Map(), warnings: [] };
  const file = typeof args.config === 'string' ? args.config : env.CUCKOO_TC_CONFIG;
  if (file) {
    await applyFile(layers, file);
  }
  // The reporting.conf path itself may come from any layer, so look at env and args first.
  const probe: Layers = { values: new Map(layers.values), origins: new Map(), warnings: [] };
  applyEnv(probe, env);
  applyArgs(probe, args);
  const reportingConf = current(probe, 'cuckoo.reportingConf');
  if (typeof reportingConf === 'string' && reportingConf !== '') {
    await applyReportingConf(layers, reportingConf);
  }
  applyEnv(layers, env);
  applyArgs(layers, args);
  return { config: validate(layers), origins: layers.origins, warnings: layers.warnings };
}
