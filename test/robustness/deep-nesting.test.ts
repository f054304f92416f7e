import type { TSESTree } from '@typescript-eslint/utils';
import * as espree from 'espree';
import { beforeAll, describe, expect, it } from 'vitest';

import { collectNodes } from '../../src/model/walk';
import { type LintOutcome, lintWithLargeStack } from './big-stack';
import { EVERY_RUN, namespace, ruleIds } from './lint';

/**
 * Deeply nested code: the model walks the AST iteratively (src/model/walk.ts) and must not
 * overflow the stack where the parsers and ESLint itself still cope.
 */

const HEADER = `import express from 'express';\nimport fs from 'node:fs';\nimport axios from 'axios';\nconst app = express();\n`;
const FOOTER = `\nconst server = app.listen(3000);\nserver.keepAliveTimeout = 65000;\nserver.headersTimeout = 66000;\nprocess.on('SIGTERM', () => server.close());\n`;

/** `depth` route registrations, each inside the previous handler; the innermost one blocks on fs and fetches. */
function nestedHandlers(depth: number): string {
  let code = `res.send(fs.readFileSync('x')); fetch('https://example.com');`;
  for (let level = depth - 1; level >= 0; level -= 1) {
    code = `app.get('/x${level}', (req, res) => {\n${code}\n});`;
  }
  return HEADER + code + FOOTER;
}

/** A handler returning `depth` curried arrow functions: `(a0) => (a1) => … => fs.readFileSync(…)`. */
function nestedArrows(depth: number): string {
  const params = Array.from({ length: depth }, (_, level) => `(a${level}) => `).join('');
  return `${HEADER}app.get('/curried', (req, res) => res.send(${params}fs.readFileSync('x')));${FOOTER}`;
}

/** `depth` nested callbacks of another kind: `setTimeout(() => { setTimeout(() => { … }) })` in a handler. */
function nestedCallbacks(depth: number, open: (level: number) => string, close: string): string {
  const body = `res.send(fs.readFileSync('x')); axios.get('https://example.com');`;
  const opened = Array.from({ length: depth }, (_, level) => open(level)).join('\n');
  return `${HEADER}app.get('/cb', (req, res) => {\n${opened}\n${body}\n${close.repeat(depth)}\n});${FOOTER}`;
}

/** `fetch(url).then(…).then(…)…` with `depth` links: a left-deep chain of calls and members. */
function promiseChain(depth: number): string {
  const links = Array.from({ length: depth }, (_, level) => `.then((v${level}) => v${level})`).join('\n');
  return `${HEADER}app.get('/chain', (req, res) => fetch(req.query.url)${links}.then((body) => res.send(body)));${FOOTER}`;
}

/** A member chain `req.a0.a1…` of `depth` links, called, and a computed one `fs['x']['y']…`. */
function memberChain(depth: number): string {
  const dotted = Array.from({ length: depth }, (_, level) => `.a${level}`).join('');
  const computed = Array.from({ length: depth }, (_, level) => `['k${level}']`).join('');
  return `${HEADER}app.get('/members', (req, res) => { req${dotted}(); fs${computed}.readFileSync('x'); res.end(); });${FOOTER}`;
}

/** Binary and logical expressions `depth` deep, and `depth` nested blocks and ifs. */
function deepExpressions(depth: number): string {
  const sum = Array.from({ length: depth }, (_, level) => `req.query.p${level}`).join(' + ');
  const ors = Array.from({ length: depth }, () => 'fs.existsSync(\'x\')').join(' || ');
  const ifs = `${'if (req.query.a) {\n'.repeat(depth)}res.send(fs.readFileSync('x'));\n${'}\n'.repeat(depth)}`;
  return `${HEADER}app.get('/expr', (req, res) => {\nconst s = ${sum};\nconst e = ${ors};\n${ifs}});${FOOTER}`;
}

const sync = `${namespace}/no-sync-io-in-handler`;
const handlerTimeout = `${namespace}/require-handler-timeout`;

interface Case {
  readonly name: string;
  readonly code: string;
  /** Rules that must still report on the innermost code: recognition survives the depth. */
  readonly reports?: readonly string[];
}

const CASES: readonly Case[] = [
  { name: '300 nested route registrations', code: nestedHandlers(300), reports: [sync] },
  { name: '2,000 nested arrow functions', code: nestedArrows(2000), reports: [sync] },
  { name: '300 nested setTimeout callbacks', code: nestedCallbacks(300, () => 'setTimeout(() => {', '}, 0);\n'), reports: [sync] },
  {
    name: '300 nested promise callbacks',
    code: nestedCallbacks(300, (level) => `Promise.resolve(${level}).then(async (v${level}) => {`, '});\n'),
    reports: [sync],
  },
  { name: 'a promise chain of 2,000 links', code: promiseChain(2000), reports: [handlerTimeout] },
  { name: 'member chains of 2,000 links', code: memberChain(2000) },
  { name: 'expressions and blocks 500 deep', code: deepExpressions(500), reports: [sync] },
];

describe.each(EVERY_RUN)('deeply nested code with the %s config on %s', (config, parser) => {
  // One worker per config and parser lints every case: first with no rules (the parser and
  // ESLint cope at this depth), then with every rule of the config.
  let outcomes: { withoutRules: LintOutcome; withRules: LintOutcome }[] = [];
  beforeAll(async () => {
    const jobs = CASES.flatMap((testCase) => [
      { code: testCase.code, options: { parser, rules: {} } },
      { code: testCase.code, options: { parser, config } },
    ]);
    const results = await lintWithLargeStack(jobs);
    outcomes = CASES.map((_, index) => ({ withoutRules: results[2 * index]!, withRules: results[2 * index + 1]! }));
  });

  it.each(CASES.map((testCase, index) => [testCase.name, index] as const))('%s', (_, index) => {
    const { withoutRules, withRules } = outcomes[index]!;
    expect(withoutRules).toEqual({ messages: [] });
    expect('error' in withRules ? withRules.error : '').toBe('');
    const messages = 'messages' in withRules ? withRules.messages : [];
    expect(messages.filter((message) => message.fatal || !ruleIds.includes(message.ruleId!))).toEqual([]);
    for (const ruleId of CASES[index]!.reports ?? []) expect(messages.map((message) => message.ruleId)).toContain(ruleId);
  });
});

describe('the model walk on the default stack', () => {
  /** A synthetic ESTree chain `depth` levels deep: no parser could build it, the walk must still finish. */
  function deepProgram(depth: number): TSESTree.Program {
    let expression: TSESTree.Expression = { type: 'Identifier', name: 'fetch' } as TSESTree.Identifier;
    for (let level = 0; level < depth; level += 1) {
      expression =
        level % 2 === 0
          ? ({ type: 'CallExpression', callee: expression, arguments: [], optional: false } as unknown as TSESTree.CallExpression)
          : ({ type: 'ArrowFunctionExpression', params: [], body: expression, async: false, expression: true } as unknown as TSESTree.ArrowFunctionExpression);
    }
    return { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression }] } as unknown as TSESTree.Program;
  }

  it('collects every call and function of a 200,000-level tree without recursing', () => {
    const nodes = collectNodes({ ast: deepProgram(200_000), visitorKeys: espree.VisitorKeys } as never);
    expect(nodes.calls).toHaveLength(100_000);
    expect(nodes.functions).toHaveLength(100_000);
    // Every call is owned by the arrow function around it.
    expect(nodes.callsByFunction.size).toBe(100_000);
    expect(nodes.callsByFunction.has(null)).toBe(false);
  });
});
