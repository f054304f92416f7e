import rule from '../../rules/no-unconsumed-response';
import { runOnBothParsers } from '../rule-tester';

const HTTP = "import http from 'node:http';\n";
const UNDICI = "import { request } from 'undici';\n";

runOnBothParsers('no-unconsumed-response', rule, {
  valid: [
    // --- node:http callbacks -----------------------------------------------------------------
    // Drained on the error path, piped on the other (the documented idiom).
    `${HTTP}
export function proxy(url, out, cb) {
  http.get(url, (res) => {
    if (res.statusCode !== 200) {
      res.resume();
      return cb(new Error('upstream ' + res.statusCode));
    }
    res.pipe(out);
  });
}
    `,
    // Read with 'data' listeners; setEncoding alone would not count, the listener does.
    `${HTTP}
export function getText(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolve(text));
      res.on('error', reject);
    }).on('error', reject);
  });
}
    `,
    // The response is handed on: resolved, passed to a callback, to a constructor, stored, returned.
    `${HTTP}
export const a = (url) => new Promise((resolve) => http.get(url, resolve));
export const b = (url) => new Promise((resolve) => http.get(url, (res) => resolve(res)));
export function c(url, callback) { http.get(url, (res) => callback(null, res)); }
export function d(url, sink) { http.get(url, (res) => { sink.parser = new Parser(res); }); }
let last;
export function e(url) { http.get(url, (res) => { last = res; }); }
export function f(url, onResponse) { http.get(url, onResponse); }
    `,
    // pipeline (stream and stream/promises), for await, read(), destroy(), 'readable'.
    `${HTTP}
import { pipeline } from 'node:stream';
import * as streams from 'node:stream/promises';
export function a(url, out) { http.get(url, (res) => pipeline(res, out, () => {})); }
export function b(url, out) { http.get(url, async (res) => { await streams.pipeline(res, out); }); }
export function c(url) { http.get(url, async (res) => { for await (const chunk of res) console.log(chunk); }); }
export function d(url) { http.get(url, (res) => { res.on('readable', () => { while (res.read() !== null); }); }); }
export function e(url) { http.get(url, (res) => { if (res.statusCode >= 500) res.destroy(); else res.resume(); }); }
export function f(url, out, reject) { http.get(url, (res) => { res.on('error', reject).pipe(out); }); }
    `,
    // No 'response' listener at all: Node discards the response.
    `${HTTP}
http.get('http://example.com/ping');
http.request({ host: 'example.com', method: 'POST' }).end('x');
    `,
    // HEAD responses have no body.
    `${HTTP}
http.request('http://example.com/', { method: 'HEAD' }, (res) => console.log(res.statusCode)).end();
    `,
    // A 'response' listener that consumes.
    `${HTTP}
export function a(url, out) {
  const req = http.request(url);
  req.on('response', (res) => res.pipe(out));
  req.end();
}
    `,
    // Consumed in a callback created on every path.
    `${HTTP}
export function a(url) {
  http.get(url, (res) => {
    setImmediate(() => res.resume());
  });
}
    `,
    // --- fetch -------------------------------------------------------------------------------
    // Cancelled before the throw (the fix the rule suggests), or read into the error message.
    `
export async function a(url) {
  const res = await fetch(url);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error('HTTP ' + res.status);
  }
  return res.json();
}
export async function b(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(await res.text());
  return res.json();
}
    `,
    // Handed on: returned, rejected with, wrapped in an error, passed to a helper.
    `
export async function a(url) {
  const res = await fetch(url);
  if (!res.ok) throw new HttpError(res);
  return res;
}
export function b(url) {
  return fetch(url).then((res) => (res.ok ? res.json() : Promise.reject(res)));
}
export async function c(url) {
  const res = await fetch(url);
  return handle(res);
}
export const d = (url) => fetch(url);
export async function e(urls) {
  const responses = await Promise.all(urls.map((url) => fetch(url)));
  return responses;
}
    `,
    // Reading, piping or iterating the body stream.
    `
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
export async function a(url, out) {
  const res = await fetch(url);
  if (!res.body) return;
  await pipeline(Readable.fromWeb(res.body), out);
}
export async function b(url) {
  const res = await fetch(url);
  for await (const chunk of res.body) process.stdout.write(chunk);
}
export async function c(url) {
  const res = await fetch(url);
  const reader = res.body.getReader();
  return reader;
}
    `,
    // clone() does not consume, but reading the original does.
    `
export async function a(url) {
  const res = await fetch(url);
  const copy = res.clone();
  console.log(await copy.text());
  return res.json();
}
    `,
    // HEAD, no-body statuses and null guards.
    `
export async function a(url) {
  const { ok } = await fetch(url, { method: 'HEAD' });
  return ok;
}
export async function b(url) {
  const res = await fetch(url);
  if (res.status === 204) return null;
  return res.json();
}
export async function c(url) {
  const res = await fetch(url).catch(() => null);
  if (!res) return null;
  return res.json();
}
    `,
    // Branches where there is no body: a null body, a 204, a short circuit (node-gyp's download.js).
    `
import { Readable } from 'node:stream';
export async function a(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (err) {
    throw err.cause ?? err;
  }
  const body = res.body ? Readable.fromWeb(res.body) : Readable.from([]);
  return { status: res.status, body };
}
export async function b(url, out) {
  const res = await fetch(url);
  if (res.body) {
    await res.body.pipeTo(out);
  }
  return res.status;
}
export async function c(url) {
  const res = await fetch(url);
  res.body && (await res.body.cancel());
  return res.status;
}
export async function d(url) {
  const res = await fetch(url);
  if (res.status !== 204) {
    return res.json();
  }
  return null;
}
    `,
    // Not WHATWG fetch: a method named fetch, this.fetch(), another object's fetch.
    `
export class Store {
  async fetch(url) { return { ok: true, url }; }
  async load(url) {
    const res = await this.fetch(url);
    if (!res.ok) throw new Error('x');
    return res;
  }
}
export async function b(api, url) {
  const res = await api.fetch(url);
  if (!res.ok) throw new Error('x');
}
    `,
    // The request itself fails: there is no response in the catch block.
    `
export async function a(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (error) {
    throw new Error('unreachable: ' + error.message);
  }
  return res.json();
}
    `,
    // Exceptions thrown by other calls are not paths the rule follows.
    `
export async function a(url) {
  const res = await fetch(url);
  try {
    audit('fetched');
  } finally {
    release();
  }
  return res.json();
}
export async function b(url) {
  const res = await fetch(url);
  try {
    audit('fetched');
  } catch {
    console.warn('audit failed');
  }
  return res.json();
}
    `,
    // A switch `break` that leads to a read.
    `
export async function a(url) {
  const res = await fetch(url);
  switch (res.status) {
    case 200:
      break;
    default:
      console.warn(res.status);
      break;
  }
  return res.text();
}
    `,
    // Destructuring that keeps the body and reads it.
    `
export async function a(url) {
  const { ok, body } = await fetch(url);
  if (!ok) {
    await body?.cancel();
    return null;
  }
  return new Response(body).json();
}
    `,
    // Libraries that read the body themselves.
    `
import axios from 'axios';
import got from 'got';
import ky from 'ky';
export async function a(url) {
  const res = await axios.get(url);
  if (res.status !== 200) throw new Error('x');
  const { statusCode } = await got(url);
  const response = await ky(url);
  if (!response.ok) throw new Error('y');
  return statusCode;
}
    `,
    // node-fetch: its body is a Node stream.
    `
import fetch from 'node-fetch';
export async function a(url, out) {
  const res = await fetch(url);
  if (!res.ok) {
    res.body?.resume();
    throw new Error('x');
  }
  res.body.pipe(out);
}
    `,
    // --- undici request() ----------------------------------------------------------------------
    `${UNDICI}
export async function a(url) {
  const { statusCode, body } = await request(url);
  await body.dump();
  return statusCode;
}
export async function b(url) {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) {
    await body.dump();
    throw new Error('x');
  }
  return body.json();
}
export async function c(url) {
  const result = await request(url);
  for await (const chunk of result.body) console.log(chunk);
}
    `,
    // undici's callback form hands the result to the callback: not followed.
    `
import { Client } from 'undici';
const client = new Client('http://localhost:3000');
client.request({ path: '/', method: 'GET' }, (error, data) => {
  if (error) throw error;
  console.log(data.statusCode);
});
    `,
    // A response exported to other modules.
    `
export const flags = await fetch('http://config.internal/flags');
    `,
    // Test code talks to servers it started, under the runner's timeout.
    {
      code: `
export async function a(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error('x');
}
      `,
      filename: 'test/server.test.js',
    },
    `
import { test } from 'node:test';
test('answers', async () => {
  const res = await fetch('http://localhost:3000/');
  if (!res.ok) throw new Error('x');
});
    `,
    // TypeScript: casts around the awaited response.
    {
      code: `
export async function a(url: string): Promise<unknown> {
  const res = (await fetch(url)) as Response;
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error('x');
  }
  return res.json() as Promise<unknown>;
}
      `,
      tsOnly: true,
    },
  ],
  invalid: [
    // --- node:http: autofix res.resume() on the dropping path ------------------------------------
    {
      code: `${HTTP}
export function get(url, cb) {
  http.get(url, (res) => {
    if (res.statusCode !== 200) return cb(new Error('upstream ' + res.statusCode));
    let data = '';
    res.on('data', (chunk) => (data += chunk));
    res.on('end', () => cb(null, data));
  });
}
      `,
      output: `${HTTP}
export function get(url, cb) {
  http.get(url, (res) => {
    if (res.statusCode !== 200) { res.resume(); return cb(new Error('upstream ' + res.statusCode)); }
    let data = '';
    res.on('data', (chunk) => (data += chunk));
    res.on('end', () => cb(null, data));
  });
}
      `,
      errors: [
        {
          messageId: 'droppedOnPath',
          data: { name: 'res', path: 'the path that returns here', advice: 'Read it, or call `res.resume()` to drain it' },
          line: 5,
          column: 33,
          endLine: 5,
          endColumn: 39,
        },
      ],
    },
    {
      // The return in a block: the drain goes on its own line.
      code: `${HTTP}
export function get(url, resolve, reject) {
  http.get(url, (originRes) => {
    if (originRes.statusCode !== 200) {
      reject(new Error('upstream ' + originRes.statusCode));
      return;
    }
    originRes.pipe(process.stdout).on('finish', resolve);
  });
}
      `,
      output: `${HTTP}
export function get(url, resolve, reject) {
  http.get(url, (originRes) => {
    if (originRes.statusCode !== 200) {
      reject(new Error('upstream ' + originRes.statusCode));
      originRes.resume();
      return;
    }
    originRes.pipe(process.stdout).on('finish', resolve);
  });
}
      `,
      errors: [{ messageId: 'droppedOnPath', line: 7, column: 7, endLine: 7, endColumn: 13 }],
    },
    {
      // Never consumed: drained at the top of the callback.
      code: `${HTTP}
export function status(url, cb) {
  http.get(url, (res) => {
    res.setEncoding('utf8');
    cb(res.statusCode);
  });
}
      `,
      output: `${HTTP}
export function status(url, cb) {
  http.get(url, (res) => {
    res.resume();
    res.setEncoding('utf8');
    cb(res.statusCode);
  });
}
      `,
      errors: [
        {
          messageId: 'neverRead',
          data: { name: 'res', advice: 'Read it, or call `res.resume()` to drain it' },
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 21,
        },
      ],
    },
    {
      // An expression body becomes a block.
      code: `${HTTP}
export function status(url, cb) { http.get(url, (res) => cb(res.statusCode)); }
      `,
      output: `${HTTP}
export function status(url, cb) { http.get(url, (res) => { res.resume(); return cb(res.statusCode); }); }
      `,
      errors: [{ messageId: 'neverRead', line: 3, column: 50, endLine: 3, endColumn: 53 }],
    },
    {
      // The request is returned: its caller may add a 'response' listener that reads the body, so only a suggestion.
      code: `${HTTP}
export const status = (url, cb) => http.get(url, (res) => cb(res.statusCode));
      `,
      output: null,
      errors: [
        {
          messageId: 'neverRead',
          line: 3,
          column: 51,
          endLine: 3,
          endColumn: 54,
          suggestions: [
            {
              messageId: 'releaseBody',
              data: { text: 'res.resume();' },
              output: `${HTTP}
export const status = (url, cb) => http.get(url, (res) => { res.resume(); return cb(res.statusCode); });
      `,
            },
          ],
        },
      ],
    },
    {
      // A 'response' listener on the request; https counts too.
      code: `
import https from 'node:https';
export function get(url, out) {
  const req = https.request(url);
  req.on('response', (res) => {
    if (res.statusCode !== 200) return;
    res.pipe(out);
  });
  req.end();
}
      `,
      output: `
import https from 'node:https';
export function get(url, out) {
  const req = https.request(url);
  req.on('response', (res) => {
    if (res.statusCode !== 200) { res.resume(); return; }
    res.pipe(out);
  });
  req.end();
}
      `,
      errors: [{ messageId: 'droppedOnPath', line: 6, column: 33, endLine: 6, endColumn: 39 }],
    },
    {
      // The path falls off the end of the callback: drained before the closing brace.
      code: `${HTTP}
export function get(url, out) {
  http.get(url, (res) => {
    if (res.statusCode === 200) {
      res.pipe(out);
      return;
    }
    console.warn('upstream', res.statusCode);
  });
}
      `,
      output: `${HTTP}
export function get(url, out) {
  http.get(url, (res) => {
    if (res.statusCode === 200) {
      res.pipe(out);
      return;
    }
    console.warn('upstream', res.statusCode);
    res.resume();
  });
}
      `,
      errors: [
        {
          messageId: 'droppedOnPath',
          data: { name: 'res', path: 'the path that ends here', advice: 'Read it, or call `res.resume()` to drain it' },
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 4,
        },
      ],
    },
    {
      // Paths that read and paths that do not meet at the end: reported, not fixed there.
      code: `${HTTP}
export function get(url, out, cb) {
  http.get(url, (res) => {
    if (res.statusCode === 200) {
      res.pipe(out);
    } else {
      cb(new Error('status ' + res.statusCode));
    }
  });
}
      `,
      output: null,
      errors: [{ messageId: 'droppedOnPath', line: 10, column: 3, endLine: 10, endColumn: 4 }],
    },
    {
      // A callback that takes no response: the fix takes it under a free name and drains it.
      code: `${HTTP}
export function ping(url, done) {
  http.get(url, () => done());
}
export function handler(req, res) {
  http.get('http://audit.internal/hit', () => {
    res.end('ok');
  });
}
      `,
      output: `${HTTP}
export function ping(url, done) {
  http.get(url, (res) => { res.resume(); return done(); });
}
export function handler(req, res) {
  http.get('http://audit.internal/hit', (response) => {
    response.resume();
    res.end('ok');
  });
}
      `,
      errors: [
        {
          messageId: 'ignoredResponse',
          data: { advice: 'Take the response and call `res.resume()` on it' },
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 19,
        },
        { messageId: 'ignoredResponse', line: 7, column: 41, endLine: 7, endColumn: 43 },
      ],
    },
    {
      // esbuild's install.js: the redirect and the error path both drop the response.
      code: `
import https from 'node:https';
function download(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      if ((res.statusCode === 301 || res.statusCode === 302) && res.headers.location)
        return download(res.headers.location).then(resolve, reject);
      if (res.statusCode !== 200)
        return reject(new Error(\`Server responded with \${res.statusCode}\`));
      let chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}
      `,
      output: `
import https from 'node:https';
function download(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      if ((res.statusCode === 301 || res.statusCode === 302) && res.headers.location)
        { res.resume(); return download(res.headers.location).then(resolve, reject); }
      if (res.statusCode !== 200)
        { res.resume(); return reject(new Error(\`Server responded with \${res.statusCode}\`)); }
      let chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}
      `,
      errors: [
        { messageId: 'droppedOnPath', line: 7, column: 9, endLine: 7, endColumn: 15 },
        { messageId: 'droppedOnPath', line: 9, column: 9, endLine: 9, endColumn: 15 },
      ],
    },
    // --- fetch: suggestions -------------------------------------------------------------------
    {
      code: `
export async function getStock(sku) {
  const res = await fetch('http://inventory/' + sku);
  if (!res.ok) throw new Error('inventory answered ' + res.status);
  return (await res.json()).available;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'droppedOnPath',
          data: {
            name: 'res',
            path: 'the path that throws here',
            advice: 'Read it, or cancel it with `await res.body?.cancel()`',
          },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'releaseBody',
              data: { text: 'await res.body?.cancel();' },
              output: `
export async function getStock(sku) {
  const res = await fetch('http://inventory/' + sku);
  if (!res.ok) { await res.body?.cancel(); throw new Error('inventory answered ' + res.status); }
  return (await res.json()).available;
}
      `,
            },
          ],
        },
      ],
    },
    {
      // Outside an async function the release is not awaited.
      code: `
export function load(url) {
  return fetch(url).then((response) => {
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'droppedOnPath',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 12,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export function load(url) {
  return fetch(url).then((response) => {
    if (!response.ok) {
      void response.body?.cancel();
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  });
}
      `,
            },
          ],
        },
      ],
    },
    {
      // Never read: the release goes right after the declaration.
      code: `
export async function notify(url, event) {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(event) }); // fire and check
  console.log('notified', res.status);
}
      `,
      output: null,
      errors: [
        {
          messageId: 'neverRead',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 12,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export async function notify(url, event) {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(event) }); // fire and check
  await res.body?.cancel();
  console.log('notified', res.status);
}
      `,
            },
          ],
        },
      ],
    },
    {
      // A retry loop that moves on without releasing the 429 response.
      code: `
export async function withRetry(url) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const res = await fetch(url);
    if (res.status === 429) continue;
    return res.json();
  }
  throw new Error('rate limited');
}
      `,
      output: null,
      errors: [
        {
          messageId: 'droppedOnPath',
          data: {
            name: 'res',
            path: 'the path that continues the loop here',
            advice: 'Read it, or cancel it with `await res.body?.cancel()`',
          },
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 37,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export async function withRetry(url) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const res = await fetch(url);
    if (res.status === 429) { await res.body?.cancel(); continue; }
    return res.json();
  }
  throw new Error('rate limited');
}
      `,
            },
          ],
        },
      ],
    },
    {
      // The next iteration replaces the response: reported at the end of the loop body.
      code: `
export async function collect(urls, out) {
  for (const url of urls) {
    const res = await fetch(url);
    if (res.ok) out.push(await res.json());
  }
}
      `,
      output: null,
      errors: [{ messageId: 'droppedOnPath', line: 6, column: 3, endLine: 6, endColumn: 4 }],
    },
    {
      // Reassigned before the previous response is released.
      code: `
export async function poll(url) {
  let res = await fetch(url);
  while (res.status === 202) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    res = await fetch(url);
  }
  return res.json();
}
      `,
      output: null,
      errors: [{ messageId: 'replacedUnread', line: 6, column: 5, endLine: 6, endColumn: 8 }],
    },
    {
      // A branch that reads inside the statement: reported without a suggestion.
      code: `
export async function maybe(url) {
  const res = await fetch(url);
  return res.ok ? res.json() : null;
}
      `,
      output: null,
      errors: [{ messageId: 'droppedOnPath', line: 4, column: 3, endLine: 4, endColumn: 9 }],
    },
    {
      // A throw in a try block whose catch swallows it.
      code: `
export async function safe(url) {
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error('bad status');
    return await res.json();
  } catch {
    return null;
  }
}
      `,
      output: null,
      errors: [
        {
          messageId: 'droppedOnPath',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 23,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export async function safe(url) {
  try {
    const res = await fetch(url);
    if (!res.ok) { await res.body?.cancel(); throw new Error('bad status'); }
    return await res.json();
  } catch {
    return null;
  }
}
      `,
            },
          ],
        },
      ],
    },
    {
      // `await fetch(url);` drops the response.
      code: `
export async function ping(url) {
  await fetch(url, { method: 'POST' });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'discarded',
          data: { advice: 'Read the body, or cancel it with `res.body?.cancel()`' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'releaseBody',
              data: { text: 'body?.cancel()' },
              output: `
export async function ping(url) {
  await (await fetch(url, { method: 'POST' })).body?.cancel();
}
      `,
            },
          ],
        },
      ],
    },
    {
      // Not awaited at all, with `void` and through `.catch()`.
      code: `
export function beacon(url) {
  fetch(url);
  void fetch(url);
  fetch(url).catch(() => {});
}
      `,
      output: null,
      errors: [
        {
          messageId: 'discarded',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 8,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export function beacon(url) {
  fetch(url).then((res) => res.body?.cancel());
  void fetch(url);
  fetch(url).catch(() => {});
}
      `,
            },
          ],
        },
        {
          messageId: 'discarded',
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 13,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export function beacon(url) {
  fetch(url);
  void fetch(url).then((res) => res.body?.cancel());
  fetch(url).catch(() => {});
}
      `,
            },
          ],
        },
        {
          messageId: 'discarded',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 8,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export function beacon(url) {
  fetch(url);
  void fetch(url);
  fetch(url).catch(() => {}).then((res) => res?.body?.cancel());
}
      `,
            },
          ],
        },
      ],
    },
    {
      // Destructuring keeps only metadata: the suggestion keeps the body and cancels it.
      code: `
export async function isUp(url) {
  const { ok } = await fetch(url);
  return ok;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'metadataOnly',
          data: { kept: '`ok`', verb: 'is', advice: 'Keep `body` too and call `await body?.cancel()`' },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'releaseBody',
              data: { text: 'await body?.cancel();' },
              output: `
export async function isUp(url) {
  const { ok, body } = await fetch(url);
  await body?.cancel();
  return ok;
}
      `,
            },
          ],
        },
      ],
    },
    {
      // `body` is taken: another name.
      code: `
export async function post(url, body) {
  const { status, headers } = await fetch(url, { method: 'POST', body });
  return { status, type: headers.get('content-type') };
}
      `,
      output: null,
      errors: [
        {
          messageId: 'metadataOnly',
          data: {
            kept: '`status` and `headers`',
            verb: 'are',
            advice: 'Keep `body` too and call `await body?.cancel()`',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export async function post(url, body) {
  const { status, headers, body: responseBody } = await fetch(url, { method: 'POST', body });
  await responseBody?.cancel();
  return { status, type: headers.get('content-type') };
}
      `,
            },
          ],
        },
      ],
    },
    {
      // In a `.then()` callback: reported, with nowhere to put the release.
      code: `
export const isUp = (url) => fetch(url).then(({ ok }) => ok);
export const ping = (url) => fetch(url).then(() => true);
      `,
      output: null,
      errors: [
        { messageId: 'metadataOnly', line: 2, column: 47, endLine: 2, endColumn: 53 },
        {
          messageId: 'ignoredResponse',
          data: { advice: 'Take the response and cancel its body with `res.body?.cancel()`' },
          line: 3,
          column: 46,
          endLine: 3,
          endColumn: 48,
        },
      ],
    },
    {
      // node-fetch bodies are Node streams: drained, not cancelled.
      code: `
import fetch from 'node-fetch';
export async function get(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error('HTTP ' + res.status);
  return res.json();
}
      `,
      output: null,
      errors: [
        {
          messageId: 'droppedOnPath',
          data: {
            name: 'res',
            path: 'the path that throws here',
            advice: 'Read it, or drain it with `res.body?.resume()`',
          },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'releaseBody',
              data: { text: 'res.body?.resume();' },
              output: `
import fetch from 'node-fetch';
export async function get(url) {
  const res = await fetch(url);
  if (!res.ok) { res.body?.resume(); throw new Error('HTTP ' + res.status); }
  return res.json();
}
      `,
            },
          ],
        },
      ],
    },
    {
      // undici's fetch, a body kept by destructuring, and top-level await in a module.
      code: `
import { fetch } from 'undici';
const { status, body } = await fetch('http://config.internal/flags');
if (status !== 200) throw new Error('no flags');
export const flags = await new Response(body).json();
      `,
      output: null,
      errors: [
        {
          messageId: 'droppedOnPath',
          data: { name: 'body', path: 'the path that throws here', advice: 'Read it, or cancel it with `await body?.cancel()`' },
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
import { fetch } from 'undici';
const { status, body } = await fetch('http://config.internal/flags');
if (status !== 200) { await body?.cancel(); throw new Error('no flags'); }
export const flags = await new Response(body).json();
      `,
            },
          ],
        },
      ],
    },
    {
      // Only part of the test rules the body out: the not-ok path still drops it.
      code: `
export async function read(url) {
  const res = await fetch(url);
  if (res.ok && res.body) {
    return res.json();
  }
  return null;
}
      `,
      output: null,
      errors: [
        {
          messageId: 'droppedOnPath',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 9,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export async function read(url) {
  const res = await fetch(url);
  if (res.ok && res.body) {
    return res.json();
  }
  await res.body?.cancel();
  return null;
}
      `,
            },
          ],
        },
      ],
    },
    // --- undici request(): dump() ---------------------------------------------------------------
    {
      code: `${UNDICI}
export async function checkAvatar(url) {
  const { statusCode, headers } = await request(url);
  return statusCode === 200 && String(headers['content-type']).startsWith('image/');
}
      `,
      output: null,
      errors: [
        {
          messageId: 'metadataOnly',
          data: { kept: '`statusCode` and `headers`', verb: 'are', advice: 'Keep `body` too and call `await body.dump()`' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'releaseBody',
              data: { text: 'await body.dump();' },
              output: `${UNDICI}
export async function checkAvatar(url) {
  const { statusCode, headers, body } = await request(url);
  await body.dump();
  return statusCode === 200 && String(headers['content-type']).startsWith('image/');
}
      `,
            },
          ],
        },
      ],
    },
    {
      code: `${UNDICI}
export async function getJson(url) {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) throw new Error('status ' + statusCode);
  return body.json();
}
      `,
      output: null,
      errors: [
        {
          messageId: 'droppedOnPath',
          data: { name: 'body', path: 'the path that throws here', advice: 'Read it, or call `await body.dump()`' },
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `${UNDICI}
export async function getJson(url) {
  const { statusCode, body } = await request(url);
  if (statusCode !== 200) { await body.dump(); throw new Error('status ' + statusCode); }
  return body.json();
}
      `,
            },
          ],
        },
      ],
    },
    {
      // The whole result kept: its body is dumped through it.
      code: `${UNDICI}
export async function status(url) {
  const result = await request(url);
  return result.statusCode;
}
export async function ping(url) {
  await request(url, { method: 'POST' });
}
      `,
      output: null,
      errors: [
        {
          messageId: 'neverRead',
          data: { name: 'result', advice: 'Read it, or call `await result.body.dump()`' },
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `${UNDICI}
export async function status(url) {
  const result = await request(url);
  await result.body.dump();
  return result.statusCode;
}
export async function ping(url) {
  await request(url, { method: 'POST' });
}
      `,
            },
          ],
        },
        {
          messageId: 'discarded',
          data: { advice: 'Read the body, or call `dump()` on it' },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `${UNDICI}
export async function status(url) {
  const result = await request(url);
  return result.statusCode;
}
export async function ping(url) {
  await (await request(url, { method: 'POST' })).body.dump();
}
      `,
            },
          ],
        },
      ],
    },
    // --- TypeScript ---------------------------------------------------------------------------
    {
      code: `
export async function getUser(id: string): Promise<User> {
  const res: Response = await fetch(\`/users/\${id}\`);
  if (!res.ok) {
    throw new Error(\`HTTP \${res.status}\`);
  }
  return (await res.json()) as User;
}
      `,
      output: null,
      tsOnly: true,
      errors: [
        {
          messageId: 'droppedOnPath',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 10,
          suggestions: [
            {
              messageId: 'releaseBody',
              output: `
export async function getUser(id: string): Promise<User> {
  const res: Response = await fetch(\`/users/\${id}\`);
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(\`HTTP \${res.status}\`);
  }
  return (await res.json()) as User;
}
      `,
            },
          ],
        },
      ],
    },
  ],
});
