import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { CONFIG_NAMES, type ConfigName, type ParserName, filenameFor, lintCleanly } from './harness';

/**
 * Unusual but valid syntax, each sample wrapped in the HTTP code the rules look for (servers,
 * handlers, outbound calls, sync I/O), so the model is built and walks through it.
 */
interface Sample {
  readonly name: string;
  readonly code: string;
  /** Parsers the syntax is valid on: both unless TypeScript-only (or espree-only). */
  readonly parsers?: readonly ParserName[];
  readonly filename?: string;
  readonly sourceType?: 'module' | 'script' | 'commonjs';
}

const TS_ONLY: readonly ParserName[] = ['typescript'];
const ESPREE_ONLY: readonly ParserName[] = ['espree'];

/** A small express service around `body`, the odd syntax under test. */
const service = (body: string) => `
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
const app = express();
${body}
const server = app.listen(3000);
process.on('SIGTERM', () => server.close());
`;

const JSX_TSX: Sample[] = [
  {
    name: 'a React component next to an express handler (.jsx)',
    filename: 'component.jsx',
    code: service(`
export function Orders({ items, onPick }) {
  const [open, setOpen] = React.useState(false);
  return (
    <>
      <ul className="orders" onClick={() => setOpen(!open)}>
        {items.map((item) => <li key={item.id} {...item}>{item.name ?? <em>unnamed</em>}</li>)}
      </ul>
      <Modal.Dialog open={open} render={() => <a href={\`/orders/\${items[0]?.id}\`}>first</a>} />
      <svg:rect xlink:href="#a" />
    </>
  );
}
app.get('/orders', async (req, res) => {
  const upstream = await fetch('https://api.example.com/orders');
  res.send(renderToString(<Orders items={await upstream.json()} onPick={(x) => fs.readFileSync(x)} />));
});
`),
  },
  {
    name: 'a typed React component next to an express handler (.tsx)',
    parsers: TS_ONLY,
    filename: 'component.tsx',
    code: service(`
interface Props<T extends { id: string }> { items: readonly T[]; onPick?: (item: T) => void }
export const Orders = <T extends { id: string },>({ items }: Props<T>): JSX.Element => (
  <ul>{items.map((item) => <Row<T> key={item.id} item={item as T} />)}</ul>
);
app.post('/orders', (req: express.Request, res: express.Response) => {
  const html = renderToString(<Orders items={req.body!.items satisfies unknown[]} />);
  res.send(html + fs.readFileSync('footer.html', 'utf8'));
});
`),
  },
];

