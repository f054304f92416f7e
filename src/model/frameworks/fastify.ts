import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, type FunctionNode, type Node } from '../../utils/ast';
import { refToString } from '../bindings';
import type { FrameworkRecognizer, RecognitionContext } from './recognizer';
import { calledMethodName, paramsByRole, registerArguments, type ParamRole } from './registration';
import type { AppInfo, HandlerKind } from './types';

const FASTIFY_MODULES = ['fastify', 'fastify-plugin'];

const SHORTHAND_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'all']);

/**
 * Hooks that run once per request. The application hooks (`onReady`, `onListen`, `onClose`,
 * `preClose`, `onRoute`, `onRegister`) run at startup or shutdown and are deliberately absent.
 */
const REQUEST_HOOKS = new Set([
  'onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse',
  'onError', 'onTimeout', 'onRequestAbort',
]);

/** Hook signatures that differ from `(request, reply, …)`. */
const HOOK_ROLES: Readonly<Record<string, readonly ParamRole[]>> = {
  onRequestAbort: ['request'], // (request, done)
  onError: ['request', 'response', 'error'], // (request, reply, error, done)
};

/** Plugin types: a function typed with one of them receives a fastify instance first. */
const PLUGIN_TYPES = new Set(['fastify.FastifyPluginAsync', 'fastify.FastifyPluginCallback', 'fastify.FastifyPlugin']);

type Handlers = Parameters<typeof registerArguments>[1];

function registerRoute(ctx: RecognitionContext, handlers: Handlers, call: TSESTree.CallExpression, app: AppInfo): void {
  register(ctx, handlers, call, app, 'route', ['request', 'response']);
}

function registerHook(ctx: RecognitionContext, name: string, handlers: Handlers, call: TSESTree.CallExpression, app: AppInfo): void {
  register(ctx, handlers, call, app, 'hook', HOOK_ROLES[name] ?? ['request', 'response']);
}

function register(
  ctx: RecognitionContext,
  handlers: Handlers,
  call: TSESTree.CallExpression,
  app: AppInfo,
  kind: HandlerKind,
  roles: readonly ParamRole[],
): void {
  registerArguments(ctx, handlers, {
    framework: 'fastify',
    registration: call,
    app,
    describe: (fn) => ({ kind, params: paramsByRole(fn, roles) }),
  });
}

/** `{ handler, preHandler: [auth], onSend(request, reply, payload, done) {} }` in route options. */
function registerRouteOptions(ctx: RecognitionContext, options: TSESTree.ObjectExpression, call: TSESTree.CallExpression, app: AppInfo): void {
  for (const property of options.properties) {
    if (property.type !== 'Property') continue;
    const name = getStaticPropertyName(property);
    if (name === 'handler') registerRoute(ctx, [property.value], call, app);
    else if (name !== undefined && REQUEST_HOOKS.has(name)) registerHook(ctx, name, [property.value], call, app);
  }
}

/** An options argument, inline or through a `const`. */
function asOptions(ctx: RecognitionContext, node: Node): TSESTree.ObjectExpression | undefined {
  const value = ctx.bindings.resolveValue(node);
  return value.type === 'ObjectExpression' ? value : undefined;
}

/** `fp(plugin, …)` from fastify-plugin. */
function isFastifyPluginCall(ctx: RecognitionContext, call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== 'Identifier' || !ctx.imports.localNames.has(call.callee.name)) return false;
  const ref = ctx.bindings.resolveCallee(call);
  return ref?.module === 'fastify-plugin' && ref.path.length === 0;
}

/** Where a function is used as a plugin: wrapped by fastify-plugin, or passed to these `register` calls. */
interface PluginUses {
  readonly wrapped: Set<FunctionNode>;
  readonly registeredBy: Map<FunctionNode, TSESTree.CallExpression[]>;
}

const PLUGIN_USES = {};

