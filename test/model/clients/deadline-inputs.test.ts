import { describe, expect, it } from 'vitest';

import { clientsIn, onlyCall, STYLES, summarize, textOf, type Imports } from './clients';

const AXIOS: Imports = { esm: "import axios from 'axios';", cjs: "const axios = require('axios');" };
const HTTP: Imports = { esm: "import http from 'node:http';", cjs: "const http = require('node:http');" };

describe.each(STYLES)('deadline inputs ($name)', (style) => {
  // A fetch input that may be a Request (which carries its own signal) is unknown; a URL, however built, is not.
  it.each([
    ['fetch(url);', 'missing'],
    ['fetch(baseUrl);', 'missing'],
    ['fetch(API_URL);', 'missing'],
    ['fetch(tokenEndpoint);', 'missing'],
    ['fetch(`${base}/users`);', 'missing'],
    ["fetch(base + '/users');", 'missing'],
    ['fetch(new URL(path, base));', 'missing'],
    ['fetch(ordersApi(id));', 'missing'],
    ['fetch(target);', 'missing'],
    ['fetch(requestUrl);', 'missing'],
    ['fetch(args[0]);', 'unknown'],
    ['fetch(upstreamReq);', 'unknown'],
    ['fetch(request.clone());', 'unknown'],
    ['fetch(input);', 'unknown'],
    ['fetch(this[kRequest]);', 'unknown'],
    ['fetch(cond ? request : url);', 'unknown'],
    ['fetch(requestClone, { headers });', 'unknown'],
    ['fetch(input, { signal: AbortSignal.timeout(1000) });', 'present'],
  ])('%s → %s', (code, deadline) => {
    expect(onlyCall(clientsIn(code, style)).deadline).toBe(deadline);
  });

  it('keeps the method of a non-URL input with an init', () => {
    expect(summarize(onlyCall(clientsIn("fetch(input, { method: 'HEAD' });", style)))).toMatchObject({ deadline: 'unknown', method: 'HEAD' });
  });

  // camelCase and SCREAMING_CASE URL names read as URLs (not `curl`).
  it.each([
    ['http.get(baseUrl, (res) => res.resume());', 'missing'],
    ['http.get(SERVICE_URL, (res) => res.resume());', 'missing'],
    ['http.get(curl, (res) => res.resume());', 'unknown'],
  ])('%s → %s', (code, deadline) => {
    expect(onlyCall(clientsIn(code, style, HTTP)).deadline).toBe(deadline);
  });

  it('lists what the file configures on a default client', () => {
    const clients = clientsIn('axios.defaults.timeout = 0;\naxios.get(url);', style, AXIOS);
    const [configuration] = clients.model.clients.defaultConfigurations;
    expect(configuration).toMatchObject({ library: 'axios', deadline: 'disabled' });
    expect(textOf(clients, configuration?.deadlineNode)).toBe('axios.defaults.timeout = 0');
    expect(clientsIn('axios.get(url);', style, AXIOS).model.clients.defaultConfigurations).toEqual([]);
  });

  it('lists an interceptor that may bound every call', () => {
    const code = 'axios.interceptors.request.use((config) => { config.timeout = 5000; return config; });';
    expect(clientsIn(code, style, AXIOS).model.clients.defaultConfigurations).toMatchObject([{ library: 'axios', deadline: 'present' }]);
  });
});

describe('deadline inputs (typescript only)', () => {
  it.each([
    ['function send(target: RequestInfo) { return fetch(target); }', 'unknown'],
    ['function send(target: Request | string) { return fetch(target); }', 'unknown'],
    ['function send(target: string) { return fetch(target); }', 'missing'],
  ])('%s → %s', (code, deadline) => {
    expect(onlyCall(clientsIn(code, STYLES[2]!)).deadline).toBe(deadline);
  });
});
