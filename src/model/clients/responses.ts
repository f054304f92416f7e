import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { HOLDERS, keepsOnly, type BodyHolder } from '../../domain/response-bodies';
import {
  getEnclosingFunction,
  getStaticPropertyName,
  getStaticString,
  isPromiseExecutor,
  isTransparentWrapper,
  skipTransparentWrappers,
  type FunctionNode,
  type Node,
} from '../../utils/ast';
import type { FileModel } from '../index';
import { followChain, useOf } from './chain';
import { isCallbackLike } from './options';
import type { OutboundCall } from './types';

type Variable = TSESLint.Scope.Variable;

/** A response (or its body) the file holds in a name, from the moment it has it. */
export interface HeldResponse {
  readonly call: OutboundCall;
  /** What the name holds. */
  readonly holder: BodyHolder;
  /** The identifier that declares the name: a callback parameter, or a declarator's (or pattern's) identifier. */
  readonly id: TSESTree.Identifier;
  readonly variable: Variable;
  /** The function (or program) the name lives in: its code path is where the body must be dealt with. */
  readonly owner: FunctionNode | TSESTree.Program;
  /**
   * Where the code has it: `start` for a callback's parameter, else the declarator or the
   * assignment (`res = await fetch(url)`) once evaluated.
   */
  readonly obtained: 'start' | TSESTree.VariableDeclarator | TSESTree.AssignmentExpression;
  /**
   * `http(s)` only: the request is handed on (returned, passed, stored), so code elsewhere may
   * add its own `'response'` listener and read the body there.
   */
  readonly requestEscapes?: boolean;
}

/**
 * A response nothing can read, found without following paths:
 * - `discarded`: the result is dropped (`await fetch(url);`); `node` is the dropped expression;
 * - `metadata-only`: destructured to status and headers only (`const { ok } = await fetch(url)`);
 *   `node` is the pattern;
 * - `ignored`: a response callback with no parameter (`http.get(url, () => done())`); `node` is the callback.
 */
export interface UnreadableResponse {
  readonly call: OutboundCall;
  readonly holder: BodyHolder;
  readonly kind: 'discarded' | 'metadata-only' | 'ignored';
  readonly node: Node;
  /** As in `HeldResponse`. */
  readonly requestEscapes?: boolean;
}

export interface Responses {
  readonly held: readonly HeldResponse[];
  readonly unreadable: readonly UnreadableResponse[];
}

/** ClientRequest methods that return the request itself. */
const REQUEST_CHAINABLE = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'setTimeout',
  'setNoDelay',
  'setSocketKeepAlive',
  'setHeader',
  'end',
]);
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

function outerOf(node: Node): Node {
  let current = node;
  while (current.parent && isTransparentWrapper(current.parent)) current = current.parent;
  return current;
}

/** `x.name(…)` called on `object` (past type wrappers): the call, else `undefined`. */
function methodCallOn(object: Node, names: ReadonlySet<string>): TSESTree.CallExpression | undefined {
  const outer = outerOf(object);
  const member = outer.parent;
  if (member?.type !== 'MemberExpression' || member.object !== outer) return undefined;
  const name = getStaticPropertyName(member);
  const call = outerOf(member).parent;
  if (name === undefined || !names.has(name) || call?.type !== 'CallExpression' || call.callee !== outerOf(member)) {
    return undefined;
  }
  return call;
}

/**
 * The responses the file's outbound calls produce, and where the code holds them:
 * - `http(s).get/request` callbacks and `'response'` listeners: the listener's first parameter
 *   (a request with no listener is not here: Node discards its response; a request with several
 *   listeners is skipped);
 * - `fetch` (global, undici, node-fetch) and undici `request()` results bound by `await`
 *   (declaration or assignment, also through `.catch()`/`.finally()`) or by `.then(fn)`;
 *   destructuring that keeps `body` holds the body.
 * HEAD requests have no body and are left out. Everything else (a response passed on, returned,
 * put in `Promise.all`) is left to whoever receives it.
 */
