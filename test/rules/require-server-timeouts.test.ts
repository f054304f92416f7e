import path from 'node:path';

import rule from '../../rules/require-server-timeouts';
import { runOnBothParsers } from '../rule-tester';

const ENGINES = path.join(import.meta.dirname, '../../fixtures/engines');

/** The keep-alive message data for Node's pre-26 default. */
const NODE_5S = { owner: 'Node', current: '5 s', min: 65000 };

runOnBothParsers('require-server-timeouts', rule, {
  valid: [
    // Every setting in place: keep-alive above the load balancer, header and request deadlines.
    `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65_000, headersTimeout: 20_000, requestTimeout: 30_000 }, app);
server.listen(3000);
    `,
    // The old "headersTimeout must exceed keepAliveTimeout" advice is a myth since Node 12: not reported.
    `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000, headersTimeout: 60000 }, app);
server.listen(3000);
    `,
    // Set as a property, in an \`if\`, or in a same-file helper: the file sets it.
    `
const express = require('express');
const app = express();
const server = app.listen(process.env.PORT);
server.keepAliveTimeout = 65000;
    `,
    `
import http from 'node:http';
const server = http.createServer(app);
if (process.env.BEHIND_ALB) server.keepAliveTimeout = 65000;
server.listen(8080);
    `,
    `
import http from 'node:http';
function tune(target) {
  target.keepAliveTimeout = 75_000;
}
const server = http.createServer(app);
tune(server);
server.listen(8080);
    `,
    // A value read at run time is trusted; 0 disables the keep-alive timeout (sockets stay open).
    `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: Number(process.env.KEEP_ALIVE_MS) }, app);
server.listen(8080);
    `,
    `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 0 }, app);
server.listen(8080);
    `,
    // Returned or exported: the owner configures it.
    `
import http from 'node:http';
export function createApiServer(app) {
  const server = http.createServer(app);
  server.listen(0);
  return server;
}
    `,
    `
import http from 'node:http';
export const server = http.createServer(app);
server.listen(3000);
    `,
    {
      code: `
const http = require('http');
const server = http.createServer(app);
server.listen(3000);
module.exports = server;
      `,
    },
    // Handed to a function from another module, which may configure it.
    `
import http from 'node:http';
import { createTerminus } from '@godaddy/terminus';
const server = http.createServer(app);
createTerminus(server, { signal: 'SIGTERM' });
server.listen(3000);
    `,
    // Created but not started here.
    `
import http from 'node:http';
const server = http.createServer(app);
server.on('request', log);
    `,
    // Options in a variable, or spread: they may hold anything.
    `
import http from 'node:http';
http.createServer(serverOptions, app).listen(3000);
    `,
    `
import http from 'node:http';
http.createServer({ ...defaults, headersTimeout: 10_000 }, app).listen(3000);
    `,
    // A port the OS picks (tests, tools), and test files: no load balancer reaches these servers.
    `
import http from 'node:http';
const server = http.createServer(app);
server.listen(0, () => run(server.address().port));
    `,
    `
import express from 'express';
const app = express();
app.listen();
    `,
    `
import Fastify from 'fastify';
const app = Fastify();
await app.listen();
    `,
    {
      code: `
import http from 'node:http';
const server = http.createServer(app);
server.listen(3000);
      `,
      filename: 'test/server.test.ts',
    },
    `
import { test } from 'node:test';
import http from 'node:http';
test('proxies', async () => {
  const upstream = http.createServer(handler);
  upstream.listen(31001);
});
    `,
    // Node >= 26 defaults keepAliveTimeout to 65 s: unset is fine there (option or package.json).
    {
      code: `
import http from 'node:http';
http.createServer(app).listen(3000);
      `,
      options: [{ minKeepAliveTimeout: 65000, nodeVersion: '>=26', requireSocketTimeout: false, maxHeaderSize: 65536 }],
    },
    {
      code: `
import http from 'node:http';
http.createServer(app).listen(3000);
      `,
      filename: path.join(ENGINES, 'node-26/nested/server.ts'),
    },
    // Fastify's default keepAliveTimeout is 72 s; requestTimeout given, as an option or on app.server.
    `
import Fastify from 'fastify';
const app = Fastify({ logger: true, requestTimeout: 120_000 });
await app.listen({ port: 3000, host: '0.0.0.0' });
    `,
    `
import Fastify from 'fastify';
const app = Fastify();
app.server.requestTimeout = 60_000;
app.listen({ port: 3000 });
    `,
    // An explicit \`requestTimeout: 0\` in Fastify is a choice (Fastify assigns it as a property: headersTimeout stays).
    `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 0 });
app.listen({ port: 3000 });
    `,
    // Fastify over HTTP/2, or with a serverFactory (which makes Fastify ignore its timeouts).
    `
import Fastify from 'fastify';
const app = Fastify({ http2: true });
app.listen({ port: 3000 });
    `,
    `
import Fastify from 'fastify';
const app = Fastify({ serverFactory: (handler) => makeServer(handler) });
app.listen({ port: 3000 });
    `,
    // HTTP/2 sessions have none of the HTTP/1 keep-alive or request deadlines.
    `
import http2 from 'node:http2';
const server = http2.createSecureServer({ key, cert });
server.listen(8443);
    `,
    // Nest on Fastify (72 s keep-alive) or with an adapter we cannot see into.
    `
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
const app = await NestFactory.create(AppModule, new FastifyAdapter());
await app.listen(3000);
    `,
    `
import { NestFactory } from '@nestjs/core';
const app = await NestFactory.create(AppModule);
app.getHttpServer().keepAliveTimeout = 65_000;
await app.listen(3000);
    `,
    // hono: serverOptions go to createServer.
    `
import { serve } from '@hono/node-server';
serve({ fetch: app.fetch, port: 3000, serverOptions: { keepAliveTimeout: 65000 } });
    `,
    {
      code: `
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter({ logger: true }));
await app.listen(3000, '0.0.0.0');
      `,
      tsOnly: true,
    },
    // http2 servers are not HTTP/1 createServer: their options are not checked here.
    `
import http2 from 'node:http2';
const server = http2.createServer({ timeout: 30_000, maxHeaderSize: 1e9 });
    `,
    // net servers are not HTTP servers.
    `
import net from 'node:net';
net.createServer(onConnection).listen(4000);
    `,
    // \`requestTimeout = 0\` as a property is a deliberate choice for long uploads; headersTimeout stays 60 s.
    `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.requestTimeout = 0;
server.listen(3000);
    `,
    // In the options with an explicit headersTimeout, requestTimeout: 0 keeps the header deadline.
    `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000, requestTimeout: 0, headersTimeout: 30_000 }, app);
server.listen(3000);
    `,
    // Header deadline at most the request deadline.
    `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000, headersTimeout: 30_000, requestTimeout: 30_000 }, app);
server.headersTimeout = 10_000;
server.listen(3000);
    `,
    // maxHeaderSize within the limit, or above the default but allowed by the option.
    `
import http from 'node:http';
http.createServer({ keepAliveTimeout: 65000, maxHeaderSize: 32 * 1024 }, app).listen(3000);
    `,
    {
      code: `
import http from 'node:http';
http.createServer({ keepAliveTimeout: 65000, maxHeaderSize: 1024 * 1024 }, app).listen(3000);
      `,
      options: [{ minKeepAliveTimeout: 65000, requireSocketTimeout: false, maxHeaderSize: 1_048_576 }],
    },
    // 'clientError' listeners that close the socket, hand it on, or that we cannot read.
    `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.on('clientError', (error, socket) => {
  if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  socket.end('HTTP/1.1 400 Bad Request\\r\\nConnection: close\\r\\n\\r\\n');
});
server.listen(3000);
    `,
    `
import http from 'node:http';
const server = http.createServer(app);
server.on('clientError', (error, socket) => {
  logger.warn(error);
  setImmediate(() => socket.destroy());
});
    `,
    `
import http from 'node:http';
const server = http.createServer(app);
server.on('clientError', (error, socket) => handleBadRequest(error, socket));
server.on('clientError', onClientError);
    `,
    `
import http from 'node:http';
import { onClientError } from './errors.js';
const server = http.createServer(app);
server.on('clientError', onClientError);
    `,
    // A log-only listener next to one that closes the socket: the socket is closed.
    `
import http from 'node:http';
const server = http.createServer(app);
server.on('clientError', (error) => metrics.count(error.code));
server.on('clientError', (error, socket) => socket.destroy(error));
    `,
    // Fastify registers its own clientError listener, which closes the socket.
    `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 30_000 });
app.server.on('clientError', (error) => app.log.warn(error));
    `,
    // With requireSocketTimeout: setTimeout, the timeout property, or Fastify's connectionTimeout.
    {
      code: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.setTimeout(120_000);
server.listen(3000);
      `,
      options: [{ minKeepAliveTimeout: 65000, requireSocketTimeout: true, maxHeaderSize: 65536 }],
    },
    {
      code: `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 30_000, handlerTimeout: 10_000 });
app.listen({ port: 3000 });
      `,
      options: [{ minKeepAliveTimeout: 65000, requireSocketTimeout: true, maxHeaderSize: 65536 }],
    },
    // A test runner's \`timeout\` option next to a Fastify server: nothing createServer would ignore.
    {
      code: `
import { test } from 'node:test';
import Fastify from 'fastify';
test('serves', { timeout: 5000 }, async () => {
  const fastify = Fastify();
  await fastify.listen({ port: 3000 });
});
      `,
      filename: 'test/static.test.js',
    },
    // A benchmark's server (@fastify/static/example/server-benchmark.js) is a load target, never deployed.
    {
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.listen({ port: 3000 });
      `,
      filename: 'example/server-benchmark.ts',
    },
    {
      code: `
import http from 'node:http';
http.createServer(app).listen(3000);
      `,
      filename: 'bench/http.ts',
    },
  ],
  invalid: [
    // ---------------------------------------------------------------------------------------------
    // Missing keepAliveTimeout
    {
      // A listener only: the suggestion adds an options object in front of it.
      code: `
import http from 'node:http';
const server = http.createServer(app);
server.listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: NODE_5S,
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      // Options on several lines: the new one gets a line of its own, after the trailing comment.
      code: `
const https = require('node:https');
https
  .createServer(
    {
      key,
      cert, // from the secret store
    },
    app,
  )
  .listen(443);
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: NODE_5S,
          line: 3,
          column: 1,
          endLine: 4,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
const https = require('node:https');
https
  .createServer(
    {
      key,
      cert, // from the secret store
      keepAliveTimeout: 65000,
    },
    app,
  )
  .listen(443);
      `,
            },
          ],
        },
      ],
    },
    {
      // express app.listen() bound to a name: the assignment goes after the statement.
      code: `
import express from 'express';
const app = express();
const server = app.listen(PORT, () => console.log('up')); // the public API
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: NODE_5S,
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import express from 'express';
const app = express();
const server = app.listen(PORT, () => console.log('up')); // the public API
server.keepAliveTimeout = 65000;
      `,
            },
          ],
        },
      ],
    },
    {
      // An unbound app.listen() statement is captured as `const server`.
      code: `
import Koa from 'koa';
const app = new Koa();
function start() {
  app.listen(PORT);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: NODE_5S,
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import Koa from 'koa';
const app = new Koa();
function start() {
  const server = app.listen(PORT);
  server.keepAliveTimeout = 65000;
}
      `,
            },
          ],
        },
      ],
    },
    {
      // Not a statement of its own, or the name is taken: report only.
      code: `
const express = require('express');
const app = express();
const server = getServer();
if (require.main === module) app.listen(3000);
      `,
      output: null,
      errors: [{ messageId: 'keepAliveTimeoutMissing', data: NODE_5S, line: 5, column: 30, endLine: 5, endColumn: 40, suggestions: [] }],
    },
    {
      // Below the load balancer idle timeout, as an option and as a property.
      code: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 5_000 }, app);
server.listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutLow',
          data: { value: 5000, min: 65000 },
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 59,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
import express from 'express';
const app = express();
const server = app.listen(8080);
server.keepAliveTimeout = 61 * 1000;
      `,
      output: null,
      options: [{ minKeepAliveTimeout: 75000, requireSocketTimeout: false, maxHeaderSize: 65536 }],
      errors: [
        {
          messageId: 'keepAliveTimeoutLow',
          data: { value: 61000, min: 75000 },
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 36,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 75000 },
              output: `
import express from 'express';
const app = express();
const server = app.listen(8080);
server.keepAliveTimeout = 75000;
      `,
            },
          ],
        },
      ],
    },
    {
      // A shorthand option gets its key back.
      code: `
import http from 'node:http';
const keepAliveTimeout = 10_000;
const server = http.createServer({ keepAliveTimeout }, app);
server.listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutLow',
          data: { value: 10000, min: 65000 },
          line: 4,
          column: 36,
          endLine: 4,
          endColumn: 52,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import http from 'node:http';
const keepAliveTimeout = 10_000;
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      // Node 26's 65 s default is below a raised minimum.
      code: `
import http from 'node:http';
http.createServer(app).listen(3000);
      `,
      output: null,
      options: [{ minKeepAliveTimeout: 90000, nodeVersion: '26.1.0', requireSocketTimeout: false, maxHeaderSize: 65536 }],
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: { owner: 'Node', current: '65 s', min: 90000 },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 90000 },
              output: `
import http from 'node:http';
http.createServer({ keepAliveTimeout: 90000 }, app).listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      // package.json engines that still admit Node 20: the 5 s default applies.
      code: `
import http from 'node:http';
http.createServer().listen(3000);
      `,
      output: null,
      filename: path.join(ENGINES, 'node-20/server.ts'),
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: NODE_5S,
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 18,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import http from 'node:http';
http.createServer({ keepAliveTimeout: 65000 }).listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      // @hono/node-server: serverOptions added to serve()'s config.
      code: `
import { serve } from '@hono/node-server';
serve({ fetch: app.fetch, port: 8787 });
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: NODE_5S,
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 6,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import { serve } from '@hono/node-server';
serve({ fetch: app.fetch, port: 8787, serverOptions: { keepAliveTimeout: 65000 } });
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
import { serve } from '@hono/node-server';
const server = serve({ fetch: app.fetch, port: 8787, serverOptions: { requestTimeout: 60_000 } });
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: NODE_5S,
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import { serve } from '@hono/node-server';
const server = serve({ fetch: app.fetch, port: 8787, serverOptions: { requestTimeout: 60_000, keepAliveTimeout: 65000 } });
      `,
            },
          ],
        },
      ],
    },
    {
      // NestJS on express: the setting goes on app.getHttpServer().
      code: `
import { NestFactory } from '@nestjs/core';
async function bootstrap() {
  const app = await NestFactory.create(AppModule, { cors: true });
  await app.listen(3000);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: NODE_5S,
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 65000 },
              output: `
import { NestFactory } from '@nestjs/core';
async function bootstrap() {
  const app = await NestFactory.create(AppModule, { cors: true });
  app.getHttpServer().keepAliveTimeout = 65000;
  await app.listen(3000);
}
      `,
            },
          ],
        },
      ],
    },

    // ---------------------------------------------------------------------------------------------
    // Fastify's requestTimeout of 0
    {
      code: `
import Fastify from 'fastify';
const app = Fastify();
app.listen({ port: 3000, host: '0.0.0.0' });
      `,
      output: null,
      errors: [
        {
          messageId: 'fastifyRequestTimeoutMissing',
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'setRequestTimeout',
              data: { value: 120000 },
              output: `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 120000 });
