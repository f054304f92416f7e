import rule from '../../rules/require-graceful-shutdown';
import { runOnBothParsers } from '../rule-tester';

runOnBothParsers('require-graceful-shutdown', rule, {
  valid: [
    // SIGTERM closes the server and exits in its callback; a forced-exit timer bounds the wait.
    `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
process.once('SIGTERM', () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  server.close(() => process.exit(0));
});
    `,
    // Exported, returned or stored servers are shut down by their owner.
    `
import express from 'express';
const app = express();
export const server = app.listen(3000);
    `,
    `
const express = require('express');
const app = express();
module.exports = app.listen(3000);
    `,
    `
import http from 'node:http';
export function start(port) {
  const server = http.createServer(handler);
  return server.listen(port);
}
    `,
    // Handed to a function from another module, which may wire its shutdown.
    `
import express from 'express';
import { registerShutdown } from './ops.js';
const app = express();
const server = app.listen(3000);
registerShutdown(server);
    `,
    // Signals registered in a loop over their names.
    `
import express from 'express';
const app = express();
const server = app.listen(3000);
function shutdown() {
  server.close(() => process.exit(0));
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, shutdown);
    `,
    `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(8080);
const SIGNALS = ['SIGTERM', 'SIGINT'];
SIGNALS.forEach((sig) => process.once(sig, () => server.close()));
    `,
    // ... or in a same-file helper, given the signal, the handler or the server.
    `
import express from 'express';
const app = express();
const server = app.listen(3000);
function onSignal(signal, handler) {
  process.on(signal, handler);
}
onSignal('SIGTERM', () => server.close());
    `,
    `
import http from 'node:http';
function closeOnSigterm(target) {
  process.once('SIGTERM', () => target.close((error) => process.exit(error ? 1 : 0)));
}
const server = http.createServer(handler);
server.listen(3000);
closeOnSigterm(server);
    `,
    // The handler reaches close() through same-file functions.
    `
import Fastify from 'fastify';
const app = Fastify();
await app.listen({ port: 3000 });
async function stopHttp() {
  await app.close();
}
async function shutdown() {
  await stopHttp();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
    `,
    // Awaiting a promise around close(), or a promisified close(), before exiting.
    `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
process.on('SIGTERM', async () => {
  await new Promise((resolve) => server.close(resolve));
  process.exit(0);
});
    `,
    `
import http from 'node:http';
import { promisify } from 'node:util';
const server = http.createServer(handler);
server.listen(3000);
process.on('SIGTERM', async () => {
  await promisify(server.close).call(server);
  process.exit(0);
});
    `,
    `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
process.on('SIGTERM', server.close.bind(server));
    `,
    // A let assigned the server later.
    `
import express from 'express';
const app = express();
let server;
async function start() {
  server = app.listen(3000);
}
process.on('SIGTERM', () => server.close());
start();
    `,
    // close-with-grace.
    `
import Fastify from 'fastify';
import closeWithGrace from 'close-with-grace';
const app = Fastify();
closeWithGrace({ delay: 500 }, async ({ signal, err }) => {
  await app.close();
});
await app.listen({ port: 3000 });
    `,
    // @godaddy/terminus.
    `
const http = require('node:http');
const { createTerminus } = require('@godaddy/terminus');
const server = http.createServer(app);
createTerminus(server, { signal: 'SIGTERM', onSignal: () => db.end() });
server.listen(3000);
    `,
    // http-terminator.
    `
import http from 'node:http';
import { createHttpTerminator } from 'http-terminator';
const server = http.createServer(app);
server.listen(3000);
const terminator = createHttpTerminator({ server });
process.once('SIGTERM', () => terminator.terminate());
    `,
    // stoppable.
    `
const http = require('node:http');
const stoppable = require('stoppable');
const server = http.createServer(app);
stoppable(server, 10_000);
server.listen(3000);
process.once('SIGTERM', () => server.stop());
    `,
    // lightship.
    `
import express from 'express';
import { createLightship } from 'lightship';
const lightship = await createLightship();
const app = express();
const server = app.listen(3000, () => lightship.signalReady());
lightship.registerShutdownHandler(() => server.close());
    `,
    // Other shutdown libraries: loading one counts as wiring.
    `
import express from 'express';
import exitHook from 'exit-hook';
const app = express();
const server = app.listen(3000);
exitHook(() => server.close());
    `,
    // NestJS shutdown hooks close the app's server on SIGTERM.
    {
      code: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(3000);
}
bootstrap();
      `,
      filename: 'main.ts',
    },
    // h3 v2 / srvx serve() installs its own SIGINT/SIGTERM handler.
    `
import { serve } from 'srvx';
serve({ fetch: (request) => new Response('ok') });
    `,
    // A shadowed \`process\` is not the process.
    `
import http from 'node:http';
export const server = http.createServer(handler);
function wire(process) {
  process.on('SIGTERM', () => {
    server.close();
    process.exit(0);
  });
}
    `,
    // A server created but never started here.
    `
import http from 'node:http';
const server = http.createServer(handler);
server.on('clientError', (error, socket) => socket.destroy());
    `,
    // Closed somewhere the rule cannot tie to a signal: whoever calls stop() owns shutdown.
    `
import express from 'express';
const app = express();
const server = app.listen(3000);
export function stop() {
  return new Promise((resolve) => server.close(resolve));
}
    `,
    // An event name the rule cannot read may be SIGTERM.
    `
import express from 'express';
import { config } from './config.js';
const app = express();
const server = app.listen(3000);
process.on(config.stopSignal, () => server.close());
    `,
    // A cluster worker: the primary stops it with worker.disconnect(), which closes its servers.
    `
import cluster from 'node:cluster';
import express from 'express';
if (cluster.isPrimary) {
  for (let i = 0; i < 4; i += 1) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers)) worker.disconnect();
  });
} else {
  express().listen(3000);
}
    `,
    // A CLI with a SIGINT handler and no server.
    `
