import type { TSESTree } from '@typescript-eslint/utils';

import { findProperty, getEnclosingFunction, getStaticString, isPromiseExecutor, type FunctionNode, type Node } from '../../../utils/ast';
import { followChain, useOf } from '../chain';
import {
  absentOptions,
  classifyValue,
  deadlineFromOptions,
  isCallbackLike,
  isUrlLike,
  methodFromOptions,
  optionsArgument,
  optionValue,
  signalKey,
  type OptionsArgument,
} from '../options';
import type { ClientRecognizer, InstanceRecognition, OwnDeadline, RecognitionContext, Site } from '../recognizer';
import type { SocketCapState } from '../types';

/** ClientRequest methods that return the request, so a chain keeps talking about it. */
const REQUEST_CHAINABLE = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'off',
  'removeListener',
  'setTimeout',
  'setNoDelay',
  'setSocketKeepAlive',
  'setHeader',
  'end',
]);
const LISTENER_REGISTRATIONS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * `http.request`/`http.get` take `(url)`, `(url, cb)`, `(options)`, `(options, cb)`,
 * `(url, options)` or `(url, options, cb)`. A first argument that is neither an object literal
 * nor evidently a URL may be an options variable: unknown.
 */
function requestOptions(call: TSESTree.CallExpression, context: RecognitionContext): OptionsArgument {
  const { bindings } = context;
  const [first, second] = call.arguments;
  if (!first) return absentOptions(call, 0);
  if (first.type === 'SpreadElement') return { kind: 'unknown' };
  const options = optionsArgument(call, 0);
  if (options.kind === 'object' || !isUrlLike(first, bindings)) return options;
  if (!second || isCallbackLike(second, bindings)) return absentOptions(call, 1);
  return optionsArgument(call, 1);
}

/** What the file does about the request's `'timeout'` event. */
interface TimeoutHandling {
  /** A `'timeout'` listener, `setTimeout` callback or timer that destroys the request. */
  destroyer?: Node;
  /** A `setTimeout` or `'timeout'` listener that does not destroy it. */
  emitter?: Node;
  /** The request escapes, or a listener cannot be read: something we do not see may destroy it. */
  opaque: boolean;
}

/**
 * The `timeout` option and `req.setTimeout(ms)` only emit `'timeout'`: the request is bounded
 * only when something then destroys it (semantics §A3). Looks at the calls chained on the request
 * and, when it is bound to a name, at every use of that name.
 */
function timeoutHandling(call: TSESTree.CallExpression, context: RecognitionContext): TimeoutHandling {
  const handling: TimeoutHandling = { opaque: false };
  inspectRequestValue(call, handling, context);
  return handling;
}

function inspectRequestValue(value: Node, handling: TimeoutHandling, context: RecognitionContext): void {
  const chain = followChain(value, (name) => REQUEST_CHAINABLE.has(name));
  for (const { name, call } of chain.calls) inspectMethod(name, call, handling, context);
  const last = chain.calls[chain.calls.length - 1];
  if (last && !REQUEST_CHAINABLE.has(last.name)) return; // `req.write(…)` yields a boolean, not the request
  const use = useOf(chain.end);
  switch (use.kind) {
    case 'dropped':
      return;
    case 'declared': {
      if (value.type === 'Identifier') break; // `const other = req.on(…)`: an alias we do not follow
      const variable = context.bindings.findVariable(use.id);
      if (!variable) break;
      for (const reference of variable.references) {
        if (!reference.init) inspectReference(reference.identifier as TSESTree.Identifier, handling, context);
      }
      return;
    }
    case 'returned':
      if (isPromiseExecutor(use.fn)) return;
      break;
    default:
      break;
  }
  handling.opaque = true;
}

