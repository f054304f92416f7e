import { describe, expect, it } from 'vitest';

import { clientsIn, insertionText, onlyCall, onlyInstance, STYLES, summarize, textOf, type CallSummary, type Imports } from './clients';

const UNDICI: Imports = {
  esm: "import { request, stream, fetch, Agent, Pool, Client, ProxyAgent, RetryAgent } from 'undici';",
  cjs: "const { request, stream, fetch, Agent, Pool, Client, ProxyAgent, RetryAgent } = require('undici');",
};
const NAMESPACE: Imports = { esm: "import * as undici from 'undici';", cjs: "const undici = require('undici');" };

const CALLS: readonly [string, CallSummary][] = [
  ['request(url);', { library: 'undici', deadline: 'missing', insertion: 'argument', method: 'GET' }],
  ["request(url, { method: 'POST', body });", { library: 'undici', deadline: 'missing', insertion: 'property', method: 'POST' }],
  ['request(url, { signal: AbortSignal.timeout(1000) });', { library: 'undici', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['request(url, { headersTimeout: 5000, bodyTimeout: 5000 });', { library: 'undici', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['request(url, { headersTimeout: 0 });', { library: 'undici', deadline: 'disabled', insertion: 'property', method: 'GET' }],
  // Each timeout bounds one phase: the body can still trickle forever.
  ['request(url, { headersTimeout: 5000, bodyTimeout: 0 });', { library: 'undici', deadline: 'disabled', insertion: 'property', method: 'GET' }],
  ['request(url, { bodyTimeout: 0, signal });', { library: 'undici', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['request(url, { ...opts, bodyTimeout: 0 });', { library: 'undici', deadline: 'unknown', insertion: 'property' }],
  ['request(url, opts);', { library: 'undici', deadline: 'unknown' }],
  ['stream(url, { signal }, factory);', { library: 'undici', deadline: 'present', insertion: 'property', method: 'GET' }],
  ['stream(url, { method: "PUT" }, factory);', { library: 'undici', deadline: 'missing', insertion: 'property', method: 'PUT' }],
  ['fetch(url);', { library: 'undici', deadline: 'missing', insertion: 'argument', method: 'GET' }],
];

/** [code, deadline, deadlineNode text]. */
const AGENTS: readonly [string, string, string | undefined][] = [
  ['new Agent();', 'present', undefined],
  ['new Agent({ connections: 10 });', 'present', undefined],
  ['new Agent({ headersTimeout: 10_000 });', 'present', 'headersTimeout: 10_000'],
  ['new Agent({ headersTimeout: 0 });', 'disabled', 'headersTimeout: 0'],
  ['new Agent({ headersTimeout: 10_000, bodyTimeout: 0 });', 'disabled', 'bodyTimeout: 0'],
  ['new Pool(origin, { bodyTimeout: 0 });', 'disabled', 'bodyTimeout: 0'],
  ['new Client(origin);', 'present', undefined],
  ["new ProxyAgent('http://proxy:8080');", 'present', undefined],
  ['new ProxyAgent({ uri, bodyTimeout: 0 });', 'disabled', 'bodyTimeout: 0'],
  ['new Agent(options);', 'unknown', undefined],
  ['new Agent({ ...options });', 'unknown', undefined],
  ['new Agent({ headersTimeout: 0, ...options });', 'unknown', undefined],
  ['new Agent({ ...options, headersTimeout: 0 });', 'disabled', 'headersTimeout: 0'],
];

describe.each(STYLES)('undici ($name)', (style) => {
  it.each(CALLS)('%s', (code, expected) => {
    expect(summarize(onlyCall(clientsIn(code, style, UNDICI)))).toEqual(expected);
  });

  it.each(AGENTS)('%s', (code, deadline, node) => {
    const clients = clientsIn(code, style, UNDICI);
    const agent = onlyInstance(clients);
    expect(agent).toMatchObject({ library: 'undici', kind: 'agent', deadline, everyCallBounded: false });
    expect(textOf(clients, agent.deadlineNode)).toBe(node);
    expect(clients.calls).toEqual([]);
  });

  it('records where an agent takes its options', () => {
    const clients = clientsIn('new Pool(origin);', style, UNDICI);
    expect(insertionText(clients, onlyInstance(clients))).toBe('new Pool(origin)@1');
  });

  it('reads the namespace import', () => {
    const clients = clientsIn('const agent = new undici.Agent({ bodyTimeout: 0 }); undici.request(url, { dispatcher: agent });', style, NAMESPACE);
    expect(onlyInstance(clients)).toMatchObject({ kind: 'agent', deadline: 'disabled', name: { name: 'agent' } });
    expect(summarize(onlyCall(clients))).toEqual({ library: 'undici', deadline: 'missing', insertion: 'property', method: 'GET' });
  });

  // An agent's timeouts limit waiting for headers and the gap between body chunks: they are not a
  // deadline, so a call through the agent is bounded by its own options only.
  it('does not count a dispatcher as the bound of a call through it', () => {
    const clients = clientsIn('const agent = new Agent({ headersTimeout: 5000 }); fetch(url, { dispatcher: agent });', style, UNDICI);
    const call = onlyCall(clients);
    expect(call).toMatchObject({ deadline: 'missing', agent: clients.instances[0] });
    expect(call.instance).toBeUndefined();
  });

  it('recognises requests made on a dispatcher', () => {
    const code = [
      'const client = new Client(origin);',
      "client.request({ path: '/', method: 'GET' });",
      "client.request({ path: '/', method: 'POST', signal: AbortSignal.timeout(1000) });",
      "client.stream({ path: '/' }, factory);",
      'client.close();',
    ].join('\n');
    const clients = clientsIn(code, style, UNDICI);
    const client = onlyInstance(clients);
    expect(clients.calls.map(summarize)).toEqual([
      { library: 'undici', deadline: 'missing', insertion: 'property', method: 'GET' },
      { library: 'undici', deadline: 'present', insertion: 'property', method: 'POST' },
      { library: 'undici', deadline: 'missing', insertion: 'property', method: 'GET' },
    ]);
    expect(clients.calls.every((call) => call.instance === client)).toBe(true);
  });

  it('lets a RetryAgent take the wrapped dispatcher’s timeouts', () => {
    const clients = clientsIn('const base = new Agent({ bodyTimeout: 0 }); const retrying = new RetryAgent(base);', style, UNDICI);
    const [base, retrying] = clients.instances;
    expect(retrying).toMatchObject({ kind: 'agent', deadline: 'disabled', parent: base });
    expect(textOf(clients, retrying!.deadlineNode)).toBe('bodyTimeout: 0');
  });

  it('records a same-file subclass of a dispatcher as an agent whose options we cannot read', () => {
    const clients = clientsIn('class TracingAgent extends Agent {}\nconst agent = new TracingAgent({ bodyTimeout: 0 });', style, UNDICI);
    expect(onlyInstance(clients)).toMatchObject({ library: 'undici', kind: 'agent', deadline: 'unknown', name: { name: 'agent' } });
  });
});