process.on('SIGINT', () => {
  cleanupTempFiles();
  process.exit(130);
});
await runImport();
    `,
    // Test files: the runner stops their servers.
    `
import test from 'node:test';
import express from 'express';
test('GET /', async () => {
  const app = express();
  const server = app.listen(0);
  await fetch('http://localhost:' + server.address().port);
});
    `,
    {
      code: `
import express from 'express';
const app = express();
app.listen(0);
      `,
      filename: 'test/app.test.js',
    },
    // shutdownLibraries: a module the team wrote.
    {
      code: `
import express from 'express';
import { installSignalHandlers } from '@acme/runtime';
const app = express();
app.listen(3000);
installSignalHandlers();
      `,
      options: [{ requireForcedExit: false, shutdownLibraries: ['@acme/runtime'] }],
    },
    // requireForcedExit: a timer that exits, or one that destroys the remaining connections.
    {
      code: `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
function forceExit() {
  server.closeAllConnections();
}
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  setTimeout(forceExit, 20_000).unref();
});
      `,
      options: [{ requireForcedExit: true, shutdownLibraries: [] }],
    },
    {
      code: `
import Fastify from 'fastify';
import closeWithGrace from 'close-with-grace';
const app = Fastify();
closeWithGrace(async () => app.close());
await app.listen({ port: 3000 });
      `,
      options: [{ requireForcedExit: true, shutdownLibraries: [] }],
    },
    // The exit runs in the other branch, or after something awaited.
    `
import http from 'node:http';
export const server = http.createServer(handler);
process.on('SIGTERM', async () => {
  if (server.listening) {
    server.close();
  } else {
    process.exit(0);
  }
});
    `,
    // A benchmark's server (@fastify/static/example/server-benchmark.js) is a load target, never deployed.
    {
      code: `
import Fastify from 'fastify';
const fastify = Fastify();
fastify.listen({ port: 3000 });
      `,
      filename: 'example/server-benchmark.ts',
    },
  ],
  invalid: [
    {
      // express app.listen() as a statement: the suggestion names the server and closes it.
      code: `
