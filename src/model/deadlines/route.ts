import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { findProperty, getStaticPropertyName, getStaticString, skipTransparentWrappers, type FunctionNode, type Node } from '../../utils/ast';
import { getStaticNumber } from '../../utils/static-value';
import { calledMethodName } from '../frameworks/registration';
import type { AppInfo, HandlerInfo } from '../frameworks/types';
import type { FileModel } from '../index';

type Variable = TSESLint.Scope.Variable;

/**
 * - `timeout-middleware`: connect-timeout, `hono/timeout`, express-timeout-handler — registered
 *   on the route, or with `use` on its app before the route;
 * - `socket-timeout`: `req.setTimeout(ms)` / `res.setTimeout(ms)` in the handler, or in a
 *   middleware registered before it (without a listener Node destroys the socket; semantics §D);
 * - `handler-timeout`: Fastify 5's `handlerTimeout`, on the server or the route;
 * - `max-duration`: Next.js `export const maxDuration` (or `config.maxDuration` in `pages/api`).
 */
export type RouteDeadlineKind = 'timeout-middleware' | 'socket-timeout' | 'handler-timeout' | 'max-duration';

/** A deadline on the whole request, visible in the file: it ends the request even if a call in it hangs. */
export interface RouteDeadline {
  readonly kind: RouteDeadlineKind;
  /** The middleware, `setTimeout` call, option or export that sets it. */
  readonly node: Node;
}

/** A deadline registered with `use` on an app or router (or a middleware that sets one). */
interface AppDeadline {
  readonly deadline: RouteDeadline;
  /** The `use` call (or the middleware's registration). */
  readonly registration: TSESTree.CallExpression;
  readonly app?: AppInfo;
  /** The receiver's variable when the app is not one the model knows (`router` from another module). */
  readonly receiver?: Variable;
  /** The mount path: a string, `undefined` when none is given, `null` when it cannot be read. */
  readonly path: string | null | undefined;
}

/** Properties leading from a handler's parameters to the Node request, response or socket. */
const SOCKET_PATH = new Set(['raw', 'req', 'res', 'socket', 'connection', 'request', 'response']);

/**
 * Route and app deadlines: for each handler, whether something the file shows ends its request
 * after a time, whatever the handler is waiting on (design rule 7).
 */
export class RouteDeadlines {
  readonly #model: FileModel;
  readonly #byHandler = new Map<HandlerInfo, RouteDeadline | null>();
  #appDeadlineList?: AppDeadline[];
  #maxDuration?: RouteDeadline | null;

  constructor(model: FileModel) {
    this.#model = model;
  }

  /** The deadline that bounds `handler`'s request, or `undefined` when the file shows none. */
  for(handler: HandlerInfo): RouteDeadline | undefined {
    let deadline = this.#byHandler.get(handler);
    if (deadline === undefined) {
      deadline = this.#compute(handler) ?? null;
      this.#byHandler.set(handler, deadline);
    }
    return deadline ?? undefined;
  }