export function findResponses(model: FileModel): Responses {
  const held: HeldResponse[] = [];
  const unreadable: UnreadableResponse[] = [];
  const seenListeners = new Set<FunctionNode>();
  const { bindings } = model;

  const program = model.sourceCode.ast as TSESTree.Program;
  const ownerOf = (node: Node): FunctionNode | TSESTree.Program => getEnclosingFunction(node) ?? program;

  /** The first parameter of a response callback. */
  const fromCallback = (call: OutboundCall, holder: BodyHolder, fn: FunctionNode, requestEscapes?: boolean) => {
    if (seenListeners.has(fn)) return;
    seenListeners.add(fn);
    const parameter = fn.params[0];
    const escapes = requestEscapes === undefined ? {} : { requestEscapes };
    if (!parameter) {
      if (!usesArguments(fn, model)) unreadable.push({ call, holder, kind: 'ignored', node: fn, ...escapes });
      return;
    }
    if (parameter.type === 'Identifier') {
      const variable = bindings.findVariable(parameter);
      if (variable) held.push({ call, holder, id: parameter, variable, owner: fn, obtained: 'start', ...escapes });
      return;
    }
    if (parameter.type === 'ObjectPattern') fromPattern(call, holder, parameter, fn, 'start');
  };

  /** `{ ok } = …` keeps nothing readable; `{ status, body } = …` holds the body. */
  const fromPattern = (
    call: OutboundCall,
    holder: BodyHolder,
    pattern: TSESTree.ObjectPattern,
    owner: FunctionNode | TSESTree.Program,
    obtained: HeldResponse['obtained'],
  ) => {
    const facts = HOLDERS[holder];
    if (keepsOnly(pattern, facts.metadata)) {
      unreadable.push({ call, holder, kind: 'metadata-only', node: pattern });
      return;
    }
    const body = facts.body;
    if (!body || !keepsOnly(pattern, new Set([...facts.metadata, body.name]))) return;
    const property = pattern.properties.find(
      (candidate): candidate is TSESTree.Property =>
        candidate.type === 'Property' && getStaticPropertyName(candidate) === body.name,
    );
    const value = property?.value;
    const id = value?.type === 'AssignmentPattern' ? value.left : value;
    if (id?.type !== 'Identifier') return;
    const variable = bindings.findVariable(id);
    if (variable) held.push({ call, holder: body.holder, id, variable, owner, obtained });
  };

  /** `await fetch(url)`, `fetch(url).then(fn)`, `fetch(url);` … */
  const fromPromise = (call: OutboundCall, holder: BodyHolder) => {
    let value: Node = outerOf(call.node);
    // `.catch()` and `.finally()` resolve to the same response.
    for (let chained = methodCallOn(value, new Set(['catch', 'finally'])); chained; ) {
      value = outerOf(chained);
      chained = methodCallOn(value, new Set(['catch', 'finally']));
    }
    const then = methodCallOn(value, new Set(['then']));
    if (then) {
      const first = then.arguments[0];
      const fn = first && first.type !== 'SpreadElement' ? bindings.resolveFunction(first) : undefined;
      if (fn) fromCallback(call, holder, fn);
      return;
    }
    let parent = value.parent;
    let awaited = false;
    if (parent?.type === 'AwaitExpression') {
      value = outerOf(parent);
      parent = value.parent;
      awaited = true;
    }
    if (parent?.type === 'UnaryExpression' && parent.operator === 'void') {
      value = parent;
      parent = parent.parent;
    }
    if (parent?.type === 'ExpressionStatement') {
      unreadable.push({ call, holder, kind: 'discarded', node: value });
      return;
    }
    if (!awaited) return; // a promise held or passed on: whoever awaits it has the response
    if (parent?.type === 'VariableDeclarator' && parent.init === value) {
      if (parent.id.type === 'Identifier') {
        const variable = bindings.findVariable(parent.id);
        if (variable) held.push({ call, holder, id: parent.id, variable, owner: ownerOf(parent), obtained: parent });
      } else if (parent.id.type === 'ObjectPattern') {
        fromPattern(call, holder, parent.id, ownerOf(parent), parent);
      }
      return;
    }
    if (
      parent?.type === 'AssignmentExpression' &&
      parent.right === value &&
      parent.operator === '=' &&
      parent.left.type === 'Identifier'
    ) {
      const variable = bindings.findVariable(parent.left);
      if (variable) held.push({ call, holder, id: parent.left, variable, owner: ownerOf(parent), obtained: parent });
    }
  };

  for (const call of model.clients.calls) {
    if (call.method === 'HEAD') continue;
    switch (call.library) {
      case 'http':
      case 'https': {
        const found = responseListeners(call.node, model);
        if (found?.listeners.length === 1) fromCallback(call, 'incoming-message', found.listeners[0]!, found.requestEscapes);
        break;
      }
      case 'fetch':
      case 'node-fetch':
        fromPromise(call, 'fetch-response');
        break;
      case 'undici': {
        const name = undiciMethod(call.node, model);
        if (name === 'fetch') fromPromise(call, 'fetch-response');
        // `request(url, options, callback)` hands `{ statusCode, body }` to the callback: not followed.
        else if (name === 'request' && !call.node.arguments.some((argument) => isCallbackLike(argument, bindings))) {
          fromPromise(call, 'undici-result');
        }
        break;
      }
      default:
        // axios, got, ky, superagent, ofetch and needle read the body themselves.
        break;
    }
  }
  return { held, unreadable };
}

