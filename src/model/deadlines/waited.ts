import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getStaticPropertyName, type FunctionNode, type Node } from '../../utils/ast';
import type { Bindings } from '../bindings';

/** How the code around a promise waits for it. */
export interface PromiseWait {
  /** `await`ed, `yield`ed or returned (directly, or through `.then()`, `Promise.all([…])`, a `const`). */
  readonly waited: boolean;
  /**
   * A `Promise.race([…])` the promise takes part in next to something that is not another
   * outbound request — in practice a timer: the wait is bounded by it.
   */
  readonly race?: TSESTree.CallExpression;
}

export interface WaitContext {
  readonly bindings: Bindings;
  /** Which expressions are requests, so a race of two requests is not mistaken for a timer. */
  isRequest(node: Node): boolean;
  /** Recognised handlers: the framework waits for what they return (koa, fastify, hono, Next.js, NestJS). */
  isHandler(fn: FunctionNode): boolean;
}

const NOT_WAITED: PromiseWait = { waited: false };

/** Methods on a promise (or a request builder) whose result still settles with it. */
const PROMISE_CALLBACK_METHODS = new Set(['then', 'catch', 'finally']);
/** Array methods whose callback's returned promise ends up in the resulting array. */
const MAPPING_METHODS = new Set(['map', 'flatMap']);
const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

// `const p = fetch(); const q = p; await q` is already unusual.
const MAX_DEPTH = 4;

/**
 * Whether the function `node` is in waits for the promise `node` evaluates to: `await fetch(u)`,
 * `await got(u).json()`, `return axios.get(u)`, `await Promise.all([fetch(a), fetch(b)])`,
 * `const p = fetch(u); …; await p`, `items.map((i) => fetch(i))` inside an awaited
 * `Promise.all`. A promise handed to another function (`withTimeout(fetch(u), ms)`), stored, or
 * returned from a callback of `setTimeout`/`forEach`/an event listener is not waited for.
 */
export function promiseWait(node: Node, context: WaitContext, depth = 0): PromiseWait {
  if (depth > MAX_DEPTH) return NOT_WAITED;
  let current: Node = node;
  let race: TSESTree.CallExpression | undefined;
  for (;;) {
    const parent: Node | undefined = current.parent;
    if (!parent) return NOT_WAITED;
    switch (parent.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        current = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === current) return NOT_WAITED;
        current = parent;
        continue;
      case 'LogicalExpression':
        current = parent;
        continue;
      case 'SequenceExpression':
        if (parent.expressions.at(-1) !== current) return NOT_WAITED;
        current = parent;
        continue;
      case 'MemberExpression': {
        // `fetch(u).then(…)`, `got(u).json()`, `superagent.get(u).set(…)`: a method call on the promise.
        const call = parent.parent;
        if (parent.object !== current || call?.type !== 'CallExpression' || call.callee !== parent) return NOT_WAITED;
        current = call;
        continue;
      }
      case 'AwaitExpression':
      case 'YieldExpression':
        return { waited: true, ...(race ? { race } : {}) };
      case 'ReturnStatement': {
        const fn = getEnclosingFunction(parent);
        return fn ? withRace(returnedWait(fn, context, depth), race) : NOT_WAITED;
      }
      case 'ArrowFunctionExpression':
        return parent.body === current ? withRace(returnedWait(parent, context, depth), race) : NOT_WAITED;
      case 'VariableDeclarator': {
        if (parent.init !== current || parent.id.type !== 'Identifier') return NOT_WAITED;
        return withRace(variableWait(parent.id, context, depth), race);
      }
      case 'ArrayExpression': {
        const combinator = parent.parent;
        const name = combinator?.type === 'CallExpression' && combinator.arguments[0] === parent ? promiseCombinator(combinator, context.bindings) : undefined;
        if (!name) return NOT_WAITED;
        if (name === 'race' && !race && parent.elements.some((element) => element && element !== current && element.type !== 'SpreadElement' && !context.isRequest(element))) {
          race = combinator as TSESTree.CallExpression;
        }
        current = combinator!;
        continue;
      }
      case 'CallExpression':
        // `Promise.all(items.map(…))`: the array the combinator gets is the mapped one.
        if (parent.arguments[0] === current && current.type === 'CallExpression' && promiseCombinator(parent, context.bindings)) {
          current = parent;
          continue;
        }
        return NOT_WAITED;
      default:
        return NOT_WAITED;
    }
  }
}

function withRace(wait: PromiseWait, race: TSESTree.CallExpression | undefined): PromiseWait {
  return race && !wait.race ? { ...wait, race } : wait;
}

/** `Promise.all`/`allSettled`/`race`/`any` on the global `Promise`. */
function promiseCombinator(call: TSESTree.CallExpression, bindings: Bindings): string | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  const name = getStaticPropertyName(callee);
  if (name === undefined || !COMBINATORS.has(name)) return undefined;
  const object = callee.object;
  return object.type === 'Identifier' && object.name === 'Promise' && bindings.isGlobal(object) ? name : undefined;
}

/**
 * A promise returned from `fn`: waited for when `fn` is a handler (the framework waits for it), a
 * callback of `.then()` or of `.map()` whose result is itself waited for, or not a callback at
 * all (a named function or method: its callers get the promise). Callbacks of anything else
 * (`setTimeout`, `forEach`, `on('…')`, `new Promise`) drop what they return.
 */
function returnedWait(fn: FunctionNode, context: WaitContext, depth: number): PromiseWait {
  if (context.isHandler(fn)) return { waited: true };
  let current: Node = fn;
  let parent = current.parent;
  while (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSSatisfiesExpression' || parent.type === 'TSNonNullExpression')) {
    current = parent;
    parent = parent.parent;
  }
  if (parent?.type !== 'CallExpression' && parent?.type !== 'NewExpression') return { waited: true };
  if (parent.callee === current) return { waited: true }; // an IIFE: `(async () => fetch(u))()` — its caller decides
  if (parent.type === 'NewExpression') return NOT_WAITED;
  const method = parent.callee.type === 'MemberExpression' ? getStaticPropertyName(parent.callee) : undefined;
  if (method !== undefined && (PROMISE_CALLBACK_METHODS.has(method) || MAPPING_METHODS.has(method))) {
    return promiseWait(parent, context, depth + 1);
  }
  return NOT_WAITED;
}

/** `const p = fetch(u)`: waited for when some later use of `p` is. */
function variableWait(id: TSESTree.Identifier, context: WaitContext, depth: number): PromiseWait {
  const variable = context.bindings.findVariable(id);
  if (!variable) return NOT_WAITED;
  let found: PromiseWait = NOT_WAITED;
  for (const reference of variable.references) {
    if (reference.init || !reference.isRead()) continue;
    const wait = promiseWait(reference.identifier as Node, context, depth + 1);
    if (wait.waited && !wait.race) return wait;
    if (wait.waited) found = wait;
  }
  return found;
}