app.listen({ port: 3000, host: '0.0.0.0' });
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
const fastify = require('fastify')({
  logger: true,
  bodyLimit: 1_048_576,
});
fastify.listen({ port: Number(process.env.PORT) });
      `,
      output: null,
      errors: [
        {
          messageId: 'fastifyRequestTimeoutMissing',
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'setRequestTimeout',
              data: { value: 120000 },
              output: `
const fastify = require('fastify')({
  logger: true,
  bodyLimit: 1_048_576,
  requestTimeout: 120000,
});
fastify.listen({ port: Number(process.env.PORT) });
      `,
            },
          ],
        },
      ],
    },

    {
      // Options on several lines without a trailing comma, ending in a comment.
      code: `
import Fastify from 'fastify';
const app = Fastify({
  logger: true,
  trustProxy: true // behind the ALB
});
await app.listen({ port: 8080, host: '0.0.0.0' });
      `,
      output: null,
      errors: [
        {
          messageId: 'fastifyRequestTimeoutMissing',
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'setRequestTimeout',
              data: { value: 120000 },
              output: `
import Fastify from 'fastify';
const app = Fastify({
  logger: true,
  trustProxy: true, // behind the ALB
  requestTimeout: 120000
});
await app.listen({ port: 8080, host: '0.0.0.0' });
      `,
            },
          ],
        },
      ],
    },
    {
      // Fastify's 72 s default is below a raised minimum.
      code: `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 60000 });
