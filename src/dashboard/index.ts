/**
 * The dashboard: the miners table, throughput over rounds, the class mix and the
 * buyback-and-burn books, served over HTTP with live updates (SSE). See docs/dashboard.md.
 */
export { startDashboard, type DashboardOptions, type DashboardServer, type DashboardSources } from './server';
export { buildSnapshot, type DashboardSnapshot, type MinerRow, type ThroughputSeries, type BooksPoint, type BooksView, type SnapshotInput } from './snapshot';
export { EvidenceReader, readValidatorState, roundEvidenceOf, parseDurableText, type RoundEvidence, type RoundResult, type EvidenceRead } from './read-files';
export { renderPage, rowCells } from './page';
export { escapeHtml } from './escape';
