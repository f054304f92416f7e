// Loads the plugin the way ESLint does, in a plain Node process (vitest's module runner would
// wrap the ESM face in a copy of its own), and prints what test/package asserts, as JSON.
//   node probe.mjs                      the installed package, resolved from this file's folder
//   node probe.mjs <cjs path> <esm url> a build in place (dist/index.js, dist/index.mjs)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [cjsEntry = 'eslint-plugin-http-resilience', esmEntry = 'eslint-plugin-http-resilience'] =
  process.argv.slice(2);

const cjs = require(cjsEntry);
const esm = (await import(esmEntry)).default;

function version(id) {
  try {
    return require(`${id}/package.json`).version;
  } catch {
    return null;
  }
}

// Packages that loading the plugin pulled into require's cache (ESLint itself is not loaded here).
const loadedPackages = [
  ...new Set(
    Object.keys(require.cache).flatMap((file) => {
      const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
      const name = match?.[1].replace('\\', '/');
      return name && name !== 'eslint-plugin-http-resilience' ? [name] : [];
    }),
  ),
].sort();

const namespace = 'http-resilience';
const configs = Object.entries(cjs.configs);

console.log(
  JSON.stringify({
    sameInstance: cjs === esm,
    meta: cjs.meta,
    rules: Object.keys(cjs.rules),
    configNames: configs.map(([name]) => name),
    // Names of the flat configs whose plugins[namespace] is NOT the object require() returned.
    flatConfigsWithOtherInstance: configs
      .filter(([name, config]) => !name.startsWith('legacy-') && config.plugins?.[namespace] !== cjs)
      .map(([name]) => name),
    legacyPlugins: Object.fromEntries(
      configs.filter(([name]) => name.startsWith('legacy-')).map(([name, config]) => [name, config.plugins]),
    ),
    loadedPackages,
    versions: {
      plugin: version('eslint-plugin-http-resilience'),
      eslint: version('eslint'),
      typescript: version('typescript'),
      '@typescript-eslint/parser': version('@typescript-eslint/parser'),
      '@typescript-eslint/utils': version('@typescript-eslint/utils'),
    },
  }),
);
