// Fix safety on shapes the corpus, the demo and the docs barely hold, where a textual fix most
// easily breaks code: operator precedence around an inserted `await`, ASI, class bodies (where
// `await` is not allowed even inside an async function), TypeScript expressions, names a fix
// would clash with, comments and trailing commas where options are inserted. Same checks as
// fix-safety.test.ts (check.ts), with every rule on, both configs, JavaScript on espree and on
// @typescript-eslint/parser. Each shape must get an autofix or a suggestion somewhere, so none
// passes by being silent — except where no fix can be right, which must be reported without one.
import { beforeAll, describe, expect, it } from 'vitest';

import { checkSubject, type Outcome } from './check';
import { snippetSubjects, type Snippet } from './inputs';
import { CONFIG_NAMES, loadBuiltPlugin, ruleConfigs } from './plugin';

const HANDLER = `import fs from 'node:fs';
import express from 'express';
const app = express();
`;

/** `[name, code]`: JavaScript shapes (they run on both parsers), then TypeScript-only ones. */
const JS_SHAPES: readonly (readonly [string, string])[] = [
  // no-sync-io-in-handler: `await` inserted into an expression.
  ['exponent base', `${HANDLER}app.get('/', async (req, res) => { const n = fs.readFileSync('a') ** 2; res.send(n); });`],
  ['member of the result, in an exponent', `${HANDLER}app.get('/', async (req, res) => { res.send(String(fs.readFileSync('a').length ** 2)); });`],
  ['unary operand', `${HANDLER}app.get('/', async (req, res) => { res.send(-fs.readFileSync('a')); });`],
  ['new callee', `${HANDLER}app.get('/', async (req, res) => { res.send(new (fs.readFileSync('a'))()); });`],
  ['tag of a tagged template', `${HANDLER}app.get('/', async (req, res) => { res.send(fs.readFileSync('a')\`x\`); });`],
  ['method call on the result', `${HANDLER}app.get('/', async (req, res) => { res.send(fs.readFileSync('a').toString()); });`],
  ['both branches of a conditional', `${HANDLER}app.get('/', async (req, res) => { res.send(req.query.a ? fs.readFileSync('a') : fs.readFileSync('b')); });`],
  ['arrow expression body', `${HANDLER}app.get('/', async (req, res) => res.send(fs.readFileSync('a')));`],
  ['statement without semicolons (ASI)', `${HANDLER}app.get('/', async (req, res) => {\n  const x = 1\n  fs.readFileSync('a')\n  res.send(String(x))\n})`],
  ['class computed key (await allowed)', `${HANDLER}app.get('/', async (req, res) => { class A { [fs.readFileSync('a', 'utf8')] = 1; } res.send(new A()); });`],
  ['class field initializer', `${HANDLER}app.get('/', async (req, res) => { class Page { body = fs.readFileSync('page.html'); } res.send(new Page().body); });`],
  ['class static field initializer', `${HANDLER}app.get('/', async (req, res) => { class Page { static body = fs.readFileSync('page.html'); } res.send(Page.body); });`],
  ['class static block', `${HANDLER}app.get('/', async (req, res) => { class Page { static { res.send(fs.readFileSync('page.html')); } } });`],
  ['fsPromises already declared', `import { readFileSync } from 'node:fs';\nimport express from 'express';\nconst app = express();\nconst fsPromises = 1;\napp.get('/', async (req, res) => { res.send(readFileSync('a') + fsPromises); });`],
  ['CommonJS with fsPromises declared', `const { readFileSync } = require('fs');\nconst express = require('express');\nconst app = express();\nlet fsPromises;\napp.get('/', async (req, res) => { res.send(readFileSync('a') + fsPromises); });`],
  ['statSync with throwIfNoEntry: false', `${HANDLER}app.get('/', async (req, res) => { const s = fs.statSync('a', { throwIfNoEntry: false }); res.send(String(s?.size ** 2)); });`],
  ['existsSync in && and !', `${HANDLER}app.get('/', async (req, res) => { if (!fs.existsSync('a') && fs.existsSync('b')) return res.sendStatus(404); res.send('x'); });`],
  // Deadline options inserted into calls and objects.
  ['fetch with a trailing comma in its options', `export async function main() { const r = await fetch('http://x', { method: 'GET', }); return r.json(); }`],
  ['fetch with a comment after its only argument', `export async function main() { const r = await fetch('http://x' /* c */); return r.json(); }`],
  ['fetch with a trailing comma after its only argument', `export async function main() {\n  const r = await fetch(\n    'http://x',\n  );\n  return r.json();\n}`],
  ['axios.create()', `import axios from 'axios';\nexport const client = axios.create();`],
  ['axios.create({ /* comment */ })', `import axios from 'axios';\nexport const client = axios.create({ /* none */ });`],
  ['got numeric timeout', `import got from 'got';\nexport const r = got('x', { timeout: 5000 });`],
  ['got shorthand numeric timeout', `import got from 'got';\nconst timeout = 5000;\nexport const r = got('x', { timeout });`],
  ['undici request in a handler', `import { request } from 'undici';\nimport express from 'express';\nconst app = express();\napp.get('/', async (req, res) => { const { statusCode } = await request('http://x'); res.sendStatus(statusCode); });`],
  // Server settings.
  ['createServer options with a trailing comma', `import http from 'node:http';\nconst s = http.createServer({ keepAliveTimeout: 5000, }, (req, res) => res.end());\ns.listen(3000);`],
  ['createServer options ending in a line comment', `import http from 'node:http';\nconst s = http.createServer({ keepAliveTimeout: 5000 // short\n}, (req, res) => res.end());\ns.listen(3000);`],
  ['createServer options holding only a comment', `import http from 'node:http';\nconst s = http.createServer({ // none\n}, (req, res) => res.end());\ns.listen(3000);`],
  ['createServer().listen() chained, `server` taken', `import http from 'node:http';\nconst server = 1;\nhttp.createServer((req, res) => res.end()).listen(3000);\nexport { server };`],
  ['setting assigned in a sequence expression', `import http from 'node:http';\nconst s = http.createServer((req, res) => res.end());\n(s.keepAliveTimeout = 5000), s.listen(3000);`],
  ['app.listen() followed by a line starting with (', `import express from 'express';\nconst app = express();\nconst s = app.listen(3000)\n;(() => {})()`],
  // Response bodies.
  ['destructured response, `body` taken', `export async function f() { const body = 'x'; const { ok } = await fetch('http://x', { signal: AbortSignal.timeout(1) }); return [ok, body]; }`],
  ['http.get callback without parameters', `import http from 'node:http';\nexport function f() { http.get('http://x', { signal: AbortSignal.timeout(1) }, () => {}); }`],
  ['http.get callback with an expression body', `import http from 'node:http';\nexport function f() { http.get('http://x', { signal: AbortSignal.timeout(1) }, () => 1); }`],
  ['http.get callback, outer `res` in scope', `import http from 'node:http';\nexport function f(res) { http.get('http://x', { signal: AbortSignal.timeout(1) }, () => { res.end(); }); }`],
];

