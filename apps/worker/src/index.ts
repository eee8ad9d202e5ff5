// Public entry point of apps/worker; filled by the issue that builds it.
export {};
export { analyseReport } from './analysis/analyse-report.js';
export type { AnalyseReportOptions, ReportAnalysis } from './analysis/analyse-report.js';
export { analysisSettingsFromConfig, BenignListFileError } from './analysis/analysis-settings.js';
export type { AnalysisSettings } from './analysis/analysis-settings.js';
