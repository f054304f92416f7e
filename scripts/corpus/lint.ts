// Lints unpacked corpus packages with a plugin's `all` config through ESLint's Linter, and reports
// per rule: findings, files with findings, time (ESLint's `stats`, the numbers behind TIMING).
// Anything our code throws, any message without a rule that is not a parse error, and any parse
// error (the packages' code is valid, so our language options caused it) is a failure.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';

import type { UnpackedPackage } from './select';

export interface CorpusPlugin {
  meta: { namespace: string };
  configs: Record<string, Linter.Config>;
}

export interface Finding {
  /** `package-name/path/inside/package.js` */
  file: string;
  line: number;
  column: number;
  /** The rule name without the plugin prefix. */
  rule: string;
  message: string;
}

export interface Failure {
  file: string;
  kind: 'exception' | 'parse error' | 'message without rule';
  message: string;
}

export interface RuleSummary {
  findings: number;
  files: number;
  /** Milliseconds in the rule's create() and listeners (the shared model is built by the first rule that asks). */
  ms: number;
}

export interface CorpusReport {
  packages: number;
  files: number;
  /** Every rule of the config, findings or not, by name without the plugin prefix. */
  rules: Record<string, RuleSummary>;
  findings: Finding[];
  failures: Failure[];
  /** `eslint-disable`-style comments in the packages, ignored through `noInlineConfig`. */
  ignoredInlineConfig: number;
  parseMs: number;
  totalMs: number;
}

export type Kind = 'ts' | 'tsx' | 'js';
export type SourceType = 'module' | 'commonjs';

