import path from 'node:path';

import { audit } from '../../src/audit/analyze';
import type { AuditReport, FindingReport, Location, ServerReport } from '../../src/audit/report';

export const fixturesDir = path.join(import.meta.dirname, '../../fixtures/audit');

const reports = new Map<string, AuditReport>();

/** The audit of `fixtures/audit/<name>`, computed once per test file. */
export function auditFixture(name: string): AuditReport {
  let report = reports.get(name);
  if (!report) {
    report = audit({ dir: path.join(fixturesDir, name) });
    reports.set(name, report);
  }
  return report;
}

export const FIXTURES = ['express-split', 'fastify-plugins', 'nestjs-modules', 'monorepo/packages/api', 'express-commonjs', 'clean'] as const;

export function at(location: Location): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** `file:line:column rule messageId` per finding: what the fixture tests assert exactly. */
export function findingLines(report: AuditReport): string[] {
  return report.findings.map((finding: FindingReport) => `${at(finding.location)} ${finding.ruleId.replace('http-resilience/', '')} ${finding.messageId}`);
}

export function relatedLines(finding: FindingReport): string[] {
  return finding.related.map((related) => `${at(related)} ${related.message}`);
}

/** `name kind@file:line:column started=[…] shutdown=state` */
export function serverLine(server: ServerReport): string {
  return `${server.name ?? '-'} ${server.framework}/${server.kind}@${at(server.location)} started=[${server.starts.map(at).join(', ')}] shutdown=${server.shutdown.state}`;
}

/** `keepAliveTimeout=5000 (default)`, `headersTimeout=30000 (set src/index.ts:4:1)` */
export function settingLines(server: ServerReport): string[] {
  return server.settings.map(
    (setting) => `${setting.name}=${setting.value ?? '?'} (${setting.source === 'set' ? `set ${setting.location ? at(setting.location) : ''}` : setting.source})`,
  );
}

export function routeLines(report: AuditReport): string[] {
  return report.inventory.routes.map(
    (route) =>
      `${route.framework} ${route.kind} ${[route.method, route.path].filter(Boolean).join(' ') || '(any)'} -> ${route.handlerName ?? '-'}@${at(route.handler)} via ${at(route.registeredAt)}${route.crossFile ? ' (cross-file)' : ''}`,
  );
}

export function clientLines(report: AuditReport): string[] {
  return report.inventory.clients.map(
    (client) => `${client.library} ${client.kind} ${client.name ?? '-'}@${at(client.location)} deadline=${client.deadline} usedIn=[${client.usedIn.join(', ')}]`,
  );
}

export function shutdownLines(report: AuditReport): string[] {
  return report.inventory.shutdown.map(
    (item) => `${item.kind}@${at(item.location)} signals=${item.signals?.join('+') ?? '?'} closes=[${item.closes.join(', ')}] forcedExit=${item.forcedExit}`,
  );
}
