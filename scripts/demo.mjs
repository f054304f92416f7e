// `npm run demo`: lints fixtures/demo-service with the BUILT plugin's recommended config and shows
// what it finds, then one line per rule. `npm run demo` builds dist/ first.
// Exit code 0 even with findings (it is a demo); 1 when linting throws or a file fails to parse.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import * as espree from 'espree';

import plugin from '../dist/index.mjs';

const demoDir = fileURLToPath(new URL('../fixtures/demo-service/', import.meta.url));

// The ten rules of design.md ("The rules"), in its order. Mirrors the design: as each rule lands,
// remove its id here; the list shrinks to nothing. Built rules that are no longer listed here are
// still reported below, after these.
const PLANNED_RULES = [
  'no-unconsumed-response',
  'no-unread-request-body',
  'require-body-size-limit',
  'require-server-timeouts',
  'no-sync-io-in-handler',
  'no-unbounded-client',
  'require-handler-timeout',
  'require-graceful-shutdown',
  'require-middleware-completion',
  'require-disconnect-cleanup',
];

const { namespace } = plugin.meta;
const recommended = plugin.configs.recommended;

const javascript = {
  parser: espree,
  ecmaVersion: 'latest',
  parserOptions: { ecmaFeatures: { jsx: true } },
};

/** @type {import('eslint').Linter.Config[]} */
const config = [
  { name: 'demo/esm', files: ['**/*.js', '**/*.mjs', '**/*.jsx'], languageOptions: { ...javascript, sourceType: 'module' } },
  { name: 'demo/commonjs', files: ['**/*.cjs'], languageOptions: { ...javascript, sourceType: 'commonjs' } },
  {
    name: 'demo/typescript',
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tsParser, sourceType: 'module' },
  },
  recommended,
];

async function main() {
  const eslint = new ESLint({ cwd: demoDir, overrideConfigFile: true, overrideConfig: config });
  const absolute = await eslint.lintFiles(['.']);
  const rulesMeta = eslint.getRulesMetaForResults(absolute);
  const results = absolute
    .map((result) => ({ ...result, filePath: path.relative(demoDir, result.filePath) }))
    .sort((a, b) => a.filePath.localeCompare(b.filePath));

  const relativeDemoDir = path.relative(process.cwd(), demoDir) || '.';
  console.log(`Linting ${relativeDemoDir} (${results.length} files) with ${recommended.name}\n`);

  const stylish = await eslint.loadFormatter('stylish');
  const report = await stylish.format(results, { cwd: demoDir, rulesMeta });
  console.log(report.trim() || 'No findings.');

  const counts = new Map();
  for (const { messages } of results) {
    for (const { ruleId } of messages) {
      if (ruleId?.startsWith(`${namespace}/`)) {
        const id = ruleId.slice(namespace.length + 1);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
  }

  const built = Object.keys(plugin.rules);
  const ids = [...PLANNED_RULES, ...built.filter((id) => !PLANNED_RULES.includes(id))];
  const width = Math.max(...ids.map((id) => id.length)) + 3;
  console.log(`\nFindings per rule (${built.length} of ${ids.length} built):`);
  for (const id of ids) {
    let status = 'not built yet';
    if (id in plugin.rules) {
      const count = counts.get(id) ?? 0;
      status = `${count} ${count === 1 ? 'finding' : 'findings'}`;
      if (!(`${namespace}/${id}` in recommended.rules)) status += ' (not in recommended)';
    }
    console.log(`  ${id.padEnd(width)}${status}`);
  }

  const fatal = results.flatMap((result) =>
    result.messages.filter((message) => message.fatal).map((message) => ({ ...message, filePath: result.filePath })),
  );
  if (fatal.length > 0) {
    console.error(`\n✖ ${fatal.length} file(s) failed to parse — every demo file must parse:`);
    for (const { filePath, line, column, message } of fatal) console.error(`  ${filePath}:${line}:${column}  ${message}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (error) {
  console.error('\n✖ Linting the demo failed:');
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}
