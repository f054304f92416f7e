import type { FrameworkRecognizer } from './recognizer';
import { paramsByRole, registerArguments } from './registration';
import type { AppInfo } from './types';

/** @koa/router (and the older koa-router) route methods; `del` is its alias of `delete`. */
const ROUTER_ROUTE_METHODS = new Set(['get', 'post', 'put', 'del', 'delete', 'patch', 'head', 'options', 'all']);

function isRegistrationMethod(receiver: AppInfo, method: string): boolean {
  if (receiver.kind === 'router') return method === 'use' || ROUTER_ROUTE_METHODS.has(method);
  return receiver.kind === 'app' && method === 'use';
}

/** `new Koa()`, `new Router()` from @koa/router or koa-router, and their middleware and routes. */
export const koa: FrameworkRecognizer = {
  framework: 'koa',
  modules: ['koa', '@koa/router', 'koa-router'],
  factories: {
    koa: { kind: 'app', construct: 'new' },
    // Both router packages also construct without `new`.
    '@koa/router': { kind: 'router', construct: 'either' },
    '@koa/router.Router': { kind: 'router', construct: 'either' },
    'koa-router': { kind: 'router', construct: 'either' },
  },
  appTypes: {
    koa: 'app',
    '@koa/router': 'router',
    '@koa/router.Router': 'router',
    'koa-router': 'router',
  },
  methods: new Set([...ROUTER_ROUTE_METHODS, 'use', 'prefix', 'listen']),

  chain(ctx, call, method, receiver) {
    // `app.listen()` creates the http.Server and returns it (semantics §D).
    if (method === 'listen') return receiver.kind === 'app' ? ctx.deriveApp(call, 'server', receiver) : undefined;
    if (method === 'prefix') return receiver.kind === 'router' ? receiver : undefined;
    return isRegistrationMethod(receiver, method) ? receiver : undefined;
  },

  register(ctx, call, method, receiver) {
    if (!isRegistrationMethod(receiver, method)) return;
    registerArguments(ctx, call.arguments, {
      framework: 'koa',
      registration: call,
      app: receiver,
      describe: (fn) => ({
        kind: method === 'use' ? 'middleware' : 'route',
        params: paramsByRole(fn, ['context', 'next']),
      }),
    });
  },
};
