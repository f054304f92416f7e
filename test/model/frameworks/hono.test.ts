import { describe, expect, it } from 'vitest';

import { PARSERS } from '../analyze';
import { appsIn, handlersIn } from './summary';

const ESM = "import { Hono } from 'hono';\nconst app = new Hono();\n";

describe.each(PARSERS)('hono (%s)', (parser) => {
  describe('apps', () => {
    it.each([
      ['new Hono()', "import { Hono } from 'hono'; new Hono();", ['hono app']],
      ['hono/quick', "import { Hono } from 'hono/quick'; new Hono();", ['hono app']],
      ['hono/tiny', "import { Hono } from 'hono/tiny'; new Hono();", ['hono app']],
      ['basePath()', `${ESM}const api = app.basePath('/api');`, ['hono app', 'hono app (from hono app)']],
      [
        '@hono/node-server serve()',
        `${ESM}import { serve } from '@hono/node-server';\nconst server = serve({ fetch: app.fetch, port: 3000 });`,
        ['hono app', 'hono server'],
      ],
    ])('%s', (_, code, expected) => {
      expect(appsIn(code, { parser })).toEqual(expected);
    });

    it('follows require', () => {
      const code = "const { Hono } = require('hono');\nconst app = new Hono();\napp.get('/', (c) => c.text('ok'));";
      expect(handlersIn(code, { parser, sourceType: 'commonjs' })).toEqual(['hono route inline context=c']);
    });
  });

  describe('handlers', () => {
    it.each([
      ['a route', "app.get('/', (c) => c.text('ok'));", ['hono route inline context=c']],
      [
        'route middleware and handler',
        "app.post('/x', async (c, next) => { await next(); }, (c) => c.json({}));",
        ['hono route inline context=c next=next', 'hono route inline context=c'],
      ],
      ['middleware', "app.use('*', async (c, next) => { await next(); });", ['hono middleware inline context=c next=next']],
      ['on(method, path, handler)', "app.on(['PUT', 'DELETE'], '/post', (c) => c.text('x'));", ['hono route inline context=c']],
      ['notFound()', "app.notFound((c) => c.text('missing', 404));", ['hono route inline context=c']],
      ['onError()', 'app.onError((err, c) => c.text(err.message, 500));', ['hono route inline error=err context=c']],
      [
        'chained routes',
        "app.get('/a', (c) => c.text('a')).post('/b', (c) => c.text('b'));",
        ['hono route inline context=c', 'hono route inline context=c'],
      ],
      ['a basePath() app', "const api = app.basePath('/api');\napi.get('/x', (c) => c.text('x'));", ['hono route inline context=c']],
    ])('%s', (_, code, expected) => {
      expect(handlersIn(ESM + code, { parser })).toEqual(expected);
    });

    it('mounting with route() registers nothing on the parent', () => {
      const code = `${ESM}const books = new Hono();\napp.route('/books', books);\nbooks.get('/', (c) => c.text('books'));`;
      expect(handlersIn(code, { parser })).toEqual(['hono route inline context=c']);
    });
  });

  describe('look-alikes', () => {
    it.each([
      ['a serve() callback', "import { serve } from '@hono/node-server';\nserve({ fetch: app.fetch }, (info) => console.log(info.port));"],
      ['an unrelated class named Hono', "class Hono2 { get(p, f) {} }\nnew Hono2().get('/x', (c) => {});"],
    ])('%s', (_, code) => {
      expect(handlersIn(ESM + code, { parser })).toEqual([]);
    });
  });
});

describe('hono (typescript only)', () => {
  it('counts a Hono parameter', () => {
    const code = "import type { Hono } from 'hono';\nexport function routes(app: Hono) { app.get('/', (c) => c.text('ok')); }";
    expect(handlersIn(code, { parser: 'typescript' })).toEqual(['hono route inline context=c']);
  });

  it('follows generics and casts', () => {
    const code = "import { Hono } from 'hono';\nconst app = new Hono<{ Bindings: Env }>() as Hono<{ Bindings: Env }>;\napp.get('/', (c) => c.text('ok'));";
    expect(handlersIn(code, { parser: 'typescript' })).toEqual(['hono route inline context=c']);
  });
});
