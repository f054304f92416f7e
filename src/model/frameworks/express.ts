import type { FunctionNode } from '../../utils/ast';
import type { FrameworkRecognizer } from './recognizer';
import { callParams, paramsByRole, registerArguments } from './registration';
import type { AppInfo, HandlerKind, HandlerParams } from './types';

/** Express routes every lowercase `http.METHODS` name (router `methods` dependency), plus `all`. */
export const EXPRESS_ROUTE_METHODS: ReadonlySet<string> = new Set([
  'acl', 'all', 'bind', 'checkout', 'connect', 'copy', 'delete', 'get', 'head', 'link', 'lock',
  'm-search', 'merge', 'mkactivity', 'mkcalendar', 'mkcol', 'move', 'notify', 'options', 'patch',
  'post', 'propfind', 'proppatch', 'purge', 'put', 'query', 'rebind', 'report', 'search', 'source',
  'subscribe', 'trace', 'unbind', 'unlink', 'unlock', 'unsubscribe',
]);

const MIDDLEWARE_METHODS = new Set(['use', 'param']);

/** Whether `receiver.method(…)` registers handlers and returns the receiver (express chains these). */
function isRegistrationMethod(receiver: AppInfo, method: string): boolean {
  if (EXPRESS_ROUTE_METHODS.has(method)) return true;
  return receiver.kind !== 'route' && MIDDLEWARE_METHODS.has(method);
}

function describe(fn: FunctionNode, method: string): { kind: HandlerKind; params: HandlerParams } {
  // `app.param(name, (req, res, next, value) => …)` has four parameters but is no error handler.
  if (method === 'param') return { kind: 'middleware', params: paramsByRole(fn, ['request', 'response', 'next']) };
  // Express tells error middleware by arity, wherever it is registered.
  if (callParams(fn).length === 4) {
    return { kind: 'error-middleware', params: paramsByRole(fn, ['error', 'request', 'response', 'next']) };
  }
  return {
    kind: method === 'use' ? 'middleware' : 'route',
    params: paramsByRole(fn, ['request', 'response', 'next']),
  };
}

/** `express()`, `express.Router()`, `app.route(path)` and what is registered on them. */
export const express: FrameworkRecognizer = {
  framework: 'express',
  modules: ['express'],
  factories: {
    express: { kind: 'app', construct: 'call' },
    'express.Router': { kind: 'router', construct: 'either' },
  },
  appTypes: {
    'express.Express': 'app',
    'express.Application': 'app',
    'express.Router': 'router',
  },
  methods: new Set([...EXPRESS_ROUTE_METHODS, ...MIDDLEWARE_METHODS, 'route', 'listen']),

  chain(ctx, call, method, receiver) {
    if (method === 'route') return receiver.kind === 'route' ? undefined : ctx.deriveApp(call, 'route', receiver);
    // `app.listen()` creates the http.Server and returns it (semantics §D); routers cannot listen.
    if (method === 'listen') return receiver.kind === 'app' ? ctx.deriveApp(call, 'server', receiver) : undefined;
    // `app.get('title')` reads a setting instead of routing.
    if (method === 'get' && receiver.kind !== 'route' && call.arguments.length < 2) return undefined;
    return isRegistrationMethod(receiver, method) ? receiver : undefined;
  },

  register(ctx, call, method, receiver) {
    if (!isRegistrationMethod(receiver, method)) return;
    registerArguments(ctx, call.arguments, {
      framework: 'express',
      registration: call,
      app: receiver,
      describe: (fn) => describe(fn, method),
    });
  },
};
