import rule from '../../rules/require-disconnect-cleanup';
import { runOnBothParsers } from '../rule-tester';

const EXPRESS = `import express from 'express';
const app = express();`;

runOnBothParsers('require-disconnect-cleanup', rule, {
  valid: [
    // The timer is cleared when the connection closes (response or request 'close').
    `
${EXPRESS}
app.get('/events', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const timer = setInterval(() => res.write('data: tick\\n\\n'), 1000);
  res.on('close', () => clearInterval(timer));
});
app.get('/events2', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  const timer = setInterval(() => res.write('data: tick\\n\\n'), 1000);
  req.on('close', () => {
    clearInterval(timer);
  });
});
    `,
    // Through a same-file cleanup function, and with the listener registered by name.
    `
${EXPRESS}
app.get('/events', (req, res) => {
  const heartbeat = setInterval(() => res.write(': ping\\n\\n'), 15000);
  function stop() { clearInterval(heartbeat); }
  res.once('close', stop);
});
    `,
    // A one-shot setTimeout that ends the response.
    `
${EXPRESS}
app.get('/slow', (req, res) => {
  res.write('working');
  setTimeout(() => res.end('done'), 1000);
});
    `,
    // A non-streaming handler whose timer has nothing to do with the response.
    `
${EXPRESS}
app.post('/jobs', async (req, res) => {
  let ticks = 0;
  const progress = setInterval(() => { ticks += 1; }, 100);
  await runJob(req.body);
  clearInterval(progress);
  res.json({ ticks });
});
    `,
    // A keep-alive during a long job, cleared when the job is done: bounded by the job.
    `
${EXPRESS}
app.post('/export', async (req, res) => {
  const keepAlive = setInterval(() => res.write(' '), 5000);
  try {
    res.write(JSON.stringify(await buildExport(req.body)));
  } finally {
    clearInterval(keepAlive);
  }
  res.end();
});
    `,
    // Next.js pages API: res 'close' fires.
    {
      code: `
export default function handler(req, res) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const poll = setInterval(() => res.write('data: x\\n\\n'), 3000);
  res.on('close', () => clearInterval(poll));
}
      `,
      filename: 'pages/api/live.ts',
    },
    // Next.js App Router: request.signal and the stream's cancel().
    {
      code: `
export async function GET(request) {
  let timer;
  const stream = new ReadableStream({
    start(controller) {
      timer = setInterval(() => controller.enqueue('data: x\\n\\n'), 1000);
      request.signal.addEventListener('abort', () => clearInterval(timer));
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}
      `,
      filename: 'app/api/live/route.ts',
    },
    {
      code: `
export async function GET() {
  let timer;
  const stream = new ReadableStream({
    start(controller) {
      timer = setInterval(() => controller.enqueue('data: x\\n\\n'), 1000);
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(stream);
}
      `,
      filename: 'app/api/live/route.ts',
    },
    // Loops that notice the closed connection, or end.
    `
${EXPRESS}
app.get('/feed', async (req, res) => {
  while (true) {
    if (res.writableEnded || res.destroyed) break;
    res.write(await nextEvent());
  }
});
app.get('/copy', async (req, res) => {
  const reader = source.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return res.end();
    res.write(value);
  }
});
app.get('/signal', async (req, res) => {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  while (true) {
    controller.signal.throwIfAborted();
    res.write(await nextEvent());
  }
});
    `,
    // Broadcast sets that drop the client on close, or prune it elsewhere.
    `
${EXPRESS}
const clients = new Set();
app.get('/events', (req, res) => {
  clients.add(res);
  res.on('close', () => clients.delete(res));
});
let subscribers = [];
app.get('/subscribe', (req, res) => {
  subscribers.push({ id: req.query.id, res });
  req.on('close', () => { subscribers = subscribers.filter((s) => s.res !== res); });
});
setInterval(() => { for (const c of clients) c.write('data: x\\n\\n'); }, 1000);
    `,
    // Subscriptions removed on close.
    `
${EXPRESS}
import { bus } from './bus';
app.get('/orders/stream', (req, res) => {
  const send = (order) => res.write('data: ' + JSON.stringify(order) + '\\n\\n');
  bus.on('order', send);
  res.on('close', () => bus.off('order', send));
});
app.get('/prices/stream', (req, res) => {
  const unsubscribe = prices.subscribe((price) => res.write(String(price)));
  res.on('close', unsubscribe);
});
    `,
    // An emitter created for this request dies with it.
    `
${EXPRESS}
import { spawn } from 'node:child_process';
app.get('/logs', (req, res) => {
  const child = spawn('tail', ['-f', 'app.log']);
  child.stdout.on('data', (chunk) => res.write(chunk));
});
    `,
    // The handle goes to code we cannot see; a chain that stops on a closed response.
    `
${EXPRESS}
app.get('/tracked', (req, res) => {
  const timer = setInterval(() => res.write('x'), 1000);
  track(res, timer);
});
app.get('/chain', (req, res) => {
  function tick() {
    if (res.destroyed) return;
    res.write('x');
    setTimeout(tick, 1000);
  }
  tick();
});
    `,
    // Waiting for the close, then clearing.
    `
${EXPRESS}
import { once } from 'node:events';
app.get('/wait', async (req, res) => {
  const timer = setInterval(() => res.write('x'), 1000);
  await once(res, 'close');
  clearInterval(timer);
});
    `,
    // hono: onAbort, and a loop that checks stream.aborted.
    `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
const app = new Hono();
app.get('/sse', (c) => streamSSE(c, async (stream) => {
  const timer = setInterval(() => stream.writeSSE({ data: 'tick' }), 1000);
  stream.onAbort(() => clearInterval(timer));
  while (!stream.aborted) {
    await stream.writeSSE({ data: 'x' });
    await stream.sleep(1000);
  }
}));
    `,
    // Not a handler: a module-level interval broadcasting to every client.
    `
const clients = new Set();
setInterval(() => { for (const res of clients) res.write('x'); }, 1000);
    `,
    // A test's streaming handler lives as long as the test.
    {
      code: `
import http from 'node:http';
http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  setInterval(() => res.write('data: tick\\n\\n'), 10);
}).listen(0);
      `,
      filename: 'src/__tests__/sse.ts',
    },
  ],
  invalid: [
    {
      // The interval's handle is dropped: nothing can stop it.
      code: `
${EXPRESS}
app.get('/events', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  setInterval(() => {
    res.write('data: tick\\n\\n');
  }, 1000);
});
      `,
      output: null,
      errors: [{ messageId: 'timerNotStopped', line: 6, column: 3, endLine: 6, endColumn: 14, suggestions: [] }],
    },
    {
      code: `
${EXPRESS}
app.get('/events', (req, res) => {
  const timer = setInterval(() => res.write('data: tick\\n\\n'), 1000); // heartbeat
  findOrder(req.params.id).catch(() => { clearInterval(timer); res.end(); });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'timerNotStopped',
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'clearOnDisconnect',
              output: `
${EXPRESS}
app.get('/events', (req, res) => {
  const timer = setInterval(() => res.write('data: tick\\n\\n'), 1000); // heartbeat
  res.on('close', () => clearInterval(timer));
  findOrder(req.params.id).catch(() => { clearInterval(timer); res.end(); });
});
      `,
            },
          ],
        },
      ],
    },
    {
      // Next.js pages API: req 'close' never fires there.
      code: `
export default function handler(req, res) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const poll = setInterval(() => res.write('data: x\\n\\n'), 3000);
  req.on('close', () => clearInterval(poll));
}
      `,
      filename: 'pages/api/live.ts',
      output: null,
      errors: [
        {
          messageId: 'timerNotStopped',
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'clearOnDisconnect',
              output: `
export default function handler(req, res) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const poll = setInterval(() => res.write('data: x\\n\\n'), 3000);
  res.on('close', () => clearInterval(poll));
  req.on('close', () => clearInterval(poll));
}
      `,
            },
          ],
        },
      ],
    },
    {
      // App Router: a ReadableStream whose timer nothing stops.
      code: `
export async function GET(request) {
  let timer;
  const stream = new ReadableStream({
    start(controller) {
      timer = setInterval(() => controller.enqueue('data: x\\n\\n'), 1000);
    },
  });
  return new Response(stream);
}
      `,
      filename: 'app/api/live/route.ts',
      output: null,
      errors: [
        {
          messageId: 'timerNotStopped',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'clearOnDisconnect',
              output: `
export async function GET(request) {
  let timer;
  const stream = new ReadableStream({
    start(controller) {
      timer = setInterval(() => controller.enqueue('data: x\\n\\n'), 1000);
      request.signal.addEventListener('abort', () => clearInterval(timer));
    },
  });
  return new Response(stream);
}
      `,
            },
          ],
        },
      ],
    },
    {
      // fastify: the raw response.
      code: `
import fastify from 'fastify';
const app = fastify();
app.get('/events', (request, reply) => {
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
  const timer = setInterval(() => reply.raw.write('data: x\\n\\n'), 1000);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'timerNotStopped',
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'clearOnDisconnect',
              output: `
import fastify from 'fastify';
const app = fastify();
app.get('/events', (request, reply) => {
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
  const timer = setInterval(() => reply.raw.write('data: x\\n\\n'), 1000);
  reply.raw.on('close', () => clearInterval(timer));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // koa: a stream piped into the response; an SSE heartbeat that does not write visibly.
      code: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(async (ctx) => {
  ctx.type = 'text/event-stream';
  const stream = new PassThrough();
  ctx.body = stream;
  const timer = setInterval(() => stream.write('data: x\\n\\n'), 1000);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'timerNotStopped',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'clearOnDisconnect',
              output: `
import Koa from 'koa';
import { PassThrough } from 'node:stream';
const app = new Koa();
app.use(async (ctx) => {
  ctx.type = 'text/event-stream';
  const stream = new PassThrough();
  ctx.body = stream;
  const timer = setInterval(() => stream.write('data: x\\n\\n'), 1000);
  ctx.res.on('close', () => clearInterval(timer));
});
      `,
            },
          ],
        },
      ],
    },
    {
      // A setTimeout chain that always reschedules itself.
      code: `
${EXPRESS}
app.get('/chain', (req, res) => {
  function tick() {
    res.write('x');
    setTimeout(tick, 1000);
  }
  tick();
});
      `,
      output: null,
      errors: [{ messageId: 'timerNotStopped', line: 7, column: 5, endLine: 7, endColumn: 15, suggestions: [] }],
    },
    {
      code: `
${EXPRESS}
app.get('/feed', async (req, res) => {
  res.set('Content-Type', 'text/event-stream');
  while (true) {
    res.write(await nextEvent());
  }
});
      `,
      output: null,
      errors: [{ messageId: 'loopNotStopped', line: 6, column: 3, endLine: 6, endColumn: 8, suggestions: [] }],
    },
    {
      // hono's stream swallows write errors: the loop never ends.
      code: `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
const app = new Hono();
app.get('/sse', (c) => streamSSE(c, async (stream) => {
  for (;;) {
    await stream.writeSSE({ data: new Date().toISOString() });
    await stream.sleep(1000);
  }
}));
      `,
      output: null,
      errors: [{ messageId: 'loopNotStopped', line: 6, column: 3, endLine: 6, endColumn: 6, suggestions: [] }],
    },
    {
      code: `
${EXPRESS}
import { bus } from './bus';
app.get('/orders/stream', (req, res) => {
  bus.on('order', (order) => res.write('data: ' + JSON.stringify(order) + '\\n\\n'));
});
      `,
      output: null,
      errors: [{ messageId: 'subscriptionNotStopped', line: 6, column: 3, endLine: 6, endColumn: 9, suggestions: [] }],
    },
    {
      code: `
${EXPRESS}
const clients = [];
app.get('/events', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  clients.push({ id: Date.now(), res });
});
export function broadcast(data) {
  for (const client of clients) client.res.write('data: ' + data + '\\n\\n');
}
      `,
      output: null,
      errors: [{ messageId: 'clientNotRemoved', line: 7, column: 3, endLine: 7, endColumn: 15, suggestions: [] }],
    },
  ],
});