/** A line that starts with ES module syntax: `import x from`, `import {`, `import '…'`, `export …`, `import.meta`. */
const MODULE_SYNTAX = /^[ \t]*(?:import\s+[\w*{$]|import\s*[{*"'`]|import\.meta\b|export\s+[\w*{$]|export\s*[{*])/m;
const INLINE_CONFIG_IGNORED = /has no effect because you have 'noInlineConfig' setting/;

export function kindOf(file: string): Kind {
  if (/\.tsx$/.test(file)) return 'tsx';
  return /\.[cm]?ts$/.test(file) ? 'ts' : 'js';
}

/** `"type"` of the nearest package.json from `dir` up to the package root (a package.json without one means CommonJS). */
export function packageType(root: string, dir: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  let type: string | undefined;
  try {
    const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: unknown };
    type = json.type === 'module' ? 'module' : 'commonjs';
  } catch {
    type = dir.startsWith(root + path.sep) ? packageType(root, path.dirname(dir), cache) : undefined;
  }
  cache.set(dir, type);
  return type;
}

/** .mjs/.mts are modules and .cjs/.cts CommonJS; otherwise the package.json `type`, or module syntax in the text. */
export function sourceTypeOf(file: string, text: string, type: string | undefined): SourceType {
  if (/\.m[jt]s$/.test(file)) return 'module';
  if (/\.c[jt]s$/.test(file)) return 'commonjs';
  return type === 'module' || MODULE_SYNTAX.test(text) ? 'module' : 'commonjs';
}

/**
 * How one corpus file is linted, before any rules: espree with JSX for JavaScript, typescript-eslint
 * for TypeScript, and the packages' own eslint comments ignored (they may name rules we lack).
 */
export function fileConfig(kind: Kind, sourceType: SourceType): Linter.Config {
  return {
    files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    languageOptions: {
      parser: (kind === 'js' ? espree : tsParser) as Linter.Parser,
      ecmaVersion: 'latest',
      sourceType,
      parserOptions: { ecmaFeatures: { jsx: kind !== 'ts' } },
    },
  };
}

function configFor(plugin: CorpusPlugin, kind: Kind, sourceType: SourceType): Linter.Config[] {
  return [
    fileConfig(kind, sourceType),
    plugin.configs.all!,
  ];
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n');
}

/**
 * Lints every selected file of `packages` with `plugin.configs.all`, one Linter per package whose
 * working directory is the package folder (so `test/` means the package's own tests).
 */
export function lintPackages(packages: readonly UnpackedPackage[], plugin: CorpusPlugin): CorpusReport {
  const prefix = `${plugin.meta.namespace}/`;
  const ruleNames = Object.keys(plugin.configs.all?.rules ?? {}).map((id) => id.slice(prefix.length));
  const rules: Record<string, RuleSummary> = Object.fromEntries(ruleNames.map((name) => [name, { findings: 0, files: 0, ms: 0 }]));
  const report: CorpusReport = { packages: packages.length, files: 0, rules, findings: [], failures: [], ignoredInlineConfig: 0, parseMs: 0, totalMs: 0 };
  const configs = new Map<string, Linter.Config[]>();
  const started = performance.now();

  for (const { pkg, root, files } of packages) {
    const linter = new Linter({ cwd: root, configType: 'flat' });
    const types = new Map<string, string | undefined>();
    for (const relative of files) {
      const file = path.join(root, ...relative.split('/'));
      const shown = `${pkg.name}/${relative}`;
      const text = readFileSync(file, 'utf8');
      const kind = kindOf(relative);
      const sourceType = sourceTypeOf(relative, text, packageType(root, path.dirname(file), types));
      const configKey = `${kind}:${sourceType}`;
      if (!configs.has(configKey)) configs.set(configKey, configFor(plugin, kind, sourceType));
      report.files++;

      let messages: Linter.LintMessage[];
      try {
        // verifyAndFix resets the times per call; verify({ stats }) does not (and throws on ESLint 10).
        ({ messages } = linter.verifyAndFix(text, configs.get(configKey)!, { filename: file, fix: false, stats: true } as Linter.FixOptions));
      } catch (error) {
        const message = error instanceof Error ? firstLines(error.stack ?? error.message, 8) : String(error);
        report.failures.push({ file: shown, kind: 'exception', message });
        continue;
      }

      const pass = linter.getTimes().passes[0];
      report.parseMs += pass?.parse?.total ?? 0;
      for (const [id, time] of Object.entries(pass?.rules ?? {})) {
        const summary = rules[id.slice(prefix.length)];
        if (summary) summary.ms += time.total;
      }

      const rulesHere = new Set<string>();
      for (const message of messages) {
        if (message.ruleId === null) {
          if (message.fatal) report.failures.push({ file: shown, kind: 'parse error', message: `${message.line}:${message.column} ${message.message} (${kind}, ${sourceType})` });
          else if (INLINE_CONFIG_IGNORED.test(message.message)) report.ignoredInlineConfig++;
          else report.failures.push({ file: shown, kind: 'message without rule', message: `${message.line}:${message.column} ${message.message}` });
          continue;
        }
        const rule = message.ruleId.startsWith(prefix) ? message.ruleId.slice(prefix.length) : message.ruleId;
        report.findings.push({ file: shown, line: message.line, column: message.column, rule, message: message.message });
        const summary = (rules[rule] ??= { findings: 0, files: 0, ms: 0 });
        summary.findings++;
        if (!rulesHere.has(rule)) summary.files++;
        rulesHere.add(rule);
      }
    }
  }
  report.totalMs = performance.now() - started;
  return report;
}

/** Findings per rule, like `{ 'require-server-timeouts': 1 }`; rules without findings left out. */
export function findingsPerRule(report: CorpusReport): Record<string, number> {
  return Object.fromEntries(Object.entries(report.rules).filter(([, summary]) => summary.findings > 0).map(([rule, summary]) => [rule, summary.findings]));
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column} ${finding.rule} ${finding.message}`;
}

/** The per-rule table, ESLint TIMING style: time and share of all rule time, plus findings and files. */
export function formatTable(report: CorpusReport): string {
  const ruleMs = Object.values(report.rules).reduce((sum, summary) => sum + summary.ms, 0);
  const rows = Object.entries(report.rules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, summary]) => [
      rule,
      String(summary.findings),
      String(summary.files),
      summary.ms.toFixed(1),
      `${ruleMs > 0 ? ((100 * summary.ms) / ruleMs).toFixed(1) : '0.0'}%`,
    ]);
  const total = ['all rules', String(report.findings.length), String(new Set(report.findings.map((f) => f.file)).size), ruleMs.toFixed(1), '100.0%'];
  const header = ['Rule', 'Findings', 'Files', 'Time (ms)', 'Relative'];
  const table = [header, ...rows, total];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ');
  const separator = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [line(header), separator, ...rows.map(line), separator, line(total)].join('\n');
}
