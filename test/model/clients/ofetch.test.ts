import { describe, expect, it } from 'vitest';

import { clientsIn, onlyCall, onlyInstance, STYLES, summarize, textOf, type CallSummary, type Imports } from './clients';

const OFETCH: Imports = { esm: "import { ofetch, $fetch } from 'ofetch';", cjs: "const { ofetch, $fetch } = require('ofetch');" };

const CALLS: readonly [string, CallSummary][] = [
  ['ofetch(url);', { library: 'ofetch', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['$fetch(url);', { library: 'ofetch', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['ofetch.raw(url);', { library: 'ofetch', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ["ofetch(url, { method: 'POST', body });", { library: 'ofetch', deadline: 'missing', insertion: 'property', method: 'POST' }],
  ['ofetch(url, { timeout: 3000 });', { library: 'ofetch', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['ofetch(url, { timeout: 0 });', { library: 'ofetch', deadline: 'disabled', insertion: 'property', method: 'GET' }],
  ['$fetch.raw(url, { signal });', { library: 'ofetch', deadline: 'present', insertion: 'property', method: 'GET' }],
  // The signal still bounds the call; the ignored timeout is the trap.
  [
    'ofetch(url, { timeout: 3000, signal: controller.signal });',
    { library: 'ofetch', deadline: 'present', trap: 'timeout-ignored-with-signal', insertion: 'property', method: 'GET' },
  ],
  ['ofetch(url, options);', { library: 'ofetch', deadline: 'unknown' }],
];

describe.each(STYLES)('ofetch ($name)', (style) => {
  it.each(CALLS)('%s', (code, expected) => {
    expect(summarize(onlyCall(clientsIn(code, style, OFETCH)))).toEqual(expected);
  });

  it('points the trap at the ignored timeout', () => {
    const clients = clientsIn('ofetch(url, { timeout: 3000, signal });', style, OFETCH);
    const call = onlyCall(clients);
    expect(textOf(clients, call.trap?.node)).toBe('timeout: 3000');
    expect(textOf(clients, call.deadlineNode)).toBe('signal');
  });

  it('combines calls with ofetch.create instances', () => {
    const code = "const api = ofetch.create({ baseURL, timeout: 5000 });\napi('/users');\napi.raw('/health', { method: 'HEAD' });\nconst plain = $fetch.create({ baseURL });\nplain('/x');";
    const clients = clientsIn(code, style, OFETCH);
    const [api, plain] = clients.instances;
    expect(api).toMatchObject({ library: 'ofetch', kind: 'client', deadline: 'present', name: { name: 'api' } });
    expect(plain).toMatchObject({ deadline: 'missing', everyCallBounded: false });
    expect(clients.calls.map((call) => [call.deadline, call.method, call.instance])).toEqual([
      ['present', 'GET', api],
      ['present', 'HEAD', api],
      ['missing', 'GET', plain],
    ]);
  });

  it('flags a create with both timeout and signal', () => {
    const instance = onlyInstance(clientsIn('ofetch.create({ timeout: 1000, signal });', style, OFETCH));
    expect(instance).toMatchObject({ deadline: 'present', trap: { kind: 'timeout-ignored-with-signal' } });
  });
});
