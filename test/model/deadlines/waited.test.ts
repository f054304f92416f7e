import { describe, expect, it } from 'vitest';

import { getDeadlines } from '../../../src/model/deadlines';
import { analyze, PARSERS } from '../analyze';

/** How the code waits for the `fetch(target)` call in `code`: `waited`, `raced`, or `not waited`. */
function waitFor(code: string, parser: (typeof PARSERS)[number]): string {
  const analysis = analyze(code, { parser });
  const call = analysis.model.clients.calls.find((candidate) => analysis.text(candidate.node).startsWith('fetch(target'));
  if (!call) throw new Error('no fetch(target) call');
  const wait = getDeadlines(analysis.model).promiseWait(call.expression);
  return wait.race ? 'raced' : wait.waited ? 'waited' : 'not waited';
}

describe.each(PARSERS)('promiseWait (%s)', (parser) => {
  it.each([
    ['async function f() { await fetch(targetUrl); }', 'waited'],
    ['async function f() { return fetch(targetUrl); }', 'waited'],
    ['const f = () => fetch(targetUrl);', 'waited'],
    ['async function f() { await fetch(targetUrl).then((res) => res.json()); }', 'waited'],
    ['async function f() { const data = await (await fetch(targetUrl)).json(); }', 'waited'],
    ['async function f() { await Promise.all([fetch(targetUrl), fetch(otherUrl)]); }', 'waited'],
    ['async function f() { await Promise.allSettled([fetch(targetUrl)]); }', 'waited'],
    ['async function f() { const p = fetch(targetUrl); work(); return await p; }', 'waited'],
    ['async function f(urls) { await Promise.all(urls.map(() => fetch(targetUrl))); }', 'waited'],
    ['async function f() { await first().then(() => fetch(targetUrl)); }', 'waited'],
    ['async function f() { return cond ? fetch(targetUrl) : cached; }', 'waited'],
    ['function* saga() { yield fetch(targetUrl); }', 'waited'],
    // Raced against a timer (anything that is not another request).
    ['async function f() { await Promise.race([fetch(targetUrl), sleep(5000)]); }', 'raced'],
    ['async function f() { await Promise.race([fetch(targetUrl), new Promise((_, reject) => setTimeout(reject, 5000))]); }', 'raced'],
    ['async function f() { const p = fetch(targetUrl); await Promise.race([p, timeout]); }', 'raced'],
    // A race of two requests is no bound.
    ['async function f() { await Promise.race([fetch(targetUrl), fetch(otherUrl).then(read)]); }', 'waited'],
    // Not waited for.
    ['function f() { fetch(targetUrl); }', 'not waited'],
    ['function f() { fetch(targetUrl).catch(log); }', 'not waited'],
    ['async function f() { void fetch(targetUrl); }', 'not waited'],
    ['async function f() { await withTimeout(fetch(targetUrl), 5000); }', 'not waited'],
    ['function f() { setTimeout(() => fetch(targetUrl), 100); }', 'not waited'],
    ['function f(items) { items.forEach(() => fetch(targetUrl)); }', 'not waited'],
    ['function f() { emitter.on("tick", () => fetch(targetUrl)); }', 'not waited'],
    ['async function f() { const p = fetch(targetUrl); track(p); }', 'not waited'],
    ['async function f() { await Promise.race; fetch(targetUrl); }', 'not waited'],
  ])('%s → %s', (code, expected) => {
    expect(waitFor(code, parser)).toBe(expected);
  });

  it('counts a promise a handler returns as waited for (the framework waits)', () => {
    const code = "import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/', (request) => fetch(targetUrl).then((res) => res.json()));";
    expect(waitFor(code, parser)).toBe('waited');
  });

  it('tells a local Promise from the global one', () => {
    expect(waitFor('const Promise = lib;\nasync function f() { await Promise.race([fetch(targetUrl), sleep(1)]); }', parser)).toBe('not waited');
  });
});
