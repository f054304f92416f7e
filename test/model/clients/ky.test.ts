import { describe, expect, it } from 'vitest';

import { clientsIn, onlyCall, onlyInstance, STYLES, summarize, textOf, type CallSummary, type Imports } from './clients';

const KY: Imports = { esm: "import ky from 'ky';", cjs: "const ky = require('ky');" };

/** ky's default timeout is 10 s: a call without options is bounded. */
const CALLS: readonly [string, CallSummary][] = [
  ['ky(url);', { library: 'ky', deadline: 'present', insertion: 'argument', method: 'GET' }],
  ['ky.get(url).json();', { library: 'ky', deadline: 'present', insertion: 'argument', method: 'GET' }],
  ['ky.post(url, { json: body });', { library: 'ky', deadline: 'present', insertion: 'property', method: 'POST' }],
  ['ky.put(url, { timeout: 30_000 });', { library: 'ky', deadline: 'present', insertion: 'property', method: 'PUT' }],
  ['ky.delete(url, { timeout: false });', { library: 'ky', deadline: 'disabled', insertion: 'property', method: 'DELETE' }],
  ['ky.patch(url, { timeout: false, signal });', { library: 'ky', deadline: 'present', insertion: 'property', method: 'PATCH' }],
  ['ky.head(url);', { library: 'ky', deadline: 'present', insertion: 'argument', method: 'HEAD' }],
  ["ky(url, { method: 'post' });", { library: 'ky', deadline: 'present', insertion: 'property', method: 'POST' }],
  // Unknown options on the default client: its 10 s default still bounds, unless they turn it off.
  ['ky(url, options);', { library: 'ky', deadline: 'present' }],
];

describe.each(STYLES)('ky ($name)', (style) => {
  it.each(CALLS)('%s', (code, expected) => {
    expect(summarize(onlyCall(clientsIn(code, style, KY)))).toEqual(expected);
  });

  it('points at the option that turns the default off', () => {
    const clients = clientsIn('ky.get(url, { timeout: false });', style, KY);
    expect(textOf(clients, onlyCall(clients).deadlineNode)).toBe('timeout: false');
  });

  it.each([
    ['ky.create({ prefixUrl });', 'present', undefined],
    ['ky.extend({ prefixUrl, timeout: 5000 });', 'present', 'timeout: 5000'],
    ['ky.create({ timeout: false });', 'disabled', 'timeout: false'],
    ['ky.create(options);', 'present', undefined],
  ])('%s', (code, deadline, node) => {
    const clients = clientsIn(code, style, KY);
    const instance = onlyInstance(clients);
    expect(instance).toMatchObject({ library: 'ky', kind: 'client', deadline });
    expect(textOf(clients, instance.deadlineNode)).toBe(node);
  });

  it('combines calls with their instance', () => {
    const code = "const api = ky.create({ prefixUrl, timeout: false });\napi.get('users');\napi('health', { timeout: 1000 });\nconst slow = api.extend({ headers });\nslow.post('upload');";
    const clients = clientsIn(code, style, KY);
    const [api, slow] = clients.instances;
    expect(slow).toMatchObject({ deadline: 'disabled', parent: api });
    expect(clients.calls.map((call) => [call.deadline, call.method, call.instance])).toEqual([
      ['disabled', 'GET', api],
      ['present', 'GET', api],
      ['disabled', 'POST', slow],
    ]);
  });
});