const TYPESCRIPT: Sample[] = [
  {
    name: 'a NestJS controller with parameter decorators, class fields and accessors',
    parsers: TS_ONLY,
    code: `
import { Body, Controller, Get, Module, Param, Post, Req, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Request, Response } from 'express';
import * as fs from 'node:fs';

@Controller('orders')
export class OrdersController {
  static readonly #instances = 0;
  private readonly cache = new Map<string, unknown>();
  declare readonly injected: string;
  accessor hits = 0;
  constructor(@Inject(TOKEN) private readonly http: HttpService, public readonly config?: Config) {}

  get size(): number { return this.cache.size; }
  set size(value: number) { this.cache.clear(); }

  @Get(':id')
  @Header('Cache-Control', 'none')
  async find(@Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.hits++;
    const upstream = await fetch(\`https://api.example.com/orders/\${id}\`);
    return fs.readFileSync(\`orders/\${id}.json\`, 'utf8') + (await upstream.text());
  }

  @Post()
  create(@Body() body: CreateOrderDto) {
    return this.http.post('/orders', body);
  }
}

@Module({ controllers: [OrdersController] })
class AppModule {}

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.enableShutdownHooks();
  await app.listen(3000);
}
void bootstrap();
`,
  },
  {
    name: 'legacy experimental decorators on members and parameters',
    parsers: TS_ONLY,
    code: service(`
function log(target: object, key?: string | symbol, index?: number | PropertyDescriptor): void {}
@log
abstract class Base<T> {
  protected abstract handle(req: T): void;
  @log protected handleNow(@log req: T): void {}
  @log static create(@log @log value: string) { return value; }
}
`),
  },
  {
    name: 'export = with import = require()',
    parsers: TS_ONLY,
    filename: 'server.cts',
    code: `
import express = require('express');
import http = require('node:http');
import fs = require('fs');
import type { Server } from 'node:http';
const app = express();
app.get('/', (req, res) => res.send(fs.readFileSync('index.html')));
const server: Server = http.createServer(app);
server.listen(3000);
export = server;
`,
  },
  {
    name: 'export = of an object literal, and export import',
    parsers: TS_ONLY,
    code: `
import fsModule = require('node:fs');
export import readFile = fsModule.readFile;
import Alias = Outer.Inner;
export = { read: (path: string) => fsModule.readFileSync(path), handler: (req: unknown, res: { end(): void }) => res.end() };
`,
  },
  {
    name: 'namespaces, enums, abstract classes, overloads and generics',
    parsers: TS_ONLY,
    code: service(`
declare module 'express-serve-static-core' { interface Request { user?: { id: string } } }
declare global { var requestCount: number }
namespace Handlers {
  export namespace Nested { export const x = 1; }
  export function list(req: express.Request, res: express.Response): void { res.json(fs.readdirSync('.')); }
}
module Legacy { export const y = 2; }
enum Method { Get = 'GET', Post = 'POST' }
const enum Port { Http = 80, Https = Http + 363 }
declare enum Ambient { A }
abstract class Controller<TReq extends { url?: string } = express.Request> {
  abstract handle(req: TReq): Promise<void>;
  protected send<R,>(res: express.Response, body: R): void { res.json(body); }
}
function route(path: string): void;
function route(path: string, handler: express.RequestHandler): void;
function route(path: string, handler?: express.RequestHandler): void {
  if (handler) app.get(path, handler);
}
route('/list', Handlers.list);
app.get<{ id: string }, unknown, never>('/typed/:id', (req, res) => res.send(req.params.id));
type Handler = Parameters<typeof app.get>[1];
let definite!: string;
const asserted = <const T,>(value: T) => value as unknown as T;
`),
  },
  {
    name: 'satisfies, as const, non-null assertions and type predicates',
    parsers: TS_ONLY,
    code: service(`
const options = { timeout: 5000, signal: AbortSignal.timeout(5000) } satisfies RequestInit;
const routes = ['/a', '/b'] as const;
function isError(value: unknown): value is Error { return value instanceof Error; }
function assertOk(value: unknown): asserts value { if (!value) throw new Error(); }
for (const route of routes) app.get(route, async (req, res) => {
  const response = (await fetch(req.query.url as string, options satisfies RequestInit))!;
  res.send(await response!.text());
});
`),
  },
  {
    name: 'using and await using declarations',
    parsers: TS_ONLY,
    code: service(`
app.get('/using', async (req, res) => {
  using lock = acquire();
  await using connection = await pool.connect();
  for (using item of items) item.touch();
  for (await using item of streams) await item.flush();
  res.send(fs.readFileSync('x'));
});
`),
  },
  {
    name: 'type-only constructs everywhere a call could be',
    parsers: TS_ONLY,
    code: service(`
app.get('/t', async (req: import('express').Request, res: Parameters<express.RequestHandler>[1]) => {
  const typed = fetch<never>;
  const instantiation = (await fetch(<string>req.url, <RequestInit>{})) as Response;
  res.send(instantiation?.status satisfies number);
});
declare function fetchAll(this: Window, ...urls: string[]): Promise<Response[]>;
class Service implements Disposable { [Symbol.dispose](): void {} private constructor(protected override readonly x: number) { super(); } }
`),
  },
];

