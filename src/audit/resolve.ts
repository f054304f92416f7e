import { ts } from 'ts-morph';

import type { Span } from './facts-types';

/** What an expression of one file refers to in another (or the same) file of the project. */
export type Target =
  | {
      readonly kind: 'function';
      readonly file: string;
      /** ESLint offsets in `file`. */
      readonly start: number;
      readonly end: number;
      readonly bodyStart: number;
      /** The first parameter's name (a fastify plugin's instance). */
      readonly firstParam: readonly [number, number] | null;
      readonly line: number;
      readonly column: number;
      readonly name: string | null;
    }
  | {
      readonly kind: 'value';
      readonly file: string;
      /** Where the value's expression starts (`express()`, `axios.create()`), as ESLint offsets. */
      readonly start: number;
      readonly line: number;
      readonly column: number;
    };

const MAX_HOPS = 8;

/**
 * Follows names across modules with the TypeScript checker: imports, re-exports, `export
 * default`, `export =`, `module.exports`, `exports.x`, destructured `require`, namespace members
 * and methods reached through a value's type (`this.users.find`). ESLint's offsets and the
 * compiler's differ only by a byte-order mark, which is accounted for per file.
 */
export class SymbolResolver {
  readonly #program: () => ts.Program;
  readonly #files: ReadonlySet<string>;
  #checker: ts.TypeChecker | undefined;
  readonly #cache = new Map<string, Target | null>();

  constructor(program: () => ts.Program, files: ReadonlySet<string>) {
    this.#program = program;
    this.#files = files;
  }

  get #typeChecker(): ts.TypeChecker {
    return (this.#checker ??= this.#program().getTypeChecker());
  }

