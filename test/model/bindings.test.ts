import { describe, expect, it } from 'vitest';

import { refToString } from '../../src/model';
import { analyze, PARSERS } from './analyze';

/** Resolves the callee of the first call whose text starts with `callText`. */
function calleeOf(code: string, callText: string, parser: (typeof PARSERS)[number], sourceType?: 'module' | 'commonjs') {
  const { model, find } = analyze(code, { parser, sourceType });
  const call = find('CallExpression', callText);
  const ref = model.bindings.resolveCallee(call);
  return ref ? refToString(ref) : undefined;
}

describe.each(PARSERS)('bindings (%s)', (parser) => {
  it.each([
    ['default import', "import fs from 'fs'; fs.readFileSync(p);", 'fs.readFileSync', 'fs.readFileSync'],
    ['namespace import', "import * as fs from 'node:fs'; fs.readFileSync(p);", 'fs.readFileSync', 'fs.readFileSync'],
    ['named import', "import { readFileSync } from 'fs'; readFileSync(p);", 'readFileSync', 'fs.readFileSync'],
    ['renamed import', "import { readFileSync as read } from 'node:fs'; read(p);", 'read', 'fs.readFileSync'],
    ['default-as import', "import { default as cp } from 'child_process'; cp.execSync(c);", 'cp.execSync', 'child_process.execSync'],
    ['fs/promises', "import { readFile } from 'fs/promises'; readFile(p);", 'readFile', 'fs.promises.readFile'],
    ['node:fs/promises namespace', "import * as fsp from 'node:fs/promises'; fsp.readFile(p);", 'fsp.readFile', 'fs.promises.readFile'],
    ['fs.promises member', "import fs from 'fs'; fs.promises.readFile(p);", 'fs.promises.readFile', 'fs.promises.readFile'],
    ['alias of a member', "import fs from 'fs'; const fsp = fs.promises; fsp.readFile(p);", 'fsp.readFile', 'fs.promises.readFile'],
    ['dynamic import', "const { readFileSync } = await import('node:fs'); readFileSync(p);", 'readFileSync(', 'fs.readFileSync'],
    ['global fetch', 'fetch(url);', 'fetch', '#global.fetch'],
    ['global fetch patched through globalThis', 'globalThis.fetch = wrap(globalThis.fetch); fetch(url);', 'fetch(url', '#global.fetch'],
    ['computed string member', "import fs from 'fs'; fs['readFileSync'](p);", "fs['readFileSync']", 'fs.readFileSync'],
  ])('%s', (_, code, call, expected) => {
    expect(calleeOf(code, call, parser)).toBe(expected);
  });

  it.each([
    ['require', "const fs = require('fs'); fs.readFileSync(p);", 'fs.readFileSync', 'fs.readFileSync'],
    ['destructured require', "const { readFileSync } = require('node:fs'); readFileSync(p);", 'readFileSync(', 'fs.readFileSync'],
    ['renamed destructuring', "const { execSync: run } = require('child_process'); run(c);", 'run', 'child_process.execSync'],
    ['nested destructuring', "const { promises: { readFile } } = require('fs'); readFile(p);", 'readFile(', 'fs.promises.readFile'],
    ['require member', "const fsp = require('fs').promises; fsp.readFile(p);", 'fsp.readFile', 'fs.promises.readFile'],
    ['require default', "const axios = require('axios').default; axios.get(u);", 'axios.get', 'axios.get'],
    ['inline require', "require('fs').readFileSync(p);", "require('fs').readFileSync", 'fs.readFileSync'],
    ['require inside a function', "function f() { const fs = require('fs'); return fs.readFileSync(p); }", 'fs.readFileSync', 'fs.readFileSync'],
  ])('%s', (_, code, call, expected) => {
    expect(calleeOf(code, call, parser, 'commonjs')).toBe(expected);
  });

  it('follows createRequire', () => {
    const code = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const fs = require('fs'); fs.readFileSync(p);";
    expect(calleeOf(code, 'fs.readFileSync', parser)).toBe('fs.readFileSync');
  });

  it.each([
    ['a local function of the same name', 'function readFileSync() {} readFileSync(p);', 'readFileSync('],
    ['a shadowing parameter', "import fs from 'fs'; function f(fs) { fs.readFileSync(p); }", 'fs.readFileSync'],
    ['a shadowed fetch', 'const fetch = makeFetch(); fetch(url);', 'fetch(url'],
    ['a fetch parameter', 'function f(fetch) { return fetch(url); }', 'fetch(url'],
    ['a method named fetch', 'class A { fetch() {} run() { this.fetch(); } }', 'this.fetch'],
    ['a reassigned binding', "let fs = require('fs'); fs = other; fs.readFileSync(p);", 'fs.readFileSync'],
    ['a shadowed require', "function f(require) { const fs = require('fs'); fs.readFileSync(p); }", 'fs.readFileSync'],
    // A global the file assigns to is no longer the built-in (declared globals, and undeclared ones).
    ['a reassigned global fetch', 'fetch = wrapFetch(cache); fetch(url);', 'fetch(url'],
    ['a reassigned global require', "require = lazyRequire; const fs = require('fs'); fs.readFileSync(p);", 'fs.readFileSync'],
    ['a reassigned undeclared global', 'setInterval = fakeTimers.setInterval; setInterval(tick, 10);', 'setInterval(tick'],
    ['a computed member', "import fs from 'fs'; fs[name](p);", 'fs[name]'],
    ['a non-literal require', 'const fs = require(name); fs.readFileSync(p);', 'fs.readFileSync'],
  ])('does not resolve %s', (_, code, call) => {
    expect(calleeOf(code, call, parser, code.startsWith('import') ? 'module' : 'commonjs')).toBeUndefined();
  });
});

describe('bindings (typescript only)', () => {
  it('resolves import x = require()', () => {
    expect(calleeOf("import fs = require('fs'); fs.readFileSync(p);", 'fs.readFileSync', 'typescript')).toBe('fs.readFileSync');
  });

  it('resolves through type assertions', () => {
    expect(calleeOf("import fs from 'fs'; (fs as typeof fs).readFileSync(p);", '(fs as', 'typescript')).toBe('fs.readFileSync');
  });

  it('ignores type-only imports', () => {
    const { model, find } = analyze("import type { Request } from 'express'; declare const x: Request; Request();", { parser: 'typescript' });
    expect(model.bindings.resolveCallee(find('CallExpression', 'Request()'))).toBeUndefined();
  });
});

describe('type names', () => {
  it.each([
    ["import type { Request } from 'express'; function f(req: Request) {}", 'express.Request'],
    ["import { type Request } from 'express'; function f(req: Request) {}", 'express.Request'],
    ["import express from 'express'; function f(req: express.Request) {}", 'express.Request'],
    ["import * as http from 'node:http'; function f(req: http.IncomingMessage) {}", 'http.IncomingMessage'],
    ["import type { NextRequest } from 'next/server'; function f(req: NextRequest) {}", 'next/server.NextRequest'],
  ])('%s', (code, expected) => {
    const { model, find } = analyze(code, { parser: 'typescript' });
    const reference = find('TSTypeReference', code.slice(code.indexOf('req: ') + 5, code.indexOf(')')));
    const ref = model.bindings.resolveTypeName(reference.typeName);
    expect(ref && refToString(ref)).toBe(expected);
  });

  it('does not resolve a local interface', () => {
    const { model, find } = analyze('interface Request { url: string } function f(req: Request) {}', { parser: 'typescript' });
    expect(model.bindings.resolveTypeName(find('TSTypeReference', 'Request').typeName)).toBeUndefined();
  });
});
