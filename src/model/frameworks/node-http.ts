import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticString } from '../../utils/ast';
import type { FrameworkRecognizer, RecognitionContext } from './recognizer';
import { paramsByRole, registerArguments } from './registration';
import type { AppInfo } from './types';

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
// Server methods that return the server itself.
const CHAINING_METHODS = new Set([...LISTENER_METHODS, 'listen', 'setTimeout']);

/** Whether the server came from `http2.createServer`/`createSecureServer`: only those emit `'stream'`. */
function isHttp2Server(ctx: RecognitionContext, server: AppInfo): boolean {
  const node = server.node;
  if (node.type !== 'CallExpression') return false;
  return ctx.bindings.resolveCallee(node)?.module === 'http2';
}

function registerListener(ctx: RecognitionContext, listener: TSESTree.CallExpressionArgument, registration: TSESTree.Node, server: AppInfo): void {
  registerArguments(ctx, [listener], {
    framework: 'node-http',
    registration,
    app: server,
    describe: (fn) => ({ kind: 'request-listener', params: paramsByRole(fn, ['request', 'response']) }),
  });
}

/**
 * `http/https.createServer`, `http2.createServer/createSecureServer` and their request listeners.
 * Also owns the methods of every server (express/koa `listen()` results, hono `serve()`), since
 * they are all `net.Server`s.
 */
export const nodeHttp: FrameworkRecognizer = {
  framework: 'node-http',
  modules: ['http', 'https', 'http2'],
  factories: {
    'http.createServer': { kind: 'server', construct: 'call' },
    'https.createServer': { kind: 'server', construct: 'call' },
    'http2.createServer': { kind: 'server', construct: 'call' },
    'http2.createSecureServer': { kind: 'server', construct: 'call' },
    // `new http.Server(listener)` is what createServer does.
    'http.Server': { kind: 'server', construct: 'new' },
    'https.Server': { kind: 'server', construct: 'new' },
  },
  methods: CHAINING_METHODS,

  chain(_ctx, _call, method, receiver) {
    return CHAINING_METHODS.has(method) ? receiver : undefined;
  },

  register(ctx, call, method, receiver) {
    if (!LISTENER_METHODS.has(method)) return;
    const [event, listener] = call.arguments;
    if (!listener) return;
    const name = getStaticString(event);
    if (name === 'request') registerListener(ctx, listener, call, receiver);
    else if (name === 'stream' && isHttp2Server(ctx, receiver)) {
      // (stream, headers): none of the request/response roles.
      registerArguments(ctx, [listener], {
        framework: 'node-http',
        registration: call,
        app: receiver,
        describe: () => ({ kind: 'request-listener', params: {} }),
      });
    }
  },

  created(ctx, node, app) {
    // createServer([options,] listener)
    const args = node.arguments;
    const listener = args.length === 1 ? args[0] : args.length === 2 ? args[1] : undefined;
    if (listener && listener.type !== 'ObjectExpression') registerListener(ctx, listener, node, app);
  },
};