function inspectReference(identifier: TSESTree.Identifier, handling: TimeoutHandling, context: RecognitionContext): void {
  const parent = identifier.parent;
  if (parent.type === 'MemberExpression' && parent.object === identifier) {
    const chain = followChain(identifier, (name) => REQUEST_CHAINABLE.has(name));
    if (chain.calls.length === 0) return; // a property read: `req.destroyed`
    inspectRequestValue(identifier, handling, context);
    return;
  }
  if (parent.type === 'CallExpression' && parent.arguments.includes(identifier) && isStreamPlumbing(parent, context)) return;
  if (parent.type === 'ExpressionStatement') return;
  handling.opaque = true;
}

/** `body.pipe(req)`, `pipeline(body, req)`, `finished(req)`: they do not set timeouts. */
function isStreamPlumbing(call: TSESTree.CallExpression, context: RecognitionContext): boolean {
  if (call.callee.type === 'MemberExpression' && !call.callee.computed) {
    const property = call.callee.property;
    if (property.type === 'Identifier' && property.name === 'pipe') return true;
  }
  const ref = context.bindings.resolveCallee(call);
  return (ref?.module === 'stream' || ref?.module === 'stream/promises') && ['pipeline', 'finished'].includes(ref.path[ref.path.length - 1] ?? '');
}

function inspectMethod(name: string, call: TSESTree.CallExpression, handling: TimeoutHandling, context: RecognitionContext): void {
  if (LISTENER_REGISTRATIONS.has(name)) {
    if (getStaticString(call.arguments[0]) === 'timeout') classifyListener(call.arguments[1], call, handling, context);
  } else if (name === 'setTimeout') {
    if (call.arguments.length < 2) handling.emitter ??= call;
    else classifyListener(call.arguments[1], call, handling, context);
  } else if ((name === 'destroy' || name === 'abort') && isInTimer(call, context)) {
    // `setTimeout(() => req.destroy(), ms)`: a hard deadline of its own.
    handling.destroyer ??= call;
  }
}

function classifyListener(
  listener: TSESTree.CallExpressionArgument | undefined,
  registration: TSESTree.CallExpression,
  handling: TimeoutHandling,
  context: RecognitionContext,
): void {
  const fn = listener && listener.type !== 'SpreadElement' ? context.bindings.resolveFunction(listener) : undefined;
  if (!fn) {
    handling.opaque = true;
    return;
  }
  switch (listenerEffect(fn, context, 2)) {
    case 'destroys':
      handling.destroyer ??= registration;
      return;
    case 'silent':
      handling.emitter ??= registration;
      return;
    default:
      handling.opaque = true;
  }
}

/**
 * `destroys`: it calls `destroy()`/`abort()` (on the request, `this`, or a controller);
 * `silent`: it only logs; `other`: it does something we cannot judge (rejects a promise, calls a
 * helper), so we claim nothing.
 */
function listenerEffect(fn: FunctionNode, context: RecognitionContext, depth: number): 'destroys' | 'silent' | 'other' {
  let effect: 'silent' | 'other' = 'silent';
  for (const call of context.nodes.callsByFunction.get(fn) ?? []) {
    const callee = call.callee;
    const method =
      callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
        ? callee.property.name
        : undefined;
    if (method === 'destroy' || method === 'abort') return 'destroys';
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console') continue;
    effect = 'other';
    if (depth > 0) {
      for (const argument of call.arguments) {
        const nested = argument.type === 'SpreadElement' ? undefined : context.bindings.resolveFunction(argument);
        if (nested && listenerEffect(nested, context, depth - 1) === 'destroys') return 'destroys';
      }
    }
  }
  return effect;
}

function isInTimer(call: TSESTree.CallExpression, context: RecognitionContext): boolean {
  const fn = getEnclosingFunction(call);
  const parent = fn?.parent;
  if (parent?.type !== 'CallExpression' || parent.arguments[0] !== fn) return false;
  const ref = context.bindings.resolveCallee(parent);
  return ref !== undefined && ref.path[ref.path.length - 1] === 'setTimeout' && (ref.module === '#global' || ref.module === 'timers');
}

