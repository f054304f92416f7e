import { describe, expect, it } from 'vitest';

import { clientsIn, STYLES } from './clients';

/** Code that names a client method or library but makes no outbound call: recognition goes through bindings, never names. */
const NOT_CALLS: readonly [string, string, string][] = [
  ['a method named fetch', 'class Store { fetch() {} load() { return this.fetch(url); } }', 'class Store { fetch() {} load() { return this.fetch(url); } }'],
  ['a fetch property', 'obj.fetch(url); api.fetch(url);', 'obj.fetch(url); api.fetch(url);'],
  ['a shadowed fetch', 'const fetch = makeFetch(); fetch(url);', 'const fetch = makeFetch(); fetch(url);'],
  ['a fetch parameter', 'function load(fetch) { return fetch(url); }', 'function load(fetch) { return fetch(url); }'],
  ['a cache', 'cache.get(url); map.get(key); headers.get("x");', 'cache.get(url); map.get(key); headers.get("x");'],
  ['a local function named axios', 'function axios() {}\naxios.get(url);\naxios(url);', 'function axios() {}\naxios.get(url);\naxios(url);'],
  ['an instance from another module', "import { api } from './api';\napi.get('/x');", "const { api } = require('./api');\napi.get('/x');"],
  ['a default export of another module named like a client', "import got from './got';\ngot(url);", "const got = require('./got');\ngot(url);"],
  ['routes', "router.get('/x', fn);\napp.post('/y', handler);", "router.get('/x', fn);\napp.post('/y', handler);"],
  ['an injected client', 'class S { constructor(http) { this.http = http; } load() { return this.http.get(url); } }', 'class S { constructor(http) { this.http = http; } load() { return this.http.get(url); } }'],
  ['a parameter shadowing an import', "import axios from 'axios';\nfunction load(axios) { return axios.get(url); }", "const axios = require('axios');\nfunction load(axios) { return axios.get(url); }"],
  ['an undici request parameter', "import { request } from 'undici';\nfunction send(request) { return request(url); }", "const { request } = require('undici');\nfunction send(request) { return request(url); }"],
  ['a server', "import http from 'http';\nhttp.createServer(handler).listen(3000);", "const http = require('http');\nhttp.createServer(handler).listen(3000);"],
  ['an Agent from another library', "import { Agent } from 'https-proxy-agent';\nnew Agent(proxy);", "const { Agent } = require('https-proxy-agent');\nnew Agent(proxy);"],
  ['a response method', "import axios from 'axios';\nasync function f() { const res = await axios.get(url, { timeout: 1 }); res.data.get('x'); }", "const axios = require('axios');\nasync function f() { const res = await axios.get(url, { timeout: 1 }); res.data.get('x'); }"],
];

describe.each(STYLES)('look-alikes ($name)', (style) => {
  it.each(NOT_CALLS)('%s', (name, esm, cjs) => {
    const clients = clientsIn(style.sourceType === 'commonjs' ? cjs : esm, style);
    const expected = name === 'a response method' ? 1 : 0; // only the real axios.get
    expect(clients.calls).toHaveLength(expected);
    expect(clients.instances).toEqual([]);
  });
});
