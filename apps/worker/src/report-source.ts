// Opens a parse job's report: a path on disk, or an HTTP stream from the Cuckoo / CAPE REST API
// that goes straight into the streaming reader (never buffered whole).
import type { Readable } from 'node:stream';
import axios from 'axios';
import type { ReportLocation } from '@cuckoo-tc/queues';

/** The URL a report is served at. */
export function reportUrl(location: Extract<ReportLocation, { kind: 'api' }>): string {
  const base = location.baseUrl.replace(/\/+$/, '');
  return location.flavour === 'cape'
    ? `${base}/apiv2/tasks/get/report/${location.taskId}/json/`
    : `${base}/tasks/report/${location.taskId}/json`;
}

/** Describes where the report is, for messages (never a token). */
export function describeLocation(location: ReportLocation): string {
  return location.kind === 'file' ? location.path : reportUrl(location);
}

/** Raised when the REST API did not serve the report (may pass on retry). */
export class ReportFetchError extends Error {
  override name = 'ReportFetchError';
  /** HTTP status, null when no answer came. */
  readonly status: number | null;
  constructor(message: string, status: number | null, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** True for a {@link ReportFetchError}, also matched by name. */
export function isReportFetchError(err: unknown): err is ReportFetchError {
  return (
    err instanceof ReportFetchError ||
    (err instanceof Error && err.name === 'ReportFetchError' && 'status' in err)
  );
}

/** Options of {@link openReport}. */
export interface OpenReportOptions {
  /** Cuckoo / CAPE API token (`cuckoo.apiToken`). */
  apiToken?: string | null;
  timeoutMs?: number;
  signal?: AbortSignal;
}

function authHeader(
  flavour: 'cuckoo' | 'cape',
  token: string | null | undefined,
): Record<string, string> {
  if (!token) {
    return {};
  }
  // Cuckoo 2's API takes a Bearer token; CAPE's Django REST framework takes `Token`.
  return { Authorization: flavour === 'cape' ? `Token ${token}` : `Bearer ${token}` };
}

/** A path for `readReport`, or the body stream of the API's answer. */
export async function openReport(
  location: ReportLocation,
  options: OpenReportOptions = {},
): Promise<string | Readable> {
  if (location.kind === 'file') {
    return location.path;
  }
  const url = reportUrl(location);
  let response;
  try {
    response = await axios.get<Readable>(url, {
      responseType: 'stream',
      timeout: options.timeoutMs ?? 60_000,
      headers: authHeader(location.flavour, options.apiToken),
      validateStatus: () => true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    throw new ReportFetchError(`could not fetch report ${url}: ${String(cause)}`, null, { cause });
  }
  if (response.status !== 200) {
    response.data.destroy();
    throw new ReportFetchError(`report ${url} answered HTTP ${response.status}`, response.status);
  }
  return response.data;
}
