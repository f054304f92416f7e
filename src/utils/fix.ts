import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Node } from './ast';

/** `await x` binds looser than member access, calls, tagged templates and the base of `**`. */
function awaitNeedsParens(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node;
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee === node;
    case 'TaggedTemplateExpression':
      return parent.tag === node;
    case 'BinaryExpression':
      return parent.operator === '**' && parent.left === node;
    default:
      return false;
  }
}

/** True when `node` is the leftmost part of an expression statement. */
function startsStatement(node: Node): boolean {
  let current: Node = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.range[0] !== current.range[0]) return false;
    if (parent.type === 'ExpressionStatement') return true;
  }
  return false;
}

/**
 * `text` (the new text of `node`) as an awaited expression: parenthesised where precedence
 * needs it, and with a leading `;` where a new `(` would join the previous line (ASI).
 */
export function awaitedText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, text: string): string {
  if (!awaitNeedsParens(node)) return `await ${text}`;
  const previous = sourceCode.getTokenBefore(node);
  const asiHazard =
    startsStatement(node) && previous !== null && ![';', '{', '}'].includes(previous.value);
  return `${asiHazard ? ';' : ''}(await ${text})`;
}