function requestDeadline(call: TSESTree.CallExpression, options: OptionsArgument, context: RecognitionContext): OwnDeadline {
  const own = deadlineFromOptions(options, { signal: signalKey }, context.bindings);
  if (own.state === 'present') return own;
  const insertion = own.insertion ? { insertion: own.insertion } : {};
  const handling = timeoutHandling(call, context);
  if (handling.destroyer) return { state: 'present', node: handling.destroyer, ...insertion };
  if (own.state === 'unknown' || handling.opaque) return { state: 'unknown', ...insertion };
  const timeoutOption = options.kind === 'object' ? findProperty(options.object, 'timeout') : undefined;
  const emitting = timeoutOption && ['number', 'other'].includes(classifyValue(timeoutOption.value, context.bindings));
  const emitter = emitting ? timeoutOption : handling.emitter;
  return { state: 'missing', ...insertion, ...(emitter ? { trap: { kind: 'timeout-only-emits', node: emitter } } : {}) };
}

/** `new http.Agent(options)`: whether it keeps sockets alive, and whether it caps them. */
function agentSockets(options: OptionsArgument, context: RecognitionContext): Pick<InstanceRecognition, 'keepAlive' | 'socketCap'> {
  if (options.kind === 'absent') return { keepAlive: false, socketCap: 'missing' };
  if (options.kind === 'unknown') return { socketCap: 'unknown' };
  const { object } = options;
  const spread = object.properties.some((property) => property.type === 'SpreadElement');
  const keepAliveProperty = findProperty(object, 'keepAlive');
  const keepAliveKind = keepAliveProperty && classifyValue(keepAliveProperty.value, context.bindings);
  const keepAlive = keepAliveKind === 'true' ? true : keepAliveKind === 'false' || (!keepAliveProperty && !spread) ? false : undefined;
  let socketCap: SocketCapState = spread ? 'unknown' : 'missing';
  for (const key of ['maxSockets', 'maxTotalSockets']) {
    const property = findProperty(object, key);
    if (!property) continue;
    const value = context.bindings.resolveValue(property.value);
    const unbounded = value.type === 'Identifier' && value.name === 'Infinity' && context.bindings.isGlobal(value);
    if (!unbounded && classifyValue(property.value, context.bindings) !== 'nullish') socketCap = 'present';
  }
  return { ...(keepAlive === undefined ? {} : { keepAlive }), socketCap };
}

/**
 * `http`/`https`: `request(…)` and `get(…)` in every argument form, and `new Agent(…)`. An
 * Agent's `timeout` only emits too, so an Agent has no deadline of its own (`unknown`): rules
 * judge its sockets.
 */
export const nodeHttp: ClientRecognizer = {
  instance(site: Site, context) {
    if (site.node.type !== 'NewExpression' || !site.module || site.path.join('.') !== 'Agent') return undefined;
    const library = site.module === 'https' ? 'https' : 'http';
    if (site.subclass) return { library, kind: 'agent', deadline: { state: 'unknown' }, socketCap: 'unknown' };
    return { library, kind: 'agent', deadline: { state: 'unknown' }, ...agentSockets(optionsArgument(site.node, 0), context) };
  },
  call(site, context) {
    const { node } = site;
    const name = site.path[0];
    if (node.type !== 'CallExpression' || !site.module || site.path.length !== 1) return undefined;
    if (name !== 'request' && name !== 'get') return undefined;
    const library = site.module === 'https' ? 'https' : 'http';
    const options = requestOptions(node, context);
    const deadline = requestDeadline(node, options, context);
    const method = name === 'get' ? 'GET' : methodFromOptions(options, context.bindings);
    const via = optionValue(options, 'agent');
    const agent = via && context.resolveInstance(via);
    return { library, node, deadline, ...(method ? { method } : {}), ...(agent ? { agent } : {}) };
  },
};