const TS_SHAPES: readonly (readonly [string, string])[] = [
  ['as expression', `${HANDLER}app.get('/', async (req: any, res: any) => { const x = fs.readFileSync('a') as Buffer; res.send(x); });`],
  ['angle-bracket assertion', `${HANDLER}app.get('/', async (req: any, res: any) => { const x = <Buffer>fs.readFileSync('a'); res.send(x); });`],
  ['non-null assertion', `${HANDLER}app.get('/', async (req: any, res: any) => { res.send(fs.readFileSync('a')!.toString()); });`],
  ['typed destructured response, `body` taken', `export async function f(body: string) { const { ok }: Response = await fetch('http://x', { signal: AbortSignal.timeout(1) }); return [ok, body]; }`],
];

/** Shapes where `await` cannot go: reported by no-sync-io-in-handler, with neither fix nor suggestion. */
const REPORT_ONLY = new Set(['class field initializer', 'class static field initializer', 'class static block']);

const SNIPPETS: Snippet[] = [
  ...JS_SHAPES.map(([shown, code]): Snippet => ({ shown, language: 'js', code })),
  ...TS_SHAPES.map(([shown, code]): Snippet => ({ shown, language: 'ts', code })),
];

const outcomes = new Map<string, Outcome[]>();

beforeAll(() => {
  const configs = ruleConfigs(loadBuiltPlugin());
  for (const config of CONFIG_NAMES) {
    for (const typescriptForJs of [false, true]) {
      for (const subject of snippetSubjects(SNIPPETS, configs[config], { typescriptForJs })) {
        const outcome = checkSubject({ ...subject, shown: `${subject.shown} [${config}, ${subject.parser}]` });
        outcomes.set(subject.shown, [...(outcomes.get(subject.shown) ?? []), outcome]);
      }
    }
  }
});

describe.each(SNIPPETS.map((snippet) => [snippet.shown, snippet] as const))('%s', (shown) => {
  it('fixes and suggests safely, on every config and parser', () => {
    expect(outcomes.get(shown)!.flatMap((outcome) => outcome.problems.map((problem) => `${problem.kind}: ${problem.text}`))).toEqual([]);
  });

  it(REPORT_ONLY.has(shown) ? 'is reported with no fix' : 'gets an autofix or a suggestion', () => {
    const offered = outcomes.get(shown)!.flatMap((outcome) => [...Object.values(outcome.autofixes), ...Object.values(outcome.suggestions)]);
    const total = offered.reduce((sum, count) => sum + count, 0);
    if (!REPORT_ONLY.has(shown)) {
      expect(total).toBeGreaterThan(0);
      return;
    }
    expect(total).toBe(0);
    for (const outcome of outcomes.get(shown)!) expect(outcome.findings['no-sync-io-in-handler']).toBeGreaterThan(0);
  });
});