function pluginUses(ctx: RecognitionContext): PluginUses {
  return ctx.memo(PLUGIN_USES, () => {
    const wrapped = new Set<FunctionNode>();
    const registeredBy = new Map<FunctionNode, TSESTree.CallExpression[]>();
    for (const call of ctx.nodes.calls) {
      const [first] = call.arguments;
      if (!first || first.type === 'SpreadElement') continue;
      if (calledMethodName(call) === 'register') {
        // register(plugin) or register(fp(plugin))
        const value = ctx.bindings.resolveValue(first);
        const plugin =
          value.type === 'CallExpression' && isFastifyPluginCall(ctx, value) && value.arguments[0]
            ? ctx.bindings.resolveFunction(value.arguments[0])
            : ctx.bindings.resolveFunction(value);
        if (!plugin) continue;
        const calls = registeredBy.get(plugin);
        if (calls) calls.push(call);
        else registeredBy.set(plugin, [call]);
      } else if (isFastifyPluginCall(ctx, call)) {
        const plugin = ctx.bindings.resolveFunction(first);
        if (plugin) wrapped.add(plugin);
      }
    }
    return { wrapped, registeredBy };
  });
}

/** `const routes: FastifyPluginAsync = async (fastify) => {…}` */
function isTypedAsPlugin(ctx: RecognitionContext, fn: FunctionNode): boolean {
  const declarator = fn.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== fn) return false;
  const annotation = declarator.id.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== 'TSTypeReference') return false;
  const ref = ctx.bindings.resolveTypeName(annotation.typeName);
  return ref !== undefined && PLUGIN_TYPES.has(refToString(ref));
}

/** Whether `fn` is a fastify plugin: its body runs at startup and its first parameter is an instance. */
function isPlugin(ctx: RecognitionContext, fn: FunctionNode): boolean {
  if (isTypedAsPlugin(ctx, fn)) return true;
  const uses = pluginUses(ctx);
  if (uses.wrapped.has(fn)) return true;
  // `register` is fastify's only when the receiver is a fastify instance.
  return (uses.registeredBy.get(fn) ?? []).some((call) => {
    const receiver = call.callee.type === 'MemberExpression' ? ctx.resolveApp(call.callee.object) : undefined;
    return receiver?.framework === 'fastify' && receiver.kind !== 'server';
  });
}

/** `fastify()`, plugin instances, and routes, route options and per-request hooks registered on them. */
export const fastify: FrameworkRecognizer = {
  framework: 'fastify',
  modules: FASTIFY_MODULES,
  factories: {
    fastify: { kind: 'app', construct: 'call' },
    'fastify.fastify': { kind: 'app', construct: 'call' },
  },
  appTypes: { 'fastify.FastifyInstance': 'router' },
  // These all return the instance.
  methods: new Set([...SHORTHAND_METHODS, 'route', 'addHook', 'register', 'setErrorHandler', 'setNotFoundHandler']),

  chain(_ctx, _call, _method, receiver) {
    return receiver;
  },

  register(ctx, call, method, receiver) {
    const args = call.arguments;
    if (SHORTHAND_METHODS.has(method)) {
      // (path, [options], handler), where the handler may also sit in the options.
      for (const argument of args.slice(1)) {
        if (argument.type === 'SpreadElement') continue;
        const options = asOptions(ctx, argument);
        if (options) registerRouteOptions(ctx, options, call, receiver);
        else registerRoute(ctx, [argument], call, receiver);
      }
      return;
    }
    switch (method) {
      case 'route': {
        const options = args[0] && args[0].type !== 'SpreadElement' ? asOptions(ctx, args[0]) : undefined;
        if (options) registerRouteOptions(ctx, options, call, receiver);
        return;
      }
      case 'addHook': {
        const name = getStaticString(args[0]);
        if (name !== undefined && REQUEST_HOOKS.has(name) && args[1]) registerHook(ctx, name, [args[1]], call, receiver);
        return;
      }
      case 'setErrorHandler':
        register(ctx, args.slice(0, 1), call, receiver, 'hook', ['error', 'request', 'response']);
        return;
      case 'setNotFoundHandler': {
        // setNotFoundHandler([options,] handler)
        const handler = args.at(-1);
        if (handler) register(ctx, [handler], call, receiver, 'hook', ['request', 'response']);
        return;
      }
      default:
        return; // register(plugin): the plugin body runs at startup, not per request
    }
  },

  parameterApp(ctx, fn, index) {
    // Without fastify or fastify-plugin in the file, no function can be a plugin.
    if (index !== 0 || !FASTIFY_MODULES.some((module) => ctx.imports.modules.has(module))) return undefined;
    return isPlugin(ctx, fn) ? 'router' : undefined;
  },
};
