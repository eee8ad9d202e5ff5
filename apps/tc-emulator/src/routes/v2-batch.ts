// The v2 Batch API: create a job, upload its file (octet-stream) or do both at once
// (multipart createAndUpload), poll its status, fetch its gzip error file.
import { gzipSync } from 'node:zlib';
import { parseBatchConfig } from '../batch/batch-jobs.js';
import type { BatchJob } from '../batch/batch-jobs.js';
import { runBatch } from '../batch/batch-run.js';
import { parseMultipart } from '../batch/multipart.js';
import { isRecord } from '../domain/collections.js';
import { badRequest, notFound } from '../http/api-error.js';
import type { JsonResponse } from '../http/responses.js';
import { errorResponse, v2Success } from '../http/responses.js';
import type { Route, RouteContext } from '../http/router.js';
import { route } from '../http/router.js';

const DISABLED =
  'Batch job api is not available.  Ensure that batchJobEnabled is true and document storage is enabled and configured;';

/** Without batch jobs the instance answers 503 in plain text. */
function whenEnabled(handler: (ctx: RouteContext) => JsonResponse) {
  return (ctx: RouteContext): JsonResponse =>
    ctx.batches.settings.enabled ? handler(ctx) : errorResponse('text', 503, DISABLED);
}

const invalid = (description: string): JsonResponse => errorResponse('batch', 400, description);

function statusView(job: BatchJob, additional: boolean) {
  const c = job.counts;
  const done = job.status === 'Completed';
  const view: Record<string, unknown> = {
    id: job.id,
    status: job.status,
    errorCount: done ? job.errors.length : 0,
    successCount: done
      ? c.successGroupCount + c.successIndicatorCount + c.successAssociationCount
      : 0,
    unprocessCount: done ? c.unprocessCount : 0,
  };
  if (additional && done) {
    const { successIndicatorCount, errorIndicatorCount, successGroupCount, errorGroupCount } = c;
    Object.assign(view, {
      successIndicatorCount,
      errorIndicatorCount,
      successGroupCount,
      errorGroupCount,
    });
  }
  return view;
}

function findJob(ctx: RouteContext): BatchJob {
  const job = /^\d{1,9}$/.test(ctx.params.id ?? '')
    ? ctx.batches.get(Number(ctx.params.id))
    : undefined;
  if (!job) {
    throw notFound();
  }
  return job;
}

function parseJson(data: Buffer | undefined, what: string): unknown {
  try {
    return JSON.parse((data ?? Buffer.alloc(0)).toString('utf8')) as unknown;
  } catch {
    throw badRequest(`The ${what} is not valid JSON`);
  }
}

function run(ctx: RouteContext, job: BatchJob, content: Buffer | undefined): JsonResponse | null {
  const { maxUploadBytes, maxIndicators } = ctx.batches.settings;
  if ((content?.length ?? 0) > maxUploadBytes) {
    return invalid(`File size greater than allowable limit of ${maxUploadBytes}`);
  }
  const owner = ctx.owner(job.config.owner);
  runBatch(ctx.deps, owner, job, parseJson(content, 'batch file'), maxIndicators);
  job.status = 'Queued';
  return null;
}

function createJob(ctx: RouteContext) {
  if (!isRecord(ctx.body)) {
    throw badRequest('The batch configuration must be a JSON object');
  }
  const config = parseBatchConfig(ctx.body);
  ctx.owner(config.owner);
  return v2Success(201, { batchId: ctx.batches.create(config).id });
}

function upload(ctx: RouteContext) {
  const job = findJob(ctx);
  if (!ctx.contentType.toLowerCase().startsWith('application/octet-stream')) {
    throw badRequest('A batch file is uploaded as application/octet-stream');
  }
  if (job.status !== 'Created') {
    throw badRequest('This batch job already has its file');
  }
  return run(ctx, job, ctx.rawBody) ?? v2Success(202, { batchStatus: statusView(job, false) });
}

function createAndUpload(ctx: RouteContext) {
  const parts = parseMultipart(ctx.rawBody, ctx.contentType);
  const configBody = parseJson(parts.get('config'), 'config part');
  if (!isRecord(configBody)) {
    throw badRequest('The config part must be a JSON object');
  }
  const config = parseBatchConfig(configBody);
  ctx.owner(config.owner);
  const job = ctx.batches.create(config);
  const content = parts.get('content');
  const refused = run(ctx, job, content);
  if (refused) {
    return refused;
  }
  if ((content?.length ?? 0) <= ctx.batches.settings.synchronousLimitBytes) {
    job.status = 'Completed';
  }
  const additional = ctx.query.get('includeAdditional') === 'true';
  return v2Success(job.status === 'Completed' ? 201 : 202, {
    batchId: job.id,
    batchStatus: statusView(job, additional),
  });
}

function poll(ctx: RouteContext) {
  const job = findJob(ctx);
  // Each poll moves an uploaded job one step on, so clients have to wait for Completed.
  job.status =
    job.status === 'Queued' ? 'Running' : job.status === 'Running' ? 'Completed' : job.status;
  return v2Success(200, {
    batchStatus: statusView(job, ctx.query.get('includeAdditional') === 'true'),
  });
}

function errors(ctx: RouteContext): JsonResponse {
  const job = findJob(ctx);
  if (job.status !== 'Completed') {
    return invalid(`Batch still in ${job.status} state`);
  }
  if (job.errors.length === 0) {
    return errorResponse('v2', 404, 'The requested resource was not found');
  }
  const data = gzipSync(Buffer.from(JSON.stringify(job.errors), 'utf8'));
  return { status: 200, body: null, raw: { contentType: 'application/octet-stream', data } };
}

/** The batch routes (createAndUpload before `{id}`). */
export const v2BatchRoutes: Route[] = [
  route('POST', '/v2/batch', whenEnabled(createJob)),
  route('POST', '/v2/batch/createAndUpload', whenEnabled(createAndUpload)),
  route('POST', '/v2/batch/{id}', whenEnabled(upload)),
  route('GET', '/v2/batch/{id}', whenEnabled(poll)),
  route('GET', '/v2/batch/{id}/errors', whenEnabled(errors)),
];
