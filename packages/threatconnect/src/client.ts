import { resolveTcErrorMatchers } from './error-matchers.js';
import {
  associateIndicators,
  createIncident,
  findIncidentByAttribute,
  getGroupByXid,
} from './groups.js';
import { getIndicator, upsertIndicator, type TcUpsertedIndicator } from './indicators.js';
import { listAttributeTypes, listOwners, listSecurityLabels } from './metadata.js';
import type { TcOpsContext } from './ops-context.js';
import type { CreateIncidentInput, TcIndicatorInput } from './tc-inputs.js';
import type {
  TcAttributeType,
  TcGroup,
  TcIndicator,
  TcOwner,
  TcSecurityLabel,
} from './tc-models.js';
import { createTcTransport } from './transport.js';
import type { TcTransportOptions } from './transport-types.js';

/** Options for {@link createThreatConnectClient}. */
export interface ThreatConnectClientOptions extends TcTransportOptions {
  /** Owner (organization, community or source) name sent as `?owner=` on every data call. */
  owner: string;
  /** Attribute type holding the sandbox task id. @defaultValue 'Analysis ID' */
  analysisIdAttributeType?: string;
}

/** The ThreatConnect API v3 operations cuckoo-tc uses. */
export interface ThreatConnectClient {
  readonly owner: string;
  /** The group with this xid in the owner, or null. */
  getGroupByXid(xid: string): Promise<TcGroup | null>;
  /** Creates an incident with attributes, labels and tags inline (one call). */
  createIncident(input: CreateIncidentInput): Promise<TcGroup>;
  /** Finds an incident by its analysis-id attribute (TQL fallback for incidents without xid). */
  findIncidentByAnalysisId(analysisId: string | number): Promise<TcGroup | null>;
  /** Creates or updates an indicator; reuses a File that already holds one of the hashes. */
  upsertIndicator(input: TcIndicatorInput): Promise<TcUpsertedIndicator>;
  /** An indicator by id or summary, or null. */
  getIndicator(idOrSummary: number | string): Promise<TcIndicator | null>;
  /** One `PUT /v3/groups/{id}` (mode append) per chunk of indicator ids. */
  associateIndicators(
    groupId: number,
    indicatorIds: readonly number[],
    chunkSize?: number,
  ): Promise<{ calls: number }>;
  listAttributeTypes(): Promise<TcAttributeType[]>;
  listSecurityLabels(): Promise<TcSecurityLabel[]>;
  listOwners(): Promise<TcOwner[]>;
  /** The offset (ms) added to the local clock after ThreatConnect reported clock skew. */
  clockOffsetMs(): number;
  /** Releases keep-alive sockets. */
  close(): void;
}

/** Creates a client. No IO happens until the first call. */
export function createThreatConnectClient(
  options: ThreatConnectClientOptions,
): ThreatConnectClient {
  const transport = createTcTransport(options);
  const ctx: TcOpsContext = {
    transport,
    owner: options.owner,
    matchers: resolveTcErrorMatchers(options.matchers),
  };
  const analysisIdType = options.analysisIdAttributeType ?? 'Analysis ID';
  return {
    owner: options.owner,
    getGroupByXid: xid => getGroupByXid(ctx, xid),
    createIncident: input => createIncident(ctx, input),
    findIncidentByAnalysisId: id => findIncidentByAttribute(ctx, analysisIdType, String(id)),
    upsertIndicator: input => upsertIndicator(ctx, input),
    getIndicator: idOrSummary => getIndicator(ctx, idOrSummary),
    associateIndicators: (groupId, ids, chunkSize) =>
      associateIndicators(ctx, groupId, ids, chunkSize),
    listAttributeTypes: () => listAttributeTypes(ctx),
    listSecurityLabels: () => listSecurityLabels(ctx),
    listOwners: () => listOwners(ctx),
    clockOffsetMs: () => transport.clockOffsetMs(),
    close: () => transport.close(),
  };
}
