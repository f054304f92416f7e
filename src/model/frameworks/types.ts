import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, Node } from '../../utils/ast';

export type Framework = 'node-http' | 'express' | 'koa' | 'fastify' | 'hono' | 'nextjs' | 'nestjs' | 'unknown';

/**
 * - `app`: express(), new Koa(), fastify(), new Hono(), a Nest application;
 * - `router`: express.Router(), @koa/router / koa-router, a fastify plugin instance;
 * - `route`: the object `app.route(path)` returns in express;
 * - `server`: an http/https/http2 server (also the one `app.listen()` returns, and @hono/node-server `serve()`).
 */
export type AppKind = 'app' | 'router' | 'route' | 'server';

export interface AppInfo {
  readonly framework: Framework;
  readonly kind: AppKind;
  /** The expression that creates it (`express()`, `new Koa()`, a fastify plugin's parameter, …). */
  readonly node: Node;
  /**
   * The app this one was derived from: the app whose `listen()` created the server, whose
   * express `route(path)` returned the route, or whose hono `basePath(path)` returned the app.
   */
  readonly parent?: AppInfo;
}

/**
 * - `route`: a handler registered for a method and path (`app.get('/x', fn)`, Nest `@Get()`, Next.js `GET`);
 * - `middleware`: runs for many routes and may pass control on (`app.use(fn)`, koa middleware);
 * - `error-middleware`: express `(err, req, res, next)`;
 * - `hook`: a fastify per-request hook (`onRequest`, `preHandler`, …) or `setErrorHandler`/`setNotFoundHandler`;
 * - `request-listener`: node `createServer(fn)`, `server.on('request' | 'stream', fn)`.
 */
export type HandlerKind = 'route' | 'middleware' | 'error-middleware' | 'hook' | 'request-listener';

/** How the model found the function. */
export type HandlerSource =
  | 'inline' // written in the registration call
  | 'reference' // a same-file function passed by name
  | 'factory' // returned by a same-file function whose call is registered: app.use(logging())
  | 'wrapper' // the argument of a one-argument wrapper: asyncHandler(fn)
  | 'export' // Next.js route/pages-api export
  | 'decorator' // NestJS controller method
  | 'type-annotation'; // a parameter annotated with a known request type, a const typed as a handler, a NestMiddleware class

export interface HandlerParams {
  /** node/express/next-pages `req`, fastify `request`, Next.js App Router / Web `request`. */
  readonly request?: TSESTree.Identifier;
  /** node/express `res`, fastify `reply`. */
  readonly response?: TSESTree.Identifier;
  /** express/koa/hono `next`. */
  readonly next?: TSESTree.Identifier;
  /** koa `ctx`, hono `c`. */
  readonly context?: TSESTree.Identifier;
  /** express error middleware `err`. */
  readonly error?: TSESTree.Identifier;
}

export interface HandlerInfo {
  readonly fn: FunctionNode;
  readonly framework: Framework;
  readonly kind: HandlerKind;
  readonly source: HandlerSource;
  /**
   * Where it was registered: the registration call, the export, the decorator, or (source
   * `type-annotation`) the type annotation or `implements` clause that identified it.
   */
  readonly registration: Node;
  /** The app or router it was registered on, when the model knows it. */
  readonly app?: AppInfo;
  readonly params: HandlerParams;
}
