import { describe, expect, it } from 'vitest';

import { clientsIn, insertionText, onlyCall, onlyInstance, STYLES, summarize, textOf, type CallSummary, type Imports } from './clients';

const NEEDLE: Imports = { esm: "import needle from 'needle';", cjs: "const needle = require('needle');" };

const CALLS: readonly [string, CallSummary, string?][] = [
  ['needle.get(url, (err, res) => {});', { library: 'needle', deadline: 'missing', insertion: 'argument', method: 'GET' }, 'needle.get(url, (err, res) => {})@1'],
  ['needle.get(url);', { library: 'needle', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['needle.get(url, { response_timeout: 5000 }, cb);', { library: 'needle', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['needle.head(url, { read_timeout: 5000 });', { library: 'needle', deadline: 'present', insertion: 'property', method: 'HEAD' }],
  ['needle.get(url, { response_timeout: 0 });', { library: 'needle', deadline: 'disabled', insertion: 'property', method: 'GET' }],
  ['needle.post(url, data, { json: true });', { library: 'needle', deadline: 'missing', insertion: 'property', method: 'POST' }],
  ['needle.put(url, data, (err, res) => {});', { library: 'needle', deadline: 'missing', insertion: 'argument', method: 'PUT' }, 'needle.put(url, data, (err, res) => {})@2'],
  ['needle.delete(url, null, { response_timeout: 1000 });', { library: 'needle', deadline: 'present', insertion: 'property', method: 'DELETE' }],
  ["needle('get', url, null, { read_timeout: 1000 });", { library: 'needle', deadline: 'present', insertion: 'property', method: 'GET' }],
  ["needle('post', url, data);", { library: 'needle', deadline: 'missing', insertion: 'argument', method: 'POST' }],
  ["needle.request('patch', url, data, { json: true }, cb);", { library: 'needle', deadline: 'missing', insertion: 'property', method: 'PATCH' }],
  // `open_timeout` and its alias `timeout` bound only connecting: no bound, but no report against
  // the timeout the user wrote either.
  ['needle.get(url, { open_timeout: 5000 });', { library: 'needle', deadline: 'unknown', insertion: 'property', method: 'GET' }],
  ['needle.get(url, { timeout: 5000 });', { library: 'needle', deadline: 'unknown', insertion: 'property', method: 'GET' }],
  ['needle.get(url, { timeout: 5000, read_timeout: 5000 });', { library: 'needle', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['needle.get(url, options, cb);', { library: 'needle', deadline: 'unknown', method: 'GET' }],
];

describe.each(STYLES)('needle ($name)', (style) => {
  it.each(CALLS)('%s', (code, expected, insertion) => {
    const clients = clientsIn(code, style, NEEDLE);
    const call = onlyCall(clients);
    expect(summarize(call)).toEqual(expected);
    if (insertion) expect(insertionText(clients, call)).toBe(insertion);
  });

  it('applies needle.defaults to every needle call', () => {
    const code = "needle.defaults({ response_timeout: 10_000, user_agent: 'x' });\nneedle.get(url);\nneedle.post(url, data, { response_timeout: 0 });";
    const clients = clientsIn(code, style, NEEDLE);
    const defaults = onlyInstance(clients);
    expect(defaults).toMatchObject({ library: 'needle', kind: 'client', deadline: 'present' });
    expect(textOf(clients, defaults.deadlineNode)).toBe('response_timeout: 10_000');
    expect(clients.calls.map((call) => [call.deadline, call.instance])).toEqual([
      ['present', defaults],
      ['disabled', defaults],
    ]);
  });

  it('records defaults without a bound, and whether every call has its own', () => {
    const clients = clientsIn("needle.defaults({ user_agent: 'x' });\nneedle.get(url, { read_timeout: 1000 });", style, NEEDLE);
    expect(onlyInstance(clients)).toMatchObject({ deadline: 'missing', everyCallBounded: true });
    expect(onlyCall(clients).deadline).toBe('present');
  });
});
