import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Node } from './ast';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;

/** Parents whose statements are a list, so a statement can be added after one of them. */
const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'SwitchCase', 'TSModuleBlock']);

/** The whitespace that starts the line `node` starts on. */
export function lineIndent(sourceCode: SourceCode, node: Node | TSESTree.Token): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^[ \t]*/.exec(line)![0];
}

/**
 * The statement of a statement list that `node` is (or whose declaration it is): the
 * `VariableDeclaration` of a declarator, or the `export` around it. `undefined` when the
 * statement is not in a list (`if (x) server.listen()`), where a new statement cannot follow it.
 */
export function listStatementOf(node: Node): TSESTree.Statement | TSESTree.ExportNamedDeclaration | undefined {
  let statement: Node = node;
  if (statement.type === 'VariableDeclarator') statement = statement.parent;
  if (statement.parent?.type === 'ExportNamedDeclaration') statement = statement.parent;
  const list = statement.parent;
  if (!list || !STATEMENT_LISTS.has(list.type)) return undefined;
  if (list.type === 'SwitchCase' && list.test === statement) return undefined;
  return statement as TSESTree.Statement;
}

/**
 * Inserts `text` as a new statement on the line after `statement`, at its indentation. A comment
 * that ends the statement's last line stays on that line.
 */
export function insertStatementAfter(fixer: Fixer, sourceCode: SourceCode, statement: Node, text: string): Fix {
  let anchor: Node | TSESTree.Token | TSESTree.Comment = statement;
  for (;;) {
    const next: TSESTree.Token | TSESTree.Comment | null = sourceCode.getTokenAfter(anchor, { includeComments: true });
    if (!next || next.loc.start.line !== anchor.loc.end.line) break;
    if (next.type !== 'Line' && next.type !== 'Block') break;
    anchor = next;
  }
  return fixer.insertTextAfterRange(anchor.range, `\n${lineIndent(sourceCode, statement)}${text}`);
}

/**
 * Adds `text` (`key: value`) as the last property of an object literal, following its layout:
 * on a new line when the object spans lines, after `, ` otherwise, and keeping a trailing comma.
 */
export function insertObjectProperty(fixer: Fixer, sourceCode: SourceCode, object: TSESTree.ObjectExpression, text: string): Fix[] {
  const last = object.properties.at(-1);
  const closing = sourceCode.getLastToken(object)!;
  if (!last) {
    const opening = sourceCode.getFirstToken(object)!;
    if (sourceCode.commentsExistBetween(opening, closing)) return [fixer.insertTextBefore(closing, ` ${text} `)];
    return [fixer.replaceTextRange([opening.range[0], closing.range[1]], `{ ${text} }`)];
  }
  const afterLast = sourceCode.getTokenAfter(last)!;
  const trailingComma = afterLast.value === ',' && afterLast !== closing ? afterLast : undefined;
  if (object.loc.start.line === last.loc.end.line && last.loc.end.line === closing.loc.start.line) {
    return trailingComma
      ? [fixer.insertTextAfter(trailingComma, ` ${text},`)]
      : [fixer.insertTextAfter(last, `, ${text}`)];
  }
  // One property per line: the new one goes on its own line, after any comment ending the last line.
  let anchor: Node | TSESTree.Token | TSESTree.Comment = trailingComma ?? last;
  for (;;) {
    const next: TSESTree.Token | TSESTree.Comment | null = sourceCode.getTokenAfter(anchor, { includeComments: true });
    if (!next || next === closing || next.loc.start.line !== anchor.loc.end.line) break;
    if (next.type !== 'Line' && next.type !== 'Block') break;
    anchor = next;
  }
  const indent = last.loc.start.line === object.loc.start.line ? `${lineIndent(sourceCode, object)}  ` : lineIndent(sourceCode, last);
  const fixes: Fix[] = [];
  if (!trailingComma) fixes.push(fixer.insertTextAfter(last, ','));
  fixes.push(fixer.insertTextAfterRange(anchor.range, `\n${indent}${text}${trailingComma ? ',' : ''}`));
  return fixes;
}

/**
 * The range to remove to delete a property of an object literal with its comma: the whole line
 * when the property has one to itself. `undefined` when a comment would go with it.
 */
export function objectPropertyRemovalRange(sourceCode: SourceCode, property: TSESTree.ObjectLiteralElement): [number, number] | undefined {
  const object = property.parent as TSESTree.ObjectExpression;
  const before = sourceCode.getTokenBefore(property)!;
  const after = sourceCode.getTokenAfter(property)!;
  const closing = sourceCode.getLastToken(object)!;
  let range: [number, number];
  if (after.value === ',' && after !== closing) {
    const next = sourceCode.getTokenAfter(after, { includeComments: true })!;
    const ownLines = before.loc.end.line < property.loc.start.line && next.loc.start.line > after.loc.end.line;
    range = ownLines
      ? [
          sourceCode.getIndexFromLoc({ line: property.loc.start.line, column: 0 }),
          sourceCode.getIndexFromLoc({ line: next.loc.start.line, column: 0 }),
        ]
      : [property.range[0], next.range[0]];
  } else if (before.value === ',') {
    // The last property, without a trailing comma: the comma before it goes.
    range = [before.range[0], property.range[1]];
  } else {
    // The only property: the object becomes `{}`.
    range = [sourceCode.getFirstToken(object)!.range[1], closing.range[0]];
  }
  const hasComment = sourceCode.getAllComments().some((comment) => comment.range[0] >= range[0] && comment.range[1] <= range[1]);
  return hasComment ? undefined : range;
}
