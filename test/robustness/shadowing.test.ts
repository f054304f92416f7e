import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { type ParserName, PARSERS, lintCleanly, namespace } from './harness';

/**
 * Files where a global or a module binding the rules recognise (`require`, `fetch`, `process`,
 * `http`, …) is shadowed or reassigned. Each case is written once as a function of a name and
 * linted twice: with a harmless name (`local`), where the real global or import is what the
 * code uses, and with the recognised name itself, which now means a local binding. Only the
 * name differs, so a difference in findings is the shadowing and nothing else.
 */

const APP = `import express from 'express';\nconst app = express();\n`;

/** How the shadowing binding is introduced around `use` (code that mentions the name). */
const SHADOW_FORMS = {
  parameter: (name: string, use: string) => `function register(${name}) {\n${use}\n}\nregister(replacement);`,
  'local const in a block': (name: string, use: string) => `{\nconst ${name} = createReplacement();\n${use}\n}`,
  'local let in a function': (name: string, use: string) => `function setup() {\nlet ${name};\n${name} = createReplacement();\n${use}\n}\nsetup();`,
  'catch clause parameter': (name: string, use: string) => `try {\nstart();\n} catch (${name}) {\n${use}\n}`,
  'function name': (name: string, use: string) => `function setup() {\nfunction ${name}() { return replacement; }\n${use}\n}\nsetup();`,
  'class name': (name: string, use: string) => `function setup() {\nclass ${name} { static on() {} static createServer() { return replacement; } }\n${use}\n}\nsetup();`,
  'destructured parameter with a default': (name: string, use: string) => `function register({ ${name} = replacement } = {}) {\n${use}\n}\nregister();`,
} as const;
type ShadowForm = keyof typeof SHADOW_FORMS;

interface Shadowed {
  /** The global or import that gets shadowed. */
  readonly name: string;
  /** The rule whose findings the real binding decides. */
  readonly rule: string;
  /** Module-level code the case needs (imports, the app): never mentions `name` as a binding. */
  readonly setup: string;
  /** Code using `name`, inside the shadowing scope. */
  readonly use: string;
  /** Findings of `rule` with the real binding, and with the shadowed one. */
  readonly real: number;
  readonly shadowed: number;
  readonly sourceType?: 'module' | 'commonjs';
}

const rule = (name: string) => `${namespace}/${name}`;

