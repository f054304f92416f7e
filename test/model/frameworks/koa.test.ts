import { describe, expect, it } from 'vitest';

import { PARSERS } from '../analyze';
import { appsIn, handlersIn } from './summary';

const ESM = "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router();\n";

describe.each(PARSERS)('koa (%s)', (parser) => {
  describe('apps', () => {
    it.each([
      ['new Koa()', "import Koa from 'koa'; new Koa();", ['koa app']],
      ['@koa/router', "import Router from '@koa/router'; new Router({ prefix: '/api' });", ['koa router']],
      ['koa-router', "import Router from 'koa-router'; new Router();", ['koa router']],
      ['listen()', "import Koa from 'koa'; const server = new Koa().listen(3000);", ['koa app', 'koa server (from koa app)']],
    ])('%s', (_, code, expected) => {
      expect(appsIn(code, { parser })).toEqual(expected);
    });

    it('follows require', () => {
      const code = "const Koa = require('koa');\nconst Router = require('@koa/router');\nconst app = new Koa();\nconst router = new Router();";
      expect(appsIn(code, { parser, sourceType: 'commonjs' })).toEqual(['koa app', 'koa router']);
    });

    it('does not count Koa() without new', () => {
      expect(appsIn("import Koa from 'koa'; Koa();", { parser })).toEqual([]);
    });
  });

  describe('handlers', () => {
    it.each([
      ['app middleware', 'app.use(async (ctx, next) => { await next(); });', ['koa middleware inline context=ctx next=next']],
      [
        'chained app middleware',
        'app.use(async (ctx, next) => next()).use(async (ctx) => { ctx.body = 1; });',
        ['koa middleware inline context=ctx next=next', 'koa middleware inline context=ctx'],
      ],
      ['a router route', "router.get('/users', async (ctx) => { ctx.body = []; });", ['koa route inline context=ctx']],
      ['del()', "router.del('/users/:id', (ctx, next) => next());", ['koa route inline context=ctx next=next']],
      ['a named route', "router.post('create-user', '/users', async (ctx) => {});", ['koa route inline context=ctx']],
      ['router middleware', 'router.use(async (ctx, next) => next());', ['koa middleware inline context=ctx next=next']],
      [
        'chained router routes',
        "router.get('/a', (ctx) => {}).post('/b', (ctx) => {});",
        ['koa route inline context=ctx', 'koa route inline context=ctx'],
      ],
      [
        'a same-file middleware by name',
        'app.use(logger);\nasync function logger(ctx, next) { await next(); }',
        ['koa middleware reference context=ctx next=next'],
      ],
    ])('%s', (_, code, expected) => {
      expect(handlersIn(ESM + code, { parser })).toEqual(expected);
    });

    it('follows CommonJS and koa-router', () => {
      const code = "const Router = require('koa-router');\nconst router = new Router();\nrouter.get('/x', (ctx) => {});\nmodule.exports = router;";
      expect(handlersIn(code, { parser, sourceType: 'commonjs' })).toEqual(['koa route inline context=ctx']);
    });
  });

  describe('look-alikes', () => {
    it.each([
      ['mounting the router', 'app.use(router.routes()).use(router.allowedMethods());'],
      ['a listen() callback', "app.listen(3000, () => console.log('up'));"],
      ['a route method on the app (koa has none)', "app.get('/x', (ctx) => {});"],
    ])('%s', (_, code) => {
      expect(handlersIn(ESM + code, { parser })).toEqual([]);
    });
  });
});

describe('koa (typescript only)', () => {
  it.each([
    ['import x = require()', "import Koa = require('koa');\nconst app = new Koa();\napp.use(async (ctx, next) => next());"],
    ['a Koa parameter', "import Koa from 'koa';\nexport function setup(app: Koa) { app.use(async (ctx, next) => next()); }"],
  ])('%s', (_, code) => {
    expect(handlersIn(code, { parser: 'typescript' })).toEqual(['koa middleware inline context=ctx next=next']);
  });

  it('counts a Router parameter', () => {
    const code = "import Router from '@koa/router';\nexport function routes(router: Router) { router.get('/x', async (ctx) => {}); }";
    expect(handlersIn(code, { parser: 'typescript' })).toEqual(['koa route inline context=ctx']);
  });
});
