import { describe, expect, it } from 'vitest';

import { clientsIn, insertionText, onlyCall, onlyInstance, STYLES, summarize, textOf, type CallSummary, type Imports } from './clients';

const SUPERAGENT: Imports = { esm: "import superagent from 'superagent';", cjs: "const superagent = require('superagent');" };

/** [code, summary, text of the whole request expression]. */
const CHAINS: readonly [string, CallSummary, string][] = [
  ['superagent.get(url);', { library: 'superagent', deadline: 'missing', insertion: 'chain', method: 'GET' }, 'superagent.get(url)'],
  [
    'superagent.get(url).timeout(5000);',
    { library: 'superagent', deadline: 'present', insertion: 'chain', method: 'GET' },
    'superagent.get(url).timeout(5000)',
  ],
  [
    'superagent.post(url).send(body).timeout({ deadline: 10_000, response: 2000 }).set(headers);',
    { library: 'superagent', deadline: 'present', insertion: 'chain', method: 'POST' },
    'superagent.post(url).send(body).timeout({ deadline: 10_000, response: 2000 }).set(headers)',
  ],
  ['superagent.get(url).timeout(0);', { library: 'superagent', deadline: 'disabled', insertion: 'chain', method: 'GET' }, 'superagent.get(url).timeout(0)'],
  [
    'superagent.get(url).timeout({ response: 0 });',
    { library: 'superagent', deadline: 'disabled', insertion: 'chain', method: 'GET' },
    'superagent.get(url).timeout({ response: 0 })',
  ],
  [
    'superagent.get(url).timeout(1000).timeout(0);',
    { library: 'superagent', deadline: 'disabled', insertion: 'chain', method: 'GET' },
    'superagent.get(url).timeout(1000).timeout(0)',
  ],
  // An upload timeout bounds no response.
  [
    'superagent.put(url).timeout({ upload: 1000 });',
    { library: 'superagent', deadline: 'unknown', insertion: 'chain', method: 'PUT' },
    'superagent.put(url).timeout({ upload: 1000 })',
  ],
  ["superagent.head(url).set('accept', 'json');", { library: 'superagent', deadline: 'missing', insertion: 'chain', method: 'HEAD' }, "superagent.head(url).set('accept', 'json')"],
  ['superagent.del(url);', { library: 'superagent', deadline: 'missing', insertion: 'chain', method: 'DELETE' }, 'superagent.del(url)'],
  ["superagent('PUT', url).timeout(1000);", { library: 'superagent', deadline: 'present', insertion: 'chain', method: 'PUT' }, "superagent('PUT', url).timeout(1000)"],
  ['superagent(url);', { library: 'superagent', deadline: 'missing', insertion: 'chain', method: 'GET' }, 'superagent(url)'],
  ['superagent(url, (err, res) => {});', { library: 'superagent', deadline: 'missing', insertion: 'chain', method: 'GET' }, 'superagent(url, (err, res) => {})'],
  ['superagent(method, url);', { library: 'superagent', deadline: 'missing', insertion: 'chain' }, 'superagent(method, url)'],
  [
    'superagent.get(url).query(q).then(onOk);',
    { library: 'superagent', deadline: 'missing', insertion: 'chain', method: 'GET' },
    'superagent.get(url).query(q).then(onOk)',
  ],
  [
    'async function load() { const req = superagent.get(url); req.timeout(1000); return await req; }',
    { library: 'superagent', deadline: 'present', insertion: 'chain', method: 'GET' },
    'superagent.get(url)',
  ],
  [
    'async function load() { return superagent.get(url); }',
    { library: 'superagent', deadline: 'missing', insertion: 'chain', method: 'GET' },
    'superagent.get(url)',
  ],
  // The builder goes somewhere that may give it a timeout.
  [
    'function build() { return superagent.get(url); }',
    { library: 'superagent', deadline: 'unknown', insertion: 'chain', method: 'GET' },
    'superagent.get(url)',
  ],
  ['send(superagent.get(url));', { library: 'superagent', deadline: 'unknown', insertion: 'chain', method: 'GET' }, 'superagent.get(url)'],
  [
    'const req = superagent.get(url);\nconfigure(req);',
    { library: 'superagent', deadline: 'unknown', insertion: 'chain', method: 'GET' },
    'superagent.get(url)',
  ],
];

describe.each(STYLES)('superagent ($name)', (style) => {
  it.each(CHAINS)('%s', (code, expected, expression) => {
    const clients = clientsIn(code, style, SUPERAGENT);
    const call = onlyCall(clients);
    expect(summarize(call)).toEqual(expected);
    expect(clients.text(call.expression)).toBe(expression);
  });

  it('inserts `.timeout()` after the first call of the chain', () => {
    const clients = clientsIn('superagent.post(url).send(body);', style, SUPERAGENT);
    const call = onlyCall(clients);
    expect(clients.text(call.node)).toBe('superagent.post(url)');
    expect(insertionText(clients, call)).toBe('superagent.post(url)');
  });

  it('points at the timeout call', () => {
    const clients = clientsIn('superagent.get(url).timeout({ deadline: 5000 });', style, SUPERAGENT);
    expect(textOf(clients, onlyCall(clients).deadlineNode)).toBe('superagent.get(url).timeout({ deadline: 5000 })');
  });

  it('reads the conventional `request` name', () => {
    const imports: Imports = { esm: "import request from 'superagent';", cjs: "const request = require('superagent');" };
    expect(onlyCall(clientsIn('request.post(url).timeout(100);', style, imports))).toMatchObject({ library: 'superagent', deadline: 'present', method: 'POST' });
  });

  describe('agents', () => {
    it.each([
      ['const agent = superagent.agent();\nagent.get(url);', 'missing', 'missing'],
      ['const agent = superagent.agent().timeout(5000);\nagent.get(url);', 'present', 'present'],
      ['const agent = superagent.agent();\nagent.timeout({ deadline: 5000 });\nagent.post(url).send(x);', 'present', 'present'],
      ['const agent = superagent.agent().use(prefix).timeout(0);\nagent.get(url);', 'disabled', 'disabled'],
      ['const agent = superagent.agent().timeout(0);\nagent.get(url).timeout(1000);', 'disabled', 'present'],
    ])('%s', (code, instanceDeadline, callDeadline) => {
      const clients = clientsIn(code, style, SUPERAGENT);
      const agent = onlyInstance(clients);
      expect(agent).toMatchObject({ library: 'superagent', kind: 'client', deadline: instanceDeadline, name: { name: 'agent' } });
      expect(onlyCall(clients)).toMatchObject({ library: 'superagent', deadline: callDeadline, instance: agent });
    });

    it('inserts an agent’s timeout after its creation', () => {
      const clients = clientsIn('const agent = superagent.agent();', style, SUPERAGENT);
      expect(insertionText(clients, onlyInstance(clients))).toBe('superagent.agent()');
    });
  });
});