app.listen({ port: 8080 });
      `,
      output: null,
      options: [{ minKeepAliveTimeout: 90000, requireSocketTimeout: false, maxHeaderSize: 65536 }],
      errors: [
        {
          messageId: 'keepAliveTimeoutMissing',
          data: { owner: 'Fastify', current: '72 s', min: 90000 },
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'setKeepAliveTimeout',
              data: { value: 90000 },
              output: `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 60000, keepAliveTimeout: 90000 });
app.listen({ port: 8080 });
      `,
            },
          ],
        },
      ],
    },

    // ---------------------------------------------------------------------------------------------
    // requireSocketTimeout
    {
      code: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.listen(3000);
      `,
      output: null,
      options: [{ minKeepAliveTimeout: 65000, requireSocketTimeout: true, maxHeaderSize: 65536 }],
      errors: [
        {
          messageId: 'socketTimeoutMissing',
          data: { how: '`server.setTimeout()`' },
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'setSocketTimeout',
              data: { value: 120000 },
              output: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.setTimeout(120000);
server.listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 30_000 });
app.listen({ port: 3000 });
      `,
      output: null,
      options: [{ minKeepAliveTimeout: 65000, requireSocketTimeout: true, maxHeaderSize: 65536 }],
      errors: [
        {
          messageId: 'socketTimeoutMissing',
          data: { how: '`connectionTimeout` or `handlerTimeout`' },
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'setSocketTimeout',
              data: { value: 120000 },
              output: `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 30_000, connectionTimeout: 120000 });