const MODERN_JS: Sample[] = [
  {
    name: 'private fields, private methods, #x in obj and static blocks',
    code: service(`
class Pool {
  #agent = new http.Agent({ keepAlive: true });
  static #count = 0;
  static { Pool.#count = 1; app.get('/static', (req, res) => res.send(fs.readFileSync('s'))); }
  #request(url) { return fetch(url); }
  static isPool(value) { return #agent in value; }
  get agent() { return this.#agent; }
  set agent(value) { this.#agent = value; }
  static get count() { return Pool.#count; }
  async handle(req, res) { res.send(await (await this.#request(req.url)).text()); }
}
app.get('/pool', (req, res) => new Pool().handle(req, res));
`),
  },
  {
    name: 'optional chaining and calls, nullish and logical assignment',
    code: service(`
let cache;
app.get('/opt', async (req, res) => {
  cache ??= new Map();
  cache.hits ||= 0;
  cache.misses &&= cache.misses + 1;
  const response = await globalThis.fetch?.(req.query?.url ?? 'http://x');
  const body = await response?.json?.();
  res?.send?.(body?.items?.[0] ?? fs?.readFileSync?.('default.json'));
  req.socket?.on?.('close', () => {});
});
`),
  },
  {
    name: 'top-level await, import.meta and dynamic import',
    filename: 'server.mjs',
    code: service(`
const config = JSON.parse(await fs.promises.readFile(new URL('./config.json', import.meta.url)));
const { default: helmet } = await import('helmet');
const dynamic = await import(\`./routes/\${import.meta.env?.MODE}.js\`);
const response = await fetch(config.url);
if (import.meta.main) app.use(helmet());
export { app as default };
`),
  },
  {
    name: 'labelled statements, break and continue to labels',
    code: service(`
app.get('/labels', (req, res) => {
  outer: for (const a of req.query.list ?? []) {
    inner: for (const b of a) {
      if (b === 1) continue outer;
      if (b === 2) break inner;
      block: { if (b) break block; res.write(fs.readFileSync(b)); }
    }
  }
  res.end();
});
`),
  },
  {
    name: 'getters and setters in object literals and classes, new.target',
    code: service(`
const holder = {
  get app() { return app; },
  set app(value) { this._app = value; },
  get ['computed' + 1]() { return 1; },
};
function Server() { if (!new.target) return new Server(); this.s = http.createServer(); }
class Handler { constructor() { console.log(new.target.name); } get fetch() { return fetch; } }
holder.app.get('/get', (req, res) => res.send(fs.readFileSync('x')));
`),
  },
  {
    name: 'regular expressions with the v and d flags, named groups, lookbehind',
    code: service(`
const allowed = /^[\\p{L}--\\p{Lu}]+$/v;
const groups = /(?<year>\\d{4})-(?<month>\\d{2})/du;
const behind = /(?<=\\$)\\d+(?!\\.)/g;
app.get(/^\\/items\\/(?<id>\\d+)$/, (req, res) => res.send(allowed.test(req.params.id) ? fs.readFileSync('a') : ''));
`),
  },
  {
    name: 'a hashbang before the code',
    filename: 'bin/serve.js',
    code: `#!/usr/bin/env node\n${service(`app.get('/', (req, res) => res.send(fs.readFileSync('x')));`)}`,
  },
  {
    name: 'numeric separators, bigint, exponent, class fields with arrows',
    code: service(`
const LIMIT = 1_000_000n ** 2n;
class Routes { handler = (req, res) => res.send(String(2 ** 10)); static port = 3_000; ['computed'] = 1; }
app.get('/n', new Routes().handler);
http.createServer().listen(Routes.port);
`),
  },
  {
    name: 'generators, async generators and for await over arbitrary iterables',
    code: service(`
async function* pages(url) { let next = url; while (next) { const r = await fetch(next); yield* (await r.json()).items; next = null; } }
function* ids() { yield 1; yield* [2, 3]; }
app.get('/stream', async (req, res) => {
  for await (const item of pages(req.query.url)) res.write(item);
  for await (const id of ids()) res.write(String(id));
  for await (const chunk of req) res.write(chunk);
  for await (const x of [Promise.resolve(1), 2]) res.write(String(x));
  res.end();
});
`),
  },
  {
    name: 'destructuring with defaults, rest, and computed keys',
    code: service(`
const { readFileSync: read = () => '', [\`write\${'FileSync'}\`]: write, ...restFs } = fs;
const [first = fetch, , third, ...others] = [fetch];
app.get('/d', ({ query: { path = 'x', ...flags } = {}, ...req } = {}, res, ...rest) => {
  res.send(read(path) + restFs.readdirSync('.') + write);
});
function handler({ body: { url } = { url: '' } }, [a, b = a] = []) { return first(url); }
app.post('/d', handler);
`),
  },
  {
    name: 'class methods named get, post, listen, close, fetch and on',
    code: service(`
class Client {
  get(url) { return fetch(url); }
  post(path, handler) { return handler; }
  listen(port) { return port; }
  close() {}
  fetch(url) { return url; }
  on(event, listener) { return listener; }
  static get(path, handler) { return handler; }
}
const client = new Client();
client.get('/x', (req, res) => fs.readFileSync('x'));
client.post('/y', (req, res) => res.send());
client.listen(3000);
client.on('SIGTERM', () => client.close());
Client.get('/z', (req, res) => req.on('data', () => {}));
`),
  },
  {
    name: 'plain objects named app, server and router',
    code: `
import fs from 'node:fs';
const app = { get(path, fn) { return fn; }, listen() {}, use() {} };
const server = { listen(port) {}, close() {}, on() {}, keepAliveTimeout: 0, timeout: 0 };
const router = Object.freeze({ post: (path, fn) => fn });
app.get('/', (req, res) => res.send(fs.readFileSync('x')));
app.use(function (req, res, next) { if (req) return; next(); });
router.post('/p', (req, res) => { req.on('data', () => {}); });
server.listen(3000);
server.keepAliveTimeout = 1;
process.on('SIGTERM', () => server.close());
`,
  },
];

