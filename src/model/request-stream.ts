import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, skipTransparentWrappers, type Node } from '../utils/ast';
import type { FileModel } from './index';
import { getServerRequests, type RequestOrigin } from './request-objects';

/** Methods that register a listener on an emitter. */
const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Stream methods that return the stream itself, so a chain `req.on(…).on(…)` stays on the request. */
const CHAINING_METHODS = new Set([...LISTEN_METHODS, 'setEncoding', 'pause', 'resume', 'setTimeout']);

/** What a call does to a server request's body stream. */
export type RequestStreamOp =
  /** `req.on('data', fn)` and the other listener methods; `listener` absent when none is passed. */
  | { readonly kind: 'listen'; readonly event: string; readonly listener: Node | undefined }
  | { readonly kind: 'read' | 'pipe' | 'unpipe' | 'pause' | 'resume' | 'destroy' | 'unshift' }
  /** `req.socket.destroy()`, `req.connection.end()`: the connection itself. */
  | { readonly kind: 'socket'; readonly method: string };

export interface RequestStreamCall {
  readonly call: TSESTree.CallExpression;
  /** The expression the method is called on (`req`, `ctx.req`, `request.raw`, or a chained call). */
  readonly receiver: Node;
  readonly origin: RequestOrigin;
  readonly op: RequestStreamOp;
}

const SIMPLE_OPS = new Set(['read', 'pipe', 'unpipe', 'pause', 'resume', 'destroy', 'unshift']);

/**
 * What `call` does to the body stream of a server request (see `ServerRequests`), or `undefined`
 * when it is not a stream method called on one. Follows chains of methods that return the stream
 * (`req.on('data', f).on('end', g)`).
 */
export function requestStreamCall(model: FileModel, call: TSESTree.CallExpression): RequestStreamCall | undefined {
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = getStaticPropertyName(callee);
  if (method === undefined) return undefined;
  const requests = getServerRequests(model);
  if (requests.isEmpty) return undefined;
  const receiver = callee.object;
  const origin = LISTEN_METHODS.has(method) || SIMPLE_OPS.has(method) ? requestOf(model, receiver) : undefined;
  if (origin) {
    if (LISTEN_METHODS.has(method)) {
      const [event, listener] = call.arguments;
      const name = getStaticString(event);
      if (name === undefined) return undefined;
      return { call, receiver, origin, op: { kind: 'listen', event: name, listener: listener?.type === 'SpreadElement' ? undefined : listener } };
    }
    return { call, receiver, origin, op: { kind: method as 'read' } };
  }
  // req.socket.destroy(), req.connection.end()
  const socketHolder = skipTransparentWrappers(receiver);
  if (socketHolder.type === 'MemberExpression') {
    const name = getStaticPropertyName(socketHolder);
    if (name === 'socket' || name === 'connection') {
      const origin = requests.originOf(socketHolder.object);
      if (origin) return { call, receiver, origin, op: { kind: 'socket', method } };
    }
  }
  return undefined;
}

/** The origin of the server request `node` evaluates to, looking through chained stream methods. */
export function requestOf(model: FileModel, node: Node, depth = 0): RequestOrigin | undefined {
  const bare = skipTransparentWrappers(node);
  if (bare.type === 'CallExpression' && depth < 8) {
    const callee = skipTransparentWrappers(bare.callee);
    if (callee.type !== 'MemberExpression' || !CHAINING_METHODS.has(getStaticPropertyName(callee) ?? '')) return undefined;
    return requestOf(model, callee.object, depth + 1);
  }
  if (bare.type !== 'Identifier' && bare.type !== 'MemberExpression') return undefined;
  return getServerRequests(model).originOf(bare);
}

/**
 * The server requests `call` passes as arguments (`pipeline(req, out)`, `getRawBody(req)`,
 * `finished(req, cb)`, `busboy.parse(req)`): the callee may read, drain or destroy them.
 */
export function requestArguments(model: FileModel, call: TSESTree.CallExpression | TSESTree.NewExpression): RequestOrigin[] {
  const origins: RequestOrigin[] = [];
  if (getServerRequests(model).isEmpty) return origins;
  for (const argument of call.arguments) {
    if (argument.type === 'SpreadElement') continue;
    const origin = requestOf(model, argument);
    if (origin) origins.push(origin);
  }
  return origins;
}

/** Two origins name the same request in the same function (the parameter that holds it, or its holder). */
export function sameRequest(a: RequestOrigin, b: RequestOrigin): boolean {
  return a.param === b.param;
}
