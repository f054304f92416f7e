import type { TSESTree } from '@typescript-eslint/utils';

import { findProperty } from '../../../utils/ast';
import { followChain, useOf, type ChainedCall } from '../chain';
import { classifyValue, staticMethod } from '../options';
import type { ClientRecognizer, OwnDeadline, RecognitionContext, Site } from '../recognizer';

const METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  del: 'DELETE',
  delete: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
};
/** Chain methods after which the value is no longer the request builder. */
const CHAIN_ENDS = new Set(['then', 'catch', 'finally', 'end', 'pipe']);

const isChainable = (name: string) => !CHAIN_ENDS.has(name);

/**
 * `.timeout(ms)` is a whole-request deadline; `.timeout({ deadline, response })` bounds the
 * request or the wait for its first byte; `0`/`false` means none ([src] `request-base.js`).
 * A later `.timeout()` replaces an earlier one. An object with only `upload` bounds no response.
 */
function timeoutCall(call: TSESTree.CallExpression, context: RecognitionContext): OwnDeadline | undefined {
  const [argument] = call.arguments;
  if (!argument || argument.type === 'SpreadElement') return argument ? { state: 'unknown' } : undefined;
  const { bindings } = context;
  switch (classifyValue(argument, bindings)) {
    case 'nullish':
      return undefined;
    case 'zero':
    case 'false':
      return { state: 'disabled', node: call };
    case 'object': {
      const object = bindings.resolveValue(argument) as TSESTree.ObjectExpression;
      const kinds = ['deadline', 'response']
        .map((key) => findProperty(object, key))
        .filter((property) => property !== undefined)
        .map((property) => classifyValue(property.value, bindings));
      if (kinds.some((kind) => kind === 'number' || kind === 'other' || kind === 'true')) return { state: 'present', node: call };
      if (kinds.some((kind) => kind === 'zero' || kind === 'false')) return { state: 'disabled', node: call };
      return { state: 'unknown', node: call };
    }
    default:
      return { state: 'present', node: call };
  }
}

function applyTimeouts(calls: readonly ChainedCall[], deadline: OwnDeadline | undefined, context: RecognitionContext): OwnDeadline | undefined {
  let current = deadline;
  for (const { name, call } of calls) {
    if (name === 'timeout') current = timeoutCall(call, context) ?? current;
  }
  return current;
}

/**
 * The `.timeout()` calls on a request builder: chained on it, and — when the chain is stored in
 * a variable — made on that variable. A builder handed elsewhere may get its timeout there.
 */
function builderDeadline(first: TSESTree.CallExpression, context: RecognitionContext): { deadline?: OwnDeadline; end: TSESTree.Expression; opaque: boolean } {
  const chain = followChain(first, isChainable);
  const end = chain.end as TSESTree.Expression;
  let deadline = applyTimeouts(chain.calls, undefined, context);
  const last = chain.calls[chain.calls.length - 1];
  if (last && !isChainable(last.name)) return { deadline, end, opaque: false };
  const use = useOf(end);
  switch (use.kind) {
    case 'dropped':
      return { deadline, end, opaque: false };
    case 'returned':
      // An async function's `return builder` resolves it: the caller gets the response.
      return { deadline, end, opaque: !use.fn.async };
    case 'declared': {
      const variable = context.bindings.findVariable(use.id);
      let opaque = !variable;
      for (const reference of variable?.references ?? []) {
        if (reference.init) continue;
        const identifier = reference.identifier as TSESTree.Identifier;
        const uses = followChain(identifier, isChainable);
        deadline = applyTimeouts(uses.calls, deadline, context);
        const lastUse = uses.calls[uses.calls.length - 1];
        if (lastUse && !isChainable(lastUse.name)) continue;
        const useKind = useOf(uses.end);
        if (useKind.kind === 'dropped' || (useKind.kind === 'returned' && useKind.fn.async)) continue;
        opaque = true;
      }
      return { deadline, end, opaque };
    }
    default:
      return { deadline, end, opaque: true };
  }
}

/** `superagent(method, url)`, `superagent(url)`, `superagent(url, cb)`: the method when it is the first argument. */
function callableMethod(site: Site, context: RecognitionContext): string | undefined {
  const [first, second] = site.node.arguments;
  if (!second || second.type === 'SpreadElement' || context.bindings.resolveFunction(second)) return 'GET';
  return staticMethod(first, context.bindings);
}

/**
 * superagent: request chains started by `superagent.get(url)` (or `request.post(url)`,
 * `superagent(method, url)`, an agent's `agent.get(url)`), bounded by `.timeout()` anywhere in
 * the chain; `superagent.agent()` instances, bounded by their own `.timeout()`.
 */
export const superagent: ClientRecognizer = {
  instance(site) {
    if (site.node.type !== 'CallExpression' || !site.module || site.path.join('.') !== 'agent') return undefined;
    return {
      library: 'superagent',
      kind: 'client',
      deadline: { state: 'missing', insertion: { kind: 'chain', node: site.node } },
    };
  },
  configure(site, context) {
    // Every agent method but the HTTP verbs configures it and returns it (`.use()`, `.set()`, `.timeout()`).
    const name = site.path[0];
    if (!site.instance || site.node.type !== 'CallExpression' || site.path.length !== 1 || name === undefined || name in METHODS) {
      return undefined;
    }
    const deadline = name === 'timeout' ? timeoutCall(site.node, context) : undefined;
    return { mode: 'set', ...(deadline ? { deadline } : {}), returnsInstance: true };
  },
  call(site, context) {
    const { node, path } = site;
    const name = path[0];
    if (node.type !== 'CallExpression' || path.length > 1) return undefined;
    if (name !== undefined && !(name in METHODS)) return undefined;
    if (name === undefined && !site.module) return undefined; // an agent is not callable
    const method = name === undefined ? callableMethod(site, context) : METHODS[name];
    const { deadline, end, opaque } = builderDeadline(node, context);
    const insertion = { kind: 'chain', node } as const;
    const own: OwnDeadline = deadline
      ? { ...deadline, insertion }
      : { state: opaque ? 'unknown' : 'missing', insertion };
    return { library: 'superagent', node, expression: end, deadline: own, ...(method ? { method } : {}) };
  },
};
