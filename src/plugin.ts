import type { FlatConfig } from '@typescript-eslint/utils/ts-eslint';

import { buildConfigs, type PluginConfigs } from '../configs';
import { rules } from '../rules';
import { namespace, pluginName, pluginVersion } from './meta';

/** The one plugin object: every config embeds this instance, and both entry points return it. */
const plugin = {
  meta: { name: pluginName, version: pluginVersion, namespace },
  rules,
  configs: {} as PluginConfigs,
};
Object.assign(plugin.configs, buildConfigs(plugin as unknown as FlatConfig.Plugin, namespace, rules));

export default plugin;
