import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { rules } from '../../../rules';
import type { AuditReport, Location } from '../report';

const NAMESPACE = 'http-resilience';
const INFORMATION_URI = 'https://github.com/http-resilience/eslint-plugin-http-resilience/blob/main/docs/audit.md';

/**
 * The folder SARIF paths are relative to: the repository root above the audited folder (so a
 * package of a monorepo uploads paths GitHub code scanning can match), else the folder itself.
 */
export function sourceRoot(root: string): string {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return root;
  }
}

function uriOf(report: AuditReport, base: string, file: string): string {
  return path.relative(base, path.join(report.root, ...file.split('/'))).split(path.sep).map(encodeURIComponent).join('/');
}

function physical(report: AuditReport, base: string, location: Location) {
  return {
    artifactLocation: { uri: uriOf(report, base, location.file), uriBaseId: '%SRCROOT%' },
    region: {
      startLine: location.line,
      startColumn: location.column,
      ...(location.endLine !== undefined ? { endLine: location.endLine, endColumn: location.endColumn } : {}),
    },
  };
}

/** `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (one run, every rule of the plugin, `%SRCROOT%`-relative paths). */
export function formatSarif(report: AuditReport, base = sourceRoot(report.root)): string {
  const ruleIds = Object.keys(rules).sort();
  const descriptors = ruleIds.map((name) => {
    const rule = rules[name as keyof typeof rules];
    const docs = rule.meta.docs;
    return {
      id: `${NAMESPACE}/${name}`,
      name,
      shortDescription: { text: docs.description },
      helpUri: docs.url,
      help: { text: `${docs.description}. See ${docs.url}`, markdown: `${docs.description}. [Documentation](${docs.url})` },
      defaultConfiguration: { level: docs.recommended === 'error' ? 'error' : 'warning' },
      properties: { tags: ['reliability', 'http'], precision: 'high', 'problem.severity': docs.recommended === 'error' ? 'error' : 'warning' },
    };
  });
  const results = report.findings.map((finding) => {
    const ruleIndex = descriptors.findIndex((descriptor) => descriptor.id === finding.ruleId);
    const fingerprint = createHash('sha256')
      .update(`${finding.ruleId}\0${finding.location.file}\0${finding.message}`)
      .digest('hex');
    return {
      ruleId: finding.ruleId,
      ruleIndex,
      level: descriptors[ruleIndex]?.defaultConfiguration.level ?? 'warning',
      message: { text: finding.message },
      locations: [{ physicalLocation: physical(report, base, finding.location) }],
      ...(finding.related.length > 0
        ? { relatedLocations: finding.related.map((related, index) => ({ id: index + 1, physicalLocation: physical(report, base, related), message: { text: related.message } })) }
        : {}),
      partialFingerprints: { 'httpResilienceAudit/v1': fingerprint },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'http-resilience audit',
            informationUri: INFORMATION_URI,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: descriptors,
          },
        },
        automationDetails: { id: `http-resilience-audit/${uriOf(report, base, '.') || '.'}/` },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(base).href.replace(/\/?$/, '/')}` } },
        results,
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.diagnostics.map((diagnostic) => ({ level: 'warning', message: { text: `${diagnostic.file}: ${diagnostic.message}` } })) }],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