  #compute(handler: HandlerInfo): RouteDeadline | undefined {
    if (handler.framework === 'nextjs') {
      const maxDuration = this.#nextMaxDuration();
      if (maxDuration) return maxDuration;
    }
    const own = this.#socketTimeout(handler);
    if (own) return own;
    const onRoute = this.#registrationDeadline(handler);
    if (onRoute) return onRoute;
    const onApp = this.#appDeadlines().find((deadline) => this.#covers(deadline, handler));
    if (onApp) return onApp.deadline;
    if (handler.framework === 'fastify') return this.#fastifyServerTimeout(handler);
    return undefined;
  }

  /** `req.setTimeout(ms)`, `res.setTimeout(ms, cb)`, `ctx.req.setTimeout(ms)`, `request.raw.setTimeout(ms)` in the handler's body. */
  #socketTimeout(handler: HandlerInfo): RouteDeadline | undefined {
    const { params } = handler;
    const roots = [params.request, params.response, params.context].filter((param) => param !== undefined);
    if (roots.length === 0) return undefined;
    const { bindings } = this.#model;
    const rootVariables = new Set(roots.map((root) => bindings.findVariable(root)));
    for (const call of this.#model.nodes.callsByFunction.get(handler.fn) ?? []) {
      if (calledMethodName(call) !== 'setTimeout' || call.callee.type !== 'MemberExpression') continue;
      const [ms] = call.arguments;
      if (!ms || ms.type === 'SpreadElement' || getStaticNumber(ms, bindings) === 0) continue;
      if (this.#isSocketOf(call.callee.object, rootVariables, params.context)) return { kind: 'socket-timeout', node: call };
    }
    return undefined;
  }

  #isSocketOf(node: Node, roots: ReadonlySet<Variable | undefined>, context: TSESTree.Identifier | undefined): boolean {
    let current = skipTransparentWrappers(node);
    let depth = 0;
    while (current.type === 'MemberExpression' && depth < 3) {
      const name = getStaticPropertyName(current);
      if (name === undefined || !SOCKET_PATH.has(name)) return false;
      current = skipTransparentWrappers(current.object);
      depth += 1;
    }
    if (current.type !== 'Identifier') return false;
    const variable = this.#model.bindings.findVariable(current);
    if (!roots.has(variable)) return false;
    // koa's `ctx` and hono's `c` are no sockets themselves: only what they lead to is.
    return depth > 0 || context === undefined || variable !== this.#model.bindings.findVariable(context);
  }

  /** A deadline middleware before the handler in its own registration, or a Fastify route's `handlerTimeout`. */
  #registrationDeadline(handler: HandlerInfo): RouteDeadline | undefined {
    const registration = handler.registration;
    if (registration.type !== 'CallExpression') return undefined;
    const args = registration.arguments;
    const index = args.findIndex((argument) => this.#registers(argument, handler.fn));
    const before = index < 0 ? args : args.slice(0, index);
    for (const argument of before) {
      const middleware = this.#deadlineMiddleware(argument);
      if (middleware) return middleware;
    }
    if (handler.framework === 'fastify') {
      for (const argument of args) {
        if (argument.type === 'SpreadElement') continue;
        const options = this.#model.bindings.resolveValue(argument);
        const setting = options.type === 'ObjectExpression' ? findProperty(options, 'handlerTimeout') : undefined;
        if (setting && getStaticNumber(setting.value, this.#model.bindings) !== 0) return { kind: 'handler-timeout', node: setting };
      }
    }
    return undefined;
  }

  /** Whether `argument` is (or wraps, or names) `fn`. */
  #registers(argument: TSESTree.CallExpressionArgument, fn: FunctionNode): boolean {
    if (argument.range[0] <= fn.range[0] && fn.range[1] <= argument.range[1]) return true;
    if (argument.type === 'SpreadElement') return false;
    const { bindings } = this.#model;
    if (bindings.resolveFunction(argument) === fn) return true;
    const value = bindings.resolveValue(argument);
    return value.type === 'CallExpression' && value.arguments.some((inner) => inner.type !== 'SpreadElement' && bindings.resolveFunction(inner) === fn);
  }

  /**
   * connect-timeout's `timeout('5s')`, hono's `timeout(5000)`, express-timeout-handler's
   * `timeout.handler({ timeout })` / `timeout.set(ms)`, or a registered middleware that sets the
   * socket timeout — inline or through a `const`.
   */
  #deadlineMiddleware(argument: TSESTree.CallExpressionArgument): RouteDeadline | undefined {
    if (argument.type === 'SpreadElement') return undefined;
    const { bindings, frameworks } = this.#model;
    const value = bindings.resolveValue(argument);
    if (value.type === 'CallExpression') {
      const ref = bindings.resolveCallee(value);
      const path = ref?.path.join('.');
      if (
        (ref?.module === 'connect-timeout' && path === '') ||
        (ref?.module === 'hono/timeout' && path === 'timeout') ||
        (ref?.module === 'express-timeout-handler' && path === 'set') ||
        (ref?.module === 'express-timeout-handler' && path === 'handler' && hasTimeoutOption(value, this.#model))
      ) {
        return { kind: 'timeout-middleware', node: value };
      }
      return undefined;
    }
    const fn = bindings.resolveFunction(value);
    const middleware = fn && frameworks.getHandler(fn);
    return middleware ? this.#socketTimeout(middleware) : undefined;
  }

  /** Deadlines registered with `use` on an app, router or opaque receiver, and middleware that set the socket timeout. */
  #appDeadlines(): AppDeadline[] {
    if (this.#appDeadlineList) return this.#appDeadlineList;
    const deadlines: AppDeadline[] = [];
    const { bindings, frameworks, nodes } = this.#model;
    for (const call of nodes.calls) {
      if (calledMethodName(call) !== 'use' || call.callee.type !== 'MemberExpression') continue;
      const middlewares = call.arguments.map((argument) => this.#deadlineMiddleware(argument));
      const index = middlewares.findIndex((middleware) => middleware !== undefined);
      if (index < 0) continue;
      const receiver = skipTransparentWrappers(call.callee.object);
      const app = frameworks.resolveApp(receiver);
      const variable = receiver.type === 'Identifier' ? bindings.findVariable(receiver) : undefined;
      deadlines.push({
        deadline: middlewares[index]!,
        registration: call,
        ...(app ? { app } : {}),
        ...(variable ? { receiver: variable } : {}),
        path: mountPath(call, index),
      });
    }
    return (this.#appDeadlineList = deadlines);
  }

  #covers(deadline: AppDeadline, handler: HandlerInfo): boolean {
    const registration = handler.registration;
    const app = handler.app;
    if (!app) {
      // A handler found by its types, or on a receiver we cannot see: where it is mounted is unknown.
      const receiver = this.#receiverOf(registration);
      if (receiver === undefined || deadline.receiver === undefined) return true;
      return receiver === deadline.receiver && isBefore(deadline.registration, registration);
    }
    if (deadline.app) {
      if (deadline.app === app || isAncestor(deadline.app, app)) {
        return isBefore(deadline.registration, registration) && pathCovers(deadline.path, routePath(handler));
      }
      // A router is mounted on an app elsewhere (`app.use('/api', router)`): its routes may run behind the deadline.
      return app.kind === 'router' && deadline.app.framework === app.framework;
    }
    return false;
  }

  #receiverOf(registration: Node): Variable | undefined {
    if (registration.type !== 'CallExpression' || registration.callee.type !== 'MemberExpression') return undefined;
    const receiver = skipTransparentWrappers(registration.callee.object);
    return receiver.type === 'Identifier' ? this.#model.bindings.findVariable(receiver) : undefined;
  }

  /** Fastify 5's `handlerTimeout` in the server options, for its routes and the plugins of the file. */
  #fastifyServerTimeout(handler: HandlerInfo): RouteDeadline | undefined {
    const { bindings } = this.#model;
    for (const server of this.#model.servers.servers) {
      if (server.flavour !== 'fastify') continue;
      const setting = server.settings.find((candidate) => candidate.name === 'handlerTimeout');
      if (!setting || (setting.value && getStaticNumber(setting.value, bindings) === 0)) continue;
      const app = handler.app;
      if (!app || app === server.app || isAncestor(server.app, app) || app.kind === 'router') {
        return { kind: 'handler-timeout', node: setting.node };
      }
    }
    return undefined;
  }

  /** `export const maxDuration = 30`, or `export const config = { maxDuration: 30 }` (Pages API). */
  #nextMaxDuration(): RouteDeadline | undefined {
    if (this.#maxDuration !== undefined) return this.#maxDuration ?? undefined;
    let found: RouteDeadline | undefined;
    const { bindings } = this.#model;
    const program = this.#model.sourceCode.ast as TSESTree.Program;
    for (const statement of program.body) {
      if (statement.type !== 'ExportNamedDeclaration' || statement.declaration?.type !== 'VariableDeclaration') continue;
      for (const declarator of statement.declaration.declarations) {
        if (declarator.id.type !== 'Identifier' || !declarator.init) continue;
        const init = skipTransparentWrappers(declarator.init);
        let value: Node | undefined;
        if (declarator.id.name === 'maxDuration') value = init;
        else if (declarator.id.name === 'config' && init.type === 'ObjectExpression') value = findProperty(init, 'maxDuration')?.value;
        if (value && getStaticNumber(value, bindings) !== 0) found ??= { kind: 'max-duration', node: declarator };
      }
    }
    this.#maxDuration = found ?? null;
    return found;
  }
}

