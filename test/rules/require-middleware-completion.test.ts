import path from 'node:path';

import rule from '../../rules/require-middleware-completion';
import { runOnBothParsers } from '../rule-tester';

const EXPRESS = "import express from 'express';\nconst app = express();\n";
const VERSIONS = path.join(import.meta.dirname, '../../fixtures/express-version');
const EXPRESS_4 = path.join(VERSIONS, 'express-4/src/app.ts');
const EXPRESS_5 = path.join(VERSIONS, 'express-5/src/app.ts');
const EXPRESS_4_PATCHED = path.join(VERSIONS, 'express-4-async-errors/src/app.ts');
const NO_EXPRESS = path.join(VERSIONS, 'no-express/src/app.ts');

runOnBothParsers('require-middleware-completion', rule, {
  valid: [
    // --- every path responds or calls next ---------------------------------------------------
    `${EXPRESS}
app.use((req, res, next) => {
  if (!req.get('x-api-key')) {
    res.status(401).json({ error: 'invalid API key' });
    return;
  }
  next();
});
    `,
    // Every express/Node response method, chains included.
    `${EXPRESS}
app.use((req, res, next) => {
  switch (req.query.kind) {
    case 'a': return res.send('a');
    case 'b': return res.json({});
    case 'c': return res.jsonp({});
    case 'd': return res.sendFile('/x');
    case 'e': return res.sendStatus(204);
    case 'f': return res.redirect('/y');
    case 'g': return res.render('page');
    case 'h': return res.download('/z');
    case 'i': res.writeHead(200).end(); return;
    case 'j': res.status(404).set('x', 'y').type('text').send('no'); return;
    case 'k': res.statusCode = 204; res.end(); return;
    case 'l': return res.format({ json: () => res.json({}) });
    default: return next();
  }
});
    `,
    // Plugin response helpers the model cannot list count as responding.
    `${EXPRESS}
app.use((req, res, next) => {
  if (!req.user) return res.boom.unauthorized();
  next();
});
    `,
    // next(err), return next(), conditional and logical calls.
    `${EXPRESS}
app.use(function (req, res, next) {
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  req.user ? next() : next(new Error('no user'));
});
app.use((req, res, next) => void (req.ok && next() || next(new Error('x'))));
    `,
    // Throwing reaches express's error handling.
    `${EXPRESS}
app.use((req, res, next) => {
  if (!req.headers.authorization) throw new Error('unauthorized');
  next();
});
    `,
    // --- handed on: req, res or next given to another function or callback ---------------------
    `${EXPRESS}
import passport from 'passport';
import { pipeline } from 'node:stream';
app.use((req, res, next) => auth(req, res, next));
app.use((req, res, next) => passport.authenticate('jwt', { session: false })(req, res, next));
app.use((req, res, next) => { setTimeout(next, 10); });
app.use((req, res, next) => { loadUser(req.params.id).then(() => next()); });
app.use((req, res, next) => { createReadStream('/x').pipe(res); });
app.use((req, res, next) => { pipeline(createReadStream('/x'), res, () => {}); });
app.use((req, res, next) => { req.on('end', () => res.end()); req.resume(); });
app.use((req, res, next) => { queue.push({ req, res }); });
app.use((req, res, next) => { db.find(req.params.id, (error, row) => (error ? next(error) : res.json(row))); });
app.use((req, res, next) => { process.nextTick(next); });
    `,
    // A same-file helper that responds counts where it is called.
    `${EXPRESS}
app.use((req, res, next) => {
  const fail = (status) => res.sendStatus(status);
  function forward() { next(); }
  if (!req.user) return fail(401);
  forward();
});
    `,
    // Error middleware that calls next(err) or responds.
    `${EXPRESS}
app.use((err, req, res, next) => {
  if (res.headersSent) return next(err);
  res.status(500).json({ error: 'internal' });
});
    `,
    // A route handler with next that always responds.
    `${EXPRESS}
app.get('/orders/:id', async (req, res, next) => {
  try {
    const order = await findOrder(req.params.id);
    if (!order) return res.status(404).json({ error: 'not found' });
    res.json(order);
  } catch (error) {
    next(error);
  }
});
    `,
    // Route handlers without next are not middleware: nothing to check here.
    `${EXPRESS}
app.get('/ping', (req, res) => { if (req.query.quiet) return; res.send('pong'); });
    `,
    // Koa awaits the rest of the chain through next: not connect-style middleware.
    `
import Koa from 'koa';
const app = new Koa();
app.use(async (ctx, next) => {
  if (!ctx.get('x-tenant')) return;
  await next();
});
    `,
    // Uses of arguments cannot be followed.
    `${EXPRESS}
app.use(function (req, res, next) {
  if (req.user) return;
  forward.apply(this, arguments);
});
    `,
    // Test files are not checked.
    {
      code: `${EXPRESS}
app.use((req, res, next) => { if (req.user) return; next(); });
      `,
      filename: 'test/app.test.ts',
    },
    // --- Express 4 async handlers ------------------------------------------------------------
    // A wrapped async handler on Express 4: the wrapper catches the rejection.
    {
      code: `${EXPRESS}
import asyncHandler from 'express-async-handler';
app.get('/orders', asyncHandler(async (req, res) => {
  res.json(await listOrders());
}));
      `,
      filename: EXPRESS_4,
    },
    // try/catch that calls next(err) around the awaits.
    {
      code: `${EXPRESS}
app.get('/orders', async (req, res, next) => {
  try {
    res.json(await listOrders());
  } catch (error) {
    next(error);
  }
});
app.get('/users', async (req, res, next) => {
  const users = await listUsers().catch(next);
  if (users) res.json(users);
});
      `,
      filename: EXPRESS_4,
    },
    // Express 5 forwards rejections, from package.json or from the option.
    {
      code: `${EXPRESS}
app.get('/orders', async (req, res) => { res.json(await listOrders()); });
      `,
      filename: EXPRESS_5,
    },
    {
      code: `${EXPRESS}
app.get('/orders', async (req, res) => { res.json(await listOrders()); });
      `,
      filename: EXPRESS_4,
      options: [{ expressVersion: 5 }],
    },
    // express-async-errors patches Express 4: in package.json, or imported in the file.
    {
      code: `${EXPRESS}
app.get('/orders', async (req, res) => { res.json(await listOrders()); });
      `,
      filename: EXPRESS_4_PATCHED,
    },
    {
      code: `import 'express-async-errors';\n${EXPRESS}
app.get('/orders', async (req, res) => { res.json(await listOrders()); });
      `,
      options: [{ expressVersion: 4 }],
    },
    // Unknown Express version: not reported.
    {
      code: `${EXPRESS}
app.get('/orders', async (req, res) => { res.json(await listOrders()); });
      `,
      filename: NO_EXPRESS,
    },
    // An async handler known only by its types may be wrapped where another module registers it.
    {
      code: `
import type { Request, Response } from 'express';
export async function listOrdersHandler(req: Request, res: Response) {
  res.json(await listOrders());
}
      `,
      filename: EXPRESS_4,
      tsOnly: true,
    },
  ],
  invalid: [
    // --- paths that neither respond nor call next ----------------------------------------------
    {
      code: `${EXPRESS}
function requireTenant(req, res, next) {
  const tenant = req.get('x-tenant-id');
  if (!tenant) {
    console.warn('request without tenant');
    return;
  }
  req.tenant = tenant;
  next();
}
app.use(requireTenant);
      `,
      output: null,
      errors: [{ messageId: 'requestHangs', data: { subject: '`requireTenant`', ending: 'returns here' }, line: 8, column: 5, endLine: 8, endColumn: 11 }],
    },
    // res.status() only sets the status: nothing is sent.
    {
      code: `${EXPRESS}
app.use((req, res, next) => {
  if (!req.user) {
    res.status(401);
    return;
  }
  next();
});
      `,
      output: null,
      errors: [{ messageId: 'requestHangs', data: { subject: 'this middleware', ending: 'returns here' }, line: 7, column: 5, endLine: 7, endColumn: 11 }],
    },
    {
      code: `${EXPRESS}
app.use((req, res, next) => {
  if (!req.user) return res.status(401);
  next();
});
      `,
      output: null,
      errors: [{ messageId: 'requestHangs', line: 5, column: 18, endLine: 5, endColumn: 24 }],
    },
    // Falling off the end: reported at the closing brace.
    {
      code: `${EXPRESS}
app.use((req, res, next) => {
  if (req.user) next();
  else res.setHeader('www-authenticate', 'Bearer');
});
      `,
      output: null,
      errors: [{ messageId: 'requestHangs', data: { subject: 'this middleware', ending: 'ends here' }, line: 7, column: 1, endLine: 7, endColumn: 2 }],
    },
    // Data properties of the response and reads of the request hand nothing on.
    {
      code: `${EXPRESS}
app.use((req, res, next) => {
  res.locals.seen.push(req.params.id);
  const found = items.find((item) => item.id === req.params.id);
  if (!found || res.headersSent) return;
  next();
});
      `,
      output: null,
      errors: [{ messageId: 'requestHangs', line: 7, column: 34, endLine: 7, endColumn: 40 }],
    },
    // A callback created after the early return does not save it.
    {
      code: `${EXPRESS}
app.use((req, res, next) => {
  const token = req.get('authorization');
  if (!token) return;
  verify(token).then(() => next(), next);
});
      `,
      output: null,
      errors: [{ messageId: 'requestHangs', line: 6, column: 15, endLine: 6, endColumn: 21 }],
    },
    // Route handlers with next, routers, error middleware, unknown receivers.
    {
      code: `${EXPRESS}
const router = express.Router();
router.get('/a', (req, res, next) => { if (req.query.x) res.json({}); });
app.use((err, req, res, next) => { console.error(err); });
      `,
      output: null,
      errors: [
        { messageId: 'requestHangs', data: { subject: 'this route handler', ending: 'ends here' }, line: 5, column: 71, endLine: 5, endColumn: 72 },
        { messageId: 'requestHangs', line: 6, column: 56, endLine: 6, endColumn: 57 },
      ],
    },
    {
      code: `
import { router } from './router';
router.use('/admin', (req, res, next) => {
  if (!req.user.admin) return;
  next();
});
      `,
      output: null,
      errors: [{ messageId: 'requestHangs', line: 4, column: 24, endLine: 4, endColumn: 30 }],
    },
    // NestJS middleware.
    {
      code: `
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
@Injectable()
export class TenantMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction) {
    if (!req.headers['x-tenant']) return;
    next();
  }
}
      `,
      tsOnly: true,
      output: null,
      errors: [{ messageId: 'requestHangs', data: { subject: '`TenantMiddleware.use`', ending: 'returns here' }, line: 7, column: 35, endLine: 7, endColumn: 41 }],
    },
    // A typed express middleware exported from a module.
    {
      code: `
import type { NextFunction, Request, Response } from 'express';
export const requireUser = (req: Request, res: Response, next: NextFunction) => {
  if (!req.user) {
    res.statusCode = 401;
    return;
  }
  next();
};
      `,
      tsOnly: true,
      output: null,
      errors: [{ messageId: 'requestHangs', data: { subject: '`requireUser`', ending: 'returns here' }, line: 6, column: 5, endLine: 6, endColumn: 11 }],
    },
    // --- Express 4 async handlers --------------------------------------------------------------
    {
      code: `${EXPRESS}
app.get('/orders', async (req, res) => {
  const orders = await listOrders();
  res.json(orders);
});
      `,
      filename: EXPRESS_4,
      output: null,
      errors: [{ messageId: 'unhandledRejection', data: { kind: 'route handler' }, line: 5, column: 18, endLine: 5, endColumn: 23 }],
    },
    // The option wins over package.json; a catch that rethrows does not keep the error.
    {
      code: `${EXPRESS}
app.use(async (req, res, next) => {
  try {
    req.user = await loadUser(req);
  } catch (error) {
    if (error.code === 'ENOENT') return res.sendStatus(401);
    throw error;
  }
  next();
});
      `,
      filename: NO_EXPRESS,
      options: [{ expressVersion: 4 }],
      output: null,
      errors: [{ messageId: 'unhandledRejection', data: { kind: 'middleware' }, line: 6, column: 16, endLine: 6, endColumn: 21 }],
    },
    // Awaits after the try are not covered by it.
    {
      code: `${EXPRESS}
async function audit(req, res, next) {
  try {
    await check(req);
  } catch (error) {
    return next(error);
  }
  await record(req);
  next();
}
app.use(audit);
      `,
      filename: EXPRESS_4,
      output: null,
      errors: [{ messageId: 'unhandledRejection', line: 10, column: 3, endLine: 10, endColumn: 8 }],
    },
  ],
});
