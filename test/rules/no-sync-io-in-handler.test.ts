import rule from '../../rules/no-sync-io-in-handler';
import { runOnBothParsers } from '../rule-tester';

const FS_ADVICE = (name: string) => `Use \`await fs.promises.${name}()\` instead`;

runOnBothParsers('no-sync-io-in-handler', rule, {
  valid: [
    // Module top level and startup code run once, not per request.
    `
import fs from 'node:fs';
import express from 'express';
const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
function loadTemplates() {
  return fs.readdirSync('templates');
}
const templates = loadTemplates();
const app = express();
app.listen(3000, () => {
  fs.writeFileSync('server.pid', String(process.pid));
});
    `,
    // A local function that happens to be called readFileSync is not fs.
    `
import express from 'express';
const app = express();
function readFileSync(name) { return name; }
app.get('/', (req, res) => { res.send(readFileSync('x')); });
    `,
    // An unknown object's method of that name.
    `
import express from 'express';
const app = express();
app.get('/', (req, res) => { res.send(cache.readFileSync('x')); });
    `,
    // A parameter shadowing the import.
    `
import fs from 'node:fs';
import express from 'express';
const app = express();
function render(fs) { return fs.readFileSync('x'); }
app.get('/', (req, res) => { res.send(render(memoryFs)); });
    `,
    // Non-blocking forms.
    `
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import crypto from 'node:crypto';
import express from 'express';
const app = express();
app.get('/', async (req, res) => {
  const a = await fs.promises.readFile('a');
  const b = await readFile('b');
  crypto.randomBytes(32, (error, bytes) => res.send(bytes));
  res.set('x-request-id', crypto.randomBytes(16).toString('hex'));
});
    `,
    // followCalls: false only looks inside handlers.
    {
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
function loadUser(id) { return fs.readFileSync('users/' + id); }
app.get('/users/:id', (req, res) => { res.send(loadUser(req.params.id)); });
      `,
      options: [{ followCalls: false, allow: [] }],
    },
    // allow, by name and by module and name.
    {
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/', (req, res) => { res.send(fs.existsSync('x') && fs.readFileSync('x')); });
      `,
      options: [{ followCalls: true, allow: ['existsSync', 'fs.readFileSync'] }],
    },
    // A fastify plugin body runs at startup; only the routes it registers run per request.
    `
import fastify from 'fastify';
import fs from 'node:fs';
const server = fastify();
server.register(async (instance) => {
  const template = fs.readFileSync('page.html', 'utf8');
  instance.get('/', async () => template);
});
    `,
    // CLI code.
    `
const { execSync } = require('node:child_process');
const version = execSync('git describe').toString();
console.log(version);
    `,
    // A test server blocks only its own test's requests.
    {
      code: `
import fs from 'node:fs';
import http from 'node:http';
http.createServer((req, res) => res.end(fs.readFileSync('fixture.json'))).listen(0);
      `,
      filename: 'test/static.test.ts',
    },
    `
import { it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
it('serves', () => {
  http.createServer((req, res) => res.end(fs.readFileSync('fixture.json'))).listen(0);
});
    `,
  ],
  invalid: [
    // `await` is a syntax error in class field initializers and static blocks, even inside an
    // async handler: reported without a fix.
    {
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/', async (req, res) => {
  class Page { body = fs.readFileSync('page.html'); static { fs.readFileSync('layout.html'); } }
  res.send(new Page().body);
});
      `,
      output: null,
      errors: [
        { messageId: 'blockingCall', data: { callee: 'fs.readFileSync', path: '', advice: FS_ADVICE('readFile') }, line: 6, column: 23, endLine: 6, endColumn: 38 },
        { messageId: 'blockingCall', data: { callee: 'fs.readFileSync', path: '', advice: FS_ADVICE('readFile') }, line: 6, column: 62, endLine: 6, endColumn: 77 },
      ],
    },
    {
      // The 1:1 mapping inside an async handler: autofix.
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/config', async (req, res) => {
  const text = fs.readFileSync('./config.json', 'utf8');
  res.json(JSON.parse(text));
});
      `,
      output: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/config', async (req, res) => {
  const text = await fs.promises.readFile('./config.json', 'utf8');
  res.json(JSON.parse(text));
});
      `,
      errors: [
        {
          messageId: 'blockingCall',
          data: { callee: 'fs.readFileSync', path: '', advice: FS_ADVICE('readFile') },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 31,
        },
      ],
    },
    {
      // A named import: the fix adds a namespace import of node:fs/promises after the imports.
      code: `
