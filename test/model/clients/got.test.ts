import { describe, expect, it } from 'vitest';

import { clientsIn, insertionText, onlyCall, onlyInstance, STYLES, summarize, textOf, type CallSummary, type Imports } from './clients';

const GOT: Imports = { esm: "import got from 'got';", cjs: "const got = require('got');" };

const CALLS: readonly [string, CallSummary, string?][] = [
  ['got(url);', { library: 'got', deadline: 'missing', insertion: 'argument', method: 'GET' }, 'got(url)@1'],
  ['got(url, { timeout: { request: 5000 } });', { library: 'got', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['got(url, { timeout: { response: 1000, read: 1000 } });', { library: 'got', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['got(url, { timeout: {} });', { library: 'got', deadline: 'missing', insertion: 'property', method: 'GET' }],
  ['got(url, { timeout: { ...timeouts } });', { library: 'got', deadline: 'unknown', insertion: 'property', method: 'GET' }],
  ['got(url, { timeout: timeouts });', { library: 'got', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['got(url, { signal: AbortSignal.timeout(5000) });', { library: 'got', deadline: 'present', insertion: 'property', method: 'GET' }],
  ["got({ url, method: 'POST', json });", { library: 'got', deadline: 'missing', insertion: 'property', method: 'POST' }],
  ['got.get(url);', { library: 'got', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['got.post(url, { json: body });', { library: 'got', deadline: 'missing', insertion: 'property', method: 'POST' }],
  ['got.put(url, { json: body, timeout: { request: 1000 } });', { library: 'got', deadline: 'present', insertion: 'property', method: 'PUT' }],
  ['got.patch(url, options);', { library: 'got', deadline: 'unknown', method: 'PATCH' }],
  ['got.delete(url);', { library: 'got', deadline: 'missing', insertion: 'argument', method: 'DELETE' }],
  ['got.head(url);', { library: 'got', deadline: 'missing', insertion: 'argument', method: 'HEAD' }],
  ['got.stream(url);', { library: 'got', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['got.stream.post(url, { body });', { library: 'got', deadline: 'missing', insertion: 'property', method: 'POST' }],
  ['got(url, options);', { library: 'got', deadline: 'unknown' }],
];

describe.each(STYLES)('got ($name)', (style) => {
  it.each(CALLS)('%s', (code, expected, insertion) => {
    const clients = clientsIn(code, style, GOT);
    const call = onlyCall(clients);
    expect(summarize(call)).toEqual(expected);
    if (insertion) expect(insertionText(clients, call)).toBe(insertion);
  });

  // got ≥ 12 throws on a number: the call never runs (so it cannot hang); the trap is the defect.
  it('flags a numeric timeout', () => {
    const clients = clientsIn('got(url, { timeout: 5000 });', style, GOT);
    const call = onlyCall(clients);
    expect(summarize(call)).toEqual({ library: 'got', deadline: 'present', trap: 'got-numeric-timeout', insertion: 'property', method: 'GET' });
    expect(textOf(clients, call.trap?.node)).toBe('timeout: 5000');
  });

  it('flags a numeric timeout through a constant', () => {
    const clients = clientsIn('const TIMEOUT = 5000;\ngot.post(url, { timeout: TIMEOUT });', style, GOT);
    expect(onlyCall(clients).trap?.kind).toBe('got-numeric-timeout');
  });

  it.each([
    ['got.extend({ timeout: { request: 10_000 } });', 'present', undefined],
    ['got.extend({ prefixUrl });', 'missing', undefined],
    ['got.extend();', 'missing', undefined],
    ['got.extend(options);', 'unknown', undefined],
    ['got.extend({ timeout: 10_000 });', 'present', 'got-numeric-timeout'],
  ])('%s', (code, deadline, trap) => {
    const clients = clientsIn(code, style, GOT);
    const instance = onlyInstance(clients);
    expect(instance).toMatchObject({ library: 'got', kind: 'client', deadline });
    expect(instance.trap?.kind).toBe(trap);
  });

  it('combines calls with their instance', () => {
    const code = [
      'const client = got.extend({ prefixUrl, timeout: { request: 10_000 } });',
      "client('users');",
      "client.post('users', { json });",
      "client.stream('export');",
    ].join('\n');
    const clients = clientsIn(code, style, GOT);
    const client = onlyInstance(clients);
    expect(clients.calls.map((call) => [call.deadline, call.method, call.instance === client])).toEqual([
      ['present', 'GET', true],
      ['present', 'POST', true],
      ['present', 'GET', true],
    ]);
    expect(textOf(clients, clients.calls[0]!.deadlineNode)).toBe('timeout: { request: 10_000 }');
  });

  it('inherits through extend chains', () => {
    const code = "const base = got.extend({ timeout: { request: 1000 } });\nconst api = base.extend({ prefixUrl });\napi.get('x');";
    const clients = clientsIn(code, style, GOT);
    const [base, api] = clients.instances;
    expect(api).toMatchObject({ deadline: 'present', parent: base, name: { name: 'api' } });
    expect(onlyCall(clients).instance).toBe(api);
  });

  it('notes when every call on an unbounded instance carries its own bound', () => {
    const code = "const api = got.extend({ prefixUrl });\napi.get('a', { timeout: { request: 1000 } });";
    expect(onlyInstance(clientsIn(code, style, GOT)).everyCallBounded).toBe(true);
  });
});