const CASES: readonly Shadowed[] = [
  {
    // A local `require` does not load `fs`: its `readFileSync` is no blocking call.
    name: 'require',
    rule: rule('no-sync-io-in-handler'),
    setup: `const express = require('express');\nconst app = express();\n`,
    use: `const fs = require('fs');\napp.get('/r', (req, res) => res.send(fs.readFileSync('x')));`,
    real: 1,
    shadowed: 0,
    sourceType: 'commonjs',
  },
  {
    // A local `fetch` is no outbound call: nothing to bound.
    name: 'fetch',
    rule: rule('require-handler-timeout'),
    setup: APP,
    use: `app.get('/f', async (req, res) => {\nconst response = await fetch(req.query.url);\nres.send(await response.text());\n});`,
    real: 1,
    shadowed: 0,
  },
  {
    // `process.exit()` before `close()` finishes cuts requests off; a local `process` with `on`/`exit` is no signal handler and no exit.
    name: 'process',
    rule: rule('require-graceful-shutdown'),
    setup: `import http from 'node:http';\nconst server = http.createServer((req, res) => res.end());\nserver.listen(3000);\n`,
    use: `process.on('SIGTERM', () => {\nserver.close();\nprocess.exit(0);\n});`,
    real: 1,
    shadowed: 0,
  },
  {
    name: 'http',
    rule: rule('require-server-timeouts'),
    setup: `import http from 'node:http';\n`,
    use: `http.createServer((req, res) => res.end()).listen(3000);`,
    real: 1,
    shadowed: 0,
  },
  {
    name: 'fs',
    rule: rule('no-sync-io-in-handler'),
    setup: `${APP}import fs from 'node:fs';\n`,
    use: `app.get('/fs', (req, res) => res.send(fs.readFileSync('x')));`,
    real: 1,
    shadowed: 0,
  },
  {
    // A local `express` makes no express app, and its `json()` no body parser.
    name: 'express',
    rule: rule('require-body-size-limit'),
    setup: `import express from 'express';\n`,
    use: `const app = express();\napp.use(express.json({ limit: '500mb' }));\napp.post('/e', (req, res) => res.send(req.body));\napp.listen(3000);`,
    real: 1,
    shadowed: 0,
  },
  {
    // A local `setInterval` starts no timer to clear on disconnect.
    name: 'setInterval',
    rule: rule('require-disconnect-cleanup'),
    setup: APP,
    use: `app.get('/events', (req, res) => {\nres.writeHead(200, { 'Content-Type': 'text/event-stream' });\nsetInterval(() => res.write('data: tick\\n\\n'), 1000);\n});`,
    real: 1,
    shadowed: 0,
  },
  {
    // A promise that settles only on 'end' never settles when the client aborts. A local `Promise`
    // (bluebird, a polyfill) has the same executor contract: the finding stays, and nothing throws.
    name: 'Promise',
    rule: rule('no-unread-request-body'),
    setup: `import http from 'node:http';\n`,
    use: `http.createServer(async (req, res) => {\nconst body = await new Promise((resolve) => {\nconst chunks = [];\nreq.on('data', (chunk) => chunks.push(chunk));\nreq.on('end', () => resolve(Buffer.concat(chunks)));\n});\nres.end(body);\n});`,
    real: 1,
    shadowed: 1,
  },
  {
    // Any `signal` given counts as a deadline the rule cannot judge (real or local); only the fix differs (below).
    name: 'AbortSignal',
    rule: rule('require-handler-timeout'),
    setup: APP,
    use: `app.get('/a', async (req, res) => {\nconst response = await fetch(req.query.url, { signal: AbortSignal.timeout(5000) });\nres.send(await response.text());\n});`,
    real: 0,
    shadowed: 0,
  },
  {
    // A server handed to `module.exports` escapes to code that may configure it; so does one stored on any object.
    name: 'module',
    rule: rule('require-server-timeouts'),
    setup: `const http = require('node:http');\n`,
    use: `const server = http.createServer((req, res) => res.end());\nmodule.exports = server;\nserver.listen(3000);`,
    real: 0,
    shadowed: 0,
    sourceType: 'commonjs',
  },
  {
    name: 'exports',
    rule: rule('require-server-timeouts'),
    setup: `const http = require('node:http');\n`,
    use: `const server = http.createServer((req, res) => res.end());\nexports.server = server;\nserver.listen(3000);`,
    real: 0,
    shadowed: 0,
    sourceType: 'commonjs',
  },
];

const ALL_FORMS = Object.keys(SHADOW_FORMS) as ShadowForm[];
const ROWS = CASES.flatMap((testCase) =>
  ALL_FORMS.flatMap((form) => PARSERS.map((parser) => [testCase.name, form, parser, testCase] as const)),
);

function findingsOf(messages: readonly Linter.LintMessage[], ruleId: string) {
  return messages.filter((message) => message.ruleId === ruleId);
}

function lintCase(testCase: Shadowed, form: ShadowForm, parser: ParserName, name: string) {
  const code = testCase.setup + SHADOW_FORMS[form](name, testCase.use);
  return lintCleanly(code, { parser, config: 'all', ...(testCase.sourceType && { sourceType: testCase.sourceType }) });
}

describe('shadowed globals and imports', () => {
  it.each(ROWS)('%s shadowed by a %s (%s)', (name, form, parser, testCase) => {
    const real = lintCase(testCase, form, parser, 'local');
    const shadowed = lintCase(testCase, form, parser, name);
    expect(findingsOf(real, testCase.rule), 'with the real binding').toHaveLength(testCase.real);
    expect(findingsOf(shadowed, testCase.rule), `with ${name} shadowed`).toHaveLength(testCase.shadowed);
  });
});

