import rule from '../../rules/require-body-size-limit';
import { runOnBothParsers } from '../rule-tester';

runOnBothParsers('require-body-size-limit', rule, {
  valid: [
    // ── Manual reads that are bounded, or that do not buffer ─────────────────────────────────
    // A counter that destroys the request on overflow.
    `
import http from 'node:http';
http.createServer((req, res) => {
  const chunks = [];
  let received = 0;
  req.on('data', (chunk) => {
    received += chunk.length;
    if (received > 1_000_000) {
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => res.end(Buffer.concat(chunks)));
});
    `,
    // The classic check on what was collected so far.
    `
import http from 'node:http';
http.createServer((req, res) => {
  let body = '';
  req.on('data', (data) => {
    body += data;
    if (body.length > 1e6) req.socket.destroy();
  });
  req.on('end', () => res.end(body));
});
    `,
    // A counter kept by another listener: we cannot tell how it is used, so we stay silent.
    `
import express from 'express';
const app = express();
app.post('/upload', (req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => { size += chunk.byteLength; });
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => res.send(size > 1024 ? 'big' : Buffer.concat(chunks)));
});
    `,
    // A for await loop that stops past a cap.
    `
import express from 'express';
const app = express();
app.post('/import', async (req, res) => {
  const chunks = [];
  let total = 0;
  for await (const chunk of req) {
    total += chunk.length;
    if (total > MAX_BYTES) return res.status(413).end();
    chunks.push(chunk);
  }
  res.json(JSON.parse(Buffer.concat(chunks).toString()));
});
    `,
    // A Content-Length check around the read: whether it covers chunked uploads is not visible.
    `
import http from 'node:http';
http.createServer(async (req, res) => {
  const length = Number(req.headers['content-length']);
  if (!(length > 0 && length <= 65536)) return res.writeHead(413).end();
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  res.end(Buffer.concat(chunks));
});
    `,
    // Counting and answering 413 early without draining is rule no-unread-request-body's case, not this one.
    `
import http from 'node:http';
http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > 65536) {
      res.writeHead(413).end();
      return;
    }
    chunks.push(chunk);
  });
});
    `,
    // An IncomingMessage under a client-side name is a response being read, not a request.
    {
      tsOnly: true,
      code: `
import type { IncomingMessage } from 'node:http';
export function readJson(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    res.on('data', (chunk: Buffer) => { body += chunk; });
    res.on('end', () => resolve(body));
  });
}
      `,
    },
    // Any look at the declared size makes the bound something we cannot judge.
    `
import http from 'node:http';
import assert from 'node:assert';
http.createServer((req, res) => {
  assert.strictEqual(req.headers['content-length'], '20');
  let data = '';
  req.on('data', (d) => { data += d; });
  req.on('end', () => res.end(data));
});
    `,
    // The data is hashed or streamed, not collected.
    `
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
http.createServer((req, res) => {
  const hash = crypto.createHash('sha256');
  const file = fs.createWriteStream('/tmp/upload');
  req.on('data', (chunk) => {
    hash.update(chunk);
    file.write(chunk);
  });
  req.on('end', () => res.end(hash.digest('hex')));
});
    `,
    `
import http from 'node:http';
import fs from 'node:fs';
http.createServer((req, res) => {
  req.pipe(fs.createWriteStream('/tmp/upload'));
  req.on('end', () => res.end('ok'));
});
    `,
    // A per-chunk local is not a collection.
    `
import http from 'node:http';
http.createServer((req, res) => {
  req.on('data', (chunk) => {
    const parts = [];
    parts.push(chunk);
    parser.write(parts);
  });
});
    `,
    // once('data') reads one chunk (rule no-unread-request-body owns what happens next).
    `
import http from 'node:http';
http.createServer((req, res) => {
  const head = [];
  req.once('data', (chunk) => {
    head.push(chunk);
    req.pause();
    res.end();
  });
});
    `,
    // A client response, not a server request.
    `
import http from 'node:http';
http.get('http://example.com', (res) => {
  let body = '';
  res.on('data', (chunk) => { body += chunk; });
  res.on('end', () => console.log(body));
});
    `,
    // for await over something that is not the request.
    `
import express from 'express';
import fs from 'node:fs';
const app = express();
app.get('/log', async (req, res) => {
  const lines = [];
  for await (const chunk of fs.createReadStream('app.log')) lines.push(chunk);
  res.send(Buffer.concat(lines));
});
    `,
    // A stream that merely shares the name: a local, not a handler's request.
    `
import { text } from 'node:stream/consumers';
async function readAll(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return { chunks, text: await text(req) };
}
    `,
    // A local function named like the consumer is not stream/consumers.
    `
import http from 'node:http';
function text(stream) { return stream.headers['x-text']; }
http.createServer(async (req, res) => res.end(await text(req)));
    `,
    // Hono and Next.js App Router requests are Web Requests (see the docs).
    `
import { Hono } from 'hono';
const app = new Hono();
app.post('/echo', async (c) => c.text(await c.req.text()));
    `,
    {
      code: `
export async function POST(request) {
  const chunks = [];
  for await (const chunk of request.body) chunks.push(chunk);
  return new Response(await request.text());
}
      `,
      filename: 'app/api/echo/route.ts',
    },
    // A listener we cannot see (imported) tells us nothing.
    `
import http from 'node:http';
import { onChunk } from './collector.js';
http.createServer((req, res) => { req.on('data', onChunk); });
    `,
    // raw-body with a limit, on a stream that is not a server request, or with unknown options.
    `
import getRawBody from 'raw-body';
import express from 'express';
const app = express();
app.post('/hook', async (req, res) => {
  const raw = await getRawBody(req, { limit: '1mb', length: req.headers['content-length'] });
  const other = await getRawBody(someStream);
  const third = await getRawBody(req, rawBodyOptions);
  res.send(raw.length + other.length + third.length);
});
    `,

    // ── Body parsers at their defaults, bounded, or configured through variables ─────────────
    `
import express from 'express';
import bodyParser from 'body-parser';
const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: true }));
app.use(express.raw({ type: 'application/octet-stream', limit: '10mb' }));
app.use(express.text({ limit: 1024 * 1024 }));
app.use(bodyParser.json({ limit: '100kb' }));
app.use(bodyParser.urlencoded({ limit: undefined }));
    `,
    // Limits from configuration are unknown: silent.
    `
import express from 'express';
const app = express();
app.use(express.json({ limit: config.bodyLimit }));
app.use(express.json({ limit: process.env.BODY_LIMIT || '50mb' }));
app.use(express.json(jsonOptions));
app.use(express.urlencoded({ ...urlencodedOptions }));
app.use(express.raw({ limit: '50mb', ...overrides }));
    `,
    // A local object with the same method names is not express.
    `
const express = { json: (options) => options };
express.json({ limit: '1gb' });
    `,
    `
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
const app = new Koa();
app.use(bodyParser());
app.use(bodyParser({ jsonLimit: '2mb', formLimit: '56kb' }));
    `,
    `
import fastify from 'fastify';
const app = fastify({ logger: true });
const other = fastify({ bodyLimit: 5 * 1024 * 1024 });
app.post('/small', { bodyLimit: 1024 }, async () => 'ok');
app.route({ method: 'PUT', url: '/x', bodyLimit: 2048, handler: async () => 'ok' });
    `,
    // A bodyLimit on something that is not a fastify instance.
    `
const cache = createCache();
cache.get('/key', { bodyLimit: 1e12 });
    `,
    `
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
const app = new Hono();
app.post('/upload', bodyLimit({ maxSize: 50 * 1024 }), (c) => c.text('ok'));
    `,
    `
import multer from 'multer';
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5 * 1024 * 1024 } });
const disk = multer({ dest: 'uploads/', limits: { fileSize: 1024 * 1024 * 1024 } });
const fieldsOnly = multer();
app.post('/form', fieldsOnly.none(), handler);
app.post('/form2', multer().none(), handler);
const configured = multer(uploadOptions);
const limited = multer({ storage, limits });
    `,
    // A limit above maxBytes is fine when the project says so.
    {
      code: `
import express from 'express';
express.json({ limit: '50mb' });
      `,
      options: [{ maxBytes: 64 * 1024 * 1024 }],
    },
    // Test servers (@fastify/reply-from's tests buffer the body they echo): only the test's own requests arrive.
    {
      code: `
import http from 'node:http';
const target = http.createServer((req, res) => {
  let data = '';
  req.on('data', (d) => { data += d; });
  req.on('end', () => res.end(data));
});
target.listen(0);
      `,
      filename: 'test/full-post.test.ts',
    },
    `
import { test } from 'node:test';
import express from 'express';
test('uploads', async () => {
  const app = express();
  app.use(express.json({ limit: '500mb' }));
});
    `,
    {
      code: `
import express from 'express';
express().use(express.json({ limit: false }));
      `,
      filename: 'benchmarks/json-parsing.ts',
    },
  ],
  invalid: [
    // ── Manual buffering ──────────────────────────────────────────────────────────────────────
    {
      // node:http: string concatenation in a 'data' listener.
      code: `
import http from 'node:http';
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => res.end(body));
}).listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'unboundedBuffering',
          data: { read: "`'data'` listener" },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 9,
        },
      ],
    },
    {
      // express: chunks pushed, Buffer.concat at the end — one report, where the chunks are collected.
      code: `
const express = require('express');
const app = express();
app.post('/webhook', (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    res.sendStatus(raw.length ? 204 : 400);
  });
});
      `,
      output: null,
      errors: [{ messageId: 'unboundedBuffering', line: 6, column: 3, endLine: 6, endColumn: 9 }],
    },
    {
      // for await over the request; a size check only after everything was collected is no bound.
      code: `
import express from 'express';
const router = express.Router();
router.put('/import', async (req, res) => {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  res.json({ count: chunks.length });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'unboundedBuffering',
          data: { read: '`for await` loop' },
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 33,
        },
      ],
    },
    {
      // A listener passed by name, a buffer grown with Buffer.concat, and a helper the handler calls.
      code: `
import http from 'node:http';
function readBody(request) {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    function onData(chunk) {
      buffer = Buffer.concat([buffer, chunk]);
    }
    request.on('data', onData);
    request.on('end', () => resolve(buffer));
  });
}
const server = http.createServer(async (req, res) => {
  res.end(await readBody(req));
});
      `,
      output: null,
      errors: [{ messageId: 'unboundedBuffering', line: 9, column: 5, endLine: 9, endColumn: 15 }],
    },
    {
      // `chunks.push.bind(chunks)` as the listener; koa's ctx.req.
      code: `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx) => {
  const data = [];
  await new Promise((resolve, reject) => {
    ctx.req.on('data', data.push.bind(data));
    ctx.req.on('end', resolve);
    ctx.req.on('error', reject);
  });
  ctx.body = Buffer.concat(data);
});
      `,
      output: null,
      errors: [{ messageId: 'unboundedBuffering', line: 7, column: 5, endLine: 7, endColumn: 15 }],
    },
    {
      // fastify: request.raw, through a const alias; the property a middleware stores it on.
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.addHook('preHandler', (request, reply, done) => {
  const { raw } = request;
  raw.rawBody = '';
  raw.on('data', (chunk) => { raw.rawBody += chunk.toString('utf8'); });
  raw.on('end', done);
});
      `,
      output: null,
      errors: [{ messageId: 'unboundedBuffering', line: 7, column: 3, endLine: 7, endColumn: 9 }],
    },
    {
      // express middleware keeping the raw body on the request; koa's ctx.req destructured.
      code: `
import express from 'express';
import Koa from 'koa';
const app = express();
app.use((req, res, next) => {
  req.rawBody = '';
  req.on('data', (chunk) => { req.rawBody += chunk; });
  req.on('end', next);
});
new Koa().use(async (ctx) => {
  const { req } = ctx;
  const parts = [];
  for await (const part of req) parts.push(part);
  ctx.body = parts.length;
});
      `,
      output: null,
      errors: [
        { messageId: 'unboundedBuffering', line: 7, column: 3, endLine: 7, endColumn: 9 },
        { messageId: 'unboundedBuffering', line: 13, column: 3, endLine: 13, endColumn: 32 },
      ],
    },
    {
      // NestJS: the @Req() parameter of a controller route.
      tsOnly: true,
      code: `
import { Controller, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
@Controller('hooks')
export class HooksController {
  @Post()
  async receive(@Req() req: Request) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    return raw.length;
  }
}
      `,
      output: null,
      errors: [{ messageId: 'unboundedBuffering', line: 9, column: 5, endLine: 9, endColumn: 35 }],
    },
    {
      // stream/consumers on the request: every spelling of the import.
      code: `
import http from 'node:http';
import { json } from 'node:stream/consumers';
import * as consumers from 'stream/consumers';
const { text: readText } = require('node:stream/consumers');
http.createServer(async (req, res) => {
  const a = await json(req);
  const b = await consumers.buffer(req);
  const c = await readText(req);
  res.end(String(a) + b + c);
});
      `,
      output: null,
      errors: [
        { messageId: 'unboundedConsumer', data: { callee: 'json()' }, line: 7, column: 19, endLine: 7, endColumn: 23 },
        { messageId: 'unboundedConsumer', data: { callee: 'buffer()' }, line: 8, column: 19, endLine: 8, endColumn: 35 },
        { messageId: 'unboundedConsumer', data: { callee: 'text()' }, line: 9, column: 19, endLine: 9, endColumn: 27 },
      ],
    },
    {
      // raw-body without limit (also with only an encoding).
      code: `
import getRawBody from 'raw-body';
import express from 'express';
const app = express();
app.post('/hook', async (req, res) => {
  const raw = await getRawBody(req);
  const text = await getRawBody(req, 'utf8');
  res.send(raw.length + text.length);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'limitMissing',
          data: {
            parser: 'getRawBody()',
            option: 'limit',
            consequence: 'one large or never-ending upload can exhaust the heap and take the process down',
            atMost: ' (at most 10 MB)',
          },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 31,
        },
        { messageId: 'limitMissing', line: 7, column: 22, endLine: 7, endColumn: 32 },
      ],
    },
    {
      // Next.js Pages API route: a Node request.
      code: `
export const config = { api: { bodyParser: false } };
export default async function handler(req, res) {
  let payload = '';
  for await (const chunk of req) payload += chunk;
  res.status(200).json(JSON.parse(payload));
}
      `,
      filename: 'pages/api/hooks.ts',
      output: null,
      errors: [{ messageId: 'unboundedBuffering', line: 5, column: 3, endLine: 5, endColumn: 33 }],
    },
    {
      // TypeScript: a parameter typed IncomingMessage under a server-side name.
      tsOnly: true,
      code: `
import type { IncomingMessage } from 'node:http';
export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
  });
}
      `,
      output: null,
      errors: [{ messageId: 'unboundedBuffering', line: 6, column: 5, endLine: 6, endColumn: 11 }],
    },

    // ── Body parsers ──────────────────────────────────────────────────────────────────────────
    {
      code: `
import express from 'express';
const app = express();
app.use('/imports', express.json({ limit: '500mb' }));
      `,
      output: null,
      errors: [
        {
          messageId: 'limitTooHigh',
          data: {
            option: 'limit',
            value: "'500mb'",
            parser: 'express.json()',
            size: '500 MB',
            unit: 'request',
            max: '10 MB',
            consequence: 'a few such requests at once can exhaust the heap and take the process down',
          },
          line: 4,
          column: 36,
          endLine: 4,
          endColumn: 50,
        },
      ],
    },
    {
      // Every body-parser import style; numbers, byte strings in any case, consts and Infinity.
      code: `
const bodyParser = require('body-parser');
const { urlencoded } = require('body-parser');
import * as parsers from 'body-parser';
const ONE_GB = 1024 ** 3;
app.use(bodyParser.json({ limit: '50MB' }));
app.use(urlencoded({ extended: false, limit: ONE_GB }));
app.use(parsers.raw({ limit: Infinity }));
app.use(bodyParser.text({ limit: 'unlimited' }));
app.use(bodyParser({ limit: 20 * 1024 * 1024 }));
      `,
      output: null,
      errors: [
        { messageId: 'limitTooHigh', data: { option: 'limit', value: "'50MB'", parser: 'bodyParser.json()', size: '50 MB', unit: 'request', max: '10 MB', consequence: 'a few such requests at once can exhaust the heap and take the process down' }, line: 6, column: 27, endLine: 6, endColumn: 40 },
        { messageId: 'limitTooHigh', line: 7, column: 39, endLine: 7, endColumn: 52 },
        {
          messageId: 'limitDisabled',
          data: {
            option: 'limit',
            value: 'Infinity',
            parser: 'bodyParser.raw()',
            why: '',
            consequence: 'one large or never-ending upload can exhaust the heap and take the process down',
            atMost: ' (at most 10 MB)',
          },
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 38,
        },
        {
          messageId: 'limitDisabled',
          data: {
            option: 'limit',
            value: "'unlimited'",
            parser: 'bodyParser.text()',
            why: ' (the `bytes` package cannot parse it and an unparsable limit means no limit)',
            consequence: 'one large or never-ending upload can exhaust the heap and take the process down',
            atMost: ' (at most 10 MB)',
          },
          line: 9,
          column: 27,
          endLine: 9,
          endColumn: 45,
        },
        { messageId: 'limitTooHigh', line: 10, column: 22, endLine: 10, endColumn: 45 },
      ],
    },
    {
      // A property after a spread wins; an options const is followed.
      code: `
import express from 'express';
const jsonOptions = { strict: true, limit: '1gb' };
express.json(jsonOptions);
express.urlencoded({ ...defaults, limit: '64mb' });
      `,
      output: null,
      errors: [
        { messageId: 'limitTooHigh', line: 3, column: 37, endLine: 3, endColumn: 49 },
        { messageId: 'limitTooHigh', line: 5, column: 35, endLine: 5, endColumn: 48 },
      ],
    },
    {
      // maxBytes lowers the ceiling.
      code: `
import express from 'express';
express.json({ limit: '2mb' });
      `,
      options: [{ maxBytes: 1024 * 1024 }],
      output: null,
      errors: [{ messageId: 'limitTooHigh', data: { option: 'limit', value: "'2mb'", parser: 'express.json()', size: '2 MB', unit: 'request', max: '1 MB', consequence: 'a few such requests at once can exhaust the heap and take the process down' }, line: 3, column: 16, endLine: 3, endColumn: 28 }],
    },
    {
      // koa-bodyparser and @koa/bodyparser.
      code: `
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { bodyParser as koaBody } from '@koa/bodyparser';
const app = new Koa();
app.use(bodyParser({ jsonLimit: '200mb', formLimit: '56kb', textLimit: Infinity }));
app.use(koaBody({ xmlLimit: 64 * 1024 * 1024 }));
      `,
      output: null,
      errors: [
        { messageId: 'limitTooHigh', data: { option: 'jsonLimit', value: "'200mb'", parser: 'bodyParser()', size: '200 MB', unit: 'request', max: '10 MB', consequence: 'a few such requests at once can exhaust the heap and take the process down' }, line: 6, column: 22, endLine: 6, endColumn: 40 },
        { messageId: 'limitDisabled', line: 6, column: 61, endLine: 6, endColumn: 80 },
        { messageId: 'limitTooHigh', line: 7, column: 19, endLine: 7, endColumn: 45 },
      ],
    },
    {
      // Fastify: the server option and the route options, also through route() and require().
      code: `
const fastify = require('fastify')({ bodyLimit: 100 * 1024 * 1024 });
fastify.post('/import', { bodyLimit: 512 * 1024 * 1024 }, async (request) => request.body);
fastify.route({ method: 'PUT', url: '/bulk', bodyLimit: 1e9, handler: async () => 'ok' });
      `,
      output: null,
      errors: [
        { messageId: 'limitTooHigh', data: { option: 'bodyLimit', value: '100 * 1024 * 1024', parser: 'fastify()', size: '100 MB', unit: 'request', max: '10 MB', consequence: 'a few such requests at once can exhaust the heap and take the process down' }, line: 2, column: 38, endLine: 2, endColumn: 66 },
        { messageId: 'limitTooHigh', data: { option: 'bodyLimit', value: '512 * 1024 * 1024', parser: 'fastify.post()', size: '512 MB', unit: 'request', max: '10 MB', consequence: 'a few such requests at once can exhaust the heap and take the process down' }, line: 3, column: 27, endLine: 3, endColumn: 55 },
        { messageId: 'limitTooHigh', line: 4, column: 46, endLine: 4, endColumn: 60 },
      ],
    },
    {
      // Hono bodyLimit: too high, disabled, or without maxSize (no default).
      code: `
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
const app = new Hono();
app.use(bodyLimit({ maxSize: 100 * 1024 * 1024 }));
app.post('/a', bodyLimit({ maxSize: Number.POSITIVE_INFINITY }), (c) => c.text('ok'));
app.post('/b', bodyLimit({ onError: (c) => c.text('too big', 413) }), (c) => c.text('ok'));
      `,
      output: null,
      errors: [
        { messageId: 'limitTooHigh', line: 5, column: 21, endLine: 5, endColumn: 47 },
        { messageId: 'limitDisabled', line: 6, column: 28, endLine: 6, endColumn: 61 },
        {
          messageId: 'limitMissing',
          data: {
            parser: 'bodyLimit()',
            option: 'maxSize',
            consequence: 'one large or never-ending upload can exhaust the heap and take the process down',
            atMost: ' (at most 10 MB)',
          },
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 25,
        },
      ],
    },
    {
      // multer: memory storage by default, disk with dest, and a fileSize multer ignores.
      code: `
import multer from 'multer';
const inMemory = multer();
const onDisk = multer({ dest: 'uploads/' });
const big = multer({ storage: multer.memoryStorage(), limits: { fileSize: 100 * 1024 * 1024 } });
const typo = multer({ limits: { fileSize: '5mb' } });
const unknownStorage = multer({ storage: customStorage, limits: { files: 1 } });
app.post('/avatar', inMemory.single('avatar'), handler);
      `,
      output: null,
      errors: [
        {
          messageId: 'limitMissing',
          data: {
            parser: 'multer()',
            option: 'limits.fileSize',
            consequence: 'multer keeps each file in memory, so one large upload can exhaust the heap and take the process down',
            atMost: ' (at most 10 MB)',
          },
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 24,
        },
        {
          messageId: 'limitMissing',
          data: { parser: 'multer()', option: 'limits.fileSize', consequence: 'one upload can fill the disk', atMost: '' },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 22,
        },
        {
          messageId: 'limitTooHigh',
          data: {
            option: 'fileSize',
            value: '100 * 1024 * 1024',
            parser: 'multer()',
            size: '100 MB',
            unit: 'file',
            max: '10 MB',
            consequence: 'multer keeps each file in memory, so a few such uploads at once can exhaust the heap and take the process down',
          },
          line: 5,
          column: 65,
          endLine: 5,
          endColumn: 92,
        },
        {
          messageId: 'limitDisabled',
          data: {
            option: 'fileSize',
            value: "'5mb'",
            parser: 'multer()',
            why: ' (busboy, which multer uses, ignores a `fileSize` that is not a number)',
            consequence: 'multer keeps each file in memory, so one large upload can exhaust the heap and take the process down',
            atMost: ' (at most 10 MB)',
          },
          line: 6,
          column: 33,
          endLine: 6,
          endColumn: 48,
        },
        {
          messageId: 'limitMissing',
          data: { parser: 'multer()', option: 'limits.fileSize', consequence: 'one upload can exhaust the heap or fill the disk', atMost: '' },
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 30,
        },
      ],
    },
    {
      // NestJS: app.useBodyParser passes its options to body-parser.
      code: `
import { NestFactory } from '@nestjs/core';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.useBodyParser('json', { limit: '100mb' });
  await app.listen(3000);
}
      `,
      output: null,
      errors: [{ messageId: 'limitTooHigh', line: 5, column: 31, endLine: 5, endColumn: 45 }],
    },
  ],
});
