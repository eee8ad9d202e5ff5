/** Top-level report members the reader can keep; everything else is skipped unparsed. */
export type SectionName =
  'info' | 'target' | 'network' | 'url_analysis' | 'signatures' | 'malfamily' | 'dropped';

/** Sections kept when the caller names none (`dropped` only with `includeDropped`). */
export const DEFAULT_SECTIONS: readonly SectionName[] = [
  'info',
  'target',
  'network',
  'url_analysis',
  'signatures',
  'malfamily',
];

/** Raw JSON values of the kept sections plus what the reader saw of the rest. */
export interface ReportSections {
  /** Each kept section that was present, as `JSON.parse` would produce it. */
  sections: Partial<Record<SectionName, unknown>>;
  /** Total bytes consumed from the input. */
  bytesRead: number;
  /** Top-level keys that were present but not kept, in order of first appearance. */
  skippedSections: string[];
}
