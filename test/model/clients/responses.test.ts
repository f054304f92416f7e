import { describe, expect, it } from 'vitest';

import { classifyBodyUse, noBodyBranches, type BodyHolder } from '../../../src/domain/response-bodies';
import { findResponses } from '../../../src/model/clients/responses';
import type { Node } from '../../../src/utils/ast';
import { analyze } from '../analyze';
import { STYLES } from './clients';

/** `holder name obtained-at` for held responses, `kind holder` for unreadable ones. */
function responsesIn(code: string, style: (typeof STYLES)[number]) {
  const analysis = analyze(code, { parser: style.parser, sourceType: style.sourceType });
  const { held, unreadable } = findResponses(analysis.model);
  return {
    held: held.map((response) => `${response.holder} ${response.id.name} ${response.obtained === 'start' ? 'start' : response.obtained.type}`),
    unreadable: unreadable.map((response) => `${response.kind} ${response.holder}`),
  };
}

const ESM_ONLY = STYLES.filter((style) => style.sourceType === 'module');

describe.each(ESM_ONLY)('findResponses ($name)', (style) => {
  const cases: readonly [string, string, { held?: string[]; unreadable?: string[] }][] = [
    ['an http.get callback', "import http from 'node:http';\nhttp.get(url, (res) => {});", { held: ['incoming-message res start'] }],
    ['an https.request callback after options', "import https from 'https';\nhttps.request(url, { method: 'POST' }, function (incoming) {}).end();", { held: ['incoming-message incoming start'] }],
    ['a named same-file callback', "import http from 'http';\nfunction onResponse(res) {}\nhttp.get(url, onResponse);", { held: ['incoming-message res start'] }],
    ["a 'response' listener on the bound request", "import http from 'http';\nconst req = http.request(url);\nreq.on('response', (res) => {});\nreq.end();", { held: ['incoming-message res start'] }],
    ["a chained 'response' listener", "import http from 'http';\nhttp.get(url).once('response', (res) => {});", { held: ['incoming-message res start'] }],
    ['a callback that takes no response', "import http from 'http';\nhttp.get(url, () => done());", { unreadable: ['ignored incoming-message'] }],
    ['a callback that destructures metadata', "import http from 'http';\nhttp.get(url, ({ statusCode }) => statusCode);", { unreadable: ['metadata-only incoming-message'] }],
    // Nothing to follow: no listener, a listener we cannot see, several listeners, HEAD.
    ['no listener', "import http from 'http';\nhttp.get(url);", {}],
    ['resolve as the listener', "import http from 'http';\nnew Promise((resolve) => http.get(url, resolve));", {}],
    ['two listeners', "import http from 'http';\nhttp.get(url, (a) => {}).on('response', (b) => {});", {}],
    ['a HEAD request', "import http from 'http';\nhttp.request(url, { method: 'HEAD' }, (res) => {}).end();", {}],
    ['an awaited fetch', 'async function f() { const res = await fetch(url); }', { held: ['fetch-response res VariableDeclarator'] }],
    ['an assigned fetch', 'async function f() { let res; res = await fetch(url); }', { held: ['fetch-response res AssignmentExpression'] }],
    ['a fetch through .catch()', 'async function f() { const res = await fetch(url).catch(() => null); }', { held: ['fetch-response res VariableDeclarator'] }],
    ['a .then() callback', 'fetch(url).then((response) => response.json());', { held: ['fetch-response response start'] }],
    ['a kept body', 'async function f() { const { ok, body } = await fetch(url); }', { held: ['fetch-body body VariableDeclarator'] }],
    ['metadata only', 'async function f() { const { ok, status } = await fetch(url); }', { unreadable: ['metadata-only fetch-response'] }],
    ['a dropped await', 'async function f() { await fetch(url); }', { unreadable: ['discarded fetch-response'] }],
    ['a dropped call', 'fetch(url);', { unreadable: ['discarded fetch-response'] }],
    ['a voided call', 'void fetch(url);', { unreadable: ['discarded fetch-response'] }],
    ['a returned promise', 'function f() { return fetch(url); }', {}],
    ['a stored promise', 'const pending = fetch(url);', {}],
    ['Promise.all', 'async function f() { await Promise.all([fetch(a), fetch(b)]); }', {}],
    ['a rest element', 'async function f() { const { ok, ...rest } = await fetch(url); }', {}],
    ['a HEAD fetch', "async function f() { const { ok } = await fetch(url, { method: 'HEAD' }); }", {}],
    ['node-fetch', "import fetch from 'node-fetch';\nasync function f() { const res = await fetch(url); }", { held: ['fetch-response res VariableDeclarator'] }],
    ['undici fetch', "import { fetch } from 'undici';\nasync function f() { const res = await fetch(url); }", { held: ['fetch-response res VariableDeclarator'] }],
    ['undici request', "import { request } from 'undici';\nasync function f() { const result = await request(url); }", { held: ['undici-result result VariableDeclarator'] }],
    ['an undici body', "import { request } from 'undici';\nasync function f() { const { statusCode, body: payload } = await request(url); }", { held: ['undici-body payload VariableDeclarator'] }],
    ['undici metadata only', "import undici from 'undici';\nasync function f() { const { statusCode } = await undici.request(url); }", { unreadable: ['metadata-only undici-result'] }],
    ['a request on a dispatcher', "import { Pool } from 'undici';\nconst pool = new Pool(origin);\nasync function f() { const res = await pool.request({ path: '/' }); }", { held: ['undici-result res VariableDeclarator'] }],
    ['undici stream()', "import { stream } from 'undici';\nasync function f() { await stream(url, {}, () => sink); }", {}],
    ['undici request with a callback', "import { Client } from 'undici';\nconst client = new Client(origin);\nclient.request({ path: '/' }, (err, data) => {});", {}],
    ['axios', "import axios from 'axios';\nasync function f() { const res = await axios.get(url); await axios.post(url); }", {}],
    ['a method named fetch', 'class S { fetch() {} async load() { const res = await this.fetch(url); } }', {}],
  ];

  it.each(cases)('%s', (_, code, expected) => {
    expect(responsesIn(code, style)).toEqual({ held: expected.held ?? [], unreadable: expected.unreadable ?? [] });
  });
});

