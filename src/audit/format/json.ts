import type { AuditReport } from '../report';

/** `--format json`: the report as `schema/audit-report.schema.json` describes it. */
export function formatJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
