import { describe, expect, it } from 'vitest';

import { analyze, PARSERS } from '../analyze';
import { appsIn, summarizeApp, handlersIn } from './summary';

const ESM = "import express from 'express';\nconst app = express();\n";
const CJS = "const express = require('express');\nconst app = express();\n";

describe.each(PARSERS)('express (%s)', (parser) => {
  describe('apps', () => {
    it.each([
      ['a default import', "import express from 'express'; express();", ['express app']],
      ['a namespace import', "import * as express from 'express'; express.Router();", ['express router']],
      ['a named Router', "import { Router } from 'express'; Router();", ['express router']],
      ['Router with new', "import { Router } from 'express'; new Router();", ['express router']],
      ['listen()', `${ESM}const server = app.listen(3000);`, ['express app', 'express server (from express app)']],
      ['route(path)', `${ESM}app.route('/users');`, ['express app', 'express route (from express app)']],
    ])('%s', (_, code, expected) => {
      expect(appsIn(code, { parser })).toEqual(expected);
    });

    it.each([
      ['require', "const express = require('express'); express();", ['express app']],
      ['an inline require', "const app = require('express')();", ['express app']],
      ['a destructured Router', "const { Router } = require('express'); const router = Router();", ['express router']],
      ['a require member', "const Router = require('express').Router; Router();", ['express router']],
    ])('%s (commonjs)', (_, code, expected) => {
      expect(appsIn(code, { parser, sourceType: 'commonjs' })).toEqual(expected);
    });

    it('resolves the server listen() returns, through a const', () => {
      const { model, find } = analyze(`${ESM}const server = app.listen(3000);\nserver.close();`, { parser });
      const server = model.frameworks.resolveApp(find('MemberExpression', 'server.close').object);
      expect(server && summarizeApp(server)).toBe('express server (from express app)');
      expect(server?.parent).toBe(model.frameworks.resolveApp(find('Identifier', 'app')));
    });
  });

  describe('handlers', () => {
    it.each([
      ['a route', "app.get('/x', (req, res) => res.send('x'));", ['express route inline request=req response=res']],
      ['middleware', 'app.use((req, res, next) => next());', ['express middleware inline request=req response=res next=next']],
      ['middleware on a path', "app.use('/api', function (req, res, next) { next(); });", ['express middleware inline request=req response=res next=next']],
      ['error middleware (four parameters)', 'app.use((err, req, res, next) => res.end());', ['express error-middleware inline error=err request=req response=res next=next']],
      ['error middleware on a route', "app.get('/x', (error, request, response, next) => next());", ['express error-middleware inline error=error request=request response=response next=next']],
      ['param()', "app.param('id', (req, res, next, id) => next());", ['express middleware inline request=req response=res next=next']],
      [
        'several functions and an array',
        "app.post('/x', [(req, res, next) => next(), (q, s, n) => n()], (req, res) => res.end());",
        [
          'express route inline request=req response=res next=next',
          'express route inline request=q response=s next=n',
          'express route inline request=req response=res',
        ],
      ],
      [
        'a same-file function by name',
        "app.delete('/x', remove);\nfunction remove(req, res) { res.end(); }",
        ['express route reference request=req response=res'],
      ],
      ['other HTTP verbs', "app.propfind('/x', (req, res) => {});\napp.all('/y', (req, res) => {});", ['express route inline request=req response=res', 'express route inline request=req response=res']],
      [
        'a chain of registrations',
        "app.use((req, res, next) => next()).get('/x', (req, res) => {});",
        ['express middleware inline request=req response=res next=next', 'express route inline request=req response=res'],
      ],
      [
        'route(path) chains',
        "app.route('/book').get((req, res) => {}).post(function (req, res) {});",
        ['express route inline request=req response=res', 'express route inline request=req response=res'],
      ],
      [
        'a router',
        "const router = express.Router();\nrouter.get('/x', (req, res) => {});\nrouter.use((req, res, next) => next());",
        ['express route inline request=req response=res', 'express middleware inline request=req response=res next=next'],
      ],
      [
        'a request listener on the server listen() returns',
        "const server = app.listen(3000);\nserver.on('request', (req, res) => {});",
        ['node-http request-listener inline request=req response=res'],
      ],
    ])('%s', (_, code, expected) => {
      expect(handlersIn(ESM + code, { parser })).toEqual(expected);
    });

    it('records the app and the registration call', () => {
      const { model, find } = analyze(`${ESM}const r = express.Router();\nr.get('/x', (req, res) => {});`, { parser });
      const [handler] = model.frameworks.handlers;
      expect(handler?.registration).toBe(find('CallExpression', "r.get('/x'"));
      expect(handler?.app).toBe(model.frameworks.resolveApp(find('Identifier', 'r')));
      expect(handler?.app?.kind).toBe('router');
    });

    it('follows an app also exported with module.exports', () => {
      const code = "const express = require('express');\nconst app = module.exports = express();\napp.get('/x', (req, res) => {});";
      expect(handlersIn(code, { parser, sourceType: 'commonjs' })).toEqual(['express route inline request=req response=res']);
    });

    it('follows CommonJS', () => {
      const code = `${CJS}const { Router } = require('express');\nconst router = Router();\nrouter.put('/x', (req, res) => {});\nmodule.exports = router;`;
      expect(handlersIn(code, { parser, sourceType: 'commonjs' })).toEqual(['express route inline request=req response=res']);
    });
  });

  describe('look-alikes', () => {
    it.each([
      ['a listen() callback', "app.listen(3000, () => console.log('up'));"],
      ['express.static()', "app.use(express.static('public'));"],
      ['reading a setting with app.get(name)', "const title = app.get('title');"],
      ['mounting a router', "const router = express.Router();\napp.use('/api', router);"],
      ['a non-registering method', "app.set('view engine', 'ejs');\napp.engine('html', (path, options, cb) => cb());"],
    ])('%s', (_, code) => {
      expect(handlersIn(ESM + code, { parser })).toEqual([]);
    });

    it.each([
      ['a local function named express', "function express() { return { get() {} }; }\nconst app = express();\napp.get('/x', (req, res) => {});"],
      ['express bound to something else', "const express = makeServer();\nconst app = express();\napp.get('/x', (req, res) => {});"],
      ['a class method named get', "class Store { get(path, fn) {} }\nconst store = new Store();\nstore.get('/x', (req, res) => {});"],
      ['an object method named get', "const routes = { get(path, fn) {} };\nroutes.get('/x', (req, res) => {});"],
      ['a router parameter of unknown type', "export function mount(router) { router.get('/x', (req, res) => {}); }"],
    ])('%s', (_, code) => {
      const { model } = analyze(code, { parser });
      expect(model.frameworks.handlers).toEqual([]);
      expect(model.frameworks.apps).toEqual([]);
    });
  });
});