describe('findResponses: requests handed on', () => {
  const escapes = (code: string) => {
    const analysis = analyze(`import http from 'node:http';\n${code}`);
    return findResponses(analysis.model).held.map((response) => response.requestEscapes);
  };
  it.each([
    ['http.get(url, (res) => {}).on(\'error\', reject);', false],
    ['const req = http.request(url, (res) => {});\nreq.on(\'error\', reject);\nreq.end();', false],
    ['new Promise((resolve, reject) => http.get(url, (res) => {}).on(\'error\', reject));', false],
    ['const req = http.get(url, (res) => {});\nif (req.destroyed) log();', false],
    ['function f() { return http.get(url, (res) => {}); }', true],
    ['const req = http.get(url, (res) => {});\nregister(req);', true],
    ['const req = http.get(url, (res) => {});\nexports.req = req.on(\'error\', reject);', true],
  ] as const)('%s → %s', (code, expected) => {
    expect(escapes(code)).toEqual([expected]);
  });
});

describe('findResponses (espree, CommonJS)', () => {
  const style = STYLES.find((candidate) => candidate.sourceType === 'commonjs')!;
  it('resolves require() and destructured require()', () => {
    const code = "const https = require('node:https');\nconst { request } = require('undici');\nhttps.get(url, (res) => {});\nasync function f() { await request(url); }";
    expect(responsesIn(code, style)).toEqual({ held: ['incoming-message res start'], unreadable: ['discarded undici-result'] });
  });
});

/** How the first `res` reference (in source order) of a statement uses the body. */
function useOf(code: string, holder: BodyHolder): string {
  const analysis = analyze(`async function f(res, out) { ${code} }`);
  const fn = analysis.find('FunctionDeclaration', 'async function f');
  let reference: Node | undefined;
  const visit = (node: Node) => {
    if (reference) return;
    if (node.type === 'Identifier' && node.name === 'res') {
      reference = node;
      return;
    }
    const children = Object.entries(node)
      .filter(([key]) => key !== 'parent')
      .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
      .filter((child): child is Node => Boolean(child) && typeof (child as Node).type === 'string')
      .sort((a, b) => a.range[0] - b.range[0]);
    for (const child of children) visit(child);
  };
  visit(fn.body.body[0]!);
  return classifyBodyUse(reference!, holder);
}

