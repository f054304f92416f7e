import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunctionNode, isTransparentWrapper, type FunctionNode, type Node } from '../utils/ast';
import type { HandlerInfo } from './frameworks';
import type { FileModel } from './index';
import { pushChildNodes } from './walk';

type Variable = TSESLint.Scope.Variable;

/**
 * Methods of an express/Node response that leave the response open: a path that calls only these
 * has not responded yet (`res.status(401); return;`). Every other method call on the response
 * counts as responding — `send`, `json`, `end`, `redirect`, … and also the helpers plugins add
 * (`res.boom.badRequest()`, `res.sendError()`), which the model cannot list.
 */
const OPEN_RESPONSE_METHODS: ReadonlySet<string> = new Set([
  'addListener', 'addTrailers', 'append', 'attachment', 'clearCookie', 'contentType', 'cookie', 'cork',
  'emit', 'flushHeaders', 'get', 'getHeader', 'getHeaderNames', 'getHeaders', 'hasHeader', 'header',
  'links', 'location', 'off', 'on', 'once', 'prependListener', 'removeHeader', 'removeListener', 'set',
  'setHeader', 'setTimeout', 'status', 'type', 'uncork', 'vary', 'write', 'writeContinue',
  'writeEarlyHints', 'writeHead', 'writeProcessing',
]);

/** Response properties that hold data, not behaviour: `res.locals.user.push(x)` does not respond. */
const RESPONSE_DATA_PROPERTIES: ReadonlySet<string> = new Set([
  'finished', 'headersSent', 'locals', 'statusCode', 'statusMessage', 'writableEnded', 'writableFinished',
]);

/** Request methods that only read it: every other method called on the request may hand it on (`req.pipe(x)`). */
const READ_REQUEST_METHODS: ReadonlySet<string> = new Set([
  'accepts', 'acceptsCharset', 'acceptsCharsets', 'acceptsEncoding', 'acceptsEncodings', 'acceptsLanguage',
  'acceptsLanguages', 'flash', 'get', 'getHeader', 'hasOwnProperty', 'header', 'is', 'isAuthenticated',
  'isUnauthenticated', 'param', 'range', 'setEncoding',
]);

type Role = 'request' | 'response' | 'next' | 'helper';

/** The most same-file helpers (`const fail = () => res.sendStatus(400)`) followed through each other. */
const MAX_HELPER_ROUNDS = 4;

/**
 * Where an express/connect-style handler `(req, res, next)` finishes with a request, in its own
 * body: a call that responds (`res.json()`, `res.status(401).send()`, any response method other
 * than the header/status setters and `write`), a call of `next` (also `next(err)`), or a place
 * that hands `req`, `res` or `next` on — passed to any call or constructor (`auth(req, res, next)`,
 * `x.pipe(res)`, `setTimeout(next)`), stored (`{ req }`, `const done = next`, `this.res = res`), or
 * used by a callback created there (`promise.then(() => next())`, `req.on('end', () => res.end())`).
 * A same-file helper that does any of this (`const fail = (code) => res.sendStatus(code)`) makes
 * each of its references such a place.
 *
 * The nodes, in source order, are meant as `kill` steps of a code path from the handler's start (watch them on
 * `enter`): a path that passes none of them neither responds nor passes control on. `undefined`
 * when the handler cannot be followed: no named `res` or `next` parameter, a parameter that is
 * reassigned, or a use of `arguments`.
 */
export function findCompletionPoints(model: FileModel, handler: HandlerInfo): Node[] | undefined {
  const { fn, params } = handler;
  if (!params.response || !params.next) return undefined;
  const { bindings, sourceCode } = model;
  const roles = new Map<Variable, Role>();
  for (const role of ['request', 'response', 'next'] as const) {
    const identifier = params[role];
    const variable = identifier && bindings.findVariable(identifier);
    if (!variable) continue;
    if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
    roles.set(variable, role);
  }
  if (fn.type !== 'ArrowFunctionExpression') {
    const argumentsVariable = sourceCode.getScope(fn).set.get('arguments');
    if (argumentsVariable && argumentsVariable.references.length > 0) return undefined;
  }

  // Same-file helpers that complete the request make their references completion points too.
  const helpers = new Map<FunctionNode, Variable>();
  for (let round = 0; round < MAX_HELPER_ROUNDS; round += 1) {
    let added = false;
    for (const [variable, role] of [...roles]) {
      for (const reference of variable.references) {
        const identifier = reference.identifier as TSESTree.Identifier;
        const nested = outermostNested(identifier, fn);
        if (!nested || !completes(identifier, role)) continue;
        const helper = helperVariable(nested, bindings);
        if (helper && !roles.has(helper)) {
          roles.set(helper, 'helper');
          helpers.set(nested, helper);
          added = true;
        }
      }
    }
    if (!added) break;
  }

  const points = new Set<Node>();
  for (const [variable, role] of roles) {
    for (const reference of variable.references) {
      if (reference.init) continue;
      const identifier = reference.identifier as TSESTree.Identifier;
      if (!within(identifier, fn.body)) continue; // parameter defaults, or a helper declared elsewhere
      if (!completes(identifier, role)) continue;
      const nested = outermostNested(identifier, fn);
      if (nested) {
        // A helper completes where it is referenced; any other callback where it is created.
        if (!helpers.has(nested)) points.add(nested);
        continue;
      }
      points.add(completionNode(identifier, role));
    }
  }
  return [...points].sort((a, b) => a.range[0] - b.range[0]);
}

