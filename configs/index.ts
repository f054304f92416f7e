import type { ClassicConfig, FlatConfig } from '@typescript-eslint/utils/ts-eslint';

import type { PluginRuleModule } from '../src/utils/create-rule';

type RuleEntry = ClassicConfig.RuleEntry;
type RulesRecord = Record<string, RuleEntry>;
type RuleSet = Record<string, PluginRuleModule<string, readonly unknown[]>>;

/** The rule settings of each config, derived from `meta.docs` so nothing is listed twice. */
export function deriveRuleSettings(namespace: string, rules: RuleSet) {
  const recommended: RulesRecord = {};
  const strict: RulesRecord = {};
  const all: RulesRecord = {};
  for (const [name, rule] of Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))) {
    const id = `${namespace}/${name}`;
    const { recommended: severity, strictOptions } = rule.meta.docs;
    if (severity) recommended[id] = severity;
    strict[id] = strictOptions ? ['error', strictOptions] : 'error';
    all[id] = 'error';
  }
  return { recommended, strict, all };
}

export type ConfigName = 'recommended' | 'strict' | 'all';
export type LegacyConfigName = `legacy-${ConfigName}`;
export type PluginConfigs = Record<ConfigName, FlatConfig.Config> &
  Record<LegacyConfigName, ClassicConfig.Config>;

/**
 * Flat and eslintrc configs. Every flat config embeds `plugin` itself, the object users import,
 * because flat config throws "Cannot redefine plugin" when two copies of a plugin meet.
 */
export function buildConfigs(
  plugin: FlatConfig.Plugin,
  namespace: string,
  rules: RuleSet,
): PluginConfigs {
  const settings = deriveRuleSettings(namespace, rules);
  const flat = (name: ConfigName): FlatConfig.Config => ({
    name: `${namespace}/${name}`,
    plugins: { [namespace]: plugin },
    rules: settings[name],
  });
  const legacy = (name: ConfigName): ClassicConfig.Config => ({
    plugins: [namespace],
    rules: settings[name],
  });
  return {
    recommended: flat('recommended'),
    strict: flat('strict'),
    all: flat('all'),
    'legacy-recommended': legacy('recommended'),
    'legacy-strict': legacy('strict'),
    'legacy-all': legacy('all'),
  };
}