  /** The declaration the expression at `span` of `file` refers to, reduced to a function or a value. */
  resolve(file: string, span: Pick<Span, 'start' | 'end'>): Target | undefined {
    const key = `${file}:${span.start}:${span.end}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    let target: Target | undefined;
    try {
      target = this.#resolve(file, span);
    } catch {
      target = undefined; // a construct the checker cannot follow: the audit stays silent about it
    }
    this.#cache.set(key, target ?? null);
    return target;
  }

  #resolve(file: string, span: Pick<Span, 'start' | 'end'>): Target | undefined {
    const sourceFile = this.#program().getSourceFile(file);
    if (!sourceFile) return undefined;
    const shift = bomShift(sourceFile);
    const node = findNode(sourceFile, span.start + shift, span.end + shift);
    if (!node) return undefined;
    return this.#fromExpression(node, 0);
  }

  #fromExpression(node: ts.Node, hops: number): Target | undefined {
    if (hops > MAX_HOPS) return undefined;
    const bare = skipWrappers(node);
    if (isFunctionLike(bare)) return this.#functionTarget(bare);
    if (ts.isClassExpression(bare)) return this.#valueTarget(bare);
    let name: ts.Node | undefined;
    if (ts.isIdentifier(bare)) name = bare;
    else if (ts.isPropertyAccessExpression(bare)) name = bare.name;
    else if (ts.isElementAccessExpression(bare) && ts.isStringLiteralLike(bare.argumentExpression)) name = bare.argumentExpression;
    else if (ts.isCallExpression(bare) && isRequireCall(bare)) return this.#fromModuleSpecifier(bare.arguments[0]!, hops + 1);
    else if (ts.isCallExpression(bare) || ts.isNewExpression(bare) || ts.isObjectLiteralExpression(bare)) return this.#valueTarget(bare);
    if (!name) return undefined;
    const symbol = this.#typeChecker.getSymbolAtLocation(name);
    return symbol ? this.#fromSymbol(symbol, hops + 1) : undefined;
  }

  #fromModuleSpecifier(specifier: ts.Expression, hops: number): Target | undefined {
    const symbol = this.#typeChecker.getSymbolAtLocation(specifier);
    return symbol ? this.#fromSymbol(symbol, hops) : undefined;
  }

  #fromSymbol(start: ts.Symbol, hops: number): Target | undefined {
    if (hops > MAX_HOPS) return undefined;
    let symbol = start;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.#typeChecker.getAliasedSymbol(symbol);
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (!declaration) return undefined;
    // A module (namespace import, `require()` of a CommonJS module): its `export =` value.
    if (ts.isSourceFile(declaration) || ts.isModuleDeclaration(declaration)) {
      const exported = this.#typeChecker.getExportsOfModule(symbol).find((candidate) => candidate.escapedName === 'export=');
      const resolved = exported ?? symbol.exports?.get('export=' as ts.__String);
      return resolved ? this.#fromSymbol(resolved, hops + 1) : undefined;
    }
    return this.#fromDeclaration(declaration, hops);
  }

  #fromDeclaration(declaration: ts.Node, hops: number): Target | undefined {
    if (isFunctionLike(declaration)) return this.#functionTarget(declaration);
    if (ts.isClassDeclaration(declaration)) return this.#valueTarget(declaration);
    if (ts.isVariableDeclaration(declaration)) {
      if (!declaration.initializer) return undefined;
      if (ts.isIdentifier(declaration.name)) return this.#fromInitializer(declaration.initializer, hops);
      return undefined;
    }
    if (ts.isBindingElement(declaration)) return this.#fromBindingElement(declaration, hops);
    if (ts.isPropertyAssignment(declaration)) return this.#fromInitializer(declaration.initializer, hops);
    if (ts.isShorthandPropertyAssignment(declaration)) {
      const value = this.#typeChecker.getShorthandAssignmentValueSymbol(declaration);
      return value ? this.#fromSymbol(value, hops + 1) : undefined;
    }
    if (ts.isPropertyDeclaration(declaration)) return declaration.initializer ? this.#fromInitializer(declaration.initializer, hops) : undefined;
    if (ts.isExportAssignment(declaration)) return this.#fromInitializer(declaration.expression, hops);
    // `exports.list = …`, `module.exports.list = …`, `module.exports = …`
    if (ts.isPropertyAccessExpression(declaration) || ts.isElementAccessExpression(declaration)) {
      const parent = declaration.parent;
      if (ts.isBinaryExpression(parent) && parent.left === declaration && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        return this.#fromInitializer(parent.right, hops);
      }
      return undefined;
    }
    if (ts.isBinaryExpression(declaration)) return this.#fromInitializer(declaration.right, hops);
    return undefined;
  }

  /** A `const x = <initializer>`: a function or a creation is the target; a name or a member is followed. */
  #fromInitializer(initializer: ts.Expression, hops: number): Target | undefined {
    const bare = skipWrappers(initializer);
    if (ts.isAwaitExpression(bare)) return this.#fromInitializer(bare.expression, hops);
    if (ts.isIdentifier(bare) || ts.isPropertyAccessExpression(bare) || ts.isElementAccessExpression(bare)) return this.#fromExpression(bare, hops + 1);
    if (ts.isCallExpression(bare) && isRequireCall(bare)) return this.#fromModuleSpecifier(bare.arguments[0]!, hops + 1);
    return this.#fromExpression(bare, hops + 1);
  }

  /** `const { list } = require('./users')` in a TypeScript file (JavaScript files get an alias from the checker). */
  #fromBindingElement(element: ts.BindingElement, hops: number): Target | undefined {
    const pattern = element.parent;
    const declaration = pattern.parent;
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    const property = element.propertyName ?? element.name;
    if (!ts.isIdentifier(property)) return undefined;
    const init = skipWrappers(declaration.initializer);
    const source = ts.isAwaitExpression(init) ? skipWrappers(init.expression) : init;
    let moduleSymbol: ts.Symbol | undefined;
    if (ts.isCallExpression(source) && isRequireCall(source)) moduleSymbol = this.#typeChecker.getSymbolAtLocation(source.arguments[0]!);
    if (!moduleSymbol) return undefined;
    if (moduleSymbol.flags & ts.SymbolFlags.Alias) moduleSymbol = this.#typeChecker.getAliasedSymbol(moduleSymbol);
    const exported = this.#typeChecker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.escapedName === property.text);
    return exported ? this.#fromSymbol(exported, hops + 1) : undefined;
  }

  #functionTarget(fn: ts.SignatureDeclaration): Target | undefined {
    const body = (fn as ts.FunctionLikeDeclaration).body;
    const sourceFile = fn.getSourceFile();
    if (!body || !this.#files.has(sourceFile.fileName)) return undefined;
    const shift = bomShift(sourceFile);
    const first = fn.parameters[0];
    const start = startAfterExport(fn, sourceFile);
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
    return {
      kind: 'function',
      file: sourceFile.fileName,
      start: start - shift,
      end: fn.getEnd() - shift,
      bodyStart: body.getStart(sourceFile) - shift,
      firstParam: first && ts.isIdentifier(first.name) ? [first.name.getStart(sourceFile) - shift, first.name.getEnd() - shift] : null,
      line: line + 1,
      column: character + 1,
      name: functionName(fn),
    };
  }

  #valueTarget(node: ts.Node): Target | undefined {
    const sourceFile = node.getSourceFile();
    if (!this.#files.has(sourceFile.fileName)) return undefined;
    const start = node.getStart(sourceFile);
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
    return { kind: 'value', file: sourceFile.fileName, start: start - bomShift(sourceFile), line: line + 1, column: character + 1 };
  }
}

/** Where ESLint's function node starts: after `export` / `export default` (ESTree puts those on the export declaration). */
function startAfterExport(fn: ts.SignatureDeclaration, sourceFile: ts.SourceFile): number {
  const modifiers = ts.canHaveModifiers(fn) ? (ts.getModifiers(fn) ?? []) : [];
  const exported = modifiers.filter((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword || modifier.kind === ts.SyntaxKind.DefaultKeyword);
  if (exported.length === 0) return fn.getStart(sourceFile);
  // The first token after the last of them (`async`, `function`).
  const after = exported.at(-1)!.getEnd();
  const next = fn.getChildren(sourceFile).find((child) => child.getStart(sourceFile) >= after && child.kind !== ts.SyntaxKind.SyntaxList);
  const fromList = fn
    .getChildren(sourceFile)
    .flatMap((child) => (child.kind === ts.SyntaxKind.SyntaxList ? child.getChildren(sourceFile) : []))
    .find((child) => child.getStart(sourceFile) >= after);
  const candidates = [next, fromList].filter((node): node is ts.Node => node !== undefined).map((node) => node.getStart(sourceFile));
  return candidates.length > 0 ? Math.min(...candidates) : fn.getStart(sourceFile);
}

/** The function's own name, or the name it is stored under: `const list = …`, `exports.list = …`, `{ list: … }`. */
function functionName(fn: ts.SignatureDeclaration): string | null {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) return fn.name.text;
  let parent: ts.Node = fn.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent)) parent = parent.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && ts.isPropertyAccessExpression(parent.left)) return parent.left.name.text;
  return null;
}

function bomShift(sourceFile: ts.SourceFile): number {
  return sourceFile.text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

function isFunctionLike(node: ts.Node): node is ts.SignatureDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node)
  );
}

function isRequireCall(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1 && ts.isStringLiteralLike(call.arguments[0]!);
}

/** Parentheses, `as`, `satisfies`, `!` and `<T>x` change no value. */
function skipWrappers(node: ts.Node): ts.Node {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The node that spans exactly `[start, end)` (the innermost such), else the innermost that starts at `start` and covers it. */
function findNode(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    const nodeStart = node.getStart(sourceFile);
    if (nodeStart > start || node.getEnd() < end) return;
    if (nodeStart === start && node.getEnd() === end) found = node;
    else if (nodeStart === start && !found) found = node;
    node.forEachChild(visit);
  };
  sourceFile.forEachChild(visit);
  return found;
}
