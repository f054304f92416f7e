import { describe, expect, it } from 'vitest';

import { getDeadlines } from '../../../src/model/deadlines';
import { analyze, PARSERS, type AnalyzeOptions } from '../analyze';

/**
 * The route deadline of each handler of `code` that calls `target()`, as `kind: source text`
 * (the first 40 characters), or `none`.
 */
function deadlinesOf(code: string, options: AnalyzeOptions): string[] {
  const analysis = analyze(code, options);
  const deadlines = getDeadlines(analysis.model);
  return analysis.model.frameworks.handlers
    .filter((handler) => analysis.text(handler.fn).includes('target('))
    .map((handler) => {
      const deadline = deadlines.routeDeadline(handler);
      return deadline ? `${deadline.kind}: ${analysis.text(deadline.node).slice(0, 40)}` : 'none';
    });
}

const EXPRESS = "import express from 'express';\nimport timeout from 'connect-timeout';\nconst app = express();\n";

describe.each(PARSERS)('route deadlines (%s)', (parser) => {
  const of = (code: string, filename?: string) => deadlinesOf(code, { parser, ...(filename ? { filename } : {}) });

  it.each([
    // connect-timeout: before the route on its app, on the route, through a const.
    [`${EXPRESS}app.use(timeout('5s'));\napp.get('/a', (req, res) => target());`, ["timeout-middleware: timeout('5s')"]],
    [`${EXPRESS}app.get('/a', timeout('5s'), haltOnTimedout, (req, res) => target());`, ["timeout-middleware: timeout('5s')"]],
    [`${EXPRESS}const deadline = timeout('5s');\napp.use(deadline);\napp.get('/a', (req, res) => target());`, ["timeout-middleware: timeout('5s')"]],
    [`${EXPRESS}app.use('/api', timeout('5s'));\napp.get('/api/users', (req, res) => target());\napp.get('/health', (req, res) => target());`, ["timeout-middleware: timeout('5s')", 'none']],
    [`${EXPRESS}app.route('/api/users').get((req, res) => target());\napp.use(timeout('5s'));`, ['none']],
    // After the route, or on a route's own later handler: no bound.
    [`${EXPRESS}app.get('/a', (req, res) => target());\napp.use(timeout('5s'));`, ['none']],
    [`${EXPRESS}app.get('/a', (req, res) => target(), timeout('5s'));`, ['none']],
    // A router may be mounted behind the app's deadline.
    [`${EXPRESS}const router = express.Router();\napp.use(timeout('5s'));\nrouter.get('/a', (req, res) => target());`, ["timeout-middleware: timeout('5s')"]],
    // The socket timeout on the request or response, in the handler or an earlier middleware.
    [`${EXPRESS}app.get('/a', (req, res) => { req.setTimeout(5000); target(); });`, ['socket-timeout: req.setTimeout(5000)']],
    [`${EXPRESS}app.get('/a', (req, res) => { res.setTimeout(0); target(); });`, ['none']],
    [`${EXPRESS}app.use((req, res, next) => { res.setTimeout(5000, onTimeout); next(); });\napp.get('/a', (req, res) => target());`, ['socket-timeout: res.setTimeout(5000, onTimeout)']],
    [`${EXPRESS}app.get('/a', (req, res) => { other.setTimeout(5000); target(); });`, ['none']],
  ])('%s', (code, expected) => {
    expect(of(code)).toEqual(expected);
  });

  it.each([
    ["import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => { ctx.req.setTimeout(5000); await target(); });", ['socket-timeout: ctx.req.setTimeout(5000)']],
    ["import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => { ctx.setTimeout(5000); await target(); });", ['none']],
    ["import { Hono } from 'hono';\nimport { timeout } from 'hono/timeout';\nconst app = new Hono();\napp.use('/api/*', timeout(5000));\napp.get('/api/a', (c) => target());\napp.get('/b', (c) => target());", ['timeout-middleware: timeout(5000)', 'none']],
    ["import express from 'express';\nimport timeout from 'express-timeout-handler';\nconst app = express();\napp.use(timeout.handler({ timeout: 5000 }));\napp.get('/a', (req, res) => target());", ['timeout-middleware: timeout.handler({ timeout: 5000 })']],
    ["import express from 'express';\nimport timeout from 'express-timeout-handler';\nconst app = express();\napp.use(timeout.handler({ onTimeout }));\napp.get('/a', (req, res) => target());", ['none']],
    // Fastify's handlerTimeout: server, route, plugin routes; 0 turns it off.
    ["import Fastify from 'fastify';\nconst app = Fastify({ handlerTimeout: 10000 });\napp.get('/a', async () => target());\napp.register(async (instance) => { instance.get('/b', async () => target()); });", ['handler-timeout: handlerTimeout: 10000', 'handler-timeout: handlerTimeout: 10000']],
    ["import Fastify from 'fastify';\nconst app = Fastify({ handlerTimeout: 0 });\napp.get('/a', async () => target());", ['none']],
    ["import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/a', { handlerTimeout: 5000 }, async () => target());\napp.route({ method: 'GET', url: '/b', handlerTimeout: 5000, handler: async () => target() });", ['handler-timeout: handlerTimeout: 5000', 'handler-timeout: handlerTimeout: 5000']],
  ])('%s', (code, expected) => {
    expect(of(code)).toEqual(expected);
  });

  it('reads Next.js maxDuration, as an export or in the Pages API config', () => {
    const extension = parser === 'typescript' ? 'ts' : 'js';
    expect(of('export const maxDuration = 30;\nexport async function GET() { return target(); }', `app/api/a/route.${extension}`)).toEqual(['max-duration: maxDuration = 30']);
    expect(of('export const config = { maxDuration: 60 };\nexport default async function handler(req, res) { await target(); }', `pages/api/a.${extension}`)).toEqual([
      'max-duration: config = { maxDuration: 60 }',
    ]);
    expect(of('export async function GET() { return target(); }', `app/api/a/route.${extension}`)).toEqual(['none']);
  });
});
