// A small real HTTP server that answers like the Cuckoo REST API or CAPE's apiv2 for the task
// list and task view routes (a stand-in for the sandbox, not for our own code).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInTask {
  id: number;
  status: string;
  /** "YYYY-MM-DD HH:MM:SS" as Cuckoo prints it, or null while running. */
  completed_on: string | null;
}

export interface SandboxStandIn {
  url: string;
  tasks: Map<number, StandInTask>;
  requests: string[];
  /** Answer every request with this status (e.g. 500) while set. */
  failWith: number | null;
  /** CAPE only: answer task views with `{error: true, error_value}` while set. */
  viewRefusal: string | null;
  close(): Promise<void>;
}

export function stamp(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function toEpoch(completedOn: string | null): number {
  return completedOn === null ? 0 : Date.parse(`${completedOn.replace(' ', 'T')}Z`) / 1000;
}

export async function startSandboxStandIn(
  flavour: 'cuckoo' | 'cape',
  authorization?: string,
): Promise<SandboxStandIn> {
  const state: SandboxStandIn = {
    url: '',
    tasks: new Map(),
    requests: [],
    failWith: null,
    viewRefusal: null,
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    state.requests.push(`${url.pathname}${url.search}`);
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (state.failWith !== null) {
      return reply(state.failWith, { error: 'broken' });
    }
    if (authorization !== undefined && req.headers.authorization !== authorization) {
      return reply(401, { detail: 'Authentication credentials were not provided.' });
    }
    const prefix = flavour === 'cape' ? '/apiv2/tasks' : '/tasks';
    const list = new RegExp(`^${prefix}/list/(\\d+)/(\\d+)/?$`).exec(url.pathname);
    const view = new RegExp(`^${prefix}/view/(\\d+)/?$`).exec(url.pathname);
    if (list) {
      const status = url.searchParams.get('status');
      const after = Number(url.searchParams.get('completed_after') ?? 0);
      const rows = [...state.tasks.values()]
        .filter(t => (status === null || t.status === status) && toEpoch(t.completed_on) > after)
        .sort((a, b) => toEpoch(a.completed_on) - toEpoch(b.completed_on));
      if (flavour === 'cape') {
        rows.reverse();
      }
      const page = rows.slice(Number(list[2]), Number(list[2]) + Number(list[1]));
      return reply(200, flavour === 'cape' ? { error: false, data: page } : { tasks: page });
    }
    if (view && state.viewRefusal !== null) {
      return reply(200, { error: true, error_value: state.viewRefusal });
    }
    if (view) {
      const task = state.tasks.get(Number(view[1]));
      if (task === undefined) {
        return flavour === 'cape'
          ? reply(200, { error: true, error_value: 'Task not found' })
          : reply(404, { message: 'Task not found' });
      }
      return reply(200, flavour === 'cape' ? { error: false, data: task } : { task });
    }
    return reply(404, { message: 'no route' });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>(resolve => server.close(() => resolve()));
  return state;
}