import { readFileSync } from 'fs';
import express from 'express';
const router = express.Router();
router.post('/upload', async (req, res) => {
  res.send(readFileSync(/* keep */ 'a.txt'));
});
      `,
      output: `
import { readFileSync } from 'fs';
import express from 'express';
import * as fsPromises from 'node:fs/promises';
const router = express.Router();
router.post('/upload', async (req, res) => {
  res.send(await fsPromises.readFile(/* keep */ 'a.txt'));
});
      `,
      errors: [{ messageId: 'blockingCall', line: 6, column: 12, endLine: 6, endColumn: 24 }],
    },
    {
      // An fs.promises binding already in scope is reused; precedence needs parentheses.
      code: `
import { promises as fsp, readFileSync } from 'node:fs';
import express from 'express';
const app = express();
app.get('/', async (req, res) => {
  res.send(readFileSync('a').toString('utf8'));
});
      `,
      output: `
import { promises as fsp, readFileSync } from 'node:fs';
import express from 'express';
const app = express();
app.get('/', async (req, res) => {
  res.send((await fsp.readFile('a')).toString('utf8'));
});
      `,
      errors: [{ messageId: 'blockingCall', line: 6, column: 12, endLine: 6, endColumn: 24 }],
    },
    {
      // CommonJS: the added declaration is a require after the existing ones.
      code: `
const express = require('express');
const { writeFileSync } = require('node:fs');
const app = express();
app.put('/notes/:id', async (req, res) => {
  writeFileSync('notes/' + req.params.id, req.body.text);
  res.sendStatus(204);
});
      `,
      output: `
const express = require('express');
const { writeFileSync } = require('node:fs');
const fsPromises = require('node:fs/promises');
const app = express();
app.put('/notes/:id', async (req, res) => {
  await fsPromises.writeFile('notes/' + req.params.id, req.body.text);
  res.sendStatus(204);
});
      `,
      errors: [{ messageId: 'blockingCall', line: 6, column: 3, endLine: 6, endColumn: 16 }],
    },
    {
      // Two calls that each need the new import: the second is fixed in the second pass, through
      // the import the first pass added (fixes converge in two passes).
      code: `
import { readFileSync, writeFileSync } from 'node:fs';
import express from 'express';
const app = express();
app.post('/copy', async (req, res) => {
  writeFileSync('b.txt', readFileSync('a.txt'));
  res.end();
});
      `,
      output: [
        `
import { readFileSync, writeFileSync } from 'node:fs';
import express from 'express';
import * as fsPromises from 'node:fs/promises';
const app = express();
app.post('/copy', async (req, res) => {
  writeFileSync('b.txt', await fsPromises.readFile('a.txt'));
  res.end();
});
      `,
        `
import { readFileSync, writeFileSync } from 'node:fs';
import express from 'express';
import * as fsPromises from 'node:fs/promises';
const app = express();
app.post('/copy', async (req, res) => {
  await fsPromises.writeFile('b.txt', await fsPromises.readFile('a.txt'));
  res.end();
});
      `,
      ],
      errors: [
        { messageId: 'blockingCall', line: 6, column: 3, endLine: 6, endColumn: 16 },
        { messageId: 'blockingCall', line: 6, column: 26, endLine: 6, endColumn: 38 },
      ],
    },
    {
      // The preferred name is taken: the import gets a name the file does not use.
      code: `
import { readFileSync } from 'node:fs';
import express from 'express';
const fsPromises = createCache();
const app = express();
app.get('/', async (req, res) => res.send(readFileSync('a')));
      `,
      output: `
