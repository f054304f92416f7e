import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Bindings } from '../model/bindings';
import type { Node } from './ast';

/** How fix text reaches a module export: `text` to write, plus the declaration to add, if any. */
export interface ModuleAccess {
  readonly text: string;
  /** A top-level `import`/`require` statement the fix must add for `text` to work. */
  readonly declaration?: string;
}

export interface AccessRequest {
  /** Normalised module name, e.g. `fs`. */
  readonly module: string;
  /** The export wanted, e.g. `['promises', 'readFile']`. */
  readonly path: readonly string[];
  /** What to import when nothing in scope reaches it, e.g. `node:fs/promises`. */
  readonly importSpecifier: string;
  /** The part of `path` that the imported namespace already is (`['promises']` for `node:fs/promises`). */
  readonly importedPath: readonly string[];
  /** Preferred local name for the import; a variant is tried when the file uses it. */
  readonly localName: string;
}

/**
 * The shortest way to write `module.path` at `at`: an in-scope binding of the export itself, or
 * of one of its parents followed by property accesses; otherwise a namespace import (`require`
 * in CommonJS) under a name the file does not use anywhere. `undefined` when no free name exists.
 * A second `--fix` pass finds the declaration the first added, so fixes converge in two passes.
 */
export function getModuleAccess(
  sourceCode: Readonly<TSESLint.SourceCode>,
  bindings: Bindings,
  at: Node,
  request: AccessRequest,
): ModuleAccess | undefined {
  const existing = findInScope(sourceCode, bindings, at, request.module, request.path);
  if (existing) return { text: existing };

  const name = [request.localName, `${request.localName}Module`].find(
    (candidate) => !new RegExp(`\\b${candidate}\\b`).test(sourceCode.text),
  );
  if (!name) return undefined;
  const rest = request.path.slice(request.importedPath.length);
  const program = sourceCode.ast;
  const isModule = program.sourceType === 'module' && !looksLikeCommonJs(program);
  return {
    text: [name, ...rest].join('.'),
    declaration: isModule
      ? `import * as ${name} from '${request.importSpecifier}';`
      : `const ${name} = require('${request.importSpecifier}');`,
  };
}

/** One fix that adds `declarations` after the file's last top-level import or require (or at its top). */
export function insertDeclarations(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  declarations: readonly string[],
): TSESLint.RuleFix {
  const program = sourceCode.ast;
  const anchor = lastModuleLoadStatement(program);
  if (anchor) return fixer.insertTextAfter(anchor, declarations.map((text) => `\n${text}`).join(''));
  const first = firstStatementAfterDirectives(program);
  const text = declarations.map((line) => `${line}\n`).join('');
  return first ? fixer.insertTextBefore(first, `${text}\n`) : fixer.insertTextAfterRange([0, 0], text);
}

/** Walks the scopes around `at` from the inside out, so a shadowed binding is never picked. */
function findInScope(
  sourceCode: Readonly<TSESLint.SourceCode>,
  bindings: Bindings,
  at: Node,
  module: string,
  path: readonly string[],
): string | undefined {
  const shadowed = new Set<string>();
  let best: { text: string; length: number } | undefined;
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(at); scope; scope = scope.upper) {
    for (const variable of scope.variables) {
      if (shadowed.has(variable.name)) continue;
      shadowed.add(variable.name);
      const identifier = variable.identifiers[0];
      if (!identifier) continue;
      const ref = bindings.resolve(identifier);
      if (ref?.module !== module || ref.path.length > path.length) continue;
      if (!ref.path.every((key, index) => path[index] === key)) continue;
      const rest = path.slice(ref.path.length);
      if (!best || rest.length < best.length) best = { text: [variable.name, ...rest].join('.'), length: rest.length };
    }
  }
  return best?.text;
}

function looksLikeCommonJs(program: TSESTree.Program): boolean {
  return !program.body.some(
    (statement) =>
      statement.type === 'ImportDeclaration' ||
      statement.type === 'ExportNamedDeclaration' ||
      statement.type === 'ExportDefaultDeclaration' ||
      statement.type === 'ExportAllDeclaration',
  ) && program.body.some((statement) => isRequireStatement(statement));
}

function isRequireStatement(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  return statement.declarations.some((declarator) => {
    let init = declarator.init;
    while (init?.type === 'MemberExpression') init = init.object;
    return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
  });
}

/** The last top-level `import` or `require` declaration of the leading block of them. */
function lastModuleLoadStatement(program: TSESTree.Program): TSESTree.ProgramStatement | undefined {
  let last: TSESTree.ProgramStatement | undefined;
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' || statement.type === 'TSImportEqualsDeclaration' || isRequireStatement(statement)) {
      last = statement;
    }
  }
  return last;
}

function firstStatementAfterDirectives(program: TSESTree.Program): TSESTree.ProgramStatement | undefined {
  return program.body.find((statement) => !(statement.type === 'ExpressionStatement' && 'directive' in statement && statement.directive));
}
