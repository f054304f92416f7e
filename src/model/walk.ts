import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode, type FunctionNode, type Node } from '../utils/ast';

/** The nodes the model's analyses start from, gathered in one pass over the file. */
export interface CollectedNodes {
  readonly calls: readonly TSESTree.CallExpression[];
  readonly news: readonly TSESTree.NewExpression[];
  readonly functions: readonly FunctionNode[];
  readonly classes: readonly (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[];
  /** Assignments to a property: `server.keepAliveTimeout = 65000`, `module.exports = app`. */
  readonly memberAssignments: readonly (TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression })[];
  /** Calls grouped by the function whose body they are in (`null`: module top level). */
  readonly callsByFunction: ReadonlyMap<FunctionNode | null, readonly TSESTree.CallExpression[]>;
}

const SKIPPED_KEYS = new Set(['parent', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

/**
 * One iterative pass over the AST (no recursion: a generated 20,000-line file must not blow the
 * stack). Type annotations are skipped: they hold no calls.
 */
export function collectNodes(sourceCode: Readonly<TSESLint.SourceCode>): CollectedNodes {
  const calls: TSESTree.CallExpression[] = [];
  const news: TSESTree.NewExpression[] = [];
  const functions: FunctionNode[] = [];
  const classes: (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[] = [];
  const memberAssignments: (TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression })[] = [];
  const callsByFunction = new Map<FunctionNode | null, TSESTree.CallExpression[]>();
  const visitorKeys = sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;

  const stack: { node: Node; owner: FunctionNode | null }[] = [{ node: sourceCode.ast as Node, owner: null }];
  while (stack.length > 0) {
    const { node, owner } = stack.pop()!;
    let childOwner = owner;
    switch (node.type) {
      case 'CallExpression': {
        calls.push(node);
        let group = callsByFunction.get(owner);
        if (!group) callsByFunction.set(owner, (group = []));
        group.push(node);
        break;
      }
      case 'NewExpression':
        news.push(node);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        classes.push(node);
        break;
      case 'AssignmentExpression':
        if (node.left.type === 'MemberExpression') {
          memberAssignments.push(node as TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression });
        }
        break;
      default:
        if (isFunctionNode(node)) {
          functions.push(node);
          childOwner = node;
        }
    }
    const keys = visitorKeys[node.type] ?? [];
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index]!;
      if (SKIPPED_KEYS.has(key)) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let item = child.length - 1; item >= 0; item -= 1) {
          const element = child[item] as Node | null;
          if (element && typeof element.type === 'string') stack.push({ node: element, owner: childOwner });
        }
      } else if (child && typeof (child as Node).type === 'string') {
        stack.push({ node: child as Node, owner: childOwner });
      }
    }
  }
  // Pre-order with children pushed in reverse: every list is already in source order.
  return { calls, news, functions, classes, memberAssignments, callsByFunction };
}
