// The inspection API, outside the API prefix and without authentication or faults:
// GET /_emulator/state, POST /_emulator/reset, GET|POST /_emulator/config.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RuntimeConfig } from './faults/runtime-config.js';
import { parseJsonBody, readBody } from './http/read-body.js';
import type { JsonResponse } from './http/responses.js';
import { errorResponse, sendJson } from './http/responses.js';
import type { EmulatorConfigPatch } from './options.js';
import type { EmulatorState } from './state-view.js';

/** Path prefix of the inspection API. */
export const INSPECTION_PREFIX = '/_emulator/';

/** What the inspection routes act on. */
export interface InspectionTarget {
  state(): EmulatorState;
  reset(): void;
  configure(patch: EmulatorConfigPatch): void;
  runtime(): RuntimeConfig;
}

async function configure(target: InspectionTarget, req: IncomingMessage): Promise<JsonResponse> {
  const body = parseJsonBody(await readBody(req));
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return errorResponse('v2', 400, 'The config body must be a JSON object');
  }
  try {
    target.configure(body as EmulatorConfigPatch);
  } catch (error) {
    return errorResponse('v2', 400, (error as Error).message);
  }
  return { status: 200, body: target.runtime() };
}

/** Answers one inspection request. */
export async function handleInspection(
  target: InspectionTarget,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const key = `${req.method ?? 'GET'} ${path}`;
  let response: JsonResponse;
  try {
    if (key === 'GET /_emulator/state') {
      response = { status: 200, body: target.state() };
    } else if (key === 'POST /_emulator/reset') {
      target.reset();
      response = { status: 200, body: { status: 'Success' } };
    } else if (key === 'GET /_emulator/config') {
      response = { status: 200, body: target.runtime() };
    } else if (key === 'POST /_emulator/config') {
      response = await configure(target, req);
    } else {
      response = errorResponse('v2', 404, 'Unknown inspection route');
    }
  } catch (error) {
    response = errorResponse('v2', 400, (error as Error).message);
  }
  sendJson(res, response);
}
