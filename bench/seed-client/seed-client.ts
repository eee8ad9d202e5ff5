// A sequential client that replays the old reporting module's v2 calls for one analysis, in its
// order (reference threatconnect-api.md §2.2): incident, two attributes, attribute read, a label
// per attribute, then per network indicator a create and an association, and for the file a
// create, an occurrence and an association. Every call waits for the previous one, as the old
// module's did. Requests are signed with our signRequest, so the emulator counts them like ours.
import { encodeComponent, signRequest } from '@cuckoo-tc/threatconnect';
import type { SeedAnalysis } from './seed-analysis.js';

/** Where and as whom the seed client talks. */
export interface SeedClientOptions {
  /** Base URL including the API prefix, e.g. `http://127.0.0.1:8080/api`. */
  baseUrl: string;
  accessId: string;
  secretKey: string;
  owner: string;
  /** The seed's label on both attributes. @defaultValue 'DO NOT SHARE' */
  label?: string;
}

/** What replaying one analysis did. */
export interface SeedDelivery {
  calls: number;
  /** Calls that did not answer 2xx (exclusion list etc.); the seed skipped the association. */
  failures: number;
}

interface Reply {
  status: number;
  body: { data?: Record<string, unknown> } | null;
}

/** The seed's naive local `datetime.now().isoformat()` (microseconds, no zone). */
function pythonNow(): string {
  return `${new Date().toISOString().slice(0, 23)}000`;
}

/** One replay session (keeps a count across analyses). */
export class SeedClient {
  private readonly options: SeedClientOptions;
  private readonly base: URL;
  private readonly query: string;
  private readonly label: string;

  constructor(options: SeedClientOptions) {
    this.options = options;
    this.base = new URL(options.baseUrl);
    this.query = `createActivityLog=false&owner=${encodeComponent(options.owner)}`;
    this.label = options.label ?? 'DO NOT SHARE';
  }

  /** Sends one signed v2 request; never throws on an HTTP status. */
  private async call(method: string, path: string, body?: unknown): Promise<Reply> {
    const target = `${this.base.pathname.replace(/\/$/, '')}${path}?${this.query}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      Timestamp: String(timestamp),
      Authorization: signRequest({ method, pathWithQuery: target, timestamp, ...this.keys() }),
    };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(new URL(target, this.base.origin), {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Reply['body']) : null };
  }

  private keys(): { accessId: string; secretKey: string } {
    return { accessId: this.options.accessId, secretKey: this.options.secretKey };
  }

  /** Replays the seed's calls for one analysis. */
  async deliver(analysis: SeedAnalysis): Promise<SeedDelivery> {
    const tally: SeedDelivery = { calls: 0, failures: 0 };
    const send = async (method: string, path: string, body?: unknown): Promise<Reply> => {
      const reply = await this.call(method, path, body);
      tally.calls++;
      tally.failures += reply.status >= 300 ? 1 : 0;
      return reply;
    };
    const incidentId = await this.createIncident(analysis, send);
    for (const indicator of analysis.network) {
      const created = await send('POST', `/v2/indicators/${indicator.path}`, {
        [indicator.field]: indicator.value,
      });
      if (created.status < 300) {
        const value = encodeComponent(indicator.value);
        await send(
          'POST',
          `/v2/indicators/${indicator.path}/${value}/groups/incidents/${incidentId}`,
        );
      }
    }
    if (analysis.file) {
      await this.sendFile(analysis.file, incidentId, send);
    }
    return tally;
  }

  private async createIncident(analysis: SeedAnalysis, send: Send): Promise<number> {
    const created = await send('POST', '/v2/groups/incidents', {
      name: analysis.name,
      eventDate: pythonNow(),
    });
    const incident = created.body?.data?.incident as { id?: number } | undefined;
    if (created.status >= 300 || typeof incident?.id !== 'number') {
      throw new Error(`seed incident create answered ${created.status}`);
    }
    const id = incident.id;
    const attributes = `/v2/groups/incidents/${id}/attributes`;
    await send('POST', attributes, {
      type: 'Analysis ID',
      value: analysis.taskId,
      displayed: 'true',
    });
    await send('POST', attributes, {
      type: 'Source',
      value: analysis.sourceLink,
      displayed: 'true',
    });
    const listed = await send('GET', attributes);
    const list = (listed.body?.data?.attribute ?? []) as { id: number; type: string }[];
    for (const attribute of list.filter(a => a.type === 'Analysis ID' || a.type === 'Source')) {
      const label = encodeComponent(this.label);
      await send('POST', `${attributes}/${attribute.id}/securityLabels/${label}`);
    }
    return id;
  }

  private async sendFile(file: NonNullable<SeedAnalysis['file']>, incidentId: number, send: Send) {
    const hashes = { md5: file.md5, sha1: file.sha1, sha256: file.sha256, size: file.size };
    const created = await send('POST', '/v2/indicators/files', hashes);
    // The old SDK ignored "a File with this MD5 already exists" and went on.
    if (created.status >= 300 && created.status !== 400) {
      return;
    }
    await send('POST', `/v2/indicators/files/${file.md5}/fileOccurrences`, {
      ...(file.fileName === null ? {} : { fileName: file.fileName }),
      ...(file.date === null ? {} : { date: file.date }),
    });
    await send('POST', `/v2/indicators/files/${file.md5}/groups/incidents/${incidentId}`);
  }
}

type Send = (method: string, path: string, body?: unknown) => Promise<Reply>;
