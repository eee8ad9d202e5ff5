/** One HTTP response as the client saw it, before interpretation. */
export interface TcResponseView {
  method: string;
  /** Request path without query string (for messages). */
  path: string;
  status: number;
  /** Header names lower-case, as Node delivers them. */
  headers: Readonly<Record<string, unknown>>;
  /** Raw body text. */
  body: string;
  /** Owner the request addressed, for operator-facing messages. */
  owner?: string;
}

/** A parsed JSON body (null when not JSON) and the message ThreatConnect put in it. */
export interface ParsedBody {
  json: Record<string, unknown> | null;
  message: string | null;
  isJsonContentType: boolean;
}

const excerptLength = 200;

function headerText(value: unknown): string {
  return Array.isArray(value) ? String(value[0] ?? '') : value == null ? '' : String(value);
}

/** True when the Content-Type is application/json (parameters such as charset allowed). */
export function isJsonContentType(headers: Readonly<Record<string, unknown>>): boolean {
  return /^application\/json\s*(;|$)/i.test(headerText(headers['content-type']).trim());
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > excerptLength ? `${flat.slice(0, excerptLength)}…` : flat;
}

/** Parses the body once: JSON object if possible, and the best message for error reports. */
export function parseBody(view: TcResponseView): ParsedBody {
  const isJson = isJsonContentType(view.headers);
  let json: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(view.body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      json = parsed as Record<string, unknown>;
    }
  } catch {
    json = null;
  }
  const raw = json ? (json.message ?? json.description ?? json.error) : null;
  const message = typeof raw === 'string' && raw !== '' ? oneLine(raw) : null;
  return {
    json,
    message: message ?? (json === null && view.body.trim() !== '' ? oneLine(view.body) : null),
    isJsonContentType: isJson,
  };
}

/** Reads one header as text ('' when absent). */
export function readHeader(view: TcResponseView, name: string): string {
  return headerText(view.headers[name.toLowerCase()]);
}
