import rule from '../../rules/require-handler-timeout';
import { runOnBothParsers } from '../rule-tester';

const FETCH = { library: 'fetch', fact: 'has no overall timeout', remedy: '`signal: AbortSignal.timeout(ms)`', path: '' };
const SIGNAL = 'signal: AbortSignal.timeout(10000)';
const EXPRESS = "import express from 'express';\nconst app = express();\n";

runOnBothParsers('require-handler-timeout', rule, {
  valid: [
    // Per-call bounds in every library's form.
    `${EXPRESS}app.get('/a', async (req, res) => { res.json(await (await fetch(url, { signal: AbortSignal.timeout(5000) })).json()); });`,
    `${EXPRESS}import axios from 'axios';\napp.get('/a', async (req, res) => { const { data } = await axios.get(url, { timeout: 2000 }); res.json(data); });`,
    `${EXPRESS}import got from 'got';\napp.get('/a', async (req, res) => { res.json(await got(url, { timeout: { request: 1500 } }).json()); });`,
    `${EXPRESS}import ky from 'ky';\napp.get('/a', async (req, res) => { res.json(await ky.get(url).json()); });`,
    `${EXPRESS}import superagent from 'superagent';\napp.get('/a', async (req, res) => { res.json((await superagent.get(url).timeout(2000)).body); });`,
    // A signal from anywhere: a parameter, `init.signal ?? …`, a controller cleared in `finally`.
    `${EXPRESS}async function load(url, signal) { return fetch(url, { signal }); }\napp.get('/a', async (req, res) => res.json(await load(url, req.signal)));`,
    `${EXPRESS}async function load(url, init) { return fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(5000) }); }\napp.get('/a', async (req, res) => res.json(await load(url)));`,
    `
${EXPRESS}app.get('/a', async (req, res) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    res.json(await (await fetch(url, { signal: controller.signal })).json());
  } finally {
    clearTimeout(timer);
  }
});
    `,
    // Options we cannot read, and instances from other modules: unknown.
    `${EXPRESS}app.get('/a', async (req, res) => { res.json(await fetch(url, init)); });`,
    `${EXPRESS}import { api } from './api';\napp.get('/a', async (req, res) => { res.json((await api.get('/users')).data); });`,
    // A bounded instance from this file.
    `${EXPRESS}import axios from 'axios';\nconst pricing = axios.create({ baseURL, timeout: 2000 });\napp.get('/a', async (req, res) => { res.json((await pricing.get('/quote')).data); });`,
    // Look-alikes: a method named fetch, `this.fetch()`.
    {
      code: `
import { Controller, Get } from '@nestjs/common';
@Controller('users')
export class UsersController {
  fetch(id) { return id; }
  @Get(':id')
  async find() { return this.fetch(1); }
}
      `,
      tsOnly: true,
    },
    `${EXPRESS}class Cache { fetch(key) { return key; } }
const cache = new Cache();
app.get('/a', async (req, res) => { res.json(await cache.fetch('a')); });`,
    // A timer raced against the call.
    `${EXPRESS}app.get('/a', async (req, res) => { res.json(await Promise.race([fetch(url), new Promise((_, reject) => setTimeout(reject, 3000))])); });`,
    // Route and app deadlines: connect-timeout before the route, on the route, hono/timeout, setTimeout on the socket.
    `${EXPRESS}import timeout from 'connect-timeout';\napp.use(timeout('5s'));\napp.get('/a', async (req, res) => { res.json(await fetch(url)); });`,
    `${EXPRESS}import timeout from 'connect-timeout';\napp.get('/a', timeout('5s'), async (req, res) => { res.json(await fetch(url)); });`,
    `${EXPRESS}import timeout from 'connect-timeout';\nconst router = express.Router();\napp.use('/api', timeout('5s'));\nrouter.get('/users', async (req, res) => { res.json(await fetch(url)); });`,
    "import { Hono } from 'hono';\nimport { timeout } from 'hono/timeout';\nconst app = new Hono();\napp.use('/api/*', timeout(5000));\napp.get('/api/users', async (c) => c.json(await (await fetch(url)).json()));",
    `${EXPRESS}app.get('/a', async (req, res) => { req.setTimeout(5000); res.json(await fetch(url)); });`,
    `${EXPRESS}app.use((req, res, next) => { res.setTimeout(10000, () => res.status(503).end()); next(); });\napp.get('/a', async (req, res) => { res.json(await fetch(url)); });`,
    // Fastify handlerTimeout, on the server or the route.
    "import Fastify from 'fastify';\nconst app = Fastify({ handlerTimeout: 10000 });\napp.get('/a', async () => (await fetch(url)).json());",
    "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/a', { handlerTimeout: 5000 }, async () => (await fetch(url)).json());",
    // Next.js maxDuration.
    {
      code: 'export const maxDuration = 30;\nexport async function GET(request) { return fetch(url); }',
      filename: 'app/api/users/route.ts',
    },
    // Not waited for: the handler does not wait for a fire-and-forget call.
    `${EXPRESS}app.post('/a', (req, res) => { fetch(url, { method: 'POST', body }).catch(log); res.sendStatus(202); });`,
    // Outside handlers: no-unbounded-client's.
    'export async function refresh() { return fetch(url); }',
    // Traps are no-unbounded-client's, inside handlers too.
    `${EXPRESS}import got from 'got';\napp.get('/a', async (req, res) => { res.json(await got(url, { timeout: 5000 }).json()); });`,
    // Test code.
    { code: `${EXPRESS}app.get('/a', async (req, res) => { res.json(await fetch(url)); });`, filename: 'test/app.test.ts' },
    // extraCallees with their own bound, or not matching.
    {
      code: `${EXPRESS}app.get('/a', async (req, res) => { res.json(await db.query({ text: sql, query_timeout: 2000 })); });`,
      options: [{ timeoutMs: 10_000, fix: 'suggestion', extraCallees: ['db.query'] }],
    },
    {
      code: `${EXPRESS}app.get('/a', async (req, res) => { res.json(await knex('users').select('*').timeout(1000)); });`,
      options: [{ timeoutMs: 10_000, fix: 'suggestion', extraCallees: ['knex'] }],
    },
    {
      code: `${EXPRESS}app.get('/a', async (req, res) => { res.json(await cache.query(sql)); });`,
      options: [{ timeoutMs: 10_000, fix: 'suggestion', extraCallees: ['db.query'] }],
    },
  ],
  invalid: [
    {
      // An Express handler awaiting fetch.
      code: `${EXPRESS}app.post('/orders', async (req, res) => {\n  const charge = await fetch(\`\${PAYMENTS_URL}/charges\`, { method: 'POST', body });\n  res.status(201).json(await charge.json());\n});`,
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: FETCH,
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 29,
          suggestions: [
            {
              messageId: 'addDeadline',
              data: { deadline: SIGNAL },
              output: `${EXPRESS}app.post('/orders', async (req, res) => {\n  const charge = await fetch(\`\${PAYMENTS_URL}/charges\`, { method: 'POST', body, ${SIGNAL} });\n  res.status(201).json(await charge.json());\n});`,
            },
          ],
        },
      ],
    },
    {
      // Next.js App Router: the deadline also follows the incoming request.
      code: "export async function DELETE(request) {\n  const res = await fetch(ordersApi(id), { method: 'DELETE' });\n  return new Response(null, { status: res.status });\n}",
      filename: 'app/api/orders/[id]/route.ts',
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'addDeadline',
              data: { deadline: 'signal: AbortSignal.any([request.signal, AbortSignal.timeout(10000)])' },
              output: "export async function DELETE(request) {\n  const res = await fetch(ordersApi(id), { method: 'DELETE', signal: AbortSignal.any([request.signal, AbortSignal.timeout(10000)]) });\n  return new Response(null, { status: res.status });\n}",
            },
          ],
        },
      ],
    },
    {
      // hono: `c.req.raw` is the Web Request.
      code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/users', async (c) => c.json(await (await fetch(usersUrl)).json()));",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 3,
          column: 52,
          endLine: 3,
          endColumn: 57,
          suggestions: [
            {
              messageId: 'addDeadline',
              output: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/users', async (c) => c.json(await (await fetch(usersUrl, { signal: AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(10000)]) })).json()));",
            },
          ],
        },
      ],
    },
    {
      // A same-file helper the handler calls: named in the message; its request is not in scope there.
      code: `${EXPRESS}async function loadUser(id) {\n  return fetch(\`\${USERS_URL}/\${id}\`);\n}\napp.get('/users/:id', async (req, res) => res.json(await loadUser(req.params.id)));`,
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: { ...FETCH, path: ' (the handler calls `loadUser()` at line 6)' },
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'addDeadline',
              output: `${EXPRESS}async function loadUser(id) {\n  return fetch(\`\${USERS_URL}/\${id}\`, { ${SIGNAL} });\n}\napp.get('/users/:id', async (req, res) => res.json(await loadUser(req.params.id)));`,
            },
          ],
        },
      ],
    },
    {
      // Koa awaiting got(…).json().
      code: "import Router from '@koa/router';\nimport got from 'got';\nconst router = new Router();\nrouter.get('/reviews', async (ctx) => {\n  ctx.body = await got(reviewsUrl).json();\n});",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: { library: 'got', fact: 'has no timeout by default', remedy: '`timeout: { request: ms }`', path: '' },
          line: 5,
          column: 20,
          endLine: 5,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'addDeadline',
              output: "import Router from '@koa/router';\nimport got from 'got';\nconst router = new Router();\nrouter.get('/reviews', async (ctx) => {\n  ctx.body = await got(reviewsUrl, { timeout: { request: 10000 } }).json();\n});",
            },
          ],
        },
      ],
    },
    {
      // NestJS: a controller method awaiting axios.
      code: "import { Controller, Get } from '@nestjs/common';\nimport axios from 'axios';\n@Controller('orders')\nexport class OrdersController {\n  @Get(':id/shipment')\n  async shipment() {\n    const { data } = await axios.get(carrierUrl, { params });\n    return data;\n  }\n}",
      tsOnly: true,
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: { library: 'axios', fact: 'has no timeout by default', remedy: '`timeout`', path: '' },
          line: 7,
          column: 28,
          endLine: 7,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'addDeadline',
              output: "import { Controller, Get } from '@nestjs/common';\nimport axios from 'axios';\n@Controller('orders')\nexport class OrdersController {\n  @Get(':id/shipment')\n  async shipment() {\n    const { data } = await axios.get(carrierUrl, { params, timeout: 10000 });\n    return data;\n  }\n}",
            },
          ],
        },
      ],
    },
    {
      // Fastify: a returned promise is waited for by the framework.
      code: "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/rates', (request) => fetch(ratesUrl).then((res) => res.json()));",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 3,
          column: 32,
          endLine: 3,
          endColumn: 37,
          suggestions: [{ messageId: 'addDeadline', output: `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/rates', (request) => fetch(ratesUrl, { ${SIGNAL} }).then((res) => res.json()));` }],
        },
      ],
    },
    {
      // A deadline turned off on the call.
      code: `${EXPRESS}import axios from 'axios';\napp.get('/export', async (req, res) => { res.json((await axios.get(exportUrl, { timeout: 0 })).data); });`,
      output: null,
      errors: [
        {
          messageId: 'deadlineOff',
          data: { setting: 'timeout: 0', path: '' },
          line: 4,
          column: 81,
          endLine: 4,
          endColumn: 91,
          suggestions: [
            {
              messageId: 'setDeadline',
              data: { deadline: 'timeout: 10000' },
              output: `${EXPRESS}import axios from 'axios';\napp.get('/export', async (req, res) => { res.json((await axios.get(exportUrl, { timeout: 10000 })).data); });`,
            },
          ],
        },
      ],
    },
    {
      // Calls on an instance created without a deadline (its creation is no-unbounded-client's), and one turned off on the instance.
      code: `${EXPRESS}import axios from 'axios';\nconst crm = axios.create({ baseURL });\nconst legacy = axios.create({ baseURL, timeout: 1000 });\nlegacy.defaults.timeout = 0;\napp.get('/account', async (req, res) => {\n  res.json([(await crm.get('/me')).data, (await legacy.get('/me')).data]);\n});`,
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 27,
          suggestions: [{ messageId: 'addDeadline', output: `${EXPRESS}import axios from 'axios';\nconst crm = axios.create({ baseURL });\nconst legacy = axios.create({ baseURL, timeout: 1000 });\nlegacy.defaults.timeout = 0;\napp.get('/account', async (req, res) => {\n  res.json([(await crm.get('/me', { timeout: 10000 })).data, (await legacy.get('/me')).data]);\n});` }],
        },
        {
          messageId: 'deadlineOff',
          data: { setting: 'legacy.defaults.timeout = 0', path: '' },
          line: 8,
          column: 49,
          endLine: 8,
          endColumn: 59,
          suggestions: [{ messageId: 'addDeadline', output: `${EXPRESS}import axios from 'axios';\nconst crm = axios.create({ baseURL });\nconst legacy = axios.create({ baseURL, timeout: 1000 });\nlegacy.defaults.timeout = 0;\napp.get('/account', async (req, res) => {\n  res.json([(await crm.get('/me')).data, (await legacy.get('/me', { timeout: 10000 })).data]);\n});` }],
        },
      ],
    },
    {
      // fix: "autofix": --fix writes the deadlines (one pass), with timeoutMs.
      code: `${EXPRESS}app.get('/a', async (req, res) => {\n  const [a, b] = await Promise.all([fetch(aUrl), fetch(bUrl)]);\n  res.json({ a: await a.json(), b: await b.json() });\n});`,
      options: [{ timeoutMs: 2500, fix: 'autofix', extraCallees: [] }],
      output: `${EXPRESS}app.get('/a', async (req, res) => {\n  const [a, b] = await Promise.all([fetch(aUrl, { signal: AbortSignal.timeout(2500) }), fetch(bUrl, { signal: AbortSignal.timeout(2500) })]);\n  res.json({ a: await a.json(), b: await b.json() });\n});`,
      errors: [
        { messageId: 'noDeadline', line: 4, column: 37, endLine: 4, endColumn: 42 },
        { messageId: 'noDeadline', line: 4, column: 50, endLine: 4, endColumn: 55 },
      ],
    },
    {
      // A promise kept in a const and awaited later; a race without a timer.
      code: `${EXPRESS}app.get('/a', async (req, res) => {\n  const pending = fetch(aUrl);\n  const first = await Promise.race([fetch(bUrl), fetch(cUrl)]);\n  res.json([await pending, first]);\n});`,
      output: null,
      errors: [
        { messageId: 'noDeadline', line: 4, column: 19, endLine: 4, endColumn: 24, suggestions: [{ messageId: 'addDeadline', output: `${EXPRESS}app.get('/a', async (req, res) => {\n  const pending = fetch(aUrl, { ${SIGNAL} });\n  const first = await Promise.race([fetch(bUrl), fetch(cUrl)]);\n  res.json([await pending, first]);\n});` }] },
        { messageId: 'noDeadline', line: 5, column: 37, endLine: 5, endColumn: 42, suggestions: [{ messageId: 'addDeadline', output: `${EXPRESS}app.get('/a', async (req, res) => {\n  const pending = fetch(aUrl);\n  const first = await Promise.race([fetch(bUrl, { ${SIGNAL} }), fetch(cUrl)]);\n  res.json([await pending, first]);\n});` }] },
        { messageId: 'noDeadline', line: 5, column: 50, endLine: 5, endColumn: 55, suggestions: [{ messageId: 'addDeadline', output: `${EXPRESS}app.get('/a', async (req, res) => {\n  const pending = fetch(aUrl);\n  const first = await Promise.race([fetch(bUrl), fetch(cUrl, { ${SIGNAL} })]);\n  res.json([await pending, first]);\n});` }] },
      ],
    },
    {
      // A timeout middleware registered after the route, and one mounted on another path, do not bound it.
      code: `${EXPRESS}import timeout from 'connect-timeout';\napp.get('/a', async (req, res) => { res.json(await fetch(aUrl)); });\napp.use(timeout('5s'));\napp.use('/admin', timeout('5s'));\napp.get('/b', async (req, res) => { res.json(await fetch(bUrl)); });`,
      output: null,
      errors: [
        { messageId: 'noDeadline', line: 4, column: 52, endLine: 4, endColumn: 57, suggestions: [{ messageId: 'addDeadline', output: `${EXPRESS}import timeout from 'connect-timeout';\napp.get('/a', async (req, res) => { res.json(await fetch(aUrl, { ${SIGNAL} })); });\napp.use(timeout('5s'));\napp.use('/admin', timeout('5s'));\napp.get('/b', async (req, res) => { res.json(await fetch(bUrl)); });` }] },
      ],
    },
    {
      // A Pages API route (a Node request, no Web signal), and a Fastify app whose handlerTimeout is 0.
      code: 'export default async function handler(req, res) {\n  res.json(await (await fetch(statusUrl)).json());\n}',
      filename: 'pages/api/status.ts',
      output: null,
      errors: [
        { messageId: 'noDeadline', line: 2, column: 25, endLine: 2, endColumn: 30, suggestions: [{ messageId: 'addDeadline', output: `export default async function handler(req, res) {\n  res.json(await (await fetch(statusUrl, { ${SIGNAL} })).json());\n}` }] },
      ],
    },
    {
      code: "import Fastify from 'fastify';\nconst app = Fastify({ handlerTimeout: 0 });\napp.get('/a', async () => (await fetch(aUrl)).json());",
      output: null,
      errors: [
        { messageId: 'noDeadline', line: 3, column: 34, endLine: 3, endColumn: 39, suggestions: [{ messageId: 'addDeadline', output: `import Fastify from 'fastify';\nconst app = Fastify({ handlerTimeout: 0 });\napp.get('/a', async () => (await fetch(aUrl, { ${SIGNAL} })).json());` }] },
      ],
    },
    {
      // extraCallees: DB and RPC calls the user names; report only (no generic fix exists).
      code: `${EXPRESS}app.get('/users', async (req, res) => {\n  const users = await db.query(sql);\n  const orders = await prisma.order.findMany({ where });\n  res.json(await this.rpc.query({ users, orders }));\n});`,
      options: [{ timeoutMs: 10_000, fix: 'suggestion', extraCallees: ['db.query', 'prisma.*.findMany', '**.rpc.query'] }],
      output: null,
      errors: [
        { messageId: 'extraCalleeNoDeadline', data: { callee: 'db.query', path: '' }, line: 4, column: 23, endLine: 4, endColumn: 31 },
        { messageId: 'extraCalleeNoDeadline', data: { callee: 'prisma.order.findMany', path: '' }, line: 5, column: 24, endLine: 5, endColumn: 45 },
        { messageId: 'extraCalleeNoDeadline', data: { callee: 'this.rpc.query', path: '' }, line: 6, column: 18, endLine: 6, endColumn: 32 },
      ],
    },
  ],
});
