import { createRequire } from 'node:module';
import path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from '../../rules';
import { getFileModel } from '../model';
import { setAuditKnowledge, type AuditKnowledge } from '../model/audit-knowledge';
import { AuditUsageError } from './errors';
import { FactsCollector } from './facts';
import { ownRequire } from './own-require';
import type { FactsOptions, FileFacts } from './facts-types';

type SourceCode = TSESLint.SourceCode;

/** The parts of ESLint's API the audit uses; the same on ESLint 8.57, 9 and 10. */
interface LinterMessage {
  ruleId: string | null;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
}
interface LinterInstance {
  verify(code: string | SourceCode, config: unknown, filename: string): LinterMessage[];
  getSourceCode(): SourceCode | null;
}
interface EslintModule {
  Linter: new (options: { configType: 'flat'; cwd: string }) => LinterInstance;
  SourceCode: new (config: { text: string; ast: unknown; parserServices: unknown; scopeManager: unknown; visitorKeys: unknown }) => SourceCode;
}

export type FileKind = 'js' | 'ts' | 'tsx';

/** A finding the audit computes from several files, reported through the rule it belongs to (its messages, its disable comments). */
export interface ExtraReport {
  readonly rule: string;
  readonly messageId: string;
  readonly data: Record<string, string>;
  readonly loc: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } };
}

