import { describe, expect, it } from 'vitest';

import type { ServerInfo } from '../../src/model/servers';
import { analyze, PARSERS } from './analyze';

/** A readable digest of a server: flavour, options kind, settings, started, escapes. */
function digest(server: ServerInfo, text: (node: never) => string) {
  return {
    flavour: server.flavour,
    options: server.options.kind,
    settings: server.settings.map((setting) => `${setting.source}:${setting.name}=${setting.value ? text(setting.value as never) : ''}`),
    started: server.starts.length > 0,
    exported: server.exported,
    passedTo: server.passedTo.length,
    clientError: server.clientErrorListeners.length,
    name: server.name?.name,
  };
}

function servers(code: string, parser: (typeof PARSERS)[number], sourceType: 'module' | 'commonjs' = 'module') {
  const { model, text } = analyze(code, { parser, sourceType });
  return model.servers.servers.map((server) => digest(server, text as never));
}

describe.each(PARSERS)('servers (%s)', (parser) => {
  it('reads node:http options, property assignments and setTimeout', () => {
    const code = `
import http from 'node:http';
const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, handler);
server.keepAliveTimeout = 65000;
if (process.env.SLOW) server.requestTimeout = 0;
server.setTimeout(120000);
server.on('clientError', (error, socket) => socket.destroy());
server.listen(3000);
`;
    expect(servers(code, parser)).toEqual([
      {
        flavour: 'http',
        options: 'literal',
        settings: [
          'option:requestTimeout=30_000',
          'option:headersTimeout=10_000',
          'property:keepAliveTimeout=65000',
          'property:requestTimeout=0',
          'call:timeout=120000',
        ],
        started: true,
        exported: false,
        passedTo: 0,
        clientError: 1,
        name: 'server',
      },
    ]);
  });

  it('treats app.listen() as a started server without options, and reads its returned server', () => {
    const code = `
const express = require('express');
const app = express();
const server = app.listen(3000);
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
`;
    expect(servers(code, parser, 'commonjs')).toEqual([
      {
        flavour: 'listen',
        options: 'none',
        settings: ['property:keepAliveTimeout=65_000', 'property:headersTimeout=66_000'],
        started: true,
        exported: false,
        passedTo: 0,
        clientError: 0,
        name: 'server',
      },
    ]);
  });

  it('reads fastify options and app.server', () => {
    const code = `
import Fastify from 'fastify';
const app = Fastify({ requestTimeout: 120000, logger: true });
app.server.keepAliveTimeout = 75000;
await app.listen({ port: 3000 });
`;
    expect(servers(code, parser)).toEqual([
      {
        flavour: 'fastify',
        options: 'literal',
        settings: ['option:requestTimeout=120000', 'property:keepAliveTimeout=75000'],
        started: true,
        exported: false,
        passedTo: 0,
        clientError: 0,
        name: 'app',
      },
    ]);
  });

  it('reads settings a same-file helper gives, and notes unknown functions the server is passed to', () => {
    const code = `
import http from 'node:http';
import { createTerminus } from '@godaddy/terminus';
function tune(target) {
  target.keepAliveTimeout = 65000;
}
const server = http.createServer(app);
tune(server);
createTerminus(server, {});
server.listen(8080);
`;
    const [server] = servers(code, parser);
    expect(server?.settings).toEqual(['property:keepAliveTimeout=65000']);
    expect(server?.passedTo).toBe(1);
    expect(server?.options).toBe('none');
  });

  it.each([
    ['a returned server', "import http from 'http'; export function start() { const s = http.createServer(h); s.listen(1); return s; }"],
    ['module.exports', "const http = require('http'); module.exports = http.createServer(h);"],
    ['an exported const', "import http from 'http'; export const server = http.createServer(h);"],
    ['a default export', "import fastify from 'fastify'; const app = fastify(); export default app;"],
    ['a listen result exported', "const express = require('express'); const app = express(); module.exports = app.listen(3000);"],
    ['a returned listen() of a node server', "const http = require('http'); function listen(port) { const s = http.createServer(h); return s.listen(port); }"],
  ])('marks %s as exported', (_, code) => {
    const sourceType = code.includes('require(') ? 'commonjs' : 'module';
    expect(servers(code, parser, sourceType)[0]?.exported).toBe(true);
  });

  it('reads hono serverOptions and Nest getHttpServer()', () => {
    const hono = `
import { serve } from '@hono/node-server';
const server = serve({ fetch: app.fetch, port: 3000, serverOptions: { requestTimeout: 60000 } });
server.keepAliveTimeout = 65000;
`;
    expect(servers(hono, parser)).toMatchObject([
      { flavour: 'hono', options: 'literal', settings: ['option:requestTimeout=60000', 'property:keepAliveTimeout=65000'], started: true },
    ]);
    const nest = `
import { NestFactory } from '@nestjs/core';
const app = await NestFactory.create(AppModule);
app.getHttpServer().keepAliveTimeout = 65000;
const server = await app.listen(3000);
server.headersTimeout = 66000;
`;
    expect(servers(nest, parser)).toMatchObject([
      { flavour: 'nestjs', options: 'none', settings: ['property:keepAliveTimeout=65000', 'property:headersTimeout=66000'], started: true },
    ]);
  });

  it('treats options in a variable as unknown, and a lone listener as no options', () => {
    expect(servers("import http from 'http'; http.createServer(opts, h).listen(1);", parser)[0]?.options).toBe('unknown');
    expect(servers("import http from 'http'; http.createServer(app).listen(1);", parser)[0]).toMatchObject({ options: 'none', started: true });
  });

  it.each([
    ['listen(0)', "import http from 'http'; http.createServer(h).listen(0);", true],
    ['listen() without a port', "import http from 'http'; http.createServer(h).listen(() => ready());", true],
    ['fastify listen() (port 0 by default)', "import Fastify from 'fastify'; const app = Fastify(); await app.listen();", true],
    ['listen({ port: 0 })', "import Fastify from 'fastify'; const app = Fastify(); await app.listen({ port: 0, host: '::' });", true],
    ['a const port of 0', "import http from 'http'; const PORT = 0; http.createServer(h).listen(PORT);", true],
    ['a fixed port', "import http from 'http'; http.createServer(h).listen(3000);", false],
    ['a port from the environment', "import http from 'http'; http.createServer(h).listen(process.env.PORT);", false],
    ['a unix socket path', "import http from 'http'; http.createServer(h).listen({ path: '/run/api.sock' });", false],
    ['options with a spread', "import http from 'http'; http.createServer(h).listen({ ...listenOptions });", false],
    ['one of two starts on a fixed port', "import http from 'http'; const s = http.createServer(h); s.listen(0); s.listen(80);", false],
    ['hono serve() (port 3000 by default)', "import { serve } from '@hono/node-server'; serve({ fetch });", false],
    ['hono serve({ port: 0 })', "import { serve } from '@hono/node-server'; serve({ fetch, port: 0 });", true],
    ['a server never started', "import http from 'http'; http.createServer(h);", false],
  ])('tells whether %s listens on an ephemeral port', (_, code, ephemeral) => {
    const { model } = analyze(code, { parser });
    expect(model.servers.servers[0]?.listensOnEphemeralPort).toBe(ephemeral);
  });

  it('finds no server in look-alikes', () => {
    expect(servers('const server = createServer(); server.keepAliveTimeout = 1; server.listen(3);', parser)).toEqual([]);
    expect(servers("import net from 'node:net'; net.createServer().listen(1);", parser)).toEqual([]);
  });
});

describe.each(PARSERS)('servers built with new (%s)', (parser) => {
  it('reads `new http.Server(options, listener)` like createServer', () => {
    const code = "import http from 'node:http';\nconst server = new http.Server({ requestTimeout: 0 }, handler);\nserver.listen(8080);";
    expect(servers(code, parser)).toMatchObject([
      { flavour: 'http', options: 'literal', settings: ['option:requestTimeout=0'], started: true, name: 'server' },
    ]);
  });
});
