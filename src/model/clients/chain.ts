import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getStaticPropertyName, isTypeWrapper, type FunctionNode, type Node } from '../../utils/ast';

export interface ChainedCall {
  readonly name: string;
  readonly call: TSESTree.CallExpression;
}

export interface Chain {
  /** The method calls made on the value, in order: `req.on(…).setTimeout(…)`. */
  readonly calls: readonly ChainedCall[];
  /** The outermost expression of the chain (the value itself when nothing is chained on it). */
  readonly end: Node;
}

/**
 * Follows `start.a(…).b(…)` while each method returns the same object (`isChainable`). The first
 * call that does not (`.then()`, `.write()`) is included and ends the chain.
 */
export function followChain(start: Node, isChainable: (name: string) => boolean): Chain {
  const calls: ChainedCall[] = [];
  let end = start;
  for (;;) {
    let child = end;
    let parent = child.parent;
    while (parent && isTypeWrapper(parent)) {
      child = parent;
      parent = parent.parent;
    }
    if (parent?.type !== 'MemberExpression' || parent.object !== child) break;
    const name = getStaticPropertyName(parent);
    const call = parent.parent;
    if (name === undefined || call?.type !== 'CallExpression' || call.callee !== parent) break;
    calls.push({ name, call });
    end = call;
    if (!isChainable(name)) break;
  }
  return { calls, end };
}

/** How the value of an expression is used once the chain ends. */
export type ValueUse =
  /** Dropped (`expr;`), or awaited. */
  | { readonly kind: 'dropped' }
  /** Stored in a variable declared with the value: its other references decide. */
  | { readonly kind: 'declared'; readonly id: TSESTree.Identifier }
  /** The result of `fn` (a `return` or an arrow's body). */
  | { readonly kind: 'returned'; readonly fn: FunctionNode }
  /** Passed, assigned, stored or combined: someone else may configure it. */
  | { readonly kind: 'other' };

export function useOf(node: Node): ValueUse {
  let child = node;
  let parent = child.parent;
  while (parent && (isTypeWrapper(parent) || parent.type === 'ChainExpression')) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return { kind: 'other' };
  switch (parent.type) {
    case 'ExpressionStatement':
    case 'AwaitExpression':
      return { kind: 'dropped' };
    case 'UnaryExpression':
      return parent.operator === 'void' ? { kind: 'dropped' } : { kind: 'other' };
    case 'VariableDeclarator':
      return parent.init === child && parent.id.type === 'Identifier' ? { kind: 'declared', id: parent.id } : { kind: 'other' };
    case 'ReturnStatement': {
      const fn = getEnclosingFunction(parent);
      return fn ? { kind: 'returned', fn } : { kind: 'other' };
    }
    case 'ArrowFunctionExpression':
      return parent.body === child ? { kind: 'returned', fn: parent } : { kind: 'other' };
    default:
      return { kind: 'other' };
  }
}
