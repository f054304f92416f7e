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

export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * Each node type's child keys without the skipped ones, worked out once per parser's key table
 * (shared by every file it parses) instead of filtering them at every node.
 */
const walkedKeysByTable = new WeakMap<VisitorKeys, Map<string, readonly string[]>>();

function walkedKeys(visitorKeys: VisitorKeys, type: string): readonly string[] {
  let byType = walkedKeysByTable.get(visitorKeys);
  if (!byType) walkedKeysByTable.set(visitorKeys, (byType = new Map()));
  let keys = byType.get(type);
  if (!keys) byType.set(type, (keys = (visitorKeys[type] ?? []).filter((key) => !SKIPPED_KEYS.has(key))));
  return keys;
}

/**
 * Pushes `node`'s child nodes onto `stack`, for the iterative searches of the model (no recursion:
 * a generated 20,000-line file must not blow the stack). Type annotations and type arguments are
 * skipped: they hold no values.
 */
export function pushChildNodes(node: Node, visitorKeys: VisitorKeys, stack: Node[]): void {
  for (const key of walkedKeys(visitorKeys, node.type)) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const item of child as (Node | null)[]) if (item && typeof item.type === 'string') stack.push(item);
    } else if (child && typeof (child as Node).type === 'string') stack.push(child as Node);
  }
}

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
  const visitorKeys = sourceCode.visitorKeys as VisitorKeys;

  // Two parallel stacks rather than one of `{ node, owner }` pairs: no allocation per node.
  const stack: Node[] = [sourceCode.ast as Node];
  const owners: (FunctionNode | null)[] = [null];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const owner = owners.pop()!;
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
    const keys = walkedKeys(visitorKeys, node.type);
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const child = (node as unknown as Record<string, unknown>)[keys[index]!];
      if (Array.isArray(child)) {
        for (let item = child.length - 1; item >= 0; item -= 1) {
          const element = child[item] as Node | null;
          if (element && typeof element.type === 'string') {
            stack.push(element);
            owners.push(childOwner);
          }
        }
      } else if (child && typeof (child as Node).type === 'string') {
        stack.push(child as Node);
        owners.push(childOwner);
      }
    }
  }
  // Pre-order with children pushed in reverse: every list is already in source order.
  return { calls, news, functions, classes, memberAssignments, callsByFunction };
}

// Whether a collected list is in source order (checked once per list): only then can it be sliced.
const sortedLists = new WeakMap<readonly Node[], boolean>();

function isInSourceOrder(nodes: readonly Node[]): boolean {
  let sorted = sortedLists.get(nodes);
  if (sorted === undefined) {
    sorted = true;
    for (let index = 1; index < nodes.length && sorted; index += 1) sorted = nodes[index - 1]!.range[0] <= nodes[index]!.range[0];
    sortedLists.set(nodes, sorted);
  }
  return sorted;
}

/**
 * The nodes of a collected list (`calls`, `news`, `memberAssignments`…) that lie inside `outer`,
 * found by binary search on the source order instead of a scan of the whole file: analyses that
 * ask this once per handler stay linear in the file's size.
 */
export function nodesWithin<T extends Node>(nodes: readonly T[], outer: Node): readonly T[] {
  const [start, end] = outer.range;
  if (!isInSourceOrder(nodes)) return nodes.filter((node) => node.range[0] >= start && node.range[1] <= end);
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (nodes[middle]!.range[0] < start) low = middle + 1;
    else high = middle;
  }
  const inside: T[] = [];
  for (let index = low; index < nodes.length && nodes[index]!.range[0] < end; index += 1) {
    if (nodes[index]!.range[1] <= end) inside.push(nodes[index]!);
  }
  return inside;
}
