import { describe, expect, it } from 'vitest';

import { clientsIn, STYLES } from './clients';

describe.each(STYLES)('ClientIndex ($name)', (style) => {
  const load = style.sourceType === 'commonjs' ? "const axios = require('axios');\nconst got = require('got');" : "import axios from 'axios';\nimport got from 'got';";

  it('lists calls in source order across libraries', () => {
    const code = `${load}\nasync function f() {\n  await got(a);\n  await fetch(b);\n  await axios.get(c);\n  return got.post(d, { json: await fetch(e) });\n}`;
    const clients = clientsIn(code, style);
    expect(clients.calls.map((call) => clients.text(call.node))).toEqual(['got(a)', 'fetch(b)', 'axios.get(c)', 'got.post(d, { json: await fetch(e) })', 'fetch(e)']);
  });

  it('finds a call by its node, and nothing for other calls', () => {
    const clients = clientsIn(`${load}\naxios.get(url).then(handle);\nlog(url);`, style);
    const then = clients.find('CallExpression', 'axios.get(url).then');
    const request = then.callee.type === 'MemberExpression' ? then.callee.object : then;
    expect(clients.model.clients.getCall(request as typeof then)).toBe(clients.calls[0]);
    expect(clients.model.clients.getCall(then)).toBeUndefined();
    expect(clients.model.clients.getCall(clients.find('CallExpression', 'log('))).toBeUndefined();
  });

  it('resolves an expression to the instance it evaluates to', () => {
    const clients = clientsIn(`${load}\nconst api = axios.create({ timeout: 1 });\nconst client = api;\nuse(client);\nuse(other);`, style);
    const index = clients.model.clients;
    const [api] = index.instances;
    expect(index.resolveInstance(clients.find('CallExpression', 'axios.create'))).toBe(api);
    expect(index.resolveInstance(clients.find('CallExpression', 'use(client)').arguments[0]!)).toBe(api);
    expect(index.resolveInstance(clients.find('CallExpression', 'use(other)').arguments[0]!)).toBeUndefined();
  });

  it('builds once, on first use', () => {
    const clients = clientsIn(`${load}\naxios.get(url);`, style);
    expect(clients.model.clients.calls).toBe(clients.model.clients.calls);
    expect(clients.model.clients).toBe(clients.model.clients);
  });

  it('is empty for a file without clients', () => {
    const clients = clientsIn('const x = compute(1);\nrouter.get("/", handler);', style);
    expect(clients.calls).toEqual([]);
    expect(clients.instances).toEqual([]);
    expect(clients.model.clients.resolveInstance(clients.find('CallExpression', 'compute'))).toBeUndefined();
  });
});

describe('ClientIndex (typescript only)', () => {
  const style = STYLES[2]!;

  it('sees through type syntax', () => {
    const code = [
      "import axios, { type AxiosInstance } from 'axios';",
      'const api = axios.create({ timeout: 1000 }) as AxiosInstance;',
      'async function load(): Promise<void> {',
      "  await api.get<User[]>('/users');",
      "  await (api as AxiosInstance).post<User>('/users', body satisfies Body);",
      '  await fetch(url!, { signal: signal! } as RequestInit);',
      '}',
    ].join('\n');
    const clients = clientsIn(code, style);
    const [api] = clients.instances;
    expect(clients.calls.map((call) => [call.library, call.deadline, call.method, call.instance === api])).toEqual([
      ['axios', 'present', 'GET', true],
      ['axios', 'present', 'POST', true],
      ['fetch', 'present', 'GET', false],
    ]);
  });

  it('ignores type-only imports', () => {
    const clients = clientsIn("import type { AxiosStatic } from 'axios';\ndeclare const axios: AxiosStatic;\naxios.get(url);", style);
    expect(clients.calls).toEqual([]);
  });
});
