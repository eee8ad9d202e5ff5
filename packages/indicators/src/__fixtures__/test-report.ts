import {
  normaliseReport,
  type NormalisedReport,
  type ReportSectionValues,
} from '@cuckoo-tc/cuckoo';

/** Test helper: normalises hand-written sections (id 1 and a start date unless given). */
export function testReport(sections: ReportSectionValues): NormalisedReport {
  const info = {
    id: 1,
    version: '2.0.7',
    started: '2024-05-06 10:11:12',
    ...(sections.info as object),
  };
  const result = normaliseReport({ ...sections, info });
  if (!result.ok) {
    throw result.error;
  }
  return result.report;
}
