// The BUILT plugin (dist/index.js, as users and the corpus runner load it) and the two rule
// configs the fix-safety test runs: `all` (every rule, default options: deadline fixes are
// suggestions) and `strict+autofix` (the `strict` config's stricter options, e.g.
// `requireSocketTimeout`, plus `fix: "autofix"` on every rule that offers it, so the deadline
// fixes that `all` only suggests are applied by `--fix` too).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { Linter } from 'eslint';

import { repoRoot } from '../../scripts/corpus/fetch';

interface RuleMeta {
  fixable?: 'code' | 'whitespace';
  hasSuggestions?: boolean;
  schema?: unknown;
}

export interface BuiltPlugin {
  meta: { namespace: string };
  rules: Record<string, { meta: RuleMeta }>;
  configs: Record<string, Linter.Config> & { all: Linter.Config; strict: Linter.Config };
}

export type ConfigName = 'all' | 'strict+autofix';
export const CONFIG_NAMES: readonly ConfigName[] = ['all', 'strict+autofix'];

export function loadBuiltPlugin(): BuiltPlugin {
  const entry = path.join(repoRoot, 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error('dist/index.js is missing: run npm run build first (fix safety is checked on the built plugin)');
  // Node's own require, not vitest's module runner: the plugin as users load it.
  return createRequire(import.meta.url)(entry) as BuiltPlugin;
}

/** Whether the rule's options have `fix: "suggestion" | "autofix"` (the deadline rules). */
function hasAutofixOption(meta: RuleMeta): boolean {
  const [options] = Array.isArray(meta.schema) ? (meta.schema as unknown[]) : [];
  const fix = (options as { properties?: Record<string, { enum?: unknown[] }> } | undefined)?.properties?.fix;
  return fix?.enum?.includes('autofix') === true;
}

/** The rules that turn suggestions into autofixes with `fix: "autofix"`. */
export function autofixOptionRules(plugin: BuiltPlugin): string[] {
  return Object.keys(plugin.rules).filter((name) => hasAutofixOption(plugin.rules[name]!.meta));
}

export function ruleConfigs(plugin: BuiltPlugin): Record<ConfigName, Linter.Config> {
  const rules = { ...plugin.configs.strict.rules } as Linter.RulesRecord;
  for (const name of autofixOptionRules(plugin)) {
    const id = `${plugin.meta.namespace}/${name}`;
    const entry = rules[id] ?? 'error';
    const [severity, options = {}] = Array.isArray(entry) ? entry : [entry];
    rules[id] = [severity, { ...(options as object), fix: 'autofix' }];
  }
  return {
    all: plugin.configs.all,
    'strict+autofix': { ...plugin.configs.strict, name: `${plugin.meta.namespace}/strict+autofix`, rules },
  };
}

/** Rules with `meta.fixable` and with `meta.hasSuggestions`, by short name. */
export function fixCapabilities(plugin: BuiltPlugin): { fixable: string[]; suggesting: string[] } {
  const names = Object.keys(plugin.rules).sort();
  return {
    fixable: names.filter((name) => plugin.rules[name]!.meta.fixable !== undefined),
    suggesting: names.filter((name) => plugin.rules[name]!.meta.hasSuggestions === true),
  };
}
