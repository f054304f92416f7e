import rule from '../../rules/no-unread-request-body';
import { runOnBothParsers } from '../rule-tester';

const HTTP = "import http from 'node:http';\n";
const EXPRESS = "import express from 'express';\nconst app = express();\n";

runOnBothParsers('no-unread-request-body', rule, {
  valid: [
    // --- the body is never touched: Node drains it after the response ------------------------
    `${HTTP}
http.createServer((req, res) => {
  if (req.headers['content-length'] > 1e6) {
    res.writeHead(413);
    return res.end();
  }
  res.end('ok');
});
    `,
    // pause() before reading anything (a common "hold the body while we authenticate" idiom).
    `${EXPRESS}
app.post('/upload', async (req, res) => {
  req.pause();
  if (!(await authorized(req.headers))) return res.status(401).end();
  req.resume();
  res.end();
});
    `,
    // --- bounded drains: resume() before (or right after) the early response -------------------
    `${HTTP}
http.createServer((req, res) => {
  req.once('data', (head) => {
    req.pause();
    if (head[0] !== 0x89) {
      req.resume();
      res.writeHead(415);
      return res.end();
    }
    req.unshift(head);
    req.resume();
  });
});
    `,
    `${EXPRESS}
app.post('/x', (req, res) => {
  req.on('data', (chunk) => {
    req.pause();
    res.status(413).end();
    req.resume();
  });
});
    `,
    // Destroyed instead of drained, or the response asks Node to close the connection.
    `${HTTP}
http.createServer((req, res) => {
  req.on('data', () => {
    req.pause();
    res.writeHead(413, { Connection: 'close' });
    res.end();
  });
});
    `,
    `${EXPRESS}
app.post('/x', (req, res) => {
  req.on('data', () => {
    req.pause();
    res.set('Connection', 'close');
    res.status(413).send('too large');
  });
});
    `,
    // --- bodies consumed through pipeline, piping, or for await ----------------------------------
    `${HTTP}
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
http.createServer((req, res) => {
  req.once('data', (head) => {
    req.pause();
    req.unshift(head);
    pipeline(req, createWriteStream('/tmp/x')).then(() => res.end('ok'));
  });
});
    `,
    `${HTTP}
http.createServer((req, res) => {
  const head = req.read(4);
  req.pipe(process.stdout);
  res.end(head);
});
    `,
    // --- the request is handed to another function (a body parser, busboy, formidable) -------
    `${EXPRESS}
import getRawBody from 'raw-body';
app.post('/x', (req, res) => {
  req.on('data', () => {});
  req.pause();
  getRawBody(req, { limit: '1mb' }).then((body) => res.send(body));
});
    `,
    `${EXPRESS}
import formidable from 'formidable';
app.post('/x', (req, res) => {
  req.pipe(sink);
  req.unpipe(sink);
  formidable().parse(req, () => res.end());
});
    `,
    // Backpressure: paused in the listener, resumed by a callback created on the same path.
    `${HTTP}
http.createServer((req, res) => {
  req.on('data', (chunk) => {
    req.pause();
    out.write(chunk, () => req.resume());
  });
  req.on('end', () => res.end('stored'));
});
    `,
    // A flowing 'data' listener keeps reading after an early response: the body is drained.
    `${EXPRESS}
app.post('/x', (req, res) => {
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > 1e6) res.status(413).end();
  });
  req.on('end', () => { if (!res.headersSent) res.end('ok'); });
});
    `,
    // read() inside a 'readable' listener: the stream keeps calling it back.
    `${HTTP}
http.createServer((req, res) => {
  req.on('readable', () => {
    let chunk;
    while ((chunk = req.read()) !== null) sink.push(chunk);
  });
  req.on('end', () => res.end());
});
    `,
    // destroy() after the response, on another path, or in a callback.
    `${EXPRESS}
app.post('/x', (req, res) => {
  res.status(413).end();
  req.destroy();
});
app.post('/y', (req, res) => {
  if (req.headers.expect) return req.destroy();
  res.end();
});
app.post('/z', (req, res) => {
  req.on('error', () => req.destroy());
  res.end();
});
    `,
    // --- promises around a manual read that settle on end and on abort ------------------------
    `${HTTP}
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
http.createServer(async (req, res) => res.end(await readBody(req)));
    `,
    `${HTTP}
http.createServer(async (req, res) => {
  const body = await new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8').on('data', (chunk) => { text += chunk; }).on('end', () => resolve(text)).on('close', () => reject(new Error('aborted')));
  });
  res.end(body);
});
    `,
    // The listener settles the promise itself (it needs only the first chunk), or finished() watches the stream.
    `${HTTP}
import { finished } from 'node:stream';
http.createServer(async (req, res) => {
  const head = await new Promise((resolve, reject) => req.once('data', resolve).once('error', reject));
  const body = await new Promise((resolve, reject) => {
    req.on('data', (chunk) => sink.push(chunk));
    finished(req, (err) => (err ? reject(err) : resolve()));
  });
  res.end(String(head) + body);
});
    `,
    {
      code: `${HTTP}
http.createServer(async (req, res) => {
  const body = await new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => resolve(text));
  });
  res.end(body);
});
      `,
      options: [{ checkAbortHandling: false }],
    },
    // --- not a server request -----------------------------------------------------------------
    `${HTTP}
http.get('http://example.com', (res) => {
  res.once('data', () => {
    res.pause();
    console.log('got data');
  });
});
export function f(stream, res) {
  stream.on('data', () => {});
  stream.pause();
  res.end();
}
    `,
    // hono's c.req is a Web Request.
    `import { Hono } from 'hono';
const app = new Hono();
app.post('/x', async (c) => {
  c.req.raw.body?.cancel();
  return c.text('ok');
});
    `,
    // Test files drive servers they started.
    {
      code: `${HTTP}
http.createServer((req, res) => {
  req.on('data', () => { req.pause(); res.end(); });
});
      `,
      filename: 'test/server.test.ts',
    },
  ],
  invalid: [
    // --- paused after reading started, then a response -----------------------------------------
    {
      code: `${HTTP}
http.createServer((req, res) => {
  req.once('data', (head) => {
    req.pause();
    if (head[0] !== 0x89) {
      res.writeHead(415);
      res.end();
      return;
    }
    req.unshift(head);
    req.pipe(out);
  });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'stoppedBeforeResponse',
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'drainBeforeResponse',
              output: `${HTTP}
http.createServer((req, res) => {
  req.once('data', (head) => {
    req.pause();
    if (head[0] !== 0x89) {
      res.writeHead(415);
      req.resume();
      res.end();
      return;
    }
    req.unshift(head);
    req.pipe(out);
  });
});
      `,
            },
          ],
        },
      ],
    },
    // Express: a 413 from the data listener after pausing; the suggestion goes before the `return`.
    {
      code: `${EXPRESS}
app.post('/upload', (req, res) => {
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > 1e6) {
      req.pause();
      return res.status(413).json({ error: 'too large' });
    }
  });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'stoppedBeforeResponse',
          line: 10,
          column: 14,
          endLine: 10,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'drainBeforeResponse',
              output: `${EXPRESS}
app.post('/upload', (req, res) => {
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > 1e6) {
      req.pause();
      req.resume();
      return res.status(413).json({ error: 'too large' });
    }
  });
});
      `,
            },
          ],
        },
      ],
    },
    // A same-file helper that responds; the sole statement of an `if` gets braces.
    {
      code: `${HTTP}
function sendJson(res, status, body) { res.writeHead(status); res.end(JSON.stringify(body)); }
http.createServer((req, res) => {
  req.on('data', (chunk) => {
    req.pause();
    if (!valid(chunk)) sendJson(res, 400, { error: 'bad' });
  });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'stoppedBeforeResponse',
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'drainBeforeResponse',
              output: `${HTTP}
function sendJson(res, status, body) { res.writeHead(status); res.end(JSON.stringify(body)); }
http.createServer((req, res) => {
  req.on('data', (chunk) => {
    req.pause();
    if (!valid(chunk)) { req.resume(); sendJson(res, 400, { error: 'bad' }); }
  });
});
      `,
            },
          ],
        },
      ],
    },
    // unpipe() after piping, then a response, with no later resume().
    {
      code: `${EXPRESS}
app.put('/file', (req, res) => {
  req.pipe(hasher);
  if (tooMany()) {
    req.unpipe(hasher);
    res.sendStatus(429);
  }
});
      `,
      output: null,
      errors: [
        {
          messageId: 'stoppedBeforeResponse',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'drainBeforeResponse',
              output: `${EXPRESS}
app.put('/file', (req, res) => {
  req.pipe(hasher);
  if (tooMany()) {
    req.unpipe(hasher);
    req.resume();
    res.sendStatus(429);
  }
});
      `,
            },
          ],
        },
      ],
    },
    // koa: ctx.req paused in a data listener, then `ctx.status =`.
    {
      code: `import Koa from 'koa';
const app = new Koa();
app.use(async (ctx) => {
  ctx.req.on('data', () => {
    ctx.req.pause();
    ctx.status = 413;
  });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'stoppedBeforeResponse',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 15,
          suggestions: [
            {
              messageId: 'drainBeforeResponse',
              output: `import Koa from 'koa';
const app = new Koa();
app.use(async (ctx) => {
  ctx.req.on('data', () => {
    ctx.req.pause();
    ctx.req.resume();
    ctx.status = 413;
  });
});
      `,
            },
          ],
        },
      ],
    },
    // fastify: request.raw read, then reply.send().
    {
      code: `import Fastify from 'fastify';
const app = Fastify();
app.post('/sniff', (request, reply) => {
  const head = request.raw.read(8);
  if (!head) return reply.code(400).send('empty');
  request.raw.unshift(head);
  request.raw.resume();
});
      `,
      output: null,
      errors: [
        {
          messageId: 'readBeforeResponse',
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 50,
          suggestions: [
            {
              messageId: 'drainBeforeResponse',
              output: `import Fastify from 'fastify';
const app = Fastify();
app.post('/sniff', (request, reply) => {
  const head = request.raw.read(8);
  if (!head) { request.raw.resume(); return reply.code(400).send('empty'); }
  request.raw.unshift(head);
  request.raw.resume();
});
      `,
            },
          ],
        },
      ],
    },
    // --- responding after destroy() -------------------------------------------------------------
    {
      code: `${HTTP}
http.createServer((req, res) => {
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > 1e6) {
      req.destroy();
      res.statusCode = 413;
      res.end('too large');
    }
  });
});
      `,
      output: null,
      errors: [{ messageId: 'respondedAfterDestroy', line: 10, column: 7, endLine: 10, endColumn: 27 }],
    },
    // --- promises around a manual read ----------------------------------------------------------
    {
      code: `${HTTP}
function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
http.createServer(async (req, res) => res.end(await readBody(req)));
      `,
      output: null,
      errors: [{ messageId: 'noAbortHandling', line: 6, column: 5, endLine: 6, endColumn: 11 }],
    },
    {
      code: `${EXPRESS}
app.post('/x', async (req, res) => {
  const body = await new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('error', reject);
  });
  res.send(body);
});
      `,
      output: null,
      errors: [{ messageId: 'noEndHandling', line: 7, column: 5, endLine: 7, endColumn: 11 }],
    },
    // Typed as IncomingMessage under a server-side name (TypeScript only).
    {
      code: `import type { IncomingMessage } from 'node:http';
export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.on('readable', () => { let c; while ((c = req.read()) !== null) text += c; });
    req.on('end', () => resolve(JSON.parse(text)));
  });
}
      `,
      tsOnly: true,
      output: null,
      errors: [{ messageId: 'noAbortHandling', line: 5, column: 5, endLine: 5, endColumn: 11 }],
    },
  ],
});
