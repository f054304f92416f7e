import { describe, expect, it } from 'vitest';

import { PARSERS } from '../analyze';
import { appsIn, handlersIn } from './summary';

const ESM = "import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\n";
const ROUTE = 'fastify route inline request=request response=reply';
const HOOK = 'fastify hook inline request=request response=reply';

describe.each(PARSERS)('fastify (%s)', (parser) => {
  describe('apps', () => {
    it.each([
      ['a default import', "import fastify from 'fastify'; fastify();", ['fastify app']],
      ['the named export', "import { fastify } from 'fastify'; fastify({ logger: true });", ['fastify app']],
    ])('%s', (_, code, expected) => {
      expect(appsIn(code, { parser })).toEqual(expected);
    });

    it.each([
      ['require', "const fastify = require('fastify'); fastify();"],
      ['an inline require with options', "const app = require('fastify')({ logger: true });"],
      ['require().fastify', "const { fastify } = require('fastify'); fastify();"],
    ])('%s (commonjs)', (_, code) => {
      expect(appsIn(code, { parser, sourceType: 'commonjs' })).toEqual(['fastify app']);
    });
  });

  describe('handlers', () => {
    it.each([
      ['a shorthand route', "app.get('/', async (request, reply) => ({ ok: true }));", [ROUTE]],
      ['a route with options', "app.post('/', { schema: {} }, async (request, reply) => {});", [ROUTE]],
      ['the handler inside the options', "app.put('/', { handler: async (request, reply) => {} });", [ROUTE]],
      ['a method handler inside the options', "app.patch('/', { handler(request, reply) {} });", [ROUTE]],
      [
        'hooks in route options',
        "app.get('/', { onRequest: [async (request, reply) => {}], preHandler: async (request, reply) => {} }, async (request, reply) => {});",
        [HOOK, HOOK, ROUTE],
      ],
      [
        'route(options)',
        "app.route({ method: 'GET', url: '/', preValidation: (request, reply, done) => done(), handler: async (request, reply) => {} });",
        [HOOK, ROUTE],
      ],
      ['route options through a const', "const options = { method: 'GET', url: '/', handler: async (request, reply) => {} };\napp.route(options);", [ROUTE]],
      ['a per-request hook', "app.addHook('onRequest', async (request, reply) => {});", [HOOK]],
      ['onError hook', "app.addHook('onError', async (request, reply, error) => {});", ['fastify hook inline error=error request=request response=reply']],
      ['onRequestAbort hook', "app.addHook('onRequestAbort', (request, done) => done());", ['fastify hook inline request=request']],
      ['setErrorHandler()', 'app.setErrorHandler((error, request, reply) => reply.send(error));', ['fastify hook inline error=error request=request response=reply']],
      ['setNotFoundHandler()', 'app.setNotFoundHandler({ preHandler: auth }, (request, reply) => {});', [HOOK]],
      [
        'chained registrations',
        "app.addHook('onSend', async (request, reply) => {}).get('/', async (request, reply) => {});",
        [HOOK, ROUTE],
      ],
    ])('%s', (_, code, expected) => {
      expect(handlersIn(ESM + code, { parser })).toEqual(expected);
    });

    it.each([
      ['an inline plugin', "app.register(async (instance, opts) => {\n  instance.get('/', async (request, reply) => {});\n});"],
      ['a plugin by name', "async function routes(instance) {\n  instance.get('/', async (request, reply) => {});\n}\napp.register(routes, { prefix: '/v1' });"],
      [
        'a fastify-plugin wrapped plugin',
        "import fp from 'fastify-plugin';\nasync function routes(instance) {\n  instance.get('/', async (request, reply) => {});\n}\napp.register(fp(routes));",
      ],
      ['an exported fastify-plugin plugin', "import fp from 'fastify-plugin';\nexport default fp(async (instance) => {\n  instance.get('/', async (request, reply) => {});\n});"],
      [
        'a nested plugin',
        "app.register(async (outer) => {\n  outer.register(async (inner) => {\n    inner.get('/', async (request, reply) => {});\n  });\n});",
      ],
    ])('routes inside %s, but not the plugin', (_, code) => {
      expect(handlersIn(ESM + code, { parser })).toEqual([ROUTE]);
    });

    it('follows CommonJS', () => {
      const code = "const fastify = require('fastify')({ logger: true });\nfastify.get('/', async (request, reply) => {});\nfastify.listen({ port: 3000 });";
      expect(handlersIn(code, { parser, sourceType: 'commonjs' })).toEqual([ROUTE]);
    });
  });

  describe('look-alikes', () => {
    it.each([
      ['application hooks', "app.addHook('onReady', async () => {});\napp.addHook('onClose', async (instance) => {});\napp.addHook('onRoute', (routeOptions) => {});"],
      ['a listen() callback', "app.listen({ port: 3000 }, (err, address) => {});"],
      ['a decorator', "app.decorate('utility', (request) => {});"],
      ['a register() call on something else', "const container = makeContainer();\ncontainer.register(async (instance) => { instance.get('/x', async (request, reply) => {}); });"],
    ])('%s', (_, code) => {
      expect(handlersIn(ESM + code, { parser })).toEqual([]);
    });

    it('lists the plugin instance as a router but not the plugin as a handler', () => {
      const code = `${ESM}app.register(async (instance) => {});`;
      expect(appsIn(code, { parser })).toEqual(['fastify app']);
      expect(handlersIn(code, { parser })).toEqual([]);
    });
  });
});

describe('fastify (typescript only)', () => {
  it.each([
    ['a FastifyInstance parameter', "import { FastifyInstance } from 'fastify';\nexport async function routes(app: FastifyInstance) { app.get('/', async (request, reply) => {}); }"],
    ['FastifyPluginAsync', "import type { FastifyPluginAsync } from 'fastify';\nconst routes: FastifyPluginAsync = async (app) => { app.get('/', async (request, reply) => {}); };\nexport default routes;"],
    ['FastifyPluginCallback', "import type { FastifyPluginCallback } from 'fastify';\nexport const routes: FastifyPluginCallback = (app, opts, done) => { app.get('/', async (request, reply) => {}); done(); };"],
    ['import x = require()', "import Fastify = require('fastify');\nconst app = Fastify();\napp.get('/', async (request, reply) => {});"],
  ])('%s', (_, code) => {
    expect(handlersIn(code, { parser: 'typescript' })).toEqual([ROUTE]);
  });
});
