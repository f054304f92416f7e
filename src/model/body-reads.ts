import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  getEnclosingFunction,
  getStaticPropertyName,
  getStaticString,
  isFunctionNode,
  skipTransparentWrappers,
  type FunctionNode,
  type Node,
} from '../utils/ast';
import type { FileModel } from './index';
import { getServerRequests, type RequestOrigin } from './request-objects';
import { mentions, wordGate } from './vocabulary';
import { pushChildNodes, type VisitorKeys } from './walk';

type Variable = TSESLint.Scope.Variable;

/** Methods that add a `'data'` listener that keeps receiving chunks (`once` takes only one). */
const LISTENER_METHODS = new Set(['on', 'addListener', 'prependListener']);

/** `stream/consumers` functions: each reads the whole stream into memory. */
const CONSUMERS = new Set(['text', 'json', 'buffer', 'arrayBuffer', 'blob']);

/** Array methods that add an element (the collected chunk) to the receiver. */
const APPENDING_METHODS = new Set(['push', 'unshift']);

const COMPARISONS = new Set(['<', '<=', '>', '>=']);

/** A place where a handler reads the body of its server request (see `ServerRequests`). */
export type BodyRead =
  /** `req.on('data', listener)`: `chunk` is the listener's first parameter; `listener` absent when we cannot see it. */
  | { readonly kind: 'data-listener'; readonly node: TSESTree.CallExpression; readonly origin: RequestOrigin; readonly listener: ListenerShape }
  /** `for await (const chunk of req)`. */
  | { readonly kind: 'for-await'; readonly node: TSESTree.ForOfStatement; readonly origin: RequestOrigin }
  /** `text(req)` / `json(req)` / … from `stream/consumers`. */
  | { readonly kind: 'consumer'; readonly node: TSESTree.CallExpression; readonly origin: RequestOrigin; readonly name: string };

export type ListenerShape =
  | { readonly kind: 'function'; readonly fn: FunctionNode }
  /** `chunks.push.bind(chunks)`: every chunk is appended to `chunks`. */
  | { readonly kind: 'bound-push'; readonly node: Node }
  | { readonly kind: 'unknown' };

/** `req.on('data', …)` on a server request. */
export function dataListenerRead(model: FileModel, call: TSESTree.CallExpression): BodyRead | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  const method = getStaticPropertyName(callee);
  if (method === undefined || !LISTENER_METHODS.has(method)) return undefined;
  const [event, listener] = call.arguments;
  if (getStaticString(event) !== 'data' || !listener || listener.type === 'SpreadElement') return undefined;
  const requests = getServerRequests(model);
  if (requests.isEmpty) return undefined;
  const origin = requests.originOf(callee.object);
  if (!origin) return undefined;
  return { kind: 'data-listener', node: call, origin, listener: listenerShape(model, listener) };
}

/** `for await (const chunk of req)` over a server request. */
export function forAwaitRead(model: FileModel, loop: TSESTree.ForOfStatement): BodyRead | undefined {
  if (!loop.await) return undefined;
  const requests = getServerRequests(model);
  if (requests.isEmpty) return undefined;
  const origin = requests.originOf(loop.right);
  return origin ? { kind: 'for-await', node: loop, origin } : undefined;
}

const CONSUMERS_WORDS = wordGate({ modules: ['stream/consumers'] });

/** `text(req)`, `consumers.json(req)` from `stream/consumers` on a server request. */
export function consumerRead(model: FileModel, call: TSESTree.CallExpression): BodyRead | undefined {
  const [stream] = call.arguments;
  if (!stream || stream.type === 'SpreadElement') return undefined;
  // Asked about every call of a file: without the module's specifier, no callee can come from it.
  if (!mentions(model.sourceCode, CONSUMERS_WORDS)) return undefined;
  const ref = model.bindings.resolveCallee(call);
  const name = ref?.path[0];
  if (ref?.module !== 'stream/consumers' || ref.path.length !== 1 || name === undefined || !CONSUMERS.has(name)) return undefined;
  const requests = getServerRequests(model);
  if (requests.isEmpty) return undefined;
  const origin = requests.originOf(stream);
  return origin ? { kind: 'consumer', node: call, origin, name } : undefined;
}

function listenerShape(model: FileModel, listener: Node): ListenerShape {
  const fn = model.bindings.resolveFunction(listener);
  if (fn) return { kind: 'function', fn };
  // chunks.push.bind(chunks)
  const bare = skipTransparentWrappers(listener);
  if (
    bare.type === 'CallExpression' &&
    bare.callee.type === 'MemberExpression' &&
    getStaticPropertyName(bare.callee) === 'bind' &&
    bare.callee.object.type === 'MemberExpression' &&
    APPENDING_METHODS.has(getStaticPropertyName(bare.callee.object) ?? '')
  ) {
    return { kind: 'bound-push', node: bare };
  }
  return { kind: 'unknown' };
}

