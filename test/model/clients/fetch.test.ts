import { describe, expect, it } from 'vitest';

import { clientsIn, insertionText, onlyCall, STYLES, summarize, textOf, type CallSummary, type Imports } from './clients';

const GLOBAL_FETCH: readonly [string, CallSummary][] = [
  ['fetch(url);', { library: 'fetch', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ["async function f() { await fetch(url, { method: 'POST', body }); }", { library: 'fetch', deadline: 'missing', insertion: 'property', method: 'POST' }],
  ['fetch(url, { signal: AbortSignal.timeout(5000) });', { library: 'fetch', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['fetch(url, { signal: init.signal ?? AbortSignal.timeout(ms) });', { library: 'fetch', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['fetch(url, { signal: controller.signal });', { library: 'fetch', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['fetch(url, { signal });', { library: 'fetch', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['fetch(url, { ...init, signal });', { library: 'fetch', deadline: 'present', insertion: 'property' }],
  ['fetch(url, { signal: undefined });', { library: 'fetch', deadline: 'missing', insertion: 'property', method: 'GET' }],
  // Global fetch has no `timeout` option: only node-fetch v2 reads it.
  ['fetch(url, { timeout: 5000 });', { library: 'fetch', deadline: 'missing', insertion: 'property', method: 'GET' }],
  ["fetch(url, { method: 'head' });", { library: 'fetch', deadline: 'missing', insertion: 'property', method: 'HEAD' }],
  ["const HEAD = 'HEAD'; fetch(url, { method: HEAD });", { library: 'fetch', deadline: 'missing', insertion: 'property', method: 'HEAD' }],
  ['fetch(url, { method });', { library: 'fetch', deadline: 'missing', insertion: 'property' }],
  ['globalThis.fetch(url);', { library: 'fetch', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  // Options we cannot read: unknown, and no insertion point.
  ['fetch(url, init);', { library: 'fetch', deadline: 'unknown' }],
  ['function f(init) { return fetch(url, init); }', { library: 'fetch', deadline: 'unknown' }],
  ['fetch(url, makeInit());', { library: 'fetch', deadline: 'unknown' }],
  ['fetch(url, { ...init });', { library: 'fetch', deadline: 'unknown', insertion: 'property' }],
  ['fetch(...args);', { library: 'fetch', deadline: 'unknown' }],
  // A Request carries its own signal.
  ['fetch(new Request(url, { signal }));', { library: 'fetch', deadline: 'unknown', insertion: 'argument' }],
];

const NODE_FETCH: Imports = { esm: "import fetch from 'node-fetch';", cjs: "const fetch = require('node-fetch');" };
const NODE_FETCH_CASES: readonly [string, CallSummary][] = [
  ['fetch(url);', { library: 'node-fetch', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['fetch(url, { timeout: 5000 });', { library: 'node-fetch', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['fetch(url, { timeout: 0 });', { library: 'node-fetch', deadline: 'disabled', insertion: 'property', method: 'GET' }],
  ['fetch(url, { signal });', { library: 'node-fetch', deadline: 'present', insertion: 'property', method: 'GET' }],
  ["fetch(url, { method: 'DELETE', signal: AbortSignal.timeout(1000) });", { library: 'node-fetch', deadline: 'present', insertion: 'property', method: 'DELETE' }],
];

const UNDICI_FETCH: Imports = { esm: "import { fetch } from 'undici';", cjs: "const { fetch } = require('undici');" };
const UNDICI_FETCH_CASES: readonly [string, CallSummary][] = [
  ['fetch(url);', { library: 'undici', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ['fetch(url, { signal: AbortSignal.timeout(1000) });', { library: 'undici', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['fetch(url, opts);', { library: 'undici', deadline: 'unknown' }],
];

describe.each(STYLES)('fetch ($name)', (style) => {
  it.each(GLOBAL_FETCH)('global: %s', (code, expected) => {
    expect(summarize(onlyCall(clientsIn(code, style)))).toEqual(expected);
  });

  it.each(NODE_FETCH_CASES)('node-fetch: %s', (code, expected) => {
    expect(summarize(onlyCall(clientsIn(code, style, NODE_FETCH)))).toEqual(expected);
  });

  it.each(UNDICI_FETCH_CASES)('undici fetch: %s', (code, expected) => {
    expect(summarize(onlyCall(clientsIn(code, style, UNDICI_FETCH)))).toEqual(expected);
  });

  it('inserts the init as the 2nd argument', () => {
    const clients = clientsIn('fetch(url);', style);
    expect(insertionText(clients, onlyCall(clients))).toBe('fetch(url)@1');
  });

  it('points at the signal that bounds the call', () => {
    const clients = clientsIn("fetch(url, { method: 'POST', signal: AbortSignal.timeout(5000) });", style);
    expect(textOf(clients, onlyCall(clients).deadlineNode)).toBe('signal: AbortSignal.timeout(5000)');
  });

  it('resolves node-fetch through a namespace-style default', () => {
    const code = style.sourceType === 'commonjs' ? "const fetch = require('node-fetch').default; fetch(url);" : "import { default as fetch } from 'node-fetch'; fetch(url);";
    expect(onlyCall(clientsIn(code, style)).library).toBe('node-fetch');
  });
});

describe('fetch (typescript only)', () => {
  const style = STYLES[2]!;

  it('reads options through type assertions', () => {
    const clients = clientsIn('fetch(url, { signal } as RequestInit);', style);
    expect(summarize(onlyCall(clients))).toEqual({ library: 'fetch', deadline: 'present', insertion: 'property', method: 'GET' });
  });

  it('resolves node-fetch through import = require', () => {
    const clients = clientsIn("import fetch = require('node-fetch'); fetch(url, { timeout: 1000 });", style);
    expect(summarize(onlyCall(clients))).toEqual({ library: 'node-fetch', deadline: 'present', insertion: 'property', method: 'GET' });
  });
});