export interface RuleMessage {
  readonly rule: string;
  readonly messageId: string | null;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

const NAMESPACE = 'http-resilience';
const JS_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.cts', '**/*.mts', '**/*.tsx'];
/** A line that starts with ES module syntax (as the corpus runner tells them). */
const MODULE_SYNTAX = /^[ \t]*(?:import\s+[\w*{$]|import\s*[{*"'`]|import\.meta\b|export\s+[\w*{$]|export\s*[{*])/m;

// Reports the audit computed for a SourceCode it created: read by the rules' audit twins below.
const extraReports = new WeakMap<object, readonly ExtraReport[]>();

/** The first version of a package that resolves from `root` (the audited project), else ours. */
function requireFrom(root: string, name: string): unknown {
  try {
    return createRequire(path.join(root, 'package.json'))(name);
  } catch {
    return undefined;
  }
}

function supportsFlatLinter(eslint: unknown): eslint is EslintModule {
  const module = eslint as Partial<EslintModule> | undefined;
  return typeof module?.Linter === 'function' && typeof module.SourceCode === 'function';
}

/** ESLint version from the module's Linter, e.g. `9.28.0`. */
function eslintVersion(eslint: EslintModule): number[] {
  const version = (eslint.Linter as unknown as { version?: string }).version ?? '0.0.0';
  return version.split('.').map(Number);
}

function atLeast(version: number[], wanted: number[]): boolean {
  for (let index = 0; index < wanted.length; index += 1) {
    const have = version[index] ?? 0;
    if (have !== wanted[index]) return have > wanted[index]!;
  }
  return true;
}

/**
 * Combines a rule's listeners with reports the audit computed for the file, so those come out
 * with the rule's own messages and obey the file's `eslint-disable` comments like any other.
 */
function withExtraReports(name: string, rule: TSESLint.RuleModule<string, readonly unknown[]>): TSESLint.RuleModule<string, readonly unknown[]> {
  return {
    ...rule,
    create(context) {
      const listeners = rule.create(context) as Record<string, ((...args: unknown[]) => void) | undefined>;
      const extra = (extraReports.get(context.sourceCode) ?? []).filter((report) => report.rule === name);
      if (extra.length === 0) return listeners;
      const previous = listeners['Program:exit'];
      return {
        ...listeners,
        'Program:exit'(...args: unknown[]) {
          previous?.(...args);
          for (const report of extra) context.report({ loc: report.loc, messageId: report.messageId, data: report.data });
        },
      };
    },
  } as TSESLint.RuleModule<string, readonly unknown[]>;
}

/**
 * ESLint (the audited project's own when it has 8.57 or later, else the plugin's), its parser
 * for TypeScript, and the two ways the audit lints a file: with the facts rule, and with every
 * rule of the plugin.
 */
export class LintEnvironment {
  readonly #eslint: EslintModule;
  readonly #linter: LinterInstance;
  readonly #tsParser: unknown;
  readonly #root: string;
  readonly #configs = new Map<string, unknown[]>();
  #factsSink: FileFacts | undefined;
  #factsOptions: FactsOptions = { clients: [] };
  readonly #plugin: { rules: Record<string, unknown> };

  constructor(root: string, needsTypeScript: boolean) {
    this.#root = root;
    const own = ownRequire('eslint') as unknown;
    const theirs = requireFrom(root, 'eslint');
    const eslint = supportsFlatLinter(theirs) && atLeast(eslintVersion(theirs), [8, 57]) ? theirs : own;
    if (!supportsFlatLinter(eslint)) throw new AuditUsageError('ESLint 8.57 or later is needed: install `eslint` in the project.');
    this.#eslint = eslint;
    this.#linter = new eslint.Linter({ configType: 'flat', cwd: root });
    this.#tsParser = needsTypeScript ? (requireFrom(root, '@typescript-eslint/parser') ?? loadOwn('@typescript-eslint/parser')) : undefined;
    if (needsTypeScript && !this.#tsParser) {
      throw new AuditUsageError('The project has TypeScript files, and `@typescript-eslint/parser` cannot be found: install it (or `typescript-eslint`) in the project.');
    }
    this.#plugin = {
      rules: Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, withExtraReports(name, rule as unknown as TSESLint.RuleModule<string, readonly unknown[]>)])),
    };
  }

  static kindOf(file: string): FileKind {
    if (file.endsWith('.tsx')) return 'tsx';
    return /\.[cm]?ts$/.test(file) ? 'ts' : 'js';
  }

  #languageOptions(file: string, text: string): Record<string, unknown> {
    const kind = LintEnvironment.kindOf(file);
    const sourceType = /\.m[jt]s$/.test(file) ? 'module' : /\.c[jt]s$/.test(file) ? 'commonjs' : kind !== 'js' || MODULE_SYNTAX.test(text) ? 'module' : 'commonjs';
    return {
      ecmaVersion: 'latest',
      sourceType,
      ...(kind === 'js' ? {} : { parser: this.#tsParser }),
      parserOptions: { ecmaFeatures: { jsx: kind !== 'ts' } },
    };
  }

  #config(kind: 'facts' | 'rules' | 'parse', file: string, text: string): unknown[] {
    const languageOptions = this.#languageOptions(file, text);
    const key = `${kind}:${JSON.stringify({ ...languageOptions, parser: undefined })}:${LintEnvironment.kindOf(file)}`;
    let config = this.#configs.get(key);
    if (config) return config;
    const facts = {
      meta: { type: 'problem', schema: false, messages: {} },
      create: (context: TSESLint.RuleContext<string, readonly unknown[]>) => ({
        'Program:exit': () => {
          const model = getFileModel(context);
          this.#factsSink = new FactsCollector(model, this.#root, this.#factsOptions).collect();
        },
      }),
    };
    const base = {
      files: LintEnvironment.kindOf(file) === 'js' ? JS_FILES : TS_FILES,
      languageOptions,
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    };
    config =
      kind === 'parse'
        ? [base]
        : kind === 'facts'
          ? [{ ...base, plugins: { 'http-resilience-audit': { rules: { facts } } }, rules: { 'http-resilience-audit/facts': 'error' } }]
          : [{ ...base, plugins: { [NAMESPACE]: this.#plugin }, rules: Object.fromEntries(Object.keys(rules).map((name) => [`${NAMESPACE}/${name}`, 'error'])) }];
    this.#configs.set(key, config);
    return config;
  }

  /** Parses a file the facts pass already parsed once (so it parses). */
  parse(file: string, text: string): SourceCode {
    const messages = this.#linter.verify(text, this.#config('parse', file, text), file);
    const sourceCode = this.#linter.getSourceCode();
    const fatal = messages.find((message) => message.fatal);
    if (fatal || !sourceCode) throw new Error(`${file} no longer parses: ${fatal?.message ?? 'ignored'}`);
    return sourceCode;
  }

  /** Parses the file and reads its facts; the parser's message when it cannot be parsed. */
  facts(file: string, text: string): { facts: FileFacts } | { error: string } {
    this.#factsSink = undefined;
    this.#factsOptions = { clients: [] };
    const messages = this.#linter.verify(text, this.#config('facts', file, text), file);
    const fatal = messages.find((message) => message.fatal);
    if (fatal) return { error: `${fatal.line}:${fatal.column} ${fatal.message}` };
    const sourceCode = this.#linter.getSourceCode();
    const facts = this.#factsSink as FileFacts | undefined;
    const error = messages.find((message) => message.ruleId === 'http-resilience-audit/facts');
    if (error) throw new Error(`the audit's facts rule failed on ${file}: ${error.message}`);
    if (!facts || !sourceCode) return { error: 'not linted (ESLint ignored the file)' };
    return { facts };
  }

  /**
   * A new SourceCode for the same parse, which the audit's knowledge is attached to: the model
   * built for it sees that knowledge, while the one built for `parsed` stays the per-file model.
   */
  withKnowledge(parsed: SourceCode, knowledge: AuditKnowledge | undefined): SourceCode {
    const sourceCode = new this.#eslint.SourceCode({
      text: parsed.text,
      ast: parsed.ast,
      parserServices: parsed.parserServices,
      scopeManager: parsed.scopeManager,
      visitorKeys: parsed.visitorKeys,
    });
    if (knowledge) setAuditKnowledge(sourceCode, knowledge);
    return sourceCode;
  }

  /** The facts of a file as the audit's knowledge (attached to `sourceCode`) makes them. */
  factsWith(file: string, sourceCode: SourceCode, options: FactsOptions): FileFacts {
    this.#factsSink = undefined;
    this.#factsOptions = options;
    const messages = this.#linter.verify(sourceCode, this.#config('facts', file, sourceCode.text), file);
    this.#factsOptions = { clients: [] };
    const error = messages.find((message) => message.ruleId === 'http-resilience-audit/facts' || message.fatal);
    if (error || !this.#factsSink) throw new Error(`the audit's facts rule failed on ${file}: ${error?.message ?? 'no facts'}`);
    return this.#factsSink;
  }

  /** Every rule of the plugin on `sourceCode`, with the reports the audit computed for it. */
  lint(file: string, sourceCode: SourceCode, extra: readonly ExtraReport[] = []): RuleMessage[] {
    if (extra.length > 0) extraReports.set(sourceCode, extra);
    const messages = this.#linter.verify(sourceCode, this.#config('rules', file, sourceCode.text), file);
    const prefix = `${NAMESPACE}/`;
    const result: RuleMessage[] = [];
    for (const message of messages) {
      if (message.fatal) throw new Error(`${file}: ${message.message}`);
      if (!message.ruleId?.startsWith(prefix)) continue;
      result.push({
        rule: message.ruleId.slice(prefix.length),
        messageId: message.messageId ?? null,
        message: message.message,
        line: message.line,
        column: message.column,
        endLine: message.endLine ?? message.line,
        endColumn: message.endColumn ?? message.column,
      });
    }
    return result;
  }
}

function loadOwn(name: string): unknown {
  try {
    return ownRequire(name) as unknown;
  } catch {
    return undefined;
  }
}