describe('classifyBodyUse', () => {
  const cases: readonly [string, BodyHolder, 'release' | 'neutral'][] = [
    ['res.resume();', 'incoming-message', 'release'],
    ['res.pipe(out);', 'incoming-message', 'release'],
    ["res.on('data', (chunk) => out.push(chunk));", 'incoming-message', 'release'],
    ["res.once('readable', () => {});", 'incoming-message', 'release'],
    ['res.on(eventName, listener);', 'incoming-message', 'release'],
    ["res.on('end', done);", 'incoming-message', 'neutral'],
    ["res.on('error', reject).pipe(out);", 'incoming-message', 'release'],
    ["res.setEncoding('utf8').on('data', (chunk) => out.push(chunk));", 'incoming-message', 'release'],
    ["res.once('error', reject).on('end', done);", 'incoming-message', 'neutral'],
    ["res.setEncoding('utf8');", 'incoming-message', 'neutral'],
    ['res.socket.destroy();', 'incoming-message', 'release'],
    ['console.log(res.socket.remoteAddress);', 'incoming-message', 'neutral'],
    ['resolve(res);', 'incoming-message', 'release'],
    ['new Parser(res);', 'incoming-message', 'release'],
    ['store.last = res;', 'incoming-message', 'release'],
    ['console.log(res.statusCode, res.headers["content-type"]);', 'incoming-message', 'neutral'],
    ['({ statusCode } = res);', 'incoming-message', 'neutral'],
    ['res.customMethod();', 'incoming-message', 'release'],
    ['await res.json();', 'fetch-response', 'release'],
    ['await res.clone().json();', 'fetch-response', 'neutral'],
    ['await res.body?.cancel();', 'fetch-response', 'release'],
    ['res.body.pipeTo(out);', 'fetch-response', 'release'],
    ['Readable.fromWeb(res.body);', 'fetch-response', 'release'],
    ['if (!res.body) throw new Error();', 'fetch-response', 'neutral'],
    ['if (res.body === null) return;', 'fetch-response', 'neutral'],
    ["res.headers.get('etag');", 'fetch-response', 'neutral'],
    ['throw new Error(`HTTP ${res.status}`);', 'fetch-response', 'neutral'],
    ['throw new HttpError(res);', 'fetch-response', 'release'],
    ['out.push(res.ok ? 1 : 0);', 'fetch-response', 'neutral'],
    ['out.push(cached ?? res);', 'fetch-response', 'release'],
    ['await res.body.dump();', 'undici-result', 'release'],
    ['console.log(res.statusCode);', 'undici-result', 'neutral'],
  ];
  it.each(cases)('%s (%s) → %s', (code, holder, expected) => {
    expect(useOf(code, holder)).toBe(expected);
  });
});

describe('noBodyBranches', () => {
  const cases: readonly [string, 'true' | 'false' | 'neither'][] = [
    ['!res', 'true'],
    ['res == null', 'true'],
    ['res === undefined', 'true'],
    ['!res.body', 'true'],
    ['res.body === null', 'true'],
    ['res.status === 204', 'true'],
    ['304 === res.status', 'true'],
    ['!res || res.status === 204', 'true'],
    ['res', 'false'],
    ['res.body', 'false'],
    ['!!res?.body', 'false'],
    ['res.body != null', 'false'],
    ['res.status !== 204', 'false'],
    ['res.body && res.status !== 304', 'false'],
    ['!res.ok', 'neither'],
    ['!res || !res.ok', 'neither'],
    ['res.ok && res.body', 'neither'],
    ['res.body ?? fallback', 'neither'],
  ];
  it.each(cases)('%s: no body when %s', (test, expected) => {
    const analysis = analyze(`if (${test}) {}`);
    const statement = analysis.find('IfStatement', 'if');
    const isHolder = (node: Node) => node.type === 'Identifier' && node.name === 'res';
    const { whenTrue, whenFalse } = noBodyBranches(statement.test, isHolder, 'fetch-response');
    expect(whenTrue ? 'true' : whenFalse ? 'false' : 'neither').toBe(expected);
  });
});