/**
 * What a read does with the bytes:
 * - `buffers`: it collects every chunk (`chunks.push(chunk)`, `body += chunk`,
 *   `buf = Buffer.concat([buf, chunk])`) into something that outlives the chunk, and `sink` is where;
 * - `counted`: the bytes are measured — a variable summed from chunk lengths, a comparison on the
 *   length of the chunk or of what was collected, or a look at `Content-Length` around the read.
 *   Whether that check stops reading is not always visible, so counted reads count as bounded;
 * - `other`: the chunks go elsewhere (hashed, written to a file, parsed incrementally).
 */
export type BufferingVerdict = { readonly kind: 'buffers'; readonly sink: Node } | { readonly kind: 'counted' } | { readonly kind: 'other' };

export function analyzeBuffering(model: FileModel, read: BodyRead): BufferingVerdict {
  if (read.kind === 'consumer') return sizeCheckedAround(model, read) ? { kind: 'counted' } : { kind: 'buffers', sink: read.node };
  let body: Node;
  let chunk: TSESTree.Identifier | undefined;
  let owner: Node;
  if (read.kind === 'for-await') {
    const left = read.node.left;
    const declared = left.type === 'VariableDeclaration' ? left.declarations[0]?.id : left;
    chunk = declared?.type === 'Identifier' ? declared : undefined;
    body = read.node.body;
    owner = read.node;
  } else {
    const { listener } = read;
    if (listener.kind === 'unknown') return { kind: 'other' };
    if (listener.kind === 'bound-push') {
      return sizeCheckedAround(model, read) ? { kind: 'counted' } : { kind: 'buffers', sink: listener.node };
    }
    const [first] = listener.fn.params;
    chunk = first?.type === 'Identifier' ? first : first?.type === 'AssignmentPattern' && first.left.type === 'Identifier' ? first.left : undefined;
    body = listener.fn.body;
    owner = listener.fn;
  }
  if (!chunk) return { kind: 'other' };
  const chunkVariable = model.bindings.findVariable(chunk);
  if (!chunkVariable) return { kind: 'other' };
  const facts = scanChunkUse(model, body, owner, chunkVariable);
  if (facts.counted || sizeCheckedAround(model, read)) return { kind: 'counted' };
  return facts.sink ? { kind: 'buffers', sink: facts.sink } : { kind: 'other' };
}

interface ChunkFacts {
  sink?: Node;
  counted: boolean;
}

/**
 * Walks a listener's or loop's body (not the functions nested in it) for where the chunk goes and
 * for size checks.
 */
function scanChunkUse(model: FileModel, body: Node, owner: Node, chunk: Variable): ChunkFacts {
  const chunkReferences = chunk.references.map((reference) => reference.identifier as Node);
  const facts: ChunkFacts = { counted: false };
  const visitorKeys = model.sourceCode.visitorKeys as VisitorKeys;
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== body && isFunctionNode(node)) continue;
    switch (node.type) {
      case 'CallExpression': {
        const callee = node.callee;
        if (
          callee.type === 'MemberExpression' &&
          APPENDING_METHODS.has(getStaticPropertyName(callee) ?? '') &&
          node.arguments.some((argument) => carriesData(argument, chunkReferences)) &&
          outlives(model, callee.object, owner)
        ) {
          facts.sink ??= node;
        }
        break;
      }
      case 'AssignmentExpression': {
        if (node.operator === '+=' && isLengthOfAnything(node.right)) facts.counted = true;
        else if (node.operator === '+=' && carriesData(node.right, chunkReferences) && outlives(model, node.left, owner)) facts.sink ??= node;
        else if (
          node.operator === '=' &&
          carriesData(node.right, chunkReferences) &&
          mentionsTarget(node.right, node.left, visitorKeys) &&
          outlives(model, node.left, owner)
        ) {
          // body = body + chunk, buf = Buffer.concat([buf, chunk]), all = [...all, chunk]
          facts.sink ??= node;
        }
        break;
      }
      case 'BinaryExpression':
        if (COMPARISONS.has(node.operator) && (mentionsLength(node.left, visitorKeys) || mentionsLength(node.right, visitorKeys))) {
          facts.counted = true;
        }
        break;
      default:
        break;
    }
    pushChildNodes(node, visitorKeys, stack);
  }
  return facts;
}

/** `x.length`, `x.byteLength`, `Buffer.byteLength(x)`: a size, not the data. */
function isLengthOfAnything(node: Node): boolean {
  const bare = skipTransparentWrappers(node);
  if (bare.type === 'MemberExpression') {
    const name = getStaticPropertyName(bare);
    return name === 'length' || name === 'byteLength';
  }
  if (bare.type === 'CallExpression' && bare.callee.type === 'MemberExpression') {
    return getStaticPropertyName(bare.callee) === 'byteLength';
  }
  return false;
}

/** Whether a length (see `isLengthOfAnything`) appears anywhere in `node`. */
function mentionsLength(node: Node, visitorKeys: VisitorKeys): boolean {
  let found = false;
  walk(node, visitorKeys, (child) => {
    if (isLengthOfAnything(child)) found = true;
    return !found;
  });
  return found;
}

