import { describe, expect, it } from 'vitest';

import { analyze, PARSERS } from '../analyze';
import { handlersIn } from './summary';

const ESM = "import express from 'express';\nconst app = express();\n";
const MIDDLEWARE = 'request=req response=res next=next';

describe.each(PARSERS)('registered functions (%s)', (parser) => {
  describe('references, factories and wrappers', () => {
    it.each([
      ['a function declared later', "app.use(auth);\nfunction auth(req, res, next) { next(); }", [`express middleware reference ${MIDDLEWARE}`]],
      ['a const arrow', "const auth = (req, res, next) => next();\napp.use(auth);", [`express middleware reference ${MIDDLEWARE}`]],
      ['an array by name', "const stack = [(req, res, next) => next()];\napp.use(stack);", [`express middleware inline ${MIDDLEWARE}`]],
      [
        'a factory returning an arrow',
        'function logging() { return (req, res, next) => next(); }\napp.use(logging());',
        [`express middleware factory ${MIDDLEWARE}`],
      ],
      [
        'a factory returning a named inner function',
        'function logging(options) {\n  function log(req, res, next) { next(); }\n  return log;\n}\napp.use(logging({ level: 1 }));',
        [`express middleware factory ${MIDDLEWARE}`],
      ],
      [
        'an arrow factory, through a const',
        'const authenticate = (role) => (req, res, next) => next();\nconst auth = authenticate("admin");\napp.get("/x", auth, (req, res) => {});',
        [`express route factory ${MIDDLEWARE}`, 'express route inline request=req response=res'],
      ],
      [
        'a factory with several returns',
        'function pick(fast) {\n  if (fast) { return (req, res, next) => next(); }\n  return function slow(req, res, next) { next(); };\n}\napp.use(pick(true));',
        [`express middleware factory ${MIDDLEWARE}`, `express middleware factory ${MIDDLEWARE}`],
      ],
      [
        'a wrapper from another module',
        "import asyncHandler from 'express-async-handler';\napp.get('/x', asyncHandler(async (req, res) => {}));",
        ['express route wrapper request=req response=res'],
      ],
      [
        'a wrapped function by name',
        "import { wrap } from './wrap';\nasync function list(req, res) {}\napp.get('/x', wrap(list));",
        ['express route wrapper request=req response=res'],
      ],
      [
        'a same-file wrapper: the argument and what it returns',
        "const asyncHandler = (fn) => (req, res, next) => fn(req, res, next).catch(next);\napp.get('/x', asyncHandler(async (req, res) => {}));",
        [`express route factory ${MIDDLEWARE}`, 'express route wrapper request=req response=res'],
      ],
      [
        'nested wrappers',
        "import { a, b } from './wrappers';\napp.get('/x', a(b((req, res) => {})));",
        ['express route wrapper request=req response=res'],
      ],
    ])('%s', (_, code, expected) => {
      expect(handlersIn(ESM + code, { parser })).toEqual(expected);
    });

    it.each([
      ['middleware factories from packages', "import cors from 'cors';\napp.use(cors());\napp.use(express.json({ limit: '1mb' }));\napp.use(helmet({ hsts: false }));"],
      ['a call with two arguments', "app.post('/login', passport.authenticate('local', { session: false }));"],
      ['a call whose one argument is not a function', "app.use(morgan('dev'));\napp.use(compression(options));"],
      ['a factory returning a non-function', 'function config() { return { a: 1 }; }\napp.use(config());'],
      ['a router from another module', "app.use('/api', require('./routes'));"],
    ])('registers nothing for %s', (_, code) => {
      expect(handlersIn(ESM + code, { parser })).toEqual([]);
    });
  });

  describe('unknown receivers', () => {
    const UNKNOWN = 'unknown route inline request=req response=res';

    it.each([
      ['an undeclared global', "app.get('/users', (req, res) => res.json([]));"],
      ['an import from a project file', "import router from './router';\nrouter.post('/users', (req, res) => {});"],
      ['a path alias', "import { app } from '@/server';\napp.put('/users', (req, res) => {});"],
      ['a const from a project factory', "import { createApp } from '../app';\nconst app = createApp();\napp.delete('/users', (req, res) => {});"],
      ['a template path', 'app.patch(`/users`, (req, res) => {});'],
      ['use()', "app.use('/api', (req, res) => {});"],
    ])('counts %s', (_, code) => {
      expect(handlersIn(code, { parser })).toEqual([UNKNOWN]);
    });

    it('follows CommonJS', () => {
      const code = "const { router } = require('../routes');\nrouter.get('/users', (req, res) => {});";
      expect(handlersIn(code, { parser, sourceType: 'commonjs' })).toEqual([UNKNOWN]);
    });

    it('keeps named, factory and wrapper sources', () => {
      const code = "import { wrap } from './wrap';\nfunction list(req, res) {}\napp.get('/a', list);\napp.get('/b', wrap((req, res) => {}));";
      expect(handlersIn(code, { parser })).toEqual(['unknown route reference request=req response=res', 'unknown route wrapper request=req response=res']);
    });

    it.each([
      ['jQuery', "$.get('/api/users', (data) => render(data));\njQuery.post('/api/users', body, (data) => {});"],
      ['a parameterless callback', "import cache from './cache';\ncache.get('/k', () => load());"],
      ['a Map', "const map = new Map();\nmap.get('/x');\nmap.set('/x', (a) => a);"],
      ['axios', "import axios from 'axios';\naxios.get('/x', config);\naxios.post('/x', (data) => data);"],
      ['a package instance', "import got from 'got';\nconst client = got.extend({});\nclient.get('/x', (x) => x);"],
      ['a parameter of unknown type', "export default function routes(router) { router.get('/x', (req, res) => {}); }"],
      ['a class method named get', "class Api { get(path, fn) {} load() { this.get('/x', (req, res) => {}); } }"],
      ['an object literal', "const api = { get(path, fn) {} };\napi.get('/x', (req, res) => {});"],
      ['a member receiver', "import server from './server';\nserver.app.get('/x', (req, res) => {});"],
      ['a non-path first argument', "import store from './store';\nstore.get('key', (value) => value);\nstore.get(key, (value) => value);"],
      ['a non-route method', "import emitter from './emitter';\nemitter.on('/x', (req, res) => {});"],
      ['a local function result', "function make() { return new Map(); }\nconst m = make();\nm.get('/x', (v) => v);"],
    ])('stays silent for %s', (_, code) => {
      expect(handlersIn(code, { parser })).toEqual([]);
    });
  });

  describe('the index', () => {
    it('keeps the first registration of a function registered twice', () => {
      const { model, find } = analyze(`${ESM}app.use(handler);\napp.get('/x', handler);\nfunction handler(req, res, next) {}`, { parser });
      expect(model.frameworks.handlers).toHaveLength(1);
      expect(model.frameworks.handlers[0]).toMatchObject({ kind: 'middleware', registration: find('CallExpression', 'app.use') });
    });

    it('lists handlers in source order and finds them by function', () => {
      const code = `${ESM}app.get('/b', second);\napp.get('/a', (req, res) => {});\nfunction second(req, res) {}\nconst unrelated = (req) => {};`;
      const { model, find } = analyze(code, { parser });
      const inline = find('ArrowFunctionExpression', '(req, res) => {}');
      const named = find('FunctionDeclaration', 'function second');
      expect(model.frameworks.handlers.map((handler) => handler.fn)).toEqual([inline, named]);
      expect(model.frameworks.getHandler(named)?.source).toBe('reference');
      expect(model.frameworks.getHandler(find('ArrowFunctionExpression', '(req) => {}'))).toBeUndefined();
    });

    it('does not count functions nested in a handler as handlers', () => {
      const { model, find } = analyze(`${ESM}app.get('/x', (req, res) => { setTimeout(() => res.end(), 10); });`, { parser });
      expect(model.frameworks.getHandler(find('ArrowFunctionExpression', '() => res.end()'))).toBeUndefined();
      expect(model.frameworks.handlers).toHaveLength(1);
    });

    it('resolves nothing for expressions that are not apps', () => {
      const { model, find } = analyze(`${ESM}const cache = new Map();\ncache.get('x');\nexpress.static('public');`, { parser });
      expect(model.frameworks.resolveApp(find('Identifier', 'cache'))).toBeUndefined();
      expect(model.frameworks.resolveApp(find('CallExpression', 'express.static'))).toBeUndefined();
      expect(model.frameworks.resolveApp(find('Literal', "'x'"))).toBeUndefined();
    });

    it('is empty for a file without servers', () => {
      const { model } = analyze("import fs from 'fs';\nexport function read(p) { return fs.readFileSync(p); }", { parser });
      expect(model.frameworks.apps).toEqual([]);
      expect(model.frameworks.handlers).toEqual([]);
    });
  });
});
