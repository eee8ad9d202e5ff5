import { reportVersion, type ReportLocation } from '@cuckoo-tc/queues';
import { SandboxApiError } from './errors.js';

/** Which REST dialect the sandbox speaks. */
export type SandboxFlavour = 'cuckoo' | 'cape';

/** A task as both APIs list it (only the fields the producer reads). */
export interface SandboxTask {
  id: number;
  status: string;
  /** As the API printed it: "YYYY-MM-DD HH:MM:SS" (sandbox local time) or ISO. */
  completedOn: string | null;
  /** CAPE only, recent versions. */
  reportingFinishedOn: string | null;
}

/** Options of {@link SandboxApi}. */
export interface SandboxApiOptions {
  /** Cuckoo: API root (`http://host:8090`). CAPE: web root (`https://cape`, without `/apiv2`). */
  baseUrl: string;
  flavour: SandboxFlavour;
  /** Sent as `Authorization: Bearer` (Cuckoo 2 api_token) or `Token` (CAPE REST framework). */
  token?: string | null;
  /** @defaultValue 30 s */
  timeoutMs?: number;
}

function toTask(raw: unknown): SandboxTask | undefined {
  const r = raw as Record<string, unknown> | null;
  const id = Number(r?.id);
  if (r === null || !Number.isSafeInteger(id) || id < 0 || typeof r.status !== 'string') {
    return undefined;
  }
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    id,
    status: r.status,
    completedOn: text(r.completed_on),
    reportingFinishedOn: text(r.reporting_finished_on),
  };
}

/** Epoch seconds of an API date ("YYYY-MM-DD HH:MM:SS" read as UTC, or ISO); 0 when unreadable. */
export function apiDateSeconds(value: string | null): number {
  if (value === null) {
    return 0;
  }
  const naive = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)/.exec(value);
  const ms = naive
    ? Date.UTC(+naive[1]!, +naive[2]! - 1, +naive[3]!, +naive[4]!, +naive[5]!, +naive[6]!)
    : Date.parse(value);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

/** The report version of a task known only through the API. */
export function apiReportVersion(task: SandboxTask): string {
  return reportVersion('api', task.completedOn ?? '', task.reportingFinishedOn ?? '');
}

/** The small part of the Cuckoo / CAPE REST APIs the producer needs. */
export class SandboxApi {
  private readonly base: string;

  constructor(private readonly options: SandboxApiOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  /** Where a parse worker reads this task's report. */
  reportLocation(taskId: number): ReportLocation {
    return { kind: 'api', flavour: this.options.flavour, baseUrl: this.base, taskId };
  }

  /** One page of tasks with `status`, completed after `completedAfter` (epoch s, 0 = any). */
  async listTasks(
    status: string,
    limit: number,
    offset: number,
    completedAfter: number,
  ): Promise<SandboxTask[]> {
    const query = new URLSearchParams({ status });
    if (completedAfter > 0) {
      query.set('completed_after', String(Math.floor(completedAfter)));
    }
    const route =
      this.options.flavour === 'cape'
        ? `/apiv2/tasks/list/${limit}/${offset}/`
        : `/tasks/list/${limit}/${offset}`;
    const body = (await this.get(`${route}?${query.toString()}`)) as Record<string, unknown>;
    const list = this.options.flavour === 'cape' ? body.data : body.tasks;
    if (!Array.isArray(list)) {
      throw new SandboxApiError(`${this.base}${route}: no task list in the answer`);
    }
    return list.map(toTask).filter((t): t is SandboxTask => t !== undefined);
  }

  /** One task, or undefined when the sandbox does not know it (deleted or never created). */
  async viewTask(taskId: number): Promise<SandboxTask | undefined> {
    const route =
      this.options.flavour === 'cape' ? `/apiv2/tasks/view/${taskId}/` : `/tasks/view/${taskId}`;
    const body = (await this.get(route, true)) as Record<string, unknown> | undefined;
    if (body === undefined) {
      return undefined;
    }
    if (body.error === true) {
      // Only "not found" means the task is gone; any other refusal (auth, rate limit) must not
      // let the cursor pass a task that may still get a report.
      const reason = String(body.error_value ?? '');
      if (/not found|does not exist/i.test(reason)) {
        return undefined;
      }
      throw new SandboxApiError(`${this.base}${route}: ${reason || 'error without a reason'}`);
    }
    const task = toTask(this.options.flavour === 'cape' ? body.data : body.task);
    if (task === undefined) {
      throw new SandboxApiError(`${this.base}${route}: no task in the answer`);
    }
    return task;
  }

  private async get(route: string, notFoundOk = false): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.token) {
      headers.authorization = `${this.options.flavour === 'cape' ? 'Token' : 'Bearer'} ${this.options.token}`;
    }
    const url = `${this.base}${route}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new SandboxApiError(`GET ${url} failed: ${(err as Error).message}`, undefined, {
        cause: err,
      });
    }
    if (notFoundOk && response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new SandboxApiError(`GET ${url} answered ${response.status}`, response.status);
    }
    try {
      return await response.json();
    } catch (err) {
      throw new SandboxApiError(`GET ${url} did not answer JSON`, response.status, { cause: err });
    }
  }
}
