// Fixes that add a statement at a point of the control flow: before a `return`, at the end of a
// block, at the start of a function. The new statement is always a plain call starting with an
// identifier or a keyword (`res.resume();`, `await res.body?.cancel();`), so it can follow any
// statement without semicolon hazards.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, Node } from './ast';
import { lineIndent } from './fix-edit';

type SourceCode = Readonly<TSESLint.SourceCode>;
type FixFunction = TSESLint.ReportFixFunction;

/** True when `node` is a statement of a list (a block, the program, a `case`), where another can go next to it. */
export function isInStatementList(node: Node): boolean {
  const parent = node.parent;
  return (
    parent?.type === 'BlockStatement' ||
    parent?.type === 'Program' ||
    parent?.type === 'StaticBlock' ||
    (parent?.type === 'SwitchCase' && parent.consequent.includes(node as TSESTree.Statement))
  );
}

/** The sole statement of an `if`/`else` branch or a loop, which needs braces to take a second one. */
function isSoleBody(statement: Node): boolean {
  const parent = statement.parent;
  switch (parent?.type) {
    case 'IfStatement':
      return parent.consequent === statement || parent.alternate === statement;
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      return parent.body === statement;
    default:
      return false;
  }
}

function startsLine(sourceCode: SourceCode, node: Node | TSESTree.Token): boolean {
  return sourceCode.lines[node.loc.start.line - 1]!.slice(0, node.loc.start.column).trim() === '';
}

/**
 * `text` as a statement right before `statement`: on its own line at the same indentation when
 * `statement` starts a line, or wrapped in braces with it when it is the sole body of an `if` or a
 * loop (`if (x) return;` → `if (x) { text return; }`). `undefined` anywhere else.
 */
export function insertBeforeStatement(sourceCode: SourceCode, statement: Node, text: string): FixFunction | undefined {
  if (isInStatementList(statement)) {
    const insertion = startsLine(sourceCode, statement) ? `${text}\n${lineIndent(sourceCode, statement)}` : `${text} `;
    return (fixer) => fixer.insertTextBefore(statement, insertion);
  }
  if (!isSoleBody(statement)) return undefined;
  return (fixer) => [fixer.insertTextBefore(statement, `{ ${text} `), fixer.insertTextAfter(statement, ' }')];
}

/** `text` as the last statement of `block`, on its own line when the closing brace has one. */
export function insertAtBlockEnd(sourceCode: SourceCode, block: TSESTree.BlockStatement, text: string): FixFunction {
  const closing = sourceCode.getLastToken(block)!;
  const last = block.body[block.body.length - 1];
  if (last && startsLine(sourceCode, closing)) {
    const lineStart = sourceCode.getIndexFromLoc({ line: closing.loc.start.line, column: 0 });
    return (fixer) => fixer.insertTextBeforeRange([lineStart, lineStart], `${lineIndent(sourceCode, last)}${text}\n`);
  }
  return (fixer) => fixer.insertTextBefore(closing, `${last ? '' : ' '}${text} `);
}

/**
 * `text` as the first statement of `fn` (after its directives). An expression body becomes a
 * block that returns it: `(res) => cb(res)` → `(res) => { text return cb(res); }`.
 */
export function insertAtFunctionStart(sourceCode: SourceCode, fn: FunctionNode, text: string): FixFunction | undefined {
  const body = fn.body;
  if (body.type !== 'BlockStatement') {
    const arrow = sourceCode.getTokenBefore(body, (token) => token.value === '=>');
    if (!arrow) return undefined;
    // From the token after `=>`, so parentheses around the body (`=> ({ … })`) come along.
    const start = sourceCode.getTokenAfter(arrow)!.range[0];
    const end = fn.range[1];
    return (fixer) => fixer.replaceTextRange([start, end], `{ ${text} return ${sourceCode.text.slice(start, end)}; }`);
  }
  const first = body.body.find((statement) => !(statement.type === 'ExpressionStatement' && statement.directive));
  return first ? insertBeforeStatement(sourceCode, first, text) : insertAtBlockEnd(sourceCode, body, text);
}
