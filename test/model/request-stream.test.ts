import { describe, expect, it } from 'vitest';

import { requestArguments, requestStreamCall } from '../../src/model/request-stream';
import { getServerResponses, setsConnectionClose } from '../../src/model/server-responses';
import { analyze, PARSERS } from './analyze';

const HTTP = "import http from 'node:http';\n";

/** What the first call whose text starts with `target` does to a server request. */
function opOf(code: string, target: string, parser: (typeof PARSERS)[number]): string | undefined {
  const analysis = analyze(code, { parser });
  const stream = requestStreamCall(analysis.model, analysis.find('CallExpression', target));
  if (!stream) return undefined;
  const { op } = stream;
  return op.kind === 'listen' ? `listen ${op.event}` : op.kind === 'socket' ? `socket ${op.method}` : op.kind;
}

/** Whether the first call or assignment starting with `target` sends the response, and how. */
function responseOf(code: string, target: string, parser: (typeof PARSERS)[number], type: 'CallExpression' | 'AssignmentExpression' = 'CallExpression'): string | undefined {
  const analysis = analyze(code, { parser });
  const action = getServerResponses(analysis.model).responseAction(analysis.find(type, target));
  return action ? `${action.kind} ${action.how}` : undefined;
}

describe.each(PARSERS)('request stream calls (%s)', (parser) => {
  it.each([
    ['a data listener', `${HTTP}http.createServer((req, res) => { req.on('data', f); });`, "req.on('data'", 'listen data'],
    ['once', `${HTTP}http.createServer((req, res) => { req.once('readable', f); });`, 'req.once', 'listen readable'],
    ['a chained listener', `${HTTP}http.createServer((req, res) => { req.on('data', f).on('end', g); });`, "req.on('data', f).on", 'listen end'],
    ['pause', `${HTTP}http.createServer((req, res) => { req.pause(); });`, 'req.pause', 'pause'],
    ['read', `${HTTP}http.createServer((req, res) => { req.read(4); });`, 'req.read', 'read'],
    ['koa ctx.req.destroy', "import Koa from 'koa';\nnew Koa().use(async (ctx) => { ctx.req.destroy(); });", 'ctx.req.destroy', 'destroy'],
    ['fastify request.raw.unpipe', "import fastify from 'fastify';\nfastify().post('/x', async (request) => { request.raw.unpipe(); });", 'request.raw.unpipe', 'unpipe'],
    ['the socket', `${HTTP}http.createServer((req, res) => { req.socket.destroy(); });`, 'req.socket.destroy', 'socket destroy'],
  ])('%s', (_, code, target, expected) => {
    expect(opOf(code, target, parser)).toBe(expected);
  });

  it.each([
    ['a client response', `${HTTP}http.get('http://x', (res) => { res.pause(); });`, 'res.pause'],
    ['an unknown stream', `export function f(stream) { stream.pause(); }`, 'stream.pause'],
    ['a computed method', `${HTTP}http.createServer((req, res) => { req[m](); });`, 'req[m]'],
  ])('not on a server request: %s', (_, code, target) => {
    expect(opOf(code, target, parser)).toBeUndefined();
  });

  it('finds the requests handed to a call', () => {
    const analysis = analyze(`${HTTP}http.createServer((req, res) => { getRawBody(req, { limit: 1 }); log(req.url); });`, { parser });
    expect(requestArguments(analysis.model, analysis.find('CallExpression', 'getRawBody'))).toHaveLength(1);
    expect(requestArguments(analysis.model, analysis.find('CallExpression', 'log'))).toHaveLength(0);
  });
});

describe.each(PARSERS)('server responses (%s)', (parser) => {
  it.each([
    ['res.end', `${HTTP}http.createServer((req, res) => { res.end(); });`, 'res.end', 'node direct'],
    ['an express chain', "import express from 'express';\nexpress().post('/x', (req, res) => { res.status(413).json({}); });", 'res.status(413).json', 'node direct'],
    ['a helper', `${HTTP}function send(res) { res.end(); }\nhttp.createServer((req, res) => { send(res); });`, 'send(res)', 'node handed-off'],
    ['inside the helper', `${HTTP}function send(out) { out.end(); }\nhttp.createServer((req, res) => { send(res); });`, 'out.end', 'node direct'],
    ['fastify reply', "import fastify from 'fastify';\nfastify().post('/x', (request, reply) => { reply.code(400).send('no'); });", 'reply.code(400).send', 'reply direct'],
    ['koa ctx.throw', "import Koa from 'koa';\nnew Koa().use(async (ctx) => { ctx.throw(413); });", 'ctx.throw', 'koa-context direct'],
  ])('%s', (_, code, target, expected) => {
    expect(responseOf(code, target, parser)).toBe(expected);
  });

  it('koa ctx.body = …', () => {
    expect(responseOf("import Koa from 'koa';\nnew Koa().use(async (ctx) => { ctx.body = 'x'; });", 'ctx.body', parser, 'AssignmentExpression')).toBe('koa-context direct');
  });

  it.each([
    ['setHeader', `${HTTP}http.createServer((req, res) => { res.setHeader('a', 'b'); });`, 'res.setHeader'],
    ['write', `${HTTP}http.createServer((req, res) => { res.write('x'); });`, 'res.write'],
    ['a client response', `${HTTP}http.get('http://x', (res) => { res.resume(); });`, 'res.resume'],
  ])('not a response: %s', (_, code, target) => {
    expect(responseOf(code, target, parser)).toBeUndefined();
  });

  it('tells a Connection: close header', () => {
    const analysis = analyze(`${HTTP}http.createServer((req, res) => { res.writeHead(413, { Connection: 'close' }); res.setHeader('connection', 'close'); res.setHeader('x', 'close'); });`, { parser });
    expect(setsConnectionClose(analysis.find('CallExpression', 'res.writeHead'))).toBe(true);
    expect(setsConnectionClose(analysis.find('CallExpression', "res.setHeader('connection'"))).toBe(true);
    expect(setsConnectionClose(analysis.find('CallExpression', "res.setHeader('x'"))).toBe(false);
  });
});
