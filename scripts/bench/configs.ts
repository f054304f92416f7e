// The configurations the benchmark compares, built from the same per-file language options as
// the corpus run (scripts/corpus/lint.ts): (a) the parser and no rules, (a′) one rule that does
// nothing (what ESLint charges any plugin before rule code runs), (b) our `recommended`, (c) our
// `all`, and (d) four popular plugins, each with its own recommended config. (a″) and (b″) are
// (a′) and (b) with ESLint's rule contexts built without a per-file prototype
// (plain-rule-context.ts): diagnostics that show where (a′)'s cost comes from.
import { createRequire } from 'node:module';
import path from 'node:path';

import type { ESLint, Linter } from 'eslint';

import { repoRoot } from '../corpus/fetch';
import { fileConfig as corpusFileConfig } from '../corpus/lint';
import type { Kind, SourceType } from './corpus-files';

export const CONFIG_IDS = ['none', 'noop', 'noop-plain-context', 'recommended', 'recommended-plain-context', 'all', 'n', 'security', 'sonarjs', 'unicorn'] as const;
export type ConfigId = (typeof CONFIG_IDS)[number];

export const CONFIG_LABELS: Record<ConfigId, string> = {
  none: '(a) parser only, no rules',
  noop: '(a′) one rule that does nothing',
  'noop-plain-context': "(a″) the same, ESLint's rule context built without a per-file prototype",
  'recommended-plain-context': '(b″) http-resilience `recommended`, the same way',
  recommended: '(b) http-resilience `recommended`',
  all: '(c) http-resilience `all`',
  n: '(d1) eslint-plugin-n `flat/recommended`',
  security: '(d2) eslint-plugin-security `recommended`',
  sonarjs: '(d3) eslint-plugin-sonarjs `recommended`',
  unicorn: '(d4) eslint-plugin-unicorn `recommended`',
};

/** `(a′)`: a configuration's letter, the start of its label. */
export const configLetter = (id: ConfigId) => CONFIG_LABELS[id].slice(0, CONFIG_LABELS[id].indexOf(' '));

/** The configurations measured in every round: the budget's, as opposed to the peers (context only). */
export const BUDGET_CONFIGS: readonly ConfigId[] = ['none', 'noop', 'noop-plain-context', 'recommended', 'recommended-plain-context', 'all'];

/** The configurations whose child replaces ESLint's FileContext#extend first (plain-rule-context.ts). */
export const PLAIN_CONTEXT_CONFIGS: ReadonlySet<ConfigId> = new Set(['noop-plain-context', 'recommended-plain-context']);

/**
 * The plugin of (a′) and (a″): one rule, on as an error, whose create() returns no listeners. It
 * reports nothing and runs no code per node, so all it costs is what ESLint does for any rule.
 */
const NOOP_PLUGIN = { meta: { name: 'bench-noop' }, rules: { noop: { meta: { schema: [] }, create: () => ({}) } } } satisfies ESLint.Plugin;

/** The npm package behind each peer configuration, for versions in the report. */
export const PEER_PACKAGES: Partial<Record<ConfigId, string>> = {
  n: 'eslint-plugin-n',
  security: 'eslint-plugin-security',
  sonarjs: 'eslint-plugin-sonarjs',
  unicorn: 'eslint-plugin-unicorn',
};

/** The built plugin. The bench lints a snapshot of it (run.ts), so a rebuild mid-run changes nothing. */
export const distEntry = path.join(repoRoot, 'dist', 'index.js');

export interface OurPlugin {
  meta: { namespace: string };
  configs: Record<'recommended' | 'all', Linter.Config>;
}

/** The built plugin, as users get it (the bench never measures the TypeScript sources). */
export function loadOurPlugin(pluginFile: string): OurPlugin {
  return createRequire(import.meta.url)(pluginFile) as OurPlugin;
}

/** The part of a peer's config the bench applies: plugins, rules, settings and globals. */
interface RulesPart {
  plugins?: Linter.Config['plugins'];
  rules?: Linter.Config['rules'];
  settings?: Linter.Config['settings'];
  globals?: NonNullable<Linter.Config['languageOptions']>['globals'];
}

/**
 * The rules part of a configuration, per sourceType. Peers' `languageOptions` other than their
 * globals are dropped on purpose: eslint-plugin-n's `flat/recommended` fixes `sourceType` from the
 * package.json in the *current directory*, which would parse half the corpus differently from (a).
 * n gets its module or script variant per file instead, as its `flat/mixed-esm-and-cjs` does.
 */
export async function loadRulesPart(id: ConfigId, pluginFile: string): Promise<(sourceType: SourceType) => RulesPart> {
  const fromConfig = (config: Linter.Config): RulesPart => ({
    plugins: config.plugins,
    rules: config.rules,
    settings: config.settings,
    globals: config.languageOptions?.globals,
  });
  switch (id) {
    case 'none':
      return () => ({});
    case 'noop':
    case 'noop-plain-context': {
      const part: RulesPart = { plugins: { bench: NOOP_PLUGIN }, rules: { 'bench/noop': 'error' } };
      return () => part;
    }
    case 'recommended':
    case 'all':
    case 'recommended-plain-context': {
      const part = fromConfig(loadOurPlugin(pluginFile).configs[id === 'all' ? 'all' : 'recommended']);
      return () => part;
    }
    case 'n': {
      const configs = (await importDefault('eslint-plugin-n')).configs as Record<string, Linter.Config>;
      const module = fromConfig(configs['flat/recommended-module']!);
      const script = fromConfig(configs['flat/recommended-script']!);
      return (sourceType) => (sourceType === 'module' ? module : script);
    }
    case 'security':
    case 'sonarjs':
    case 'unicorn': {
      const configs = (await importDefault(PEER_PACKAGES[id]!)).configs as Record<string, Linter.Config>;
      const part = fromConfig(configs.recommended!);
      return () => part;
    }
  }
}

/** `import()` by a computed name: eslint-plugin-security ships no types, and none are needed. */
async function importDefault(name: string): Promise<{ configs: unknown }> {
  const module = (await import(name)) as { default?: { configs: unknown }; configs?: unknown };
  return module.default ?? (module as { configs: unknown });
}

/**
 * The flat config for one file: the corpus run's own per-file config (scripts/corpus/lint.ts:
 * espree with JSX for JavaScript, @typescript-eslint/parser for TypeScript, the file's sourceType,
 * inline config ignored), then the configuration's rules. (a) is that first object alone.
 */
export function fileConfig(kind: Kind, sourceType: SourceType, part: RulesPart): Linter.Config[] {
  const rules: Linter.Config = {};
  if (part.plugins) rules.plugins = part.plugins;
  if (part.rules) rules.rules = part.rules;
  if (part.settings) rules.settings = part.settings;
  if (part.globals) rules.languageOptions = { globals: part.globals };
  const base = corpusFileConfig(kind, sourceType);
  return Object.keys(rules).length > 0 ? [base, rules] : [base];
}