describe('express (typescript only)', () => {
  it.each([
    ['import x = require()', "import express = require('express');\nconst app = express();\napp.get('/x', (req, res) => {});"],
    ['a cast', "import express from 'express';\nconst app = express() as express.Express;\napp.get('/x', (req, res) => {});"],
    ['an Express parameter', "import { type Express } from 'express';\nexport function mount(app: Express) { app.get('/x', (req, res) => {}); }"],
    ['a Router parameter', "import { Router } from 'express';\nexport function mount(router: Router) { router.get('/x', (req, res) => {}); }"],
    ['an express.Application parameter', "import express from 'express';\nexport function mount(app: express.Application) { app.get('/x', (req, res) => {}); }"],
    ['a typed let assigned later', "import express, { type Express } from 'express';\nlet app: Express;\napp = express();\napp.get('/x', (req, res) => {});"],
    ['a typed class property', "import { Router } from 'express';\nclass Routes { private router: Router; mount() { this.router.get('/x', (req, res) => {}); } }"],
    ['a constructor parameter property', "import express from 'express';\nclass Routes { constructor(private readonly app: express.Express) {} mount() { this.app.get('/x', (req, res) => {}); } }"],
    ['a class property', "import express from 'express';\nclass Server { app = express(); routes() { this.app.get('/x', (req, res) => {}); } }"],
    [
      'a constructor assignment',
      "import express, { type Express } from 'express';\nclass Server { private app: Express; constructor() { this.app = express(); } routes() { this.app.get('/x', (req, res) => {}); } }",
    ],
  ])('%s', (_, code) => {
    expect(handlersIn(code, { parser: 'typescript' })).toEqual(['express route inline request=req response=res']);
  });

  it('does not count a parameter annotated with a local Router type', () => {
    const code = "interface Router { get(p: string, f: (a: number) => void): void }\nexport function mount(router: Router) { router.get('/x', (a) => {}); }";
    expect(handlersIn(code, { parser: 'typescript' })).toEqual([]);
  });
});
