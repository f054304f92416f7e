import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';

import plugin from '../../src/plugin';

/**
 * Shared helpers of the robustness suites: lint a file with every rule of the plugin (the `all`
 * config, and `strict` with its stricter options) on espree or on `@typescript-eslint/parser`.
 * No vitest here: the deep-nesting worker loads this file too (assertions live in harness.ts).
 */

export const namespace = plugin.meta.namespace;
export const ruleIds = Object.keys(plugin.rules).map((name) => `${namespace}/${name}`);

export const CONFIGS = {
  all: plugin.configs.all.rules as Linter.RulesRecord,
  strict: plugin.configs.strict.rules as Linter.RulesRecord,
} as const;
export type ConfigName = keyof typeof CONFIGS;
export const CONFIG_NAMES = Object.keys(CONFIGS) as ConfigName[];

export type ParserName = 'espree' | 'typescript';
export const PARSERS: readonly ParserName[] = ['espree', 'typescript'];

/** The globals a Node project declares (`globals.node` in a flat config), so `fetch`, `process` … resolve as globals. */
const NODE_GLOBALS: Linter.Globals = Object.fromEntries(
  [
    'AbortController', 'AbortSignal', 'Buffer', 'clearInterval', 'clearTimeout', 'console', 'exports', 'fetch',
    'global', 'globalThis', 'module', 'process', 'Promise', 'Request', 'Response', 'require', 'setImmediate',
    'setInterval', 'setTimeout', 'URL', '__dirname', '__filename',
  ].map((name) => [name, 'readonly' as const]),
);

export interface LintOptions {
  parser: ParserName;
  /** Defaults to `file.js` / `file.ts` by parser. */
  filename?: string;
  config?: ConfigName;
  sourceType?: 'module' | 'script' | 'commonjs';
  /** Rules to run instead of a whole config. */
  rules?: Linter.RulesRecord;
}

export function lint(code: string, options: LintOptions): Linter.LintMessage[] {
  const { parser, config = 'all', sourceType = 'module' } = options;
  const filename = options.filename ?? (parser === 'typescript' ? 'file.ts' : 'file.js');
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
        languageOptions: {
          parser: (parser === 'typescript' ? tsParser : espree) as Linter.Parser,
          ecmaVersion: 'latest',
          sourceType,
          globals: NODE_GLOBALS,
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
        plugins: { [namespace]: plugin as never },
        rules: options.rules ?? CONFIGS[config],
      },
    ],
    filename,
  );
}

/** The file name a parser lints `ext` files under: TypeScript extensions become JavaScript ones for espree. */
export function filenameFor(parser: ParserName, base: string): string {
  return parser === 'espree' ? base.replace(/\.(m|c)?ts(x?)$/, (_, prefix = '', x) => `.${prefix}js${x}`) : base;
}

/** `[config, parser]` pairs for it.each: every config on every parser. */
export const EVERY_RUN: readonly [ConfigName, ParserName][] = CONFIG_NAMES.flatMap((config) =>
  PARSERS.map((parser): [ConfigName, ParserName] => [config, parser]),
);

/** The rules that reported, sorted, with repeats: `['…/no-sync-io-in-handler', …]`. */
export function ruleIdsOf(messages: readonly Linter.LintMessage[]): string[] {
  return messages.map((message) => message.ruleId ?? '<none>').sort();
}
