import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, Node } from '../utils/ast';

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

/** A step of ESLint's own traversal (`SourceCode#traverse()`, ESLint 9+): entering or leaving a node, or a code path event. */
interface TraversalStep {
  readonly kind: number;
  readonly target: unknown;
  readonly phase?: unknown;
}

type TraversableSourceCode = Readonly<TSESLint.SourceCode> & { traverse?: () => Iterable<TraversalStep> };

/**
 * The nodes the model starts from. ESLint 9 and later walk every file once before any rule runs and
 * keep that walk's steps on the SourceCode (`traverse()`, cached, the same array ESLint then plays
 * to the rules), so reading the steps costs a pass over a flat array instead of a second walk of
 * the tree. ESLint 8 has no steps: the model walks the tree itself.
 */
export function collectNodes(sourceCode: TraversableSourceCode): CollectedNodes {
  const collector = new NodeCollector();
  if (typeof sourceCode.traverse === 'function' && (sourceCode as { isESTree?: boolean }).isESTree !== false) {
    collectFromSteps(sourceCode.traverse(), collector);
  } else {
    collectByWalking(sourceCode, collector);
  }
  return collector;
}

/** The lists being filled, and the one place that decides which node goes in which list. */
class NodeCollector implements CollectedNodes {
  readonly calls: TSESTree.CallExpression[] = [];
  readonly news: TSESTree.NewExpression[] = [];
  readonly functions: FunctionNode[] = [];
  readonly classes: (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[] = [];
  readonly memberAssignments: (TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression })[] = [];
  readonly callsByFunction = new Map<FunctionNode | null, TSESTree.CallExpression[]>();

  /** Files `node` (met in source order, inside `owner`); whether it is a function, which owns what it holds. */
  add(node: Node, owner: FunctionNode | null): node is FunctionNode {
    switch (node.type) {
      case 'CallExpression': {
        this.calls.push(node);
        let group = this.callsByFunction.get(owner);
        if (!group) this.callsByFunction.set(owner, (group = []));
        group.push(node);
        return false;
      }
      case 'NewExpression':
        this.news.push(node);
        return false;
      case 'ClassDeclaration':
      case 'ClassExpression':
        this.classes.push(node);
        return false;
      case 'AssignmentExpression':
        if (node.left.type === 'MemberExpression') {
          this.memberAssignments.push(node as TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression });
        }
        return false;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.functions.push(node);
        return true;
      default:
        return false;
    }
  }
}

/** ESLint's visit steps enter (phase 1) and leave (phase 2) every node in the order of its visitor keys. */
const VISIT_STEP = 1;
const ENTER = 1;

function collectFromSteps(steps: Iterable<TraversalStep>, collector: NodeCollector): void {
  // ESLint's walk also enters type annotations, which the model's own walk skips: no call, `new`,
  // function, class or assignment can stand in a type, so the lists come out the same.
  const enclosing: (FunctionNode | null)[] = [];
  let owner: FunctionNode | null = null;
  for (const step of steps) {
    if (step.kind !== VISIT_STEP) continue;
    const node = step.target as Node;
    if (step.phase === ENTER) {
      if (collector.add(node, owner)) {
        enclosing.push(owner);
        owner = node as FunctionNode;
      }
    } else if (node === owner) {
      owner = enclosing.pop()!;
    }
  }
}

/**
 * One iterative pass over the AST (no recursion: a generated 20,000-line file must not blow the
 * stack). Type annotations are skipped: they hold no calls.
 */
function collectByWalking(sourceCode: Readonly<TSESLint.SourceCode>, collector: NodeCollector): void {
  const visitorKeys = sourceCode.visitorKeys as VisitorKeys;
  // Two parallel stacks rather than one of `{ node, owner }` pairs: no allocation per node.
  const stack: Node[] = [sourceCode.ast as Node];
  const owners: (FunctionNode | null)[] = [null];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const owner = owners.pop()!;
    const childOwner = collector.add(node, owner) ? (node as FunctionNode) : owner;
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
