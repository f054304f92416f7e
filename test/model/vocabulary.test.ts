// The word gates every rule asks first: one pass over a file's tokens, and a closed gate only
// where the guarded part could find nothing.
import { describe, expect, it } from 'vitest';

import { mayUseClients } from '../../src/model/clients/candidates';
import { mayHaveApps, mayHaveHandlers } from '../../src/model/frameworks';
import { mentions, wordGate } from '../../src/model/vocabulary';
import { analyze, PARSERS } from './analyze';

const NAMES = wordGate({ names: ['listen', 'async'] });
const MODULES = wordGate({ modules: ['http', '@hono/node-server', 'next/server'] });
const STRINGS = wordGate({ strings: ['data'] });
const AFFIXES = wordGate({ prefixes: ['SIG'], suffixes: ['Sync'] });
const PARTS = wordGate({ stringParts: ['text/event-stream'] });
const OTHER_MODULES = wordGate({ modules: ['express'] });
const FIRST_ARGUMENTS = wordGate({ firstArgumentStarts: ['/'] });

describe.each(PARSERS)('wordGate and mentions (%s)', (parser) => {
  const gates = (code: string) => {
    const { model } = analyze(code, { parser, filename: parser === 'typescript' ? 'file.tsx' : 'file.jsx' });
    const { sourceCode } = model;
    return {
      names: mentions(sourceCode, NAMES),
      modules: mentions(sourceCode, MODULES),
      strings: mentions(sourceCode, STRINGS),
      affixes: mentions(sourceCode, AFFIXES),
      parts: mentions(sourceCode, PARTS),
    };
  };
  const closed = { names: false, modules: false, strings: false, affixes: false, parts: false };

  it.each([
    ['server.listen(3000);', { names: true }],
    ['server.listener = l; const listening = 1;', {}],
    ['const f = async () => 1;', { names: true }],
    ["import http from 'http';", { modules: true }],
    ['const http = require("node:http");', { modules: true }],
    ['const { serve } = await import(`@hono/node-server`);', { modules: true }],
    ["import { NextResponse } from 'next/server';", { modules: true }],
    ["import proxy from 'http-proxy'; const url = 'https://example.com';", {}],
    ["req.on('data', onData);", { strings: true }],
    ["const metadata = 'database';", {}],
    ["process.on('SIGTERM', stop);", { affixes: true }],
    ['const signal = os.constants.signals.SIGINT;', { affixes: true }],
    ['fs.readFileSync(file);', { affixes: true }],
    ["const m = fs['existsSync'];", { affixes: true }],
    ['const synchronous = true; const sync = 1;', {}],
    ["res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');", { parts: true }],
    ['// listen async data SIGTERM readFileSync text/event-stream\n/* server.listen(1) */ const a = 1;', {}],
    // Module specifiers are found in the text, comments included: a gate opened for nothing costs a look, never a finding.
    ["// import http from 'http'\nconst a = 1;", { modules: true }],
    ['', {}],
    // typescript-estree tokens the names inside JSX expression containers as JSXIdentifier.
    ['const el = <Item onPick={(x) => fs.readFileSync(x)} onOpen={() => server.listen(1)} />;', { names: true, affixes: true }],
  ])('%s', (code, open) => {
    expect(gates(code)).toEqual({ ...closed, ...open });
  });

  it('reads the tokens once per file, whichever gates are asked', () => {
    const { model } = analyze("server.listen(3000); req.on('data', f);", { parser });
    const { tokens } = model.sourceCode.ast;
    let reads = 0;
    const ast = {
      ...model.sourceCode.ast,
      get tokens() {
        reads += 1;
        return tokens;
      },
    };
    const fresh = { ...model.sourceCode, ast } as typeof model.sourceCode;
    expect(mentions(fresh, NAMES)).toBe(true);
    expect(mentions(fresh, STRINGS)).toBe(true);
    expect(mentions(fresh, MODULES)).toBe(false);
    expect(reads).toBe(1);
  });

  it('leaves every gate open when the parser gives no tokens', () => {
    const { model } = analyze('const a = 1;', { parser });
    const noTokens = { ...model.sourceCode, ast: { ...model.sourceCode.ast, tokens: undefined } } as unknown as typeof model.sourceCode;
    expect(mentions(noTokens, NAMES)).toBe(true);
    expect(mentions(noTokens, PARTS)).toBe(true);
    expect(mentions(noTokens, MODULES)).toBe(false);
  });

  it('finds every module of every gate in one scan of the text', () => {
    const { model } = analyze("import http from 'node:http';", { parser });
    let reads = 0;
    const sourceCode = {
      ...model.sourceCode,
      get text() {
        reads += 1;
        return model.sourceCode.text;
      },
    } as typeof model.sourceCode;
    expect(mentions(sourceCode, MODULES)).toBe(true);
    expect(mentions(sourceCode, OTHER_MODULES)).toBe(false);
    expect(mentions(sourceCode, MODULES)).toBe(true);
    expect(mentions(sourceCode, FIRST_ARGUMENTS)).toBe(false);
    expect(mentions(sourceCode, NAMES)).toBe(false);
    expect(reads).toBe(1);
  });

  // Read backwards from the quote, a line break or a block comment's end opens the gate: a `//`
  // comment cannot be told from code that way, and an open gate only costs a look.
  it.each([
    ["router.get('/users', list);", true],
    ['router.get( "/users", list);', true],
    ['router.get(`/users`, list);', true],
    ["router.get(/* path */ '/users', list);", true],
    ["router.get( // the list\n  '/users', list);", true],
    ["router.get(\u00a0'/users', list);", true],
    ["router.get(base, '/users');", false],
    ["const path = '/users';", false],
    ["const paths = ['/users'];", false],
    ["const half = 'b'/2;", false],
    // Opens for nothing: a block comment's end before the quote is taken for `( /* … */`.
    ["const paths = [/* the list */ '/users'];", true],
    ["import x from 'express'; x.use(prefix, '/b');", false],
  ])('first argument: %s', (code, open) => {
    const { model } = analyze(code, { parser });
    expect(mentions(model.sourceCode, FIRST_ARGUMENTS)).toBe(open);
  });
});