const ODD_EXPRESSIONS: Sample[] = [
  {
    name: 'computed members and optional calls on module objects',
    code: service(`
app.get('/c', (req, res) => {
  const a = fs['readFileSync']('a');
  const b = fs[\`readFileSync\`]('b');
  const c = fs.readFileSync?.('c');
  const d = fs?.['readFileSync']?.('d');
  const e = (0, fs.readFileSync)('e');
  const f = fs.readFileSync.call(fs, 'f');
  const g = fs.readFileSync.apply(null, ['g']);
  const h = Reflect.apply(fs.readFileSync, fs, ['h']);
  const name = 'readFileSync';
  const i = fs[name]('i');
  const j = fs[req.query.method]('j');
  res.send([a, b, c, d, e, f, g, h, i, j].join());
});
`),
  },
  {
    name: 'sequence expressions, void calls and commas in arguments',
    code: service(`
app.get('/s', (req, res) => (void fetch(req.url), res.send(fs.readFileSync('x', (0, 'utf8'))), void 0));
const started = (app.use((req, res, next) => (next(), void 0)), http.createServer(app));
void started.listen(3000), void process.on('SIGINT', () => started.close());
`),
  },
  {
    name: 'template literal keys, tagged templates and String.raw',
    code: service(`
const methods = { [\`get\`]: 1, [\`\${'po'}st\`]: 2 };
const sql = (strings, ...values) => strings.raw.join('?');
app[\`get\`]('/t', (req, res) => res.send(sql\`select \${req.query.id}\` + String.raw\`\\n\` + fs.readFileSync(\`\${req.path}\`)));
app[methods.get ? 'post' : 'put']('/t', (req, res) => res.end());
`),
  },
  {
    name: 'arguments, getters on module objects and Object.defineProperty',
    code: service(`
function handler() { const [req, res] = arguments; res.send(fs.readFileSync(arguments[0].path)); }
app.get('/a', handler);
app.get('/b', function () { return handler.apply(this, arguments); });
Object.defineProperty(fs, 'readFileSync', { get() { return () => ''; } });
const proxied = new Proxy(fs, { get: (target, key) => target[key] });
app.get('/p', (req, res) => res.send(proxied.readFileSync('x')));
`),
  },
  {
    name: 'eval and new Function',
    code: service(`
app.get('/e', (req, res) => { eval('fs.readFileSync("x")'); res.send(new Function('return 1')()); });
const indirect = (0, eval)('fetch');
`),
  },
  {
    name: 'with statements (sloppy script)',
    parsers: ESPREE_ONLY,
    sourceType: 'script',
    code: `
var express = require('express');
var fs = require('fs');
var app = express();
with (fs) {
  app.get('/w', function (req, res) { res.send(readFileSync('x')); });
}
with (Math) with (app) { get('/m', function (req, res) { res.send(String(max(1, 2))); }); listen(3000); }
var fetch = 1; delete app.x; octal = 010;
function arguments2() { arguments = 1; }
`,
  },
  {
    name: 'CommonJS with module.exports, exports and require in odd places',
    filename: 'server.cjs',
    sourceType: 'commonjs',
    code: `
'use strict';
const { createServer } = require('node:http');
const fs = require('fs'), express = require(\`express\`);
const lazy = () => require('node:' + 'https');
const app = (module.exports = express());
exports.handler = (req, res) => res.end(fs.readFileSync('x'));
module.exports.server = createServer(exports.handler).listen(3000);
require('./routes')(app);
if (require.main === module) app.listen(3001);
`,
  },
  {
    name: 'if/switch/try/catch/finally inside handlers, with optional catch binding',
    code: service(`
app.get('/cf', async (req, res, next) => {
  try {
    switch (req.query.kind) {
      case 'a': { const r = await fetch('a'); return res.send(await r.text()); }
      case 'b': throw new Error('b');
      default: fs.readFileSync('x');
    }
  } catch { next(); } finally { res.end?.(); }
  do { if (Math.random()) break; } while (true);
  while (false) { continue; }
  return req.query.a ? res.send('a') : req.query.b && res.send('b');
});
`),
  },
  {
    name: 'immediately invoked, bound and curried handlers',
    code: service(`
app.get('/iife', ((prefix) => (req, res) => res.send(prefix + fs.readFileSync('x')))('p'));
app.get('/bound', function (req, res) { res.send(this.x); }.bind({ x: 1 }));
app.get('/curried', ((a) => (b) => (c) => (req, res) => res.send(a + b + c))(1)(2)(3));
(async () => { const r = await fetch('x'); await r.text(); })();
!function () { http.createServer().listen(0); }();
new (class { constructor() { app.listen(1); } })();
`),
  },
  {
    name: 'spread arguments, array holes and sparse handlers',
    code: service(`
const middlewares = [(req, res, next) => next(), , (req, res) => res.send(fs.readFileSync('x'))];
app.get('/spread', ...middlewares);
app.use(...[], ...middlewares.filter(Boolean));
app.get(...['/args', (req, res) => res.end()]);
fetch(...['https://example.com', { method: 'GET' }]);
`),
  },
];