app.listen({ port: 3000 });
      `,
            },
          ],
        },
      ],
    },

    // ---------------------------------------------------------------------------------------------
    // Wrong values, started or not
    {
      // requestTimeout: 0 in the options zeroes headersTimeout too.
      code: `
import http from 'node:http';
export const server = http.createServer({ requestTimeout: 0 }, app);
      `,
      output: null,
      errors: [
        {
          messageId: 'requestTimeoutZeroOption',
          line: 3,
          column: 43,
          endLine: 3,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'keepHeadersTimeout',
              data: { value: 60000 },
              output: `
import http from 'node:http';
export const server = http.createServer({ requestTimeout: 0, headersTimeout: 60000 }, app);
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
import http from 'node:http';
export const server = http.createServer({ requestTimeout: 30_000 }, app);
server.headersTimeout = 0;
      `,
      output: null,
      errors: [
        {
          messageId: 'headersTimeoutZero',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'setHeadersTimeout',
              data: { value: 30000 },
              output: `
import http from 'node:http';
export const server = http.createServer({ requestTimeout: 30_000 }, app);
server.headersTimeout = 30000;
      `,
            },
          ],
        },
      ],
    },
    {
      // Both in the options: createServer throws.
      code: `
import http from 'node:http';
export default http.createServer({ requestTimeout: 10_000, headersTimeout: 20_000 }, app);
      `,
      output: null,
      errors: [
        {
          messageId: 'headersTimeoutAboveRequestTimeout',
          data: { headers: 20000, request: 10000, consequence: 'creating the server throws ERR_OUT_OF_RANGE' },
          line: 3,
          column: 60,
          endLine: 3,
          endColumn: 82,
        },
      ],
    },
    {
      // As properties: Node swaps them silently.
      code: `