describe('wordGate', () => {
  it('refuses a gate of modules and words together, which would read the tokens of every file without the modules', () => {
    expect(() => wordGate({ modules: ['undici'], names: ['fetch'] })).toThrow(/either module specifiers and first arguments, or names/);
    expect(() => wordGate({ firstArgumentStarts: ['/'], strings: ['data'] })).toThrow(/either module specifiers and first arguments, or names/);
  });

  it("refuses a first argument's start longer than one character", () => {
    expect(() => wordGate({ firstArgumentStarts: ['/api'] })).toThrow(/one character, not "\/api"/);
  });
});

describe.each(PARSERS)('file gates (%s)', (parser) => {
  it.each([
    ["import express from 'express';\nexpress();", { apps: true, handlers: true, clients: false }],
    ["const http = require('node:http');", { apps: true, handlers: true, clients: true }],
    ["await fetch('https://example.com');", { apps: false, handlers: false, clients: true }],
    ['const f = options.fetch;', { apps: false, handlers: false, clients: true }],
    ['const f = globalThis.fetch;', { apps: false, handlers: false, clients: true }],
    ["router.get('/users', (req, res) => res.end());", { apps: false, handlers: true, clients: false }],
    ["router.get(/* path */ '/users', (req, res) => res.end());", { apps: false, handlers: true, clients: false }],
    ["const p = path.join(root, '/x');", { apps: false, handlers: false, clients: false }],
    ['// an express server that uses fetch? no: a comment\nconst a = 1;', { apps: false, handlers: false, clients: true }],
    ['export const a = 1;', { apps: false, handlers: false, clients: false }],
  ])('%s', (code, expected) => {
    const { model } = analyze(code, { parser });
    expect({
      apps: mayHaveApps(model.sourceCode),
      handlers: mayHaveHandlers(model),
      clients: mayUseClients(model.sourceCode),
    }).toEqual(expected);
  });

  it('counts Next.js route files as holding handlers', () => {
    const { model } = analyze('export async function GET(request) { return new Response(); }', {
      parser,
      filename: parser === 'typescript' ? 'app/api/users/route.ts' : 'app/api/users/route.js',
    });
    expect(mayHaveApps(model.sourceCode)).toBe(false);
    expect(mayHaveHandlers(model)).toBe(true);
    expect(model.frameworks.handlers).toHaveLength(1);
  });

  it('finds no handler, app or client in files the gates rule out', () => {
    const { model } = analyze("const p = path.join(root, '/x');\nconst url = 'http://a/b';", { parser });
    expect(mayHaveHandlers(model)).toBe(false);
    expect(model.frameworks.handlers).toHaveLength(0);
    expect(model.frameworks.apps).toHaveLength(0);
    expect(model.clients.calls).toHaveLength(0);
  });
});
