import type { IndicatorInput } from '@cuckoo-tc/queues';
import type { TcIndicatorInput } from '@cuckoo-tc/threatconnect';

/** The ThreatConnect upsert body of a flow indicator. Pure. */
export function toTcIndicator(indicator: IndicatorInput): TcIndicatorInput {
  switch (indicator.type) {
    case 'Address':
      return { type: 'Address', ip: indicator.value };
    case 'Host':
      return { type: 'Host', hostName: indicator.value };
    case 'URL':
      return { type: 'URL', text: indicator.value };
    case 'File': {
      const occurrence = indicator.occurrence;
      return {
        type: 'File',
        ...(indicator.md5 ? { md5: indicator.md5 } : {}),
        ...(indicator.sha1 ? { sha1: indicator.sha1 } : {}),
        ...(indicator.sha256 ? { sha256: indicator.sha256 } : {}),
        ...(indicator.size === undefined ? {} : { size: indicator.size }),
        ...(occurrence && (occurrence.fileName || occurrence.date)
          ? { fileOccurrences: [{ ...occurrence }] }
          : {}),
      };
    }
  }
}