/** Whether this use of a handler parameter (or helper) can respond, call `next` or hand it on. */
function completes(identifier: TSESTree.Identifier, role: Role): boolean {
  const parent = identifier.parent;
  if (parent.type === 'CallExpression' && parent.callee === identifier) return role === 'next' || role === 'helper';
  if (parent.type === 'MemberExpression' && parent.object === identifier) {
    if (role === 'next' || role === 'helper') return true; // `next.call(this)`, `done.bind(null, err)`
    const method = calledMember(parent);
    if (role === 'response') {
      if (method !== undefined) return respondingChain(parent);
      const property = getStaticPropertyName(parent);
      // `res.boom.badRequest()` responds; `res.locals.list.push(x)` does not.
      return property !== undefined && !RESPONSE_DATA_PROPERTIES.has(property) && deeperCall(parent);
    }
    return method !== undefined && !READ_REQUEST_METHODS.has(method);
  }
  return escapes(identifier);
}

/** The node whose step completes: `next` (or a helper) itself, the responding call, or the escaping name. */
function completionNode(identifier: TSESTree.Identifier, role: Role): Node {
  const parent = identifier.parent;
  if (role === 'response' && parent.type === 'MemberExpression' && parent.object === identifier) {
    return respondingCall(parent) ?? identifier;
  }
  return identifier;
}

/** The method name when `member` is the callee of a call: `res.json` in `res.json(x)`. */
function calledMember(member: TSESTree.MemberExpression): string | undefined {
  const call = member.parent;
  if (call.type !== 'CallExpression' || call.callee !== member) return undefined;
  return getStaticPropertyName(member) ?? '';
}

/** `res.status(401).json(x)`: the first call of the chain that is not a header or status setter. */
function respondingCall(member: TSESTree.MemberExpression): TSESTree.CallExpression | undefined {
  let current: TSESTree.MemberExpression = member;
  for (;;) {
    const call = current.parent;
    if (call.type !== 'CallExpression' || call.callee !== current) {
      // `res.boom.badRequest()`: the call at the end of the member chain.
      let node: Node = current;
      while (node.parent?.type === 'MemberExpression' && node.parent.object === node) node = node.parent;
      return node.parent?.type === 'CallExpression' && node.parent.callee === node ? node.parent : undefined;
    }
    const name = getStaticPropertyName(current);
    if (name === undefined || !OPEN_RESPONSE_METHODS.has(name)) return call;
    // `res.status(401).json(…)`, `res.writeHead(200).end()`: chained on the returned response.
    const next = call.parent;
    if (next.type !== 'MemberExpression' || next.object !== call) return undefined;
    current = next;
  }
}

function respondingChain(member: TSESTree.MemberExpression): boolean {
  return respondingCall(member) !== undefined;
}

/** `res.boom.notFound()`: a member chain from the response that ends in a call. */
function deeperCall(member: TSESTree.MemberExpression): boolean {
  let node: Node = member;
  while (node.parent?.type === 'MemberExpression' && node.parent.object === node) node = node.parent;
  return node.parent?.type === 'CallExpression' && node.parent.callee === node;
}

/**
 * Whether the value of `node` goes somewhere else: a call or constructor argument, an array
 * element or property value, the right side of an assignment or a declaration, a `yield`. A
 * `return` does not count: express ignores what a handler returns.
 */
