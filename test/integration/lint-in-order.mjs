// Lints files in exactly the order given, in this one fresh Node process, with the BUILT plugin's
// `all` config through one ESLint Linter, and prints every file's messages (fixes and suggestions
// included) as JSON. test/integration/stateless.test.ts compares runs with different orders.
//   node lint-in-order.mjs <cwd> <file>...
//   node lint-in-order.mjs --alone <cwd> <file>...   each file with a newly loaded plugin (the
//                                                     bundle is one file: a new module instance has
//                                                     none of the previous one's module state)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { Linter } = require('eslint');
const espree = require('espree');
const tsParser = require('@typescript-eslint/parser');
const bundle = require.resolve('../../dist/index.js');

const args = process.argv.slice(2);
const alone = args[0] === '--alone';
const [cwd, ...files] = alone ? args.slice(1) : args;
const javascript = { parser: espree, ecmaVersion: 'latest', parserOptions: { ecmaFeatures: { jsx: true } } };
const configFor = (plugin) => [
  { files: ['**/*.js', '**/*.mjs', '**/*.jsx'], languageOptions: { ...javascript, sourceType: 'module' } },
  { files: ['**/*.cjs'], languageOptions: { ...javascript, sourceType: 'commonjs' } },
  { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser, sourceType: 'module' } },
  plugin.configs.all,
];

function loadPlugin() {
  delete require.cache[bundle];
  return require(bundle);
}

let linter = new Linter({ cwd, configType: 'flat' });
let config = configFor(loadPlugin());
const results = files.map((file) => {
  if (alone) {
    linter = new Linter({ cwd, configType: 'flat' });
    config = configFor(loadPlugin());
  }
  const filename = path.resolve(cwd, file);
  const messages = linter.verify(readFileSync(filename, 'utf8'), config, { filename });
  return { file, messages };
});
process.stdout.write(JSON.stringify(results));