const SAMPLES: readonly Sample[] = [...JSX_TSX, ...TYPESCRIPT, ...MODERN_JS, ...ODD_EXPRESSIONS];

/** One row per sample and parser it is valid on. */
const ROWS = SAMPLES.flatMap((sample) =>
  (sample.parsers ?? (['espree', 'typescript'] as const)).map((parser) => [sample.name, parser, sample] as const),
);

function lintSample(sample: Sample, parser: ParserName, config: ConfigName) {
  const filename = filenameFor(parser, sample.filename ?? 'file.ts');
  return lintCleanly(sample.code, { parser, config, filename, ...(sample.sourceType && { sourceType: sample.sourceType }) });
}

describe.each(CONFIG_NAMES)('odd but valid syntax with the %s config', (config) => {
  it.each(ROWS)('%s (%s)', (_, parser, sample) => {
    lintSample(sample, parser, config);
  });

  // Syntax both parsers accept must not change what the model recognises.
  it.each(SAMPLES.filter((sample) => !sample.parsers).map((sample) => [sample.name, sample] as const))(
    '%s: the same findings on espree and on @typescript-eslint/parser',
    (_, sample) => {
      const where = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`);
      expect(where(lintSample(sample, 'espree', config))).toEqual(where(lintSample(sample, 'typescript', config)));
    },
  );
});
