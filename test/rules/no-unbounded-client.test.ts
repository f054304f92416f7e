import rule from '../../rules/no-unbounded-client';
import { runOnBothParsers } from '../rule-tester';

const FETCH = {
  library: 'fetch',
  fact: 'has no overall timeout',
  remedy: '`signal: AbortSignal.timeout(ms)`',
};
const AXIOS = { library: 'axios', fact: 'has no timeout by default', remedy: '`timeout`' };
const SIGNAL = 'signal: AbortSignal.timeout(10000)';

runOnBothParsers('no-unbounded-client', rule, {
  valid: [
    // Look-alikes: not WHATWG fetch, not a client library.
    `
class Store {
  fetch(url) { return url; }
  async load() { return this.fetch('/users'); }
}
    `,
    'const fetch = makeFetch(); fetch(url);',
    'function load(fetch) { return fetch(url); }',
    "import { fetch } from './http'; fetch(url);",
    // An instance from another module: its configuration is not visible here.
    "import { api } from './api'; api.get('/users');",
    "const { client } = require('./clients'); client.get('/users');",
    // Options we cannot read: a variable, a spread, a call.
    'fetch(url, init);',
    'fetch(url, { ...init });',
    "import axios from 'axios'; axios.get(url, config);",
    "import got from 'got'; got(url, makeOptions());",
    // A Request, or an input that may be one, carries its own signal.
    'fetch(new Request(url, { signal }));',
    'function send(input) { return fetch(input); }',
    'fetch(request.clone());',
    // Every form of a per-call bound.
    'fetch(url, { signal: AbortSignal.timeout(5000) });',
    'function load(url, signal) { return fetch(url, { signal }); }',
    'function load(url, init) { return fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(5000) }); }',
    `
async function load(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}
    `,
    "import axios from 'axios'; axios.get(url, { timeout: 5000 });",
    "import got from 'got'; got(url, { timeout: { request: 5000 } });",
    "import superagent from 'superagent'; superagent.get(url).timeout(5000).then(use);",
    "import { request } from 'undici'; request(url, { signal: AbortSignal.timeout(5000) });",
    "import http from 'node:http'; http.get(url, { signal: AbortSignal.timeout(5000) }, (res) => res.resume());",
    `
import http from 'node:http';
const req = http.request({ host, timeout: 5000 });
req.on('timeout', () => req.destroy(new Error('timed out')));
req.end();
    `,
    // A timer raced against the call bounds it.
    'async function load() { return Promise.race([fetch(url), sleep(5000)]); }',
    // ky times out after 10 s unless told not to.
    "import ky from 'ky'; ky.get(url).json();",
    "import ky from 'ky'; const api = ky.create({ prefixUrl }); api.get('users');",
    // Bounded instances, and an unbounded one whose every call carries its own bound.
    "import axios from 'axios'; const api = axios.create({ baseURL, timeout: 5000 }); api.get('/users');",
    "import axios from 'axios'; axios.defaults.timeout = 5000; axios.get(url);",
    "import got from 'got'; const api = got.extend({ prefixUrl, timeout: { request: 5000 } }); api('users');",
    "import axios from 'axios'; const api = axios.create({ baseURL }); api.get('/a', { timeout: 1000 }); api.post('/b', body, { signal });",
    // Agents: capped, not kept alive, options we cannot read, or made per call.
    "import http from 'node:http'; export const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });",
    "import https from 'node:https'; new https.Agent({ keepAlive: false });",
    "import http from 'node:http'; new http.Agent(options);",
    "import http from 'node:http'; function agentFor(connection) { return new http.Agent({ keepAlive: true }); }",
    "import { Pool } from 'undici'; new Pool(origin, { connections: 10 });",
    "import { Agent } from 'undici'; new Agent({ headersTimeout: 5000, bodyTimeout: 10000 });",
    // Calls inside request handlers are require-handler-timeout's.
    `
import express from 'express';
const app = express();
app.get('/users', async (req, res) => {
  const upstream = await fetch(url);
  res.json(await upstream.json());
});
    `,
    `
import express from 'express';
const app = express();
async function loadUser(id) { return fetch(url + id); }
app.get('/users/:id', async (req, res) => res.json(await loadUser(req.params.id)));
    `,
    // Browser code: a client component's requests hold no server socket.
    "'use client';\nimport { useEffect } from 'react';\nexport function Orders() { useEffect(() => { fetch(ordersUrl).then(render); }, []); }",
    // Test code talks to its own server, under the runner's timeout.
    { code: 'fetch(url);', filename: 'test/server.test.ts' },
    "import { test } from 'node:test';\ntest('serves', async () => { await fetch(url); });",
    "it('serves', async () => { const res = await fetch(url); });",
  ],
  invalid: [
    {
      // A call outside handlers: a fetch at module level.
      code: 'const res = await fetch(url);',
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: FETCH,
          line: 1,
          column: 19,
          endLine: 1,
          endColumn: 24,
          suggestions: [{ messageId: 'addDeadline', data: { deadline: SIGNAL }, output: `const res = await fetch(url, { ${SIGNAL} });` }],
        },
      ],
    },
    {
      // Multi-line options: the new property goes on its own line, after the comment that ends the last one.
      code: `
async function refresh() {
  const res = await fetch(url, {
    method: 'POST',
    body // the payload
  });
  return res.json();
}
      `,
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 3,
          column: 21,
          endLine: 3,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'addDeadline',
              output: `
async function refresh() {
  const res = await fetch(url, {
    method: 'POST',
    body, // the payload
    ${SIGNAL}
  });
  return res.json();
}
      `,
            },
          ],
        },
      ],
    },
    {
      // A trailing comma is kept; an empty object and a comment-only object are filled.
      code: `
fetch(urlA, {
  method: 'PUT',
});
fetch(urlB, {});
fetch(urlC, { /* defaults */ });
      `,
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 6,
          suggestions: [{ messageId: 'addDeadline', output: `\nfetch(urlA, {\n  method: 'PUT',\n  ${SIGNAL},\n});\nfetch(urlB, {});\nfetch(urlC, { /* defaults */ });\n      ` }],
        },
        {
          messageId: 'noDeadline',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 6,
          suggestions: [{ messageId: 'addDeadline', output: `\nfetch(urlA, {\n  method: 'PUT',\n});\nfetch(urlB, { ${SIGNAL} });\nfetch(urlC, { /* defaults */ });\n      ` }],
        },
        {
          messageId: 'noDeadline',
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 6,
          suggestions: [{ messageId: 'addDeadline', output: `\nfetch(urlA, {\n  method: 'PUT',\n});\nfetch(urlB, {});\nfetch(urlC, { ${SIGNAL}, /* defaults */ });\n      ` }],
        },
      ],
    },
    {
      // `signal: undefined` is no bound: its value is replaced. A HEAD request can hang too.
      code: "fetch(url, { method: 'HEAD', signal: undefined });",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 6,
          suggestions: [{ messageId: 'addDeadline', output: "fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10000) });" }],
        },
      ],
    },
    {
      // axios: `timeout`, as the config argument after the data.
      code: "import axios from 'axios';\nexport function sync(data) { return axios.post(`${base}/sync`, data); }",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: AXIOS,
          line: 2,
          column: 37,
          endLine: 2,
          endColumn: 47,
          suggestions: [
            {
              messageId: 'addDeadline',
              data: { deadline: 'timeout: 10000' },
              output: "import axios from 'axios';\nexport function sync(data) { return axios.post(`${base}/sync`, data, { timeout: 10000 }); }",
            },
          ],
        },
      ],
    },
    {
      // axios.post without data: no place for the config without inventing one.
      code: "import axios from 'axios';\naxios.post(url);",
      output: null,
      errors: [{ messageId: 'noDeadline', line: 2, column: 1, endLine: 2, endColumn: 11, suggestions: [] }],
    },
    {
      // got: `timeout: { request: ms }`, merged into an existing timeout object.
      code: "const got = require('got');\ngot(url);\ngot.post(url, { json, timeout: {} });",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 4,
          suggestions: [{ messageId: 'addDeadline', data: { deadline: 'timeout: { request: 10000 }' }, output: "const got = require('got');\ngot(url, { timeout: { request: 10000 } });\ngot.post(url, { json, timeout: {} });" }],
        },
        {
          messageId: 'noDeadline',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 9,
          suggestions: [{ messageId: 'addDeadline', output: "const got = require('got');\ngot(url);\ngot.post(url, { json, timeout: { request: 10000 } });" }],
        },
      ],
    },
    {
      // superagent: `.timeout(ms)` right after the call that starts the chain.
      code: "import superagent from 'superagent';\nsuperagent.post(url).send(body).then(done);",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: { library: 'superagent', fact: 'has no timeout by default', remedy: '`.timeout(ms)`' },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 16,
          suggestions: [{ messageId: 'addDeadline', data: { deadline: '.timeout(10000)' }, output: "import superagent from 'superagent';\nsuperagent.post(url).timeout(10000).send(body).then(done);" }],
        },
      ],
    },
    {
      // http.get(url, cb): the options go before the callback.
      code: "import http from 'node:http';\nhttp.get(url, (res) => res.resume());",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: { library: 'http.get', fact: 'has no timeout by default', remedy: '`signal: AbortSignal.timeout(ms)`' },
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 9,
          suggestions: [{ messageId: 'addDeadline', output: `import http from 'node:http';\nhttp.get(url, { ${SIGNAL} }, (res) => res.resume());` }],
        },
      ],
    },
    {
      // undici and needle, each in its own form.
      code: "import { request } from 'undici';\nimport needle from 'needle';\nrequest(url);\nneedle.get(url, (error, res) => {});",
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          data: { library: 'undici', fact: 'has no overall timeout', remedy: '`signal: AbortSignal.timeout(ms)`' },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 8,
          suggestions: [{ messageId: 'addDeadline', output: `import { request } from 'undici';\nimport needle from 'needle';\nrequest(url, { ${SIGNAL} });\nneedle.get(url, (error, res) => {});` }],
        },
        {
          messageId: 'noDeadline',
          data: { library: 'needle', fact: 'only bounds connecting by default', remedy: '`response_timeout` and `read_timeout`' },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'addDeadline',
              output: "import { request } from 'undici';\nimport needle from 'needle';\nrequest(url);\nneedle.get(url, { response_timeout: 10000, read_timeout: 10000 }, (error, res) => {});",
            },
          ],
        },
      ],
    },
    {
      // fix: "autofix" with timeoutMs: the deadline is written by --fix.
      code: "import axios from 'axios';\nasync function poll() { await fetch(url); await axios.get(url); }",
      options: [{ timeoutMs: 3000, fix: 'autofix' }],
      output: "import axios from 'axios';\nasync function poll() { await fetch(url, { signal: AbortSignal.timeout(3000) }); await axios.get(url, { timeout: 3000 }); }",
      errors: [
        { messageId: 'noDeadline', line: 2, column: 31, endLine: 2, endColumn: 36 },
        { messageId: 'noDeadline', line: 2, column: 49, endLine: 2, endColumn: 58 },
      ],
    },
    {
      // A local AbortSignal: the fix would not mean the global one.
      code: 'const AbortSignal = polyfill();\nfetch(url);',
      output: null,
      errors: [{ messageId: 'noDeadline', line: 2, column: 1, endLine: 2, endColumn: 6, suggestions: [] }],
    },
    {
      // A turned-off per-call deadline: a suggestion only, even with autofix (the 0 was written on purpose).
      code: "import axios from 'axios';\naxios.get(url, { timeout: 0 });",
      options: [{ timeoutMs: 10_000, fix: 'autofix' }],
      output: null,
      errors: [
        {
          messageId: 'deadlineOff',
          data: { setting: 'timeout: 0' },
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 28,
          suggestions: [{ messageId: 'setDeadline', data: { deadline: 'timeout: 10000' }, output: "import axios from 'axios';\naxios.get(url, { timeout: 10000 });" }],
        },
      ],
    },
    {
      // An instance without a deadline, reported once, where it is created.
      code: "import axios from 'axios';\nexport const crm = axios.create({ baseURL: CRM_URL });\nexport const getAccount = (id) => crm.get(`/accounts/${id}`);",
      output: null,
      errors: [
        {
          messageId: 'clientNoDeadline',
          data: AXIOS,
          line: 2,
          column: 20,
          endLine: 2,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'addDeadline',
              output: "import axios from 'axios';\nexport const crm = axios.create({ baseURL: CRM_URL, timeout: 10000 });\nexport const getAccount = (id) => crm.get(`/accounts/${id}`);",
            },
          ],
        },
      ],
    },
    {
      // No options at all; and an instance extending an unbounded one is not reported again.
      code: "import axios from 'axios';\nconst base = axios.create();\nconst admin = base.create({ headers });",
      output: null,
      errors: [
        {
          messageId: 'clientNoDeadline',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 26,
          suggestions: [{ messageId: 'addDeadline', output: "import axios from 'axios';\nconst base = axios.create({ timeout: 10000 });\nconst admin = base.create({ headers });" }],
        },
      ],
    },
    {
      // got, ofetch and superagent instances, each in its own form.
      code: "import got from 'got';\nimport { ofetch } from 'ofetch';\nimport superagent from 'superagent';\nconst a = got.extend({ prefixUrl });\nconst b = ofetch.create({ baseURL });\nconst c = superagent.agent();",
      output: null,
      errors: [
        {
          messageId: 'clientNoDeadline',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 21,
          suggestions: [{ messageId: 'addDeadline', output: "import got from 'got';\nimport { ofetch } from 'ofetch';\nimport superagent from 'superagent';\nconst a = got.extend({ prefixUrl, timeout: { request: 10000 } });\nconst b = ofetch.create({ baseURL });\nconst c = superagent.agent();" }],
        },
        {
          messageId: 'clientNoDeadline',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 24,
          suggestions: [{ messageId: 'addDeadline', output: "import got from 'got';\nimport { ofetch } from 'ofetch';\nimport superagent from 'superagent';\nconst a = got.extend({ prefixUrl });\nconst b = ofetch.create({ baseURL, timeout: 10000 });\nconst c = superagent.agent();" }],
        },
        {
          messageId: 'clientNoDeadline',
          line: 6,
          column: 11,
          endLine: 6,
          endColumn: 27,
          suggestions: [{ messageId: 'addDeadline', output: "import got from 'got';\nimport { ofetch } from 'ofetch';\nimport superagent from 'superagent';\nconst a = got.extend({ prefixUrl });\nconst b = ofetch.create({ baseURL });\nconst c = superagent.agent().timeout(10000);" }],
        },
      ],
    },
    {
      // Turned off on an instance, on the default client, on ky.
      code: "import axios from 'axios';\nimport ky from 'ky';\nconst api = axios.create({ timeout: 5000 });\napi.defaults.timeout = 0;\naxios.defaults.timeout = 0;\naxios.get(url);\nconst slow = ky.create({ timeout: false });",
      output: null,
      errors: [
        {
          messageId: 'clientDeadlineOff',
          data: { setting: 'api.defaults.timeout = 0' },
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 25,
          suggestions: [{ messageId: 'setDeadline', data: { deadline: 'api.defaults.timeout = 10000' }, output: "import axios from 'axios';\nimport ky from 'ky';\nconst api = axios.create({ timeout: 5000 });\napi.defaults.timeout = 10000;\naxios.defaults.timeout = 0;\naxios.get(url);\nconst slow = ky.create({ timeout: false });" }],
        },
        {
          messageId: 'clientDeadlineOff',
          data: { setting: 'axios.defaults.timeout = 0' },
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 27,
          suggestions: [{ messageId: 'setDeadline', output: "import axios from 'axios';\nimport ky from 'ky';\nconst api = axios.create({ timeout: 5000 });\napi.defaults.timeout = 0;\naxios.defaults.timeout = 10000;\naxios.get(url);\nconst slow = ky.create({ timeout: false });" }],
        },
        {
          messageId: 'clientDeadlineOff',
          data: { setting: 'timeout: false' },
          line: 7,
          column: 26,
          endLine: 7,
          endColumn: 40,
          suggestions: [{ messageId: 'setDeadline', output: "import axios from 'axios';\nimport ky from 'ky';\nconst api = axios.create({ timeout: 5000 });\napi.defaults.timeout = 0;\naxios.defaults.timeout = 0;\naxios.get(url);\nconst slow = ky.create({ timeout: 10000 });" }],
        },
      ],
    },
    {
      // undici: a 0 header or body timeout leaves a stalled peer pinning a connection.
      code: "const { Pool } = require('undici');\nconst exportsPool = new Pool(origin, { connections: 4, bodyTimeout: 0 });",
      output: null,
      errors: [
        {
          messageId: 'dispatcherTimeoutOff',
          data: { setting: 'bodyTimeout: 0', phase: 'body' },
          line: 2,
          column: 56,
          endLine: 2,
          endColumn: 70,
          suggestions: [{ messageId: 'setDeadline', data: { deadline: 'bodyTimeout: 10000' }, output: "const { Pool } = require('undici');\nconst exportsPool = new Pool(origin, { connections: 4, bodyTimeout: 10000 });" }],
        },
      ],
    },
    {
      // A shared keep-alive agent without a socket cap.
      code: "import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true });",
      output: null,
      errors: [{ messageId: 'agentUncapped', line: 2, column: 26, endLine: 2, endColumn: 37 }],
    },
    {
      // http.request's `timeout` only emits: the fix adds a signal of the same length.
      code: `
import http from 'node:http';
export function post(entry) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', timeout: 5000 }, resolve);
    req.on('error', reject);
    req.end(JSON.stringify(entry));
  });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'timeoutOnlyEmits',
          data: { setting: 'timeout: 5000' },
          line: 5,
          column: 53,
          endLine: 5,
          endColumn: 66,
          suggestions: [
            {
              messageId: 'addDeadline',
              data: { deadline: 'signal: AbortSignal.timeout(5000)' },
              output: `
import http from 'node:http';
export function post(entry) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', timeout: 5000, signal: AbortSignal.timeout(5000) }, resolve);
    req.on('error', reject);
    req.end(JSON.stringify(entry));
  });
}
      `,
            },
          ],
        },
      ],
    },
    {
      // req.setTimeout(ms) with no listener only emits too.
      code: "import http from 'node:http';\nconst req = http.get(url, (res) => res.resume());\nreq.setTimeout(5000);",
      output: null,
      errors: [
        {
          messageId: 'timeoutOnlyEmits',
          data: { setting: 'req.setTimeout(5000)' },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 21,
          suggestions: [{ messageId: 'addDeadline', output: "import http from 'node:http';\nconst req = http.get(url, { signal: AbortSignal.timeout(5000) }, (res) => res.resume());\nreq.setTimeout(5000);" }],
        },
      ],
    },
    {
      // got ≥ 12 throws on a number: autofixed to what got 11 did with it — also inside a handler.
      code: `