/** Globals and module bindings assigned after they are bound: no longer what the rules know. */
const REASSIGNED: readonly (readonly [name: string, ruleId: string, real: string, reassigned: string])[] = [
  [
    'fetch',
    rule('require-handler-timeout'),
    `${APP}app.get('/f', async (req, res) => res.send(await (await fetch(req.query.url)).text()));`,
    `${APP}fetch = createCachedFetch();\napp.get('/f', async (req, res) => res.send(await (await fetch(req.query.url)).text()));`,
  ],
  [
    'require',
    rule('no-sync-io-in-handler'),
    `const app = require('express')();\nconst fs = require('fs');\napp.get('/r', (req, res) => res.send(fs.readFileSync('x')));`,
    `require = createLazyRequire(require);\nconst app = require('express')();\nconst fs = require('fs');\napp.get('/r', (req, res) => res.send(fs.readFileSync('x')));`,
  ],
  [
    'fs',
    rule('no-sync-io-in-handler'),
    `const app = require('express')();\nlet fs = require('fs');\napp.get('/r', (req, res) => res.send(fs.readFileSync('x')));`,
    `const app = require('express')();\nlet fs = require('fs');\nfs = createMemoryFs();\napp.get('/r', (req, res) => res.send(fs.readFileSync('x')));`,
  ],
  [
    'http',
    rule('require-server-timeouts'),
    `let http = require('node:http');\nhttp.createServer((req, res) => res.end()).listen(3000);`,
    `let http = require('node:http');\nif (process.env.TLS) http = createTlsShim();\nhttp.createServer((req, res) => res.end()).listen(3000);`,
  ],
  [
    'setInterval',
    rule('require-disconnect-cleanup'),
    `${APP}app.get('/events', (req, res) => {\nres.writeHead(200, { 'Content-Type': 'text/event-stream' });\nsetInterval(() => res.write('data: tick\\n\\n'), 1000);\n});`,
    `${APP}setInterval = fakeTimers.setInterval;\napp.get('/events', (req, res) => {\nres.writeHead(200, { 'Content-Type': 'text/event-stream' });\nsetInterval(() => res.write('data: tick\\n\\n'), 1000);\n});`,
  ],
];

describe('reassigned globals and module bindings', () => {
  it.each(REASSIGNED.flatMap((row) => PARSERS.map((parser) => [...row, parser] as const)))(
    '%s reassigned: no %s finding (%s)',
    (_, ruleId, real, reassigned, parser) => {
      const sourceType = real.startsWith('import') ? 'module' : 'commonjs';
      expect(findingsOf(lintCleanly(real, { parser, sourceType }), ruleId)).toHaveLength(1);
      expect(findingsOf(lintCleanly(reassigned, { parser, sourceType }), ruleId)).toEqual([]);
    },
  );
});

/**
 * Fixes and suggestions write code that names globals (`AbortSignal.timeout()`, `clearInterval`,
 * `process.once`): where a local shadows that name, the rule still reports but offers no edit.
 */
const FIXES_NAMING_GLOBALS: readonly (readonly [name: string, ruleId: string, code: (name: string) => string])[] = [
  [
    'AbortSignal',
    rule('require-handler-timeout'),
    (name) => `${APP}function routes(${name}) {\napp.get('/f', async (req, res) => res.send(await (await fetch(req.query.url)).text()));\n}`,
  ],
  ['AbortSignal', rule('no-unbounded-client'), (name) => `const ${name} = createSignals();\nfetch(url).then((response) => response.text());`],
  [
    'clearInterval',
    rule('require-disconnect-cleanup'),
    (name) =>
      `${APP}function routes(${name}) {\napp.get('/events', (req, res) => {\nres.writeHead(200, { 'Content-Type': 'text/event-stream' });\nconst timer = setInterval(() => res.write('data: tick\\n\\n'), 1000);\n});\n}`,
  ],
  [
    'process',
    rule('require-graceful-shutdown'),
    (name) => `import http from 'node:http';\nfunction start(${name}) {\nconst server = http.createServer((req, res) => res.end());\nserver.listen(3000);\n}`,
  ],
];

function editsOf(messages: readonly Linter.LintMessage[], ruleId: string): string[] {
  return findingsOf(messages, ruleId).flatMap((message) => [
    ...(message.fix ? [message.fix.text] : []),
    ...(message.suggestions ?? []).map((suggestion) => suggestion.fix.text),
  ]);
}

describe('fixes never name a shadowed global', () => {
  it.each(FIXES_NAMING_GLOBALS.flatMap((row) => PARSERS.map((parser) => [...row, parser] as const)))(
    '%s shadowed: %s reports without an edit naming it (%s)',
    (name, ruleId, code, parser) => {
      const real = lintCleanly(code('local'), { parser });
      const shadowed = lintCleanly(code(name), { parser });
      expect(editsOf(real, ruleId).some((edit) => edit.includes(name))).toBe(true);
      expect(findingsOf(shadowed, ruleId)).toHaveLength(findingsOf(real, ruleId).length);
      expect(editsOf(shadowed, ruleId).filter((edit) => edit.includes(name))).toEqual([]);
    },
  );
});
