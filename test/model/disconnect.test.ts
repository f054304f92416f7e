import { describe, expect, it } from 'vitest';

import { getStreaming } from '../../src/model/disconnect';
import { analyze, type ParserName } from './analyze';

const parsers: ParserName[] = ['espree', 'typescript'];

function streaming(code: string, parser: ParserName, filename?: string) {
  const { model } = analyze(code, { parser, ...(filename ? { filename } : {}) });
  return getStreaming(model).handlers;
}

describe.each(parsers)('streaming handlers (%s)', (parser) => {
  it('finds the event-stream content type, the work, and what stops it', () => {
    const [handler, ...rest] = streaming(
      `
import express from 'express';
const app = express();
const clients = new Set();
app.get('/events', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const timer = setInterval(() => res.write('x'), 1000);
  setInterval(() => res.write('y'), 1000);
  clients.add(res);
  res.on('close', () => { clearInterval(timer); clients.delete(res); });
});
app.get('/plain', (req, res) => res.json({}));
      `,
      parser,
    );
    expect(rest).toHaveLength(0);
    expect(handler?.eventStream).toBeDefined();
    expect(handler?.listeners).toHaveLength(1);
    expect(handler?.work.map((work) => [work.kind, work.node.loc.start.line, work.channel, work.stopVia, work.stoppedBy?.loc.start.line])).toEqual([
      ['interval', 7, 'node', 'res', 10],
      ['interval', 8, 'node', 'res', undefined],
      ['broadcast', 9, 'node', 'res', 10],
    ]);
    expect(handler?.work[0]?.handle?.name).toBe('timer');
  });

  it("knows that req 'close' never fires in a Next.js pages API route", () => {
    const [handler] = streaming(
      `
export default function handler(req, res) {
  const poll = setInterval(() => res.write('x'), 1000);
  req.on('close', () => clearInterval(poll));
}
      `,
      parser,
      parser === 'typescript' ? 'pages/api/live.ts' : 'pages/api/live.js',
    );
    expect(handler?.listeners).toHaveLength(0);
    expect(handler?.deadListeners.map((listener) => listener.node.loc.start.line)).toEqual([4]);
    expect(handler?.work[0]?.stoppedBy).toBeUndefined();
  });

  it('uses the Web channel in App Router streams and hono streaming callbacks', () => {
    const [route] = streaming(
      `
export async function GET(request) {
  return new Response(new ReadableStream({
    start(controller) { setInterval(() => controller.enqueue('x'), 1000); },
  }));
}
      `,
      parser,
      parser === 'typescript' ? 'app/live/route.ts' : 'app/live/route.js',
    );
    expect(route?.work.map((work) => [work.kind, work.channel, work.stopVia])).toEqual([['interval', 'web', 'request.signal']]);

    const [sse] = streaming(
      `
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
const app = new Hono();
app.get('/sse', (c) => streamSSE(c, async (stream) => {
  while (true) { await stream.writeSSE({ data: 'x' }); await stream.sleep(1000); }
}));
      `,
      parser,
    );
    expect(sse?.work.map((work) => [work.kind, work.channel, work.stopVia, work.stoppedBy])).toEqual([['loop', 'hono-stream', 'stream', undefined]]);
  });

  it('follows subscriptions on long-lived emitters only', () => {
    const [handler] = streaming(
      `
import express from 'express';
import { bus } from './bus';
const app = express();
app.get('/s', (req, res) => {
  const local = new EventEmitter();
  local.on('x', (v) => res.write(v));
  const send = (v) => res.write(v);
  bus.on('x', send);
  res.on('close', () => bus.off('x', send));
});
      `,
      parser,
    );
    expect(handler?.work.map((work) => [work.kind, work.node.loc.start.line, work.stoppedBy?.loc.start.line])).toEqual([
      ['subscription', 9, 10],
    ]);
  });
});