/** The expression carries the chunk's bytes: it reads the chunk other than for its length. */
function carriesData(node: Node, chunkReferences: readonly Node[]): boolean {
  return chunkReferences.some((reference) => {
    if (reference.range[0] < node.range[0] || reference.range[1] > node.range[1]) return false;
    const parent = reference.parent;
    if (parent?.type === 'MemberExpression' && parent.object === reference) {
      const name = getStaticPropertyName(parent);
      if (name === 'length' || name === 'byteLength') return false;
    }
    if (parent?.type === 'CallExpression' && parent.callee.type === 'MemberExpression' && getStaticPropertyName(parent.callee) === 'byteLength') {
      return false;
    }
    return true;
  });
}

/** `target = …target…`: the right side reads the assigned variable (or the root of the assigned property) again. */
function mentionsTarget(right: Node, target: Node, visitorKeys: VisitorKeys): boolean {
  const targetRoot = rootName(target);
  if (targetRoot === undefined) return false;
  let found = false;
  walk(right, visitorKeys, (child) => {
    if (child.type === 'Identifier' && child.name === targetRoot) found = true;
    return !found;
  });
  return found;
}

function rootName(node: Node): string | undefined {
  let current = skipTransparentWrappers(node);
  while (current.type === 'MemberExpression') current = skipTransparentWrappers(current.object);
  return current.type === 'Identifier' ? current.name : undefined;
}

/**
 * The collection survives the listener or loop body: its variable is declared outside `owner`
 * (or it is a property of something, such as `req.rawBody` or `this.chunks`).
 */
function outlives(model: FileModel, target: Node, owner: Node): boolean {
  const bare = skipTransparentWrappers(target);
  if (bare.type === 'MemberExpression') return true;
  if (bare.type !== 'Identifier') return false;
  const declaration = model.bindings.findVariable(bare)?.defs[0]?.name;
  if (!declaration) return true; // an implicit global
  return declaration.range[0] < owner.range[0] || declaration.range[1] > owner.range[1];
}

/**
 * A size check around the read: in the functions from the read up to the handler (and the
 * handler's calls that lead to it), a variable summed from lengths (`received += chunk.length`, in
 * another listener perhaps), a read of the request's `Content-Length` header, or a comparison
 * involving a content length.
 */
function sizeCheckedAround(model: FileModel, read: BodyRead): boolean {
  const functions = new Set<FunctionNode>();
  for (let fn = getEnclosingFunction(read.node); fn; fn = getEnclosingFunction(fn)) functions.add(fn);
  if (read.origin.handler) functions.add(read.origin.handler.fn);
  for (const call of read.origin.via) {
    for (let fn = getEnclosingFunction(call); fn; fn = getEnclosingFunction(fn)) functions.add(fn);
  }
  for (const fn of functions) if (functionChecksSize(model, fn)) return true;
  return false;
}

const CONTENT_LENGTH = /content-?length/i;

function functionChecksSize(model: FileModel, fn: FunctionNode): boolean {
  const { sourceCode, bindings } = model;
  let checks = false;
  walk(fn.body, sourceCode.visitorKeys as VisitorKeys, (node) => {
    if (node.type === 'AssignmentExpression' && node.operator === '+=' && isLengthOfAnything(node.right)) checks = true;
    else if (readsContentLengthHeader(node)) checks = true;
    else if (node.type === 'BinaryExpression' && COMPARISONS.has(node.operator)) {
      for (const side of [node.left, node.right]) {
        if (side.type === 'PrivateIdentifier') continue;
        if (CONTENT_LENGTH.test(sourceCode.getText(side))) checks = true;
        const value = side.type === 'Identifier' ? bindings.resolveValue(side) : undefined;
        if (value && value !== side && CONTENT_LENGTH.test(sourceCode.getText(value))) checks = true;
        // let length = …content-length…; (parameters and reassigned names are not followed by resolveValue)
        if (side.type === 'Identifier' && declaredFromContentLength(model, side)) checks = true;
      }
    }
    return !checks;
  });
  return checks;
}

/**
 * `req.headers['content-length']`, `req.get('content-length')`, `req.header('Content-Length')`: the
 * handler looks at the declared size (to compare it, or to assert on it), so it may rely on it.
 */
function readsContentLengthHeader(node: Node): boolean {
  if (node.type === 'MemberExpression') {
    const name = getStaticPropertyName(node);
    const object = skipTransparentWrappers(node.object);
    return (
      name !== undefined &&
      /^content-length$/i.test(name) &&
      object.type === 'MemberExpression' &&
      getStaticPropertyName(object) === 'headers'
    );
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = getStaticPropertyName(node.callee);
    return (method === 'get' || method === 'header') && /^content-length$/i.test(getStaticString(node.arguments[0]) ?? '');
  }
  return false;
}

function declaredFromContentLength(model: FileModel, identifier: TSESTree.Identifier): boolean {
  const variable = model.bindings.findVariable(identifier);
  const def = variable?.defs[0];
  if (def?.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  return init !== null && CONTENT_LENGTH.test(model.sourceCode.getText(init));
}

/** Depth-first over `root`'s subtree, nested functions included; `visit` returns false to stop. */
function walk(root: Node, visitorKeys: VisitorKeys, visit: (node: Node) => boolean): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!visit(node)) return;
    pushChildNodes(node, visitorKeys, stack);
  }
}


