import { formatParseTable } from '@cuckoo-tc/indicators';
import { analyseReport, analysisSettingsFromConfig } from '@cuckoo-tc/worker';
import { EXIT, type Command } from '../command.js';
import { loadCommandConfig } from '../load-command-config.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { resolveReportPath } from '../report-path.js';
import { UsageError } from '../usage-error.js';

function taskIdArgument(text: unknown): number {
  const id = Number(text);
  if (typeof text !== 'string' || !Number.isSafeInteger(id) || id <= 0) {
    throw new UsageError(`parse: --task expects a task number, got ${JSON.stringify(text)}`);
  }
  return id;
}

/** `cuckoo-tc parse`: a dry run of one report, sending nothing. */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'dry run: what one report would send, and what was dropped and why',
  usage: `Usage: cuckoo-tc parse REPORT [--json] [--task ID] [--config FILE]

REPORT is a report.json or an analysis directory (storage/analyses/<id>). Reads it as the
workers do (streamed, any size), applies the configured filters and prints the incident, the
indicators that would be sent, and every dropped candidate with the rule that dropped it.
Nothing is sent anywhere. --json prints the machine-readable result. --task gives the task id
of a report that carries none (otherwise it comes from info.id, or from the storage path).
Exit codes: 0 ok, 1 the report cannot be read (one line naming the problem and its byte offset).`,
  async run(context) {
    const args = parseCommandArgs(
      'parse',
      context.argv,
      { json: { type: 'boolean' }, task: { type: 'string' } },
      true,
    );
    const [input, ...extra] = args.positionals;
    if (input === undefined || extra.length > 0) {
      throw new UsageError('parse: expected exactly one REPORT (see cuckoo-tc parse --help)');
    }
    const { config } = await loadCommandConfig(context, args);
    const settings = await analysisSettingsFromConfig(config);
    const report = await resolveReportPath(input);
    const taskId =
      args.values.task === undefined ? report.taskId : taskIdArgument(args.values.task);
    const { result } = await analyseReport(
      report.file,
      settings,
      taskId !== undefined ? { taskId } : {},
    ).catch((error: unknown) => {
      throw new Error(`${report.file}: ${(error as Error).message}`, { cause: error });
    });
    context.stdout.write(
      args.values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatParseTable(result)}\n`,
    );
    return EXIT.ok;
  },
};