function escapes(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee !== node;
    case 'SpreadElement':
    case 'ArrayExpression':
    case 'YieldExpression':
      return true;
    case 'Property':
      return parent.value === node && parent.parent.type === 'ObjectExpression';
    case 'AssignmentExpression':
      // `({ body } = req)` reads from it; `this.res = res` stores it.
      return parent.right === node && parent.left.type !== 'ObjectPattern' && parent.left.type !== 'ArrayPattern';
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier';
    case 'ConditionalExpression':
      return parent.test !== node && escapes(parent);
    case 'LogicalExpression':
    case 'AwaitExpression':
      return escapes(parent);
    case 'SequenceExpression':
      return parent.expressions[parent.expressions.length - 1] === node && escapes(parent);
    default:
      return isTransparentWrapper(parent) && escapes(parent);
  }
}

/** The outermost function under `fn` that `node` sits in (`undefined`: directly in `fn`). */
function outermostNested(node: Node, fn: FunctionNode): FunctionNode | undefined {
  let outermost: FunctionNode | undefined;
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (isFunctionNode(current)) outermost = current;
  }
  return outermost;
}

/** `const fail = () => …` or `function fail() {…}` inside the handler: the variable it is bound to. */
function helperVariable(nested: FunctionNode, bindings: FileModel['bindings']): Variable | undefined {
  if (nested.type === 'FunctionDeclaration') return nested.id ? bindings.findVariable(nested.id) : undefined;
  const declarator = nested.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== nested || declarator.id.type !== 'Identifier') {
    return undefined;
  }
  return bindings.findVariable(declarator.id);
}

function within(node: Node, outer: Node): boolean {
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

/** A place where an async function's promise can reject: an `await`, a `for await`, a `throw`. */
export type RejectionPoint = TSESTree.AwaitExpression | TSESTree.ForOfStatement | TSESTree.ThrowStatement;

/**
 * The first place in an async function's own body (not in functions nested in it) where its
 * promise can reject without the function catching it: an `await` (or `for await`, or `throw`)
 * outside every `try` whose `catch` keeps the error — a `catch` that rethrows (has a `throw` of
 * its own) does not. `await p.catch(…)` cannot reject. `undefined` when there is none, or when
 * `fn` is not async.
 */
export function findUncaughtRejection(fn: FunctionNode, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>): RejectionPoint | undefined {
  if (!fn.async) return undefined;
  const points: RejectionPoint[] = [];
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node) || node.type === 'ClassBody') continue;
    if (
      (node.type === 'AwaitExpression' && !isCaughtPromise(node.argument)) ||
      (node.type === 'ForOfStatement' && node.await) ||
      node.type === 'ThrowStatement'
    ) {
      if (!isCaught(node, fn)) points.push(node);
    }
    pushChildNodes(node, visitorKeys, stack);
  }
  return points.sort((a, b) => a.range[0] - b.range[0])[0];
}

/** `p.catch(handle)`, `p.then(onDone, onError)`: a promise whose rejection is already handled. */
function isCaughtPromise(node: Node): boolean {
  const bare = node.type === 'ChainExpression' ? node.expression : node;
  if (bare.type !== 'CallExpression' || bare.callee.type !== 'MemberExpression') return false;
  const method = getStaticPropertyName(bare.callee);
  return (method === 'catch' && bare.arguments.length > 0) || (method === 'then' && bare.arguments.length > 1);
}

/** Inside the `try` block of a statement (within `fn`) whose `catch` does not rethrow. */
function isCaught(node: Node, fn: FunctionNode): boolean {
  for (let current: Node = node; current.parent && current !== fn; current = current.parent) {
    const parent = current.parent;
    if (parent.type === 'TryStatement' && parent.block === current && parent.handler && !rethrows(parent.handler.body)) {
      return true;
    }
  }
  return false;
}

/** A `throw` in a `catch` block, outside functions nested in it. */
function rethrows(block: TSESTree.BlockStatement): boolean {
  const stack: Node[] = [...block.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'ThrowStatement') return true;
    if (node.type.endsWith('Expression') || node.type === 'ClassDeclaration' || node.type === 'FunctionDeclaration') continue;
    switch (node.type) {
      case 'BlockStatement':
        stack.push(...node.body);
        break;
      case 'IfStatement':
        stack.push(node.consequent);
        if (node.alternate) stack.push(node.alternate);
        break;
      case 'TryStatement':
        // A throw inside a nested try may be caught again; its catch and finally count.
        if (node.handler) stack.push(node.handler.body);
        else stack.push(node.block);
        if (node.finalizer) stack.push(node.finalizer);
        break;
      case 'SwitchStatement':
        for (const switchCase of node.cases) stack.push(...switchCase.consequent);
        break;
      case 'LabeledStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        stack.push(node.body);
        break;
      default:
        break;
    }
  }
  return false;
}