/** `timeout.handler({ timeout: 5000 })`: express-timeout-handler has no default timeout. */
function hasTimeoutOption(call: TSESTree.CallExpression, model: FileModel): boolean {
  const [options] = call.arguments;
  if (!options || options.type === 'SpreadElement') return false;
  const value = model.bindings.resolveValue(options);
  if (value.type !== 'ObjectExpression') return true; // options we cannot read: assume they set it
  const timeout = findProperty(value, 'timeout');
  if (timeout) return getStaticNumber(timeout.value, model.bindings) !== 0;
  return value.properties.some((property) => property.type === 'SpreadElement');
}

/** `app.use('/api', timeout('5s'))` → `/api`; `app.use(timeout('5s'))` → `undefined`; a path we cannot read → `null`. */
function mountPath(call: TSESTree.CallExpression, middlewareIndex: number): string | null | undefined {
  if (middlewareIndex === 0) return undefined;
  const first = call.arguments[0];
  const path = getStaticString(first);
  return path ?? null;
}

/** The path a handler's route is registered with: `app.get('/users', fn)`, `app.route('/users').get(fn)`. */
function routePath(handler: HandlerInfo): string | undefined {
  const registration = handler.registration;
  if (registration.type === 'CallExpression') {
    const path = getStaticString(registration.arguments[0]);
    if (path !== undefined) return path;
  }
  const app = handler.app;
  if (app?.kind === 'route' && app.node.type === 'CallExpression') return getStaticString(app.node.arguments[0]);
  return undefined;
}

/** `/api`, `/api/*` and `/api/(.*)` cover `/api/users`; a path we cannot read covers anything. */
function pathCovers(mount: string | null | undefined, route: string | undefined): boolean {
  if (mount === null || mount === undefined || route === undefined) return true;
  const prefix = mount.replace(/(?:\/?\*|\/?\(\.\*\))$/, '').replace(/\/$/, '');
  if (prefix === '') return true;
  return route === prefix || route.startsWith(`${prefix}/`);
}

function isAncestor(candidate: AppInfo, app: AppInfo): boolean {
  for (let parent = app.parent; parent; parent = parent.parent) if (parent === candidate) return true;
  return false;
}

function isBefore(first: Node, second: Node): boolean {
  return first.range[0] < second.range[0];
}