import got from 'got';
import express from 'express';
const TIMEOUT = 2000;
const tax = got.extend({ prefixUrl, timeout: 5_000 });
const app = express();
app.get('/rates', async (req, res) => {
  res.json(await got('https://fx.example.com', { timeout: TIMEOUT }).json());
});
      `,
      output: `
import got from 'got';
import express from 'express';
const TIMEOUT = 2000;
const tax = got.extend({ prefixUrl, timeout: { request: 5_000 } });
const app = express();
app.get('/rates', async (req, res) => {
  res.json(await got('https://fx.example.com', { timeout: { request: TIMEOUT } }).json());
});
      `,
      errors: [
        { messageId: 'gotNumericTimeout', data: { value: '5_000' }, line: 5, column: 37, endLine: 5, endColumn: 51 },
        { messageId: 'gotNumericTimeout', data: { value: 'TIMEOUT' }, line: 8, column: 50, endLine: 8, endColumn: 66 },
      ],
    },
    {
      // ofetch ignores `timeout` next to a `signal`.
      code: "import { ofetch } from 'ofetch';\nofetch(url, { timeout: 5000, signal });",
      output: null,
      errors: [{ messageId: 'timeoutIgnoredWithSignal', line: 2, column: 15, endLine: 2, endColumn: 28 }],
    },
    {
      // A race of two requests has no timer in it.
      code: 'async function first() { return Promise.race([fetch(primaryUrl), fetch(mirrorUrl)]); }',
      output: null,
      errors: [
        { messageId: 'noDeadline', line: 1, column: 47, endLine: 1, endColumn: 52, suggestions: [{ messageId: 'addDeadline', output: `async function first() { return Promise.race([fetch(primaryUrl, { ${SIGNAL} }), fetch(mirrorUrl)]); }` }] },
        { messageId: 'noDeadline', line: 1, column: 66, endLine: 1, endColumn: 71, suggestions: [{ messageId: 'addDeadline', output: `async function first() { return Promise.race([fetch(primaryUrl), fetch(mirrorUrl, { ${SIGNAL} })]); }` }] },
      ],
    },
    {
      // TypeScript: type arguments and assertions stay as they are.
      code: "import axios from 'axios';\nconst users = await axios.get<User[]>(url as string);",
      tsOnly: true,
      output: null,
      errors: [
        {
          messageId: 'noDeadline',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 30,
          suggestions: [{ messageId: 'addDeadline', output: "import axios from 'axios';\nconst users = await axios.get<User[]>(url as string, { timeout: 10000 });" }],
        },
      ],
    },
  ],
});