import express from 'express';
const app = express();
const server = app.listen(3000);
server.keepAliveTimeout = 65_000;
server.requestTimeout = 30_000;
server.headersTimeout = 66_000;
      `,
      output: null,
      errors: [
        {
          messageId: 'headersTimeoutAboveRequestTimeout',
          data: {
            headers: 66000,
            request: 30000,
            consequence:
              'Node does not check assigned values and swaps the two, so headers get 30000 ms and the whole request 66000 ms',
          },
          line: 7,
          column: 1,
          endLine: 7,
          endColumn: 31,
        },
      ],
    },
    {
      code: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000, maxHeaderSize: 1024 * 1024 }, app);
server.listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'maxHeaderSizeLarge',
          data: { value: 1048576, max: 65536 },
          line: 3,
          column: 61,
          endLine: 3,
          endColumn: 87,
        },
      ],
    },

    // ---------------------------------------------------------------------------------------------
    // Options createServer ignores: autofix when the server has a const name
    {
      code: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000, timeout: 30_000 }, app);
server.listen(3000);
      `,
      output: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.setTimeout(30_000);
server.listen(3000);
      `,
      errors: [
        {
          messageId: 'ignoredOption',
          data: {
            through: '',
            name: 'timeout',
            effect: 'sockets keep the default of no idle timeout',
            instead: 'Call `server.setTimeout(ms)` on the created server instead',
          },
          line: 3,
          column: 61,
          endLine: 3,
          endColumn: 76,
        },
      ],
    },
    {
      // A property on its own line goes with its line; a comment ending the statement stays put.
      code: `
