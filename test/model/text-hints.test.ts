import { describe, expect, it } from 'vitest';

import { mayUseClients } from '../../src/model/clients/candidates';
import { mayHaveApps, mayHaveHandlers } from '../../src/model/frameworks';
import { hasTextHint, specifierHint } from '../../src/model/text-hints';
import { analyze, PARSERS } from './analyze';

describe('specifierHint', () => {
  const hint = new RegExp(specifierHint(['http', '@hono/node-server', 'next/server']));
  it.each([
    ["import http from 'http';", true],
    ['const http = require("node:http");', true],
    ['const { serve } = await import(`@hono/node-server`);', true],
    ["import { NextResponse } from 'next/server';", true],
    ["const url = 'https://example.com'; // http server", false],
    ["import x from 'http-proxy';", false],
  ])('%s', (code, expected) => {
    expect(hint.test(code)).toBe(expected);
  });
});

describe('hasTextHint', () => {
  it('answers once per file and hint', () => {
    const { model } = analyze('const a = 1;');
    let tests = 0;
    const hint = /a/;
    const counted = Object.assign(hint, {
      test(text: string) {
        tests += 1;
        return RegExp.prototype.test.call(hint, text);
      },
    });
    expect(hasTextHint(model.sourceCode, counted)).toBe(true);
    expect(hasTextHint(model.sourceCode, counted)).toBe(true);
    expect(tests).toBe(1);
  });
});

describe.each(PARSERS)('file gates (%s)', (parser) => {
  it.each([
    ["import express from 'express';\nexpress();", { apps: true, handlers: true, clients: false }],
    ["const http = require('node:http');", { apps: true, handlers: true, clients: true }],
    ["await fetch('https://example.com');", { apps: false, handlers: false, clients: true }],
    ['const f = options.fetch;', { apps: false, handlers: false, clients: true }],
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
