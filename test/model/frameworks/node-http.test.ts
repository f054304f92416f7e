import { describe, expect, it } from 'vitest';

import { analyze, PARSERS } from '../analyze';
import { appsIn, handlersIn } from './summary';

const LISTENER = 'node-http request-listener inline request=req response=res';

describe.each(PARSERS)('node http servers (%s)', (parser) => {
  it.each([
    ['http.createServer(fn)', "import http from 'node:http';\nhttp.createServer((req, res) => res.end());"],
    ['createServer(options, fn)', "import { createServer } from 'http';\ncreateServer({ requestTimeout: 5000 }, (req, res) => res.end());"],
    ['a renamed import', "import { createServer as makeServer } from 'node:http';\nmakeServer((req, res) => res.end());"],
    ['https', "import * as https from 'https';\nhttps.createServer(tls, (req, res) => res.end());"],
    ['http2.createServer', "import http2 from 'http2';\nhttp2.createServer((req, res) => res.end());"],
    ['http2.createSecureServer', "import { createSecureServer } from 'node:http2';\ncreateSecureServer(tls, (req, res) => res.end());"],
    ["on('request')", "import http from 'http';\nconst server = http.createServer();\nserver.on('request', (req, res) => res.end());"],
    ["a chained once('request')", "import http from 'http';\nhttp.createServer().listen(3000).once('request', (req, res) => res.end());"],
    ['new http.Server(fn)', "import http from 'node:http';\nnew http.Server((req, res) => res.end()).listen(3000);"],
    ['new Server(fn) imported by name', "import { Server } from 'https';\nconst server = new Server(tls, (req, res) => res.end());"],
  ])('%s', (_, code) => {
    expect(handlersIn(code, { parser })).toEqual([LISTENER]);
  });

  it.each([
    ['require', "const http = require('http');\nhttp.createServer((req, res) => res.end());"],
    ['a destructured require', "const { createServer } = require('node:https');\ncreateServer(opts, (req, res) => res.end());"],
    ['an inline require', "require('http').createServer((req, res) => res.end()).listen(3000);"],
  ])('%s (commonjs)', (_, code) => {
    expect(handlersIn(code, { parser, sourceType: 'commonjs' })).toEqual([LISTENER]);
  });

  it('lists servers, also through listen() and a const', () => {
    const code = "import http from 'http';\nconst server = http.createServer(handler).listen(3000);\nfunction handler(req, res) {}";
    const { model, find } = analyze(code, { parser });
    expect(model.frameworks.apps.map((app) => `${app.framework} ${app.kind}`)).toEqual(['node-http server']);
    expect(model.frameworks.resolveApp(find('Identifier', 'server'))).toBe(model.frameworks.apps[0]);
    expect(model.frameworks.handlers.map((h) => h.source)).toEqual(['reference']);
  });

  it("registers http2 'stream' listeners without request/response roles", () => {
    const code = "import http2 from 'node:http2';\nconst server = http2.createSecureServer(tls);\nserver.on('stream', (stream, headers) => stream.end());";
    expect(handlersIn(code, { parser })).toEqual(['node-http request-listener inline']);
  });

  it('wraps an express app without registering it', () => {
    const code = "import http from 'http';\nimport express from 'express';\nconst app = express();\nhttp.createServer(app).listen(3000);";
    expect(appsIn(code, { parser })).toEqual(['express app', 'node-http server']);
    expect(handlersIn(code, { parser })).toEqual([]);
  });

  describe('look-alikes', () => {
    it.each([
      ["'stream' on an http/1 server", "import http from 'http';\nhttp.createServer().on('stream', (stream) => {});"],
      ['other server events', "import http from 'http';\nconst s = http.createServer();\ns.on('connection', (socket) => {});\ns.on('clientError', (err, socket) => socket.destroy());"],
      ['a listen() callback', "import http from 'http';\nhttp.createServer().listen(3000, () => console.log('up'));"],
      ['a client request', "import http from 'http';\nhttp.get('http://x', (res) => res.resume());\nhttp.request(opts, (res) => {}).on('response', (res) => {});"],
      ['a local createServer', "function createServer(fn) {}\ncreateServer((req, res) => {});"],
      ["'request' on an emitter", "import { EventEmitter } from 'events';\nnew EventEmitter().on('request', (req, res) => {});"],
    ])('%s', (_, code) => {
      expect(handlersIn(code, { parser })).toEqual([]);
    });
  });
});
