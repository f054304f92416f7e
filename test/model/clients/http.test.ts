import { describe, expect, it } from 'vitest';

import { clientsIn, insertionText, onlyCall, onlyInstance, STYLES, summarize, textOf, type CallSummary, type Imports } from './clients';

const HTTP: Imports = {
  esm: "import http from 'node:http';\nimport * as https from 'https';",
  cjs: "const http = require('node:http');\nconst https = require('https');",
};

const CALLS: readonly [string, CallSummary][] = [
  ["http.get('http://example.com/', (res) => res.resume());", { library: 'http', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['http.get(url, onResponse);', { library: 'http', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['http.request(new URL(path, base), (res) => {});', { library: 'http', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['http.request(`${base}/health`);', { library: 'http', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ["https.request({ host, path, method: 'POST' }, (res) => {});", { library: 'https', deadline: 'missing', insertion: 'property', method: 'POST' }],
  ["http.request(url, { method: 'HEAD' }, (res) => {});", { library: 'http', deadline: 'missing', insertion: 'property', method: 'HEAD' }],
  ["https.get({ host, method: 'POST' });", { library: 'https', deadline: 'missing', insertion: 'property', method: 'GET' }],
  ['http.request(url, { signal: AbortSignal.timeout(1000) }, (res) => {});', { library: 'http', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['http.request({ host, signal });', { library: 'http', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['http.request({ host, timeout: 0 });', { library: 'http', deadline: 'missing', insertion: 'property', method: 'GET' }],
  // An options variable (or something that may be one) is unknown.
  ['http.request(options, (res) => {});', { library: 'http', deadline: 'unknown' }],
  ['http.get(target, handle);', { library: 'http', deadline: 'unknown', method: 'GET' }],
  ['http.request({ ...defaults, host });', { library: 'http', deadline: 'unknown', insertion: 'property' }],
];

/** The `timeout` option and `setTimeout` only emit 'timeout' (semantics §A3). [code, summary, deadline or trap node]. */
const TIMEOUTS: readonly [string, CallSummary, string | undefined][] = [
  [
    'http.request({ host, timeout: 5000 }, (res) => {});',
    { library: 'http', deadline: 'missing', trap: 'timeout-only-emits', insertion: 'property', method: 'GET' },
    'timeout: 5000',
  ],
  [
    "const req = http.request({ host, timeout: 5000 });\nreq.on('timeout', () => req.destroy());\nreq.end();",
    { library: 'http', deadline: 'present', insertion: 'property', method: 'GET' },
    "req.on('timeout', () => req.destroy())",
  ],
  [
    "http.get({ host, timeout: 5000 }, (res) => {}).on('timeout', function () { this.destroy(); });",
    { library: 'http', deadline: 'present', insertion: 'property', method: 'GET' },
    "http.get({ host, timeout: 5000 }, (res) => {}).on('timeout', function () { this.destroy(); })",
  ],
  [
    "const req = http.get(url, (res) => {});\nreq.on('error', reject).setTimeout(5000, () => { req.destroy(new Error('timeout')); });",
    { library: 'http', deadline: 'present', insertion: 'argument', method: 'GET' },
    "req.on('error', reject).setTimeout(5000, () => { req.destroy(new Error('timeout')); })",
  ],
  [
    'const req = http.get(url, (res) => {});\nfunction onTimeout() { req.abort(); }\nreq.setTimeout(5000, onTimeout);',
    { library: 'http', deadline: 'present', insertion: 'argument', method: 'GET' },
    'req.setTimeout(5000, onTimeout)',
  ],
  [
    'const req = http.get(url, (res) => {});\nsetTimeout(() => req.destroy(), 5000);',
    { library: 'http', deadline: 'present', insertion: 'argument', method: 'GET' },
    'req.destroy()',
  ],
  [
    'const req = http.get(url, (res) => {});\nreq.setTimeout(5000);',
    { library: 'http', deadline: 'missing', trap: 'timeout-only-emits', insertion: 'argument', method: 'GET' },
    'req.setTimeout(5000)',
  ],
  [
    "const req = http.get({ host, timeout: 5000 });\nreq.on('timeout', () => console.warn('slow'));",
    { library: 'http', deadline: 'missing', trap: 'timeout-only-emits', insertion: 'property', method: 'GET' },
    'timeout: 5000',
  ],
  [
    "new Promise((resolve, reject) => http.get({ host, timeout: 5000 }, resolve).on('error', reject));",
    { library: 'http', deadline: 'missing', trap: 'timeout-only-emits', insertion: 'property', method: 'GET' },
    'timeout: 5000',
  ],
  [
    'const req = http.request({ host, timeout: 5000 });\nbody.pipe(req);\nreq.end();',
    { library: 'http', deadline: 'missing', trap: 'timeout-only-emits', insertion: 'property', method: 'GET' },
    'timeout: 5000',
  ],
  // Something we do not see may destroy the request: unknown.
  [
    "const req = http.get({ host, timeout: 5000 });\nreq.on('timeout', onTimeout);",
    { library: 'http', deadline: 'unknown', insertion: 'property', method: 'GET' },
    undefined,
  ],
  [
    "const req = http.get({ host, timeout: 5000 });\nreq.on('timeout', () => reject(new Error('timeout')));",
    { library: 'http', deadline: 'unknown', insertion: 'property', method: 'GET' },
    undefined,
  ],
  [
    'function get() { return http.get({ host, timeout: 5000 }); }',
    { library: 'http', deadline: 'unknown', insertion: 'property', method: 'GET' },
    undefined,
  ],
  [
    'const req = http.request({ host, timeout: 5000 });\nwithDeadline(req);',
    { library: 'http', deadline: 'unknown', insertion: 'property', method: 'GET' },
    undefined,
  ],
];

/** [code, library, keepAlive, socketCap]. */
const AGENTS: readonly [string, string, boolean | undefined, string][] = [
  ['new http.Agent({ keepAlive: true });', 'http', true, 'missing'],
  ['new https.Agent({ keepAlive: true, maxSockets: 50 });', 'https', true, 'present'],
  ['new http.Agent({ keepAlive: true, maxTotalSockets: 100 });', 'http', true, 'present'],
  ['new http.Agent({ keepAlive: true, maxSockets: Infinity });', 'http', true, 'missing'],
  ['new http.Agent();', 'http', false, 'missing'],
  ['new http.Agent({ keepAlive: false });', 'http', false, 'missing'],
  ['new http.Agent({ keepAlive: enabled });', 'http', undefined, 'missing'],
  ['new http.Agent(options);', 'http', undefined, 'unknown'],
  ['new http.Agent({ ...options, keepAlive: true });', 'http', true, 'unknown'],
];

describe.each(STYLES)('http/https ($name)', (style) => {
  it.each(CALLS)('%s', (code, expected) => {
    expect(summarize(onlyCall(clientsIn(code, style, HTTP)))).toEqual(expected);
  });

  it.each(TIMEOUTS)('%s', (code, expected, node) => {
    const clients = clientsIn(code, style, HTTP);
    const call = onlyCall(clients);
    expect(summarize(call)).toEqual(expected);
    expect(textOf(clients, call.trap?.node ?? call.deadlineNode)).toBe(node);
  });

  it.each(AGENTS)('%s', (code, library, keepAlive, socketCap) => {
    const agent = onlyInstance(clientsIn(code, style, HTTP));
    expect(agent).toMatchObject({ library, kind: 'agent', deadline: 'unknown', socketCap });
    expect(agent.keepAlive).toBe(keepAlive);
  });

  it('inserts options before the callback', () => {
    const clients = clientsIn('http.get(url, (res) => res.resume());', style, HTTP);
    expect(insertionText(clients, onlyCall(clients))).toBe('http.get(url, (res) => res.resume())@1');
  });

  it('links a call to the agent in its options', () => {
    const clients = clientsIn('const agent = new http.Agent({ keepAlive: true });\nhttp.get({ host, agent }, (res) => {});', style, HTTP);
    expect(onlyCall(clients).agent).toBe(onlyInstance(clients));
  });
});

describe('http/https named imports', () => {
  it.each(STYLES)('$name', (style) => {
    const imports: Imports = {
      esm: "import { get, Agent } from 'node:https';",
      cjs: "const { get, Agent } = require('node:https');",
    };
    const clients = clientsIn('const agent = new Agent({ keepAlive: true, maxSockets: 10 });\nget(url, (res) => {});', style, imports);
    expect(onlyInstance(clients)).toMatchObject({ library: 'https', keepAlive: true, socketCap: 'present', name: { name: 'agent' } });
    expect(summarize(onlyCall(clients))).toEqual({ library: 'https', deadline: 'missing', insertion: 'argument', method: 'GET' });
  });

  it('reads a typed URL parameter as a URL', () => {
    const code = "import http from 'http';\nfunction ping(target: URL) { http.get(target, (res) => res.resume()); }";
    const clients = clientsIn(code, STYLES[2]!);
    expect(summarize(onlyCall(clients))).toEqual({ library: 'http', deadline: 'missing', insertion: 'argument', method: 'GET' });
  });
});