import { readFileSync } from 'node:fs';
import express from 'express';
import * as fsPromisesModule from 'node:fs/promises';
const fsPromises = createCache();
const app = express();
app.get('/', async (req, res) => res.send(await fsPromisesModule.readFile('a')));
      `,
      errors: [{ messageId: 'blockingCall', line: 6, column: 43, endLine: 6, endColumn: 55 }],
    },
    {
      // A sync call in a parameter default cannot be awaited: report only.
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/', async (req, res, next, body = fs.readFileSync('default.json')) => res.send(body));
      `,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 5, column: 44, endLine: 5, endColumn: 59 }],
    },
    {
      // Not async: awaiting would change the function, so report only.
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/', (req, res) => {
  res.send(fs.readFileSync('index.html'));
});
      `,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 6, column: 12, endLine: 6, endColumn: 27 }],
    },
    {
      // existsSync has no promise twin: a suggestion, never an autofix.
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/files/:name', async (req, res) => {
  if (!fs.existsSync(req.params.name)) return res.sendStatus(404);
  res.sendFile(req.params.name);
});
      `,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            callee: 'fs.existsSync',
            path: '',
            advice: 'Use `fs.promises.access()`, or better, open the file and handle `ENOENT`',
          },
          line: 6,
          column: 8,
          endLine: 6,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'replaceExistsSync',
              output: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/files/:name', async (req, res) => {
  if (!await fs.promises.access(req.params.name).then(() => true, () => false)) return res.sendStatus(404);
  res.sendFile(req.params.name);
});
      `,
            },
          ],
        },
      ],
    },
    {
      // statSync with throwIfNoEntry: false returns undefined where fs.promises.stat rejects.
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/size', async (req, res) => {
  const stats = fs.statSync('data.bin', { throwIfNoEntry: false });
  res.json({ size: stats?.size ?? 0 });
});
      `,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            callee: 'fs.statSync',
            path: '',
            advice: 'Use `await fs.promises.stat()`, which rejects with `ENOENT` where this returns `undefined`',
          },
          line: 6,
          column: 17,
          endLine: 6,
          endColumn: 28,
          suggestions: [
            {
              messageId: 'replaceStatSync',
              output: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/size', async (req, res) => {
  const stats = await fs.promises.stat('data.bin').catch((error) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  res.json({ size: stats?.size ?? 0 });
});
      `,
            },
          ],
        },
      ],
    },
    {
      // child_process: the async form returns { stdout, stderr }, so report only.
      code: `
import Koa from 'koa';
import { execSync } from 'node:child_process';
const app = new Koa();
app.use(async (ctx, next) => {
  ctx.set('x-revision', execSync('git rev-parse HEAD').toString().trim());
  await next();
});
      `,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            callee: 'execSync',
            path: '',
            advice: 'Use `execFile()` or `spawn()` with a callback, or promisified, instead',
          },
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 33,
        },
      ],
    },
    {
      // crypto in an async fastify route: promisify is a 1:1 mapping; util is imported.
      code: `
import Fastify from 'fastify';
import crypto from 'node:crypto';
const app = Fastify();
app.post('/login', async (request, reply) => {
  const hash = crypto.pbkdf2Sync(request.body.password, salt, 100000, 64, 'sha512');
  return { ok: hash.equals(stored) };
});
      `,
      output: `
import Fastify from 'fastify';
import crypto from 'node:crypto';
import * as util from 'node:util';
const app = Fastify();
app.post('/login', async (request, reply) => {
  const hash = await util.promisify(crypto.pbkdf2)(request.body.password, salt, 100000, 64, 'sha512');
  return { ok: hash.equals(stored) };
});
      `,
      errors: [{ messageId: 'blockingCall', line: 6, column: 16, endLine: 6, endColumn: 33 }],
    },
    {
      // randomBytes without a callback and with a computed size.
      code: `
import { randomBytes, promisify } from 'node:crypto';
import express from 'express';
const app = express();
app.get('/blob', (req, res) => {
  res.send(randomBytes(Number(req.query.size)));
});
      `,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 6, column: 12, endLine: 6, endColumn: 23 }],
    },
    {
      // zlib in a node:http request listener (not async: report only).
      code: `
import http from 'node:http';
import zlib from 'node:zlib';
http.createServer((req, res) => {
  res.end(zlib.gzipSync(page));
}).listen(8080);
      `,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 5, column: 11, endLine: 5, endColumn: 24 }],
    },
    {
      // Nested callbacks inside a handler run per request too.
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/all', (req, res) => {
  res.json(names.map((name) => fs.readFileSync(name, 'utf8')));
});
      `,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 6, column: 32, endLine: 6, endColumn: 47 }],
    },
    {
      // followCalls: a same-file helper that a handler calls, with the path in the message.
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
function loadUser(id) {
  return JSON.parse(fs.readFileSync('users/' + id + '.json', 'utf8'));
}
app.get('/users/:id', (req, res) => {
  res.json(loadUser(req.params.id));
});
      `,
      output: null,
      errors: [
        {
          messageId: 'blockingCall',
          data: {
            callee: 'fs.readFileSync',
            path: ' (the handler calls `loadUser()` at line 9)',
            advice: FS_ADVICE('readFile'),
          },
          line: 6,
          column: 21,
          endLine: 6,
          endColumn: 36,
        },
      ],
    },
    {
      // Handlers passed by name.
      code: `
const fs = require('fs');
const express = require('express');
const app = express();
async function getReport(req, res) {
  res.send(fs.readFileSync('report.csv'));
}
app.get('/report', getReport);
      `,
      output: `
const fs = require('fs');
const express = require('express');
const app = express();
async function getReport(req, res) {
  res.send(await fs.promises.readFile('report.csv'));
}
app.get('/report', getReport);
      `,
      errors: [{ messageId: 'blockingCall', line: 6, column: 12, endLine: 6, endColumn: 27 }],
    },
    {
      // ASI: a new leading parenthesis must not join the previous line.
      code: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/', async (req, res) => {
  const name = req.query.name
  fs.readFileSync(name).copy(target)
  res.end()
});
      `,
      output: `
import fs from 'node:fs';
import express from 'express';
const app = express();
app.get('/', async (req, res) => {
  const name = req.query.name
  ;(await fs.promises.readFile(name)).copy(target)
  res.end()
});
      `,
      errors: [{ messageId: 'blockingCall', line: 7, column: 3, endLine: 7, endColumn: 18 }],
    },
    {
      // Next.js App Router route file.
      code: `
import { readFileSync } from 'node:fs';
export async function GET(request) {
  return new Response(readFileSync('public/feed.xml'));
}
      `,
      filename: 'app/feed/route.ts',
      output: `
import { readFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
export async function GET(request) {
  return new Response(await fsPromises.readFile('public/feed.xml'));
}
      `,
      errors: [{ messageId: 'blockingCall', line: 4, column: 23, endLine: 4, endColumn: 35 }],
    },
    {
      // NestJS controller method.
      tsOnly: true,
      code: `
import { Controller, Get } from '@nestjs/common';
import * as fs from 'fs';
@Controller('reports')
export class ReportsController {
  @Get()
  list(): string[] {
    return fs.readdirSync('reports');
  }
}
      `,
      output: null,
      errors: [{ messageId: 'blockingCall', line: 8, column: 12, endLine: 8, endColumn: 26 }],
    },
    {
      // TypeScript: a handler recognised by its parameter type, and a cast around the call.
      tsOnly: true,
      code: `
import type { Request, Response } from 'express';
import fs = require('fs');
export async function download(req: Request, res: Response) {
  res.send(fs.readFileSync(req.params.file) as Buffer);
}
      `,
      output: `
import type { Request, Response } from 'express';
import fs = require('fs');
export async function download(req: Request, res: Response) {
  res.send(await fs.promises.readFile(req.params.file) as Buffer);
}
      `,
      errors: [{ messageId: 'blockingCall', line: 5, column: 12, endLine: 5, endColumn: 27 }],
    },
  ],
});