/** `request` for `undici.request(…)`, `request(…)` imported from undici, `pool.request(…)`. */
function undiciMethod(call: TSESTree.CallExpression, model: FileModel): string | undefined {
  const ref = model.bindings.resolveCallee(call);
  if (ref?.module === 'undici' && ref.path.length > 0) return ref.path[ref.path.length - 1];
  const callee = skipTransparentWrappers(call.callee);
  return callee.type === 'MemberExpression' ? getStaticPropertyName(callee) : undefined;
}

/**
 * The functions that receive an `http(s).get/request` response: the callback argument and
 * `'response'` listeners on the request (chained, or on the name it is bound to), and whether the
 * request is handed on. `undefined` when a listener is something other than a same-file function
 * (`resolve`, a parameter): it receives the response, and we cannot see what it does.
 */
function responseListeners(
  call: TSESTree.CallExpression,
  model: FileModel,
): { listeners: FunctionNode[]; requestEscapes: boolean } | undefined {
  const { bindings } = model;
  const listeners: FunctionNode[] = [];
  let opaque = false;
  let requestEscapes = false;
  const add = (argument: TSESTree.CallExpressionArgument | undefined) => {
    const fn = argument && argument.type !== 'SpreadElement' ? bindings.resolveFunction(argument) : undefined;
    if (fn) listeners.push(fn);
    else opaque = true;
  };

  // `http.get(url, cb)`, `http.request(url, options, cb)`: a trailing callback is a 'response' listener.
  const last = call.arguments[call.arguments.length - 1];
  if (call.arguments.length >= 2 && isCallbackLike(last, bindings)) add(last);

  /** Listeners chained on `value`, and where the request goes after the chain. */
  const inspect = (value: Node) => {
    const chain = followChain(value, (name) => REQUEST_CHAINABLE.has(name));
    for (const { name, call: chained } of chain.calls) {
      if (LISTENER_METHODS.has(name) && getStaticString(chained.arguments[0]) === 'response') add(chained.arguments[1]);
    }
    const lastCall = chain.calls[chain.calls.length - 1];
    // `req.write(…)` yields a boolean and `req.destroyed` a flag: the request goes no further.
    if (lastCall && !REQUEST_CHAINABLE.has(lastCall.name)) return chain;
    const parent = outerOf(chain.end).parent;
    if (chain.calls.length === 0 && parent?.type === 'MemberExpression' && parent.object === outerOf(chain.end)) return chain;
    const use = useOf(chain.end);
    if (use.kind === 'returned' ? !isPromiseExecutor(use.fn) : use.kind === 'other') requestEscapes = true;
    return chain;
  };
  const chain = inspect(call);
  const use = useOf(chain.end);
  if (use.kind === 'declared' && chain.end === call) {
    const variable = bindings.findVariable(use.id);
    for (const reference of variable?.references ?? []) {
      if (!reference.init) inspect(reference.identifier as TSESTree.Identifier);
    }
  }
  return opaque ? undefined : { listeners, requestEscapes };
}

/** A non-arrow function that reads `arguments` may take the response that way. */
function usesArguments(fn: FunctionNode, model: FileModel): boolean {
  if (fn.type === 'ArrowFunctionExpression') return false;
  const text = model.sourceCode.getText(fn.body);
  return /\barguments\b/.test(text);
}
