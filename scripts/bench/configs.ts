// The configurations the benchmark compares, built from the same per-file language options as
// the corpus run (scripts/corpus/lint.ts): (a) the parser and no rules, (b) our `recommended`,
// (c) our `all`, and (d) four popular plugins, each with its own recommended config.
import { createRequire } from 'node:module';
import path from 'node:path';

import type { Linter } from 'eslint';

import { repoRoot } from '../corpus/fetch';
import { fileConfig as corpusFileConfig } from '../corpus/lint';
import type { Kind, SourceType } from './corpus-files';

export const CONFIG_IDS = ['none', 'recommended', 'all', 'n', 'security', 'sonarjs', 'unicorn'] as const;
export type ConfigId = (typeof CONFIG_IDS)[number];

export const CONFIG_LABELS: Record<ConfigId, string> = {
  none: '(a) parser only, no rules',
  recommended: '(b) http-resilience `recommended`',
  all: '(c) http-resilience `all`',
  n: '(d1) eslint-plugin-n `flat/recommended`',
  security: '(d2) eslint-plugin-security `recommended`',
  sonarjs: '(d3) eslint-plugin-sonarjs `recommended`',
  unicorn: '(d4) eslint-plugin-unicorn `recommended`',
};

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
    case 'recommended':
    case 'all': {
      const part = fromConfig(loadOurPlugin(pluginFile).configs[id]);
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