const http = require('node:http');
const metrics = http.createServer(
  {
    maxRequestsPerSocket: MAX_REQUESTS,
    keepAliveTimeout: 65000,
  },
  handler,
); // scraped by Prometheus
metrics.listen(9464);
      `,
      output: `
const http = require('node:http');
const metrics = http.createServer(
  {
    keepAliveTimeout: 65000,
  },
  handler,
); // scraped by Prometheus
metrics.maxRequestsPerSocket = MAX_REQUESTS;
metrics.listen(9464);
      `,
      errors: [{ messageId: 'ignoredOption', line: 5, column: 5, endLine: 5, endColumn: 39 }],
    },
    {
      // The only option: the object stays, empty.
      code: `
import https from 'node:https';
const server = https.createServer({ timeout: Number(process.env.IDLE_MS) });
server.on('request', app);
      `,
      output: `
import https from 'node:https';
const server = https.createServer({});
server.setTimeout(Number(process.env.IDLE_MS));
server.on('request', app);
      `,
      errors: [{ messageId: 'ignoredOption', line: 3, column: 37, endLine: 3, endColumn: 73 }],
    },
    {
      // Through @hono/node-server's serverOptions.
      code: `
import { serve } from '@hono/node-server';
const server = serve({ fetch: app.fetch, port: 8787, serverOptions: { keepAliveTimeout: 65000, maxRequestsPerSocket: 100 } });
      `,
      output: `
import { serve } from '@hono/node-server';
const server = serve({ fetch: app.fetch, port: 8787, serverOptions: { keepAliveTimeout: 65000 } });
server.maxRequestsPerSocket = 100;
      `,
      errors: [
        {
          messageId: 'ignoredOption',
          data: {
            through: ' (@hono/node-server passes `serverOptions` to it)',
            name: 'maxRequestsPerSocket',
            effect: 'a keep-alive socket serves any number of requests',
            instead: 'Assign `server.maxRequestsPerSocket` on the created server instead',
          },
          line: 3,
          column: 96,
          endLine: 3,
          endColumn: 121,
        },
      ],
    },
    {
      // Not bound to a const, a value with side effects, or a comment that would be lost: report only.
      code: `
import http from 'node:http';
http.createServer({ keepAliveTimeout: 65000, timeout: 30_000 }, app).listen(3000);
let admin = http.createServer({ keepAliveTimeout: 65000, timeout: 30_000 }, app);
const api = http.createServer({ keepAliveTimeout: 65000, timeout: config.get('idle') }, app);
const web = http.createServer({ keepAliveTimeout: 65000, timeout: /* idle */ 30_000 }, app);
      `,
      output: null,
      errors: [
        { messageId: 'ignoredOption', line: 3, column: 46, endLine: 3, endColumn: 61 },
        { messageId: 'ignoredOption', line: 4, column: 58, endLine: 4, endColumn: 73 },
        { messageId: 'ignoredOption', line: 5, column: 58, endLine: 5, endColumn: 85 },
        { messageId: 'ignoredOption', line: 6, column: 58, endLine: 6, endColumn: 84 },
      ],
    },
    {
      // TypeScript: casts and annotations are kept.
      code: `
import http, { type Server } from 'node:http';
const server: Server = http.createServer({ keepAliveTimeout: 65000, timeout: IDLE_MS as number } as http.ServerOptions, app);
server.listen(3000);
      `,
      output: `
import http, { type Server } from 'node:http';
const server: Server = http.createServer({ keepAliveTimeout: 65000 } as http.ServerOptions, app);
server.setTimeout(IDLE_MS as number);
server.listen(3000);
      `,
      tsOnly: true,
      errors: [{ messageId: 'ignoredOption', line: 3, column: 69, endLine: 3, endColumn: 95 }],
    },

    {
      // An exported server: the statement after the export.
      code: `
