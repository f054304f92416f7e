import { describe, expect, it } from 'vitest';

import { formatBytes, parseBytes, readLimit } from '../../src/domain/body-limits';
import { getServerRequests } from '../../src/model/request-objects';
import { getStaticValue } from '../../src/model/static-values';
import { analyze, PARSERS, type AnalyzeOptions } from './analyze';

/** Whether the first expression `target` (source text) in `code` is a server request, and whose. */
function requestOf(code: string, target: string, options?: AnalyzeOptions): string | undefined {
  const analysis = analyze(code, options);
  const node = analysis.find('ExpressionStatement', target).expression;
  const origin = getServerRequests(analysis.model).originOf(node);
  if (!origin) return undefined;
  const via = origin.via.map((call) => analysis.text(call.callee)).join(' > ');
  return `${origin.handler?.framework ?? 'typed'} ${origin.param.name}${via ? ` via ${via}` : ''}`;
}

describe.each(PARSERS)('server requests (%s)', (parser) => {
  it.each([
    ['node:http', "import http from 'node:http';\nhttp.createServer((req, res) => { req; });", 'req', 'node-http req'],
    ['express', "import express from 'express';\nexpress().post('/x', (request, res) => { request; });", 'request', 'express request'],
    ['koa ctx.req', "import Koa from 'koa';\nnew Koa().use(async (ctx) => { ctx.req; });", 'ctx.req', 'koa ctx'],
    ['koa ctx.request.req', "import Koa from 'koa';\nnew Koa().use(async (ctx) => { ctx.request.req; });", 'ctx.request.req', 'koa ctx'],
    ['fastify request.raw', "import fastify from 'fastify';\nfastify().post('/x', async (request) => { request.raw; });", 'request.raw', 'fastify request'],
    [
      'a const alias',
      "import Koa from 'koa';\nnew Koa().use(async (ctx) => { const { req: incoming } = ctx; incoming; });",
      'incoming',
      'koa ctx',
    ],
    [
      'a same-file helper',
      "import http from 'node:http';\nfunction read(stream) { stream; }\nhttp.createServer((req) => read(req));",
      'stream',
      'node-http stream via read',
    ],
  ])('%s', (_, code, target, expected) => {
    expect(requestOf(code, target, { parser })).toBe(expected);
  });

  it.each([
    ['a client response', "import http from 'node:http';\nhttp.get('http://x', (res) => { res; });", 'res'],
    ['the koa context itself', "import Koa from 'koa';\nnew Koa().use(async (ctx) => { ctx; });", 'ctx'],
    ['fastify request itself', "import fastify from 'fastify';\nfastify().post('/x', async (request) => { request; });", 'request'],
    ['a hono context', "import { Hono } from 'hono';\nnew Hono().post('/x', async (c) => { c.req; });", 'c.req'],
    ['a function nobody registers', 'function read(req) { req; }', 'req'],
  ])('not %s', (_, code, target) => {
    expect(requestOf(code, target, { parser })).toBeUndefined();
  });

  it('tells Next.js Pages API requests from App Router Web requests', () => {
    const code = 'export default function handler(req, res) { req; }';
    expect(requestOf(code, 'req', { parser, filename: `pages/api/x.${parser === 'typescript' ? 'ts' : 'js'}` })).toBe('nextjs req');
    const route = 'export async function POST(request) { request; }';
    expect(requestOf(route, 'request', { parser, filename: `app/x/route.${parser === 'typescript' ? 'ts' : 'js'}` })).toBeUndefined();
  });
});

describe('typed parameters', () => {
  it('counts IncomingMessage under a server-side name only', () => {
    const code = "import type { IncomingMessage } from 'node:http';\nfunction a(req: IncomingMessage) { req; }\nfunction b(res: IncomingMessage) { res; }";
    expect(requestOf(code, 'req', { parser: 'typescript' })).toBe('typed req');
    expect(requestOf(code, 'res', { parser: 'typescript' })).toBeUndefined();
  });
});

describe('static values', () => {
  it.each([
    ['50 * 1024 * 1024', 52428800],
    ["'500' + 'kb'", '500kb'],
    ['-1', -1],
    ['2 ** 20', 1048576],
    ['Infinity', Infinity],
    ['Number.POSITIVE_INFINITY', Infinity],
    ['LIMIT', 1024],
  ])('%s', (expression, expected) => {
    const analysis = analyze(`const LIMIT = 1 << 10;\n(${expression});`);
    const node = analysis.find('ExpressionStatement', `(${expression})`).expression;
    expect(getStaticValue(node, analysis.model.bindings)).toEqual({ value: expected });
  });

  it.each(['config.limit', 'process.env.LIMIT', 'a || 5', 'limit', 'Number(x)'])('%s is unknown', (expression) => {
    const analysis = analyze(`let limit = 1; limit = 2;\n(${expression});`);
    const node = analysis.find('ExpressionStatement', `(${expression})`).expression;
    expect(getStaticValue(node, analysis.model.bindings)).toBeUndefined();
  });
});

describe('body limits', () => {
  it.each([
    ['100kb', 102400],
    ['1.5MB', 1572864],
    ['1 gb', 1073741824],
    ['2TB', 2 * 1024 ** 4],
    ['1pb', 1024 ** 5],
    ['500', 500],
    ['50MiB', 50], // no unit the bytes package knows: parseInt
    ['unlimited', null],
  ])('parseBytes(%j)', (text, expected) => {
    expect(parseBytes(text)).toBe(expected);
  });

  const bodyParserLimit = { option: 'limit', path: ['limit'], format: 'bytes-or-default', defaultBytes: 102400 } as const;
  it.each([
    [undefined, { kind: 'default' }],
    ['', { kind: 'default' }],
    [0, { kind: 'default' }],
    ['1mb', { kind: 'bytes', bytes: 1048576 }],
    [Infinity, { kind: 'unlimited' }],
    [true, { kind: 'unknown' }],
  ])('body-parser limit %j', (value, expected) => {
    expect(readLimit(bodyParserLimit, value)).toMatchObject(expected);
  });

  it('formats sizes the way the bytes package does', () => {
    expect([formatBytes(10485760), formatBytes(1572864), formatBytes(1000), formatBytes(2048)]).toEqual(['10 MB', '1.5 MB', '1000 bytes', '2 KB']);
  });
});
