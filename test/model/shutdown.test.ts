import { describe, expect, it } from 'vitest';

import { analyze, PARSERS } from './analyze';

function shutdown(code: string, parser: (typeof PARSERS)[number], sourceType: 'module' | 'commonjs' = 'module') {
  const { model, text } = analyze(code, { parser, sourceType });
  const name = (server: { name?: { name: string } | undefined }) => server.name?.name ?? '?';
  return {
    handlers: model.shutdown.handlers.map((handler) => ({
      source: handler.source,
      signals: handler.signals,
      closes: [...handler.closes].map(name),
      forcedExit: handler.forcedExit,
      earlyExits: handler.earlyExits.map((exit) => exit.loc.start.line),
    })),
    wirings: model.shutdown.wirings.map((wiring) => `${wiring.kind}:${wiring.server ? name(wiring.server) : '*'}`),
    states: model.servers.servers.map((server) => `${name(server)}:${model.shutdown.shutdownOf(server).state}`),
    handlesSigterm: model.shutdown.handlesSigterm,
    text,
  };
}

describe.each(PARSERS)('shutdown (%s)', (parser) => {
  it('reads a SIGTERM handler that closes the server through a helper, with a forced-exit timer', () => {
    const code = `
import http from 'node:http';
const server = http.createServer(handler);
const admin = http.createServer(adminHandler);
server.listen(3000);
admin.listen(9000);
function closeHttp() {
  return new Promise((resolve) => server.close(resolve));
}
async function shutdown() {
  setTimeout(() => process.exit(1), 10_000).unref();
  await closeHttp();
  process.exit(0);
}
process.once('SIGTERM', shutdown);
`;
    const result = shutdown(code, parser);
    expect(result.handlers).toEqual([
      { source: 'process', signals: ['SIGTERM'], closes: ['server'], forcedExit: true, earlyExits: [] },
    ]);
    expect(result.states).toEqual(['server:closed', 'admin:missing']);
    expect(result.handlesSigterm).toBe(true);
  });

  it('reads signal names from loops, forEach and helper parameters', () => {
    const code = `
const express = require('express');
const app = express();
const server = app.listen(3000);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close());
const NAMES = ['SIGHUP'];
NAMES.forEach((name) => process.once(name, () => {}));
function on(signal, fn) {
  process.on(signal, fn);
}
on('SIGUSR2', () => server.close());
on('SIGQUIT', () => {});
process.on(configuredSignal, () => {});
`;
    expect(shutdown(code, parser, 'commonjs').handlers.map((handler) => [handler.signals, handler.closes])).toEqual([
      [['SIGINT', 'SIGTERM'], ['server']],
      [['SIGHUP'], []],
      [['SIGUSR2', 'SIGQUIT'], ['server']],
      [undefined, []],
    ]);
  });

  it('finds process.exit() that runs before close() completes', () => {
    const code = `
import Fastify from 'fastify';
import http from 'node:http';
const app = Fastify();
const server = http.createServer(handler);
process.on('SIGTERM', async () => {
  app.close();
  process.exit(0);
});
process.on('SIGINT', async () => {
  await app.close();
  process.exit(0);
});
process.on('SIGHUP', async () => {
  await server.close();
  process.exit(0);
});
process.on('SIGUSR2', () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(1), 5000).unref();
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  setTimeout(process.exit, 5000, 1).unref();
});
`;
    const { handlers } = shutdown(code, parser);
    expect(handlers.map((handler) => handler.earlyExits)).toEqual([[8], [], [16], [], []]);
    expect(handlers.map((handler) => handler.forcedExit)).toEqual([false, false, false, true, true]);
  });

  it('recognises the shutdown libraries', () => {
    const code = `
import http from 'node:http';
import closeWithGrace from 'close-with-grace';
import { createTerminus } from '@godaddy/terminus';
import { createHttpTerminator } from 'http-terminator';
import { createLightship } from 'lightship';
const a = http.createServer(h);
const b = http.createServer(h);
const c = http.createServer(h);
const d = http.createServer(h);
createTerminus(a, { signals: ['SIGINT'] });
closeWithGrace({ delay: false }, async () => { b.close(); });
const terminator = createHttpTerminator({ server: c });
process.on('SIGTERM', () => terminator.terminate());
const lightship = await createLightship();
lightship.registerShutdownHandler(async () => { await new Promise((r) => d.close(r)); });
`;
    const result = shutdown(code, parser);
    expect(result.wirings).toEqual(['terminus:a']);
    expect(result.handlers.map((handler) => [handler.source, handler.closes, handler.forcedExit])).toEqual([
      ['close-with-grace', ['b'], false],
      ['process', ['c'], true],
      ['lightship', ['d'], true],
    ]);
    expect(result.states).toEqual(['a:closed', 'b:closed', 'c:closed', 'd:closed']);
  });

  it('tells unknown from missing from sigint-only', () => {
    const exported = `
import http from 'node:http';
export const server = http.createServer(h);
server.listen(1);
`;
    expect(shutdown(exported, parser).states).toEqual(['server:unknown']);
    const closedElsewhere = `
import http from 'node:http';
const server = http.createServer(h);
server.listen(1);
export const stop = () => server.close();
`;
    expect(shutdown(closedElsewhere, parser).states).toEqual(['server:unknown']);
    const sigint = `
import http from 'node:http';
const server = http.createServer(h);
server.listen(1);
process.on('SIGINT', () => server.close());
process.on('exit', () => console.log('bye'));
`;
    expect(shutdown(sigint, parser).states).toEqual(['server:sigint-only']);
    const nest = `
import { NestFactory } from '@nestjs/core';
const app = await NestFactory.create(AppModule);
app.enableShutdownHooks(['SIGINT']);
await app.listen(3000);
`;
    expect(shutdown(nest, parser).wirings).toEqual(['nest-shutdown-hooks:app']);
    expect(shutdown(nest, parser).states).toEqual(['app:missing']);
    const library = `
import http from 'node:http';
import gracefulShutdown from 'http-graceful-shutdown';
const server = http.createServer(h);
server.listen(1);
`;
    expect(shutdown(library, parser).states).toEqual(['server:closed']);
  });
});