import http from 'node:http';
export const server = http.createServer({ keepAliveTimeout: 65000, maxRequestsPerSocket: 1000 }, app);
      `,
      output: `
import http from 'node:http';
export const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.maxRequestsPerSocket = 1000;
      `,
      errors: [{ messageId: 'ignoredOption', line: 3, column: 68, endLine: 3, endColumn: 94 }],
    },

    // ---------------------------------------------------------------------------------------------
    // Wrong values in a test file: still reported (only missing settings are left to tests)
    {
      code: `
import http from 'node:http';
const server = http.createServer(app);
server['headersTimeout'] = 0;
server.listen(3000);
      `,
      filename: 'test/server.test.ts',
      output: null,
      errors: [
        {
          messageId: 'headersTimeoutZero',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'setHeadersTimeout',
              data: { value: 60000 },
              output: `
import http from 'node:http';
const server = http.createServer(app);
server['headersTimeout'] = 60000;
server.listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
import http from 'node:http';
const server = http.createServer(app);
server.on('clientError', (error, socket) => {
  log(error);
});
server.listen(0);
      `,
      filename: 'test/client-error.spec.js',
      output: null,
      errors: [
        {
          messageId: 'clientErrorLeavesSocketOpen',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import http from 'node:http';
const server = http.createServer(app);
server.on('clientError', (error, socket) => {
  log(error);
  socket.destroy();
});
server.listen(0);
      `,
            },
          ],
        },
      ],
    },

    {
      // createServer ignores it in a test file too.
      code: `
import https from 'node:https';
const server = https.createServer({ timeout: 1000 }, app);
server.listen(0);
      `,
      filename: 'test/https.test.ts',
      output: `
import https from 'node:https';
const server = https.createServer({}, app);
server.setTimeout(1000);
server.listen(0);
      `,
      errors: [{ messageId: 'ignoredOption', line: 3, column: 37, endLine: 3, endColumn: 50 }],
    },
    {
      code: `
import { serve } from '@hono/node-server';
const server = serve({ fetch: app.fetch, port: 0, serverOptions: { maxRequestsPerSocket: 1 } });
      `,
      filename: '__tests__/hono.js',
      output: `
import { serve } from '@hono/node-server';
const server = serve({ fetch: app.fetch, port: 0, serverOptions: {} });
server.maxRequestsPerSocket = 1;
      `,
      errors: [{ messageId: 'ignoredOption', line: 3, column: 68, endLine: 3, endColumn: 91 }],
    },

    // ---------------------------------------------------------------------------------------------
    // 'clientError' listeners that leave the socket open
    {
      // A same-file function declaration is read too.
      code: `
import http from 'node:http';
function onClientError(error, socket) {
  metrics.increment('client_error', { code: error.code });
}
export const server = http.createServer(app);
server.on('clientError', onClientError);
      `,
      output: null,
      errors: [
        {
          messageId: 'clientErrorLeavesSocketOpen',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import http from 'node:http';
function onClientError(error, socket) {
  metrics.increment('client_error', { code: error.code });
  socket.destroy();
}
export const server = http.createServer(app);
server.on('clientError', onClientError);
      `,
            },
          ],
        },
      ],
    },
    {
      code: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.on('clientError', (error, socket) => {
  logger.warn({ code: error.code, remote: socket.remoteAddress }, 'bad request');
});
server.listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'clientErrorLeavesSocketOpen',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import http from 'node:http';
const server = http.createServer({ keepAliveTimeout: 65000 }, app);
server.on('clientError', (error, socket) => {
  logger.warn({ code: error.code, remote: socket.remoteAddress }, 'bad request');
  socket.destroy();
});
server.listen(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      // No socket parameter at all: report only.
      code: `
import express from 'express';
const app = express();
const server = app.listen(3000);
server.keepAliveTimeout = 65000;
server.on('clientError', (error) => console.warn('client error', error.code));
      `,
      output: null,
      errors: [{ messageId: 'clientErrorLeavesSocketOpen', line: 6, column: 11, endLine: 6, endColumn: 24, suggestions: [] }],
    },
  ],
});
