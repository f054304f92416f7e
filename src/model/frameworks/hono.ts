import type { FrameworkRecognizer } from './recognizer';
import { paramsByRole, registerArguments, type ParamRole } from './registration';
import type { HandlerKind } from './types';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'all']);

/** What each registration method registers, and where its handlers start among the arguments. */
const REGISTRATIONS: Readonly<Record<string, { kind: HandlerKind; firstHandler: number; roles: readonly ParamRole[] }>> = {
  ...Object.fromEntries([...ROUTE_METHODS].map((method) => [method, { kind: 'route', firstHandler: 0, roles: ['context', 'next'] }])),
  use: { kind: 'middleware', firstHandler: 0, roles: ['context', 'next'] },
  on: { kind: 'route', firstHandler: 2, roles: ['context', 'next'] }, // on(method, path, ...handlers)
  notFound: { kind: 'route', firstHandler: 0, roles: ['context'] },
  onError: { kind: 'route', firstHandler: 0, roles: ['error', 'context'] },
};

// The presets are the same class with another router.
const HONO_MODULES = ['hono', 'hono/quick', 'hono/tiny'];

/** `new Hono()`, `app.basePath(p)`, their routes and middleware, and @hono/node-server `serve()`. */
export const hono: FrameworkRecognizer = {
  framework: 'hono',
  modules: [...HONO_MODULES, '@hono/node-server'],
  factories: {
    ...Object.fromEntries(HONO_MODULES.map((module) => [`${module}.Hono`, { kind: 'app', construct: 'new' }] as const)),
    // serve() creates the node server and returns it (semantics §D).
    '@hono/node-server.serve': { kind: 'server', construct: 'call' },
  },
  appTypes: Object.fromEntries(HONO_MODULES.map((module) => [`${module}.Hono`, 'app'] as const)),
  methods: new Set([...Object.keys(REGISTRATIONS), 'route', 'basePath']),

  chain(ctx, call, method, receiver) {
    // basePath returns a new app sharing the router; every other method returns the app.
    return method === 'basePath' ? ctx.deriveApp(call, 'app', receiver) : receiver;
  },

  register(ctx, call, method, receiver) {
    const registration = REGISTRATIONS[method];
    if (!registration) return; // route('/x', sub) mounts an app: its handlers are registered on `sub`
    registerArguments(ctx, call.arguments.slice(registration.firstHandler), {
      framework: 'hono',
      registration: call,
      app: receiver,
      describe: (fn) => ({ kind: registration.kind, params: paramsByRole(fn, registration.roles) }),
    });
  },
};
