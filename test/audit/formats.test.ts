// Every output format, for every fixture: JSON against the shipped JSON Schema, SARIF against the
// SARIF 2.1.0 schema (plus what GitHub code scanning needs beyond it), markdown and the table.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json';
import { beforeAll, describe, expect, it } from 'vitest';

import { formatJson } from '../../src/audit/format/json';
import { formatMarkdown } from '../../src/audit/format/markdown';
import { formatSarif, sourceRoot } from '../../src/audit/format/sarif';
import { formatTable } from '../../src/audit/format/table';
import { SCHEMA_VERSION, type AuditReport } from '../../src/audit/report';
import { FIXTURES, auditFixture } from './helpers';
import { loadSarifSchema } from './sarif-schema';

const reportSchema = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../src/audit/schema/audit-report.schema.json'), 'utf8')) as object;

function validator(schema: object, meta?: object) {
  const ajv = new Ajv({ allErrors: true, schemaId: 'auto', jsonPointers: true });
  if (meta) ajv.addMetaSchema(meta);
  const validate = ajv.compile(schema);
  return (data: unknown) => {
    const valid = validate(data);
    return valid ? [] : (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message} ${JSON.stringify(error.params)}`);
  };
}

describe('--format json', () => {
  const validate = validator(reportSchema);

  it.each(FIXTURES)('%s matches the JSON Schema', (name) => {
    const json = JSON.parse(formatJson(auditFixture(name))) as AuditReport;
    expect(validate(json)).toEqual([]);
    expect(json.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('the schema is strict: an unknown field or a wrong value fails', () => {
    const report = JSON.parse(formatJson(auditFixture('express-split'))) as Record<string, unknown>;
    expect(validate({ ...report, extra: 1 })).not.toEqual([]);
    expect(validate({ ...report, schemaVersion: 2 })).not.toEqual([]);
    const findings = report.findings as Record<string, unknown>[];
    expect(validate({ ...report, findings: [{ ...findings[0], ruleId: 'other/rule' }] })).not.toEqual([]);
  });
});

describe('--format sarif', () => {
  let validate: (data: unknown) => string[];
  beforeAll(async () => {
    validate = validator(await loadSarifSchema(), draft04);
  }, 180_000);

  it.each(FIXTURES)('%s is valid SARIF 2.1.0', (name) => {
    const sarif = JSON.parse(formatSarif(auditFixture(name))) as { version: string; runs: unknown[] };
    expect(validate(sarif)).toEqual([]);
    expect(sarif.version).toBe('2.1.0');
  });

  it('has what GitHub code scanning reads: rule ids, help links, levels, relative URIs, related locations, fingerprints', () => {
    const report = auditFixture('express-split');
    const base = path.join(report.root, '..');
    const sarif = JSON.parse(formatSarif(report, base)) as {
      runs: {
        tool: { driver: { name: string; rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } };
        originalUriBaseIds: Record<string, { uri: string }>;
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
          relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: { uri: string } } }[];
          partialFingerprints: Record<string, string>;
        }[];
      }[];
    };
    const [run] = sarif.runs;
    expect(run!.tool.driver.rules.map((rule) => rule.id)).toContain('http-resilience/require-handler-timeout');
    expect(run!.tool.driver.rules.every((rule) => rule.helpUri.endsWith(`/docs/rules/${rule.id.slice('http-resilience/'.length)}.md`))).toBe(true);
    expect(run!.originalUriBaseIds['%SRCROOT%']!.uri).toMatch(/^file:\/\/\/.*\/fixtures\/audit\/$/);
    const result = run!.results.find((candidate) => candidate.ruleId === 'http-resilience/require-handler-timeout')!;
    expect(run!.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(result.level).toBe('warning');
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'express-split/src/controllers/users.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 8, startColumn: 26, endLine: 8, endColumn: 38 },
    });
    expect(result.relatedLocations!.map((related) => `${related.physicalLocation.artifactLocation.uri} ${related.message.text}`)).toEqual([
      'express-split/src/http.ts The axios client is created here without a deadline.',
      'express-split/src/routes/users.ts Registered as the GET /:id route handler here.',
    ]);
    expect(Object.keys(result.partialFingerprints)).toEqual(['httpResilienceAudit/v1']);
  });

  it('the validator has teeth: a result without a message, or a wrong version, fails', () => {
    const sarif = JSON.parse(formatSarif(auditFixture('express-split'))) as { version: string; runs: { results: Record<string, unknown>[] }[] };
    expect(validate({ ...sarif, version: '2.0.0' })).not.toEqual([]);
    const [run] = sarif.runs;
    const { message: _message, ...withoutMessage } = run!.results[0]!;
    expect(validate({ ...sarif, runs: [{ ...run, results: [withoutMessage] }] })).not.toEqual([]);
  });

  it('makes paths relative to the repository above the audited folder', () => {
    expect(sourceRoot(path.join(import.meta.dirname, '../../fixtures/audit/express-split'))).toBe(path.resolve(import.meta.dirname, '../..'));
  });
});

describe('--format markdown and the table', () => {
  it('markdown lists the findings first, then the inventory folded', () => {
    const markdown = formatMarkdown(auditFixture('express-split'));
    expect(markdown.split('\n').slice(0, 6)).toEqual([
      '## http-resilience audit',
      '',
      '8 files, 1 server, 4 routes and middleware, 2 clients: 6 cross-file findings.',
      '',
      '### Cross-file findings',
      '',
    ]);
    expect(markdown).toContain('| [`require-handler-timeout`](https://github.com/http-resilience/eslint-plugin-http-resilience/blob/main/docs/rules/require-handler-timeout.md) | `src/controllers/users.ts:8` |');
    expect(markdown).toContain('<details><summary>Servers (1)</summary>');
    expect(markdown).toContain('| `keepAliveTimeout` | 5000 ms | Node 20 default |');
  });

  it('the table shows the inventory, the findings and a summary', () => {
    const text = formatTable(auditFixture('fastify-plugins'));
    expect(text).toContain('  app — fastify fastify at src/app.js:7:15');
    expect(text).toContain('  started: src/server.js:4:7');
    expect(text).toMatch(/requestTimeout\s+none \(0\)\s+Fastify default \(none\)/);
    expect(text).toMatch(/fastify\s+GET \/users\/:id\s+route\s+getUser src\/handlers\/users.js:1:8\s+src\/plugins\/users.js:7:3 \(other module\)/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('5 files, 1 server, 3 routes and middleware, 0 clients: 2 cross-file findings.');
  });
});