import express from 'express';
const app = express();
app.get('/', (req, res) => res.send('ok'));
app.listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'noSigtermHandler',
          data: { server: 'this server' },
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
import express from 'express';
const app = express();
app.get('/', (req, res) => res.send('ok'));
const server = app.listen(3000);
process.once('SIGTERM', () => {
  server.close((error) => process.exit(error ? 1 : 0));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // A named node server with a listen callback; the block follows the statement's indentation.
      code: `
const http = require('node:http');
function start(port) {
  const server = http.createServer(handler);
  server.listen(port, () => {
    console.log('listening');
  });
}
start(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'noSigtermHandler',
          data: { server: '`server`' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
const http = require('node:http');
function start(port) {
  const server = http.createServer(handler);
  server.listen(port, () => {
    console.log('listening');
  });
  process.once('SIGTERM', () => {
    server.close((error) => process.exit(error ? 1 : 0));
  });
}
start(3000);
      `,
            },
          ],
        },
      ],
    },
    {
      // The name `server` is taken: another one is chosen. A chained listen() returns the server.
      code: `
import http from 'node:http';
const server = 'api';
http.createServer(handler).listen(3000);
      `,
      output: null,
      errors: [
        {
          messageId: 'noSigtermHandler',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
import http from 'node:http';
const server = 'api';
const httpServer = http.createServer(handler).listen(3000);
process.once('SIGTERM', () => {
  httpServer.close((error) => process.exit(error ? 1 : 0));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // Fastify: close() returns a promise.
      code: `
import Fastify from 'fastify';
const app = Fastify({ logger: true });
app.get('/', async () => 'ok');
await app.listen({ port: 3000, host: '0.0.0.0' });
      `,
      output: null,
      errors: [
        {
          messageId: 'noSigtermHandler',
          data: { server: '`app`' },
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
import Fastify from 'fastify';
const app = Fastify({ logger: true });
app.get('/', async () => 'ok');
await app.listen({ port: 3000, host: '0.0.0.0' });
process.once('SIGTERM', () => {
  app.close().then(() => process.exit(0), () => process.exit(1));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // NestJS: the suggestion enables Nest's shutdown hooks.
      code: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
bootstrap();
      `,
      filename: 'main.ts',
      output: null,
      errors: [
        {
          messageId: 'noSigtermHandler',
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 19,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
  app.enableShutdownHooks();
}
bootstrap();
      `,
            },
          ],
        },
      ],
    },
    {
      // @hono/node-server serve() starts the server it returns.
      code: `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono();
serve({ fetch: app.fetch, port: 8787 });
      `,
      output: null,
      errors: [
        {
          messageId: 'noSigtermHandler',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 6,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const app = new Hono();
const server = serve({ fetch: app.fetch, port: 8787 });
process.once('SIGTERM', () => {
  server.close((error) => process.exit(error ? 1 : 0));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // SIGTERM closes one server but not the other, which keeps the process alive until SIGKILL.
      code: `
import http from 'node:http';
const server = http.createServer(handler);
const metrics = http.createServer(metricsHandler);
server.listen(3000);
metrics.listen(9464);
process.once('SIGTERM', () => server.close());
      `,
      output: null,
      errors: [
        {
          messageId: 'notClosedOnSigterm',
          data: { server: '`metrics`' },
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
import http from 'node:http';
const server = http.createServer(handler);
const metrics = http.createServer(metricsHandler);
server.listen(3000);
metrics.listen(9464);
process.once('SIGTERM', () => {
  metrics.close((error) => process.exit(error ? 1 : 0));
});
process.once('SIGTERM', () => server.close());
      `,
            },
          ],
        },
      ],
    },
    {
      // A SIGTERM handler that only exits: in-flight requests are cut off.
      code: `
const express = require('express');
const app = express();
const server = app.listen(process.env.PORT);
process.on('SIGTERM', () => {
  logger.info('bye');
  process.exit(0);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'notClosedOnSigterm',
          data: { server: '`server`' },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
const express = require('express');
const app = express();
const server = app.listen(process.env.PORT);
process.once('SIGTERM', () => {
  server.close((error) => process.exit(error ? 1 : 0));
});
process.on('SIGTERM', () => {
  logger.info('bye');
  process.exit(0);
});
      `,
            },
          ],
        },
      ],
    },
    {
      // requireForcedExit: the suggested block arms the timer too.
      code: `
import express from 'express';
const app = express();
const server = app.listen(3000);
      `,
      options: [{ requireForcedExit: true, shutdownLibraries: [] }],
      output: null,
      errors: [
        {
          messageId: 'noSigtermHandler',
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
import express from 'express';
const app = express();
const server = app.listen(3000);
process.once('SIGTERM', () => {
  setTimeout(() => process.exit(1), 10000).unref();
  server.close((error) => process.exit(error ? 1 : 0));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // \`process\` is shadowed where the server starts: no suggestion.
      code: `
import http from 'node:http';
function run(process) {
  const server = http.createServer(handler);
  server.listen(process.port);
}
      `,
      output: null,
      errors: [{ messageId: 'noSigtermHandler', line: 5, column: 3, endLine: 5, endColumn: 16, suggestions: [] }],
    },
    {
      // Started inside an \`if\` without a block: no place for a declaration.
      code: `
import express from 'express';
const app = express();
if (process.env.START) app.listen(3000);
      `,
      output: null,
      errors: [{ messageId: 'noSigtermHandler', line: 4, column: 24, endLine: 4, endColumn: 34, suggestions: [] }],
    },
    {
      // Only SIGINT: an inline handler becomes a loop over both signals.
      code: `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
process.on('SIGINT', () => {
  server.close(() => process.exit(0));
});
      `,
      output: null,
      errors: [
        {
          messageId: 'sigintOnly',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'handleSigterm',
              output: `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {
  server.close(() => process.exit(0));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // Only SIGINT, with a named handler: register it for SIGTERM as well.
      code: `
const express = require("express");
const app = express();
const server = app.listen(3000);
function shutdown() {
  server.close(() => process.exit(0));
}
process.once("SIGINT", shutdown);
      `,
      output: null,
      errors: [
        {
          messageId: 'sigintOnly',
          line: 8,
          column: 1,
          endLine: 8,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'handleSigterm',
              output: `
const express = require("express");
const app = express();
const server = app.listen(3000);
function shutdown() {
  server.close(() => process.exit(0));
}
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
      `,
            },
          ],
        },
      ],
    },
    {
      // exit right after fastify's close(): the promise is not awaited.
      code: `
const fastify = require('fastify');
const app = fastify();
app.listen({ port: 3000 });
process.on('SIGTERM', () => {
  app.close();
  process.exit(0);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'exitBeforeClose',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'exitAfterClose',
              output: `
const fastify = require('fastify');
const app = fastify();
app.listen({ port: 3000 });
process.on('SIGTERM', () => {
  app.close().finally(() => process.exit(0));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // exit right after a node server's close(): close() only stops accepting.
      code: `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log('closing');
    server.close();
    process.exit(0);
  });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'exitBeforeClose',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'exitAfterClose',
              output: `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log('closing');
    server.close(() => process.exit(0));
  });
}
      `,
            },
          ],
        },
      ],
    },
    {
      // \`await server.close()\` waits for nothing: a node server's close() returns the server.
      code: `
import http from 'node:http';
export const server = http.createServer(handler);
process.once('SIGTERM', async () => {
  await server.close();
  process.exit(0);
});
      `,
      output: null,
      errors: [{ messageId: 'exitBeforeClose', line: 6, column: 3, endLine: 6, endColumn: 15, suggestions: [] }],
    },
    {
      // The close is in a same-file helper the handler calls, then exits.
      code: `
import express from 'express';
const app = express();
const server = app.listen(3000);
function stopHttp() {
  server.close();
}
function shutdown() {
  stopHttp();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
      `,
      output: null,
      errors: [{ messageId: 'exitBeforeClose', line: 10, column: 3, endLine: 10, endColumn: 15, suggestions: [] }],
    },
    {
      // requireForcedExit: a SIGTERM path with no fallback timer.
      code: `
import http from 'node:http';
const server = http.createServer(handler);
server.listen(3000);
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
});
      `,
      options: [{ requireForcedExit: true, shutdownLibraries: [] }],
      output: null,
      errors: [{ messageId: 'missingForcedExit', line: 5, column: 1, endLine: 5, endColumn: 13, suggestions: [] }],
    },
    {
      // requireForcedExit: close-with-grace with its delay turned off.
      code: `
import Fastify from 'fastify';
import closeWithGrace from 'close-with-grace';
const app = Fastify();
closeWithGrace({ delay: false }, async () => {
  await app.close();
});
await app.listen({ port: 3000 });
      `,
      options: [{ requireForcedExit: true, shutdownLibraries: [] }],
      output: null,
      errors: [{ messageId: 'missingForcedExit', line: 5, column: 1, endLine: 5, endColumn: 15, suggestions: [] }],
    },
    {
      // TypeScript: casts and a typed server.
      code: `
import http, { type Server } from 'node:http';
const server: Server = http.createServer(handler as http.RequestListener);
(server as Server).listen(3000);
      `,
      tsOnly: true,
      output: null,
      errors: [
        {
          messageId: 'noSigtermHandler',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'addShutdownHandler',
              output: `
import http, { type Server } from 'node:http';
const server: Server = http.createServer(handler as http.RequestListener);
(server as Server).listen(3000);
process.once('SIGTERM', () => {
  server.close((error) => process.exit(error ? 1 : 0));
});
      `,
            },
          ],
        },
      ],
    },
  ],
});
