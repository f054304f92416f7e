import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  getStaticPropertyName,
  getStaticString,
  isFunctionNode,
  skipAwaitAndWrappers,
  skipTransparentWrappers,
  type FunctionNode,
  type Node,
} from '../utils/ast';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** The module a value comes from: `{ module: 'fs', path: ['promises', 'readFile'] }`. */
export interface ModuleRef {
  /** A normalised specifier (`node:` prefix removed), or `GLOBAL` for a global such as `fetch`. */
  readonly module: string;
  /** Properties read from the module's export object; the default export is the object itself. */
  readonly path: readonly string[];
}

export const GLOBAL = '#global';

/** `fs/promises` is `fs.promises`: one spelling for rules to match. */
const SUBPATH_ALIASES: Record<string, ModuleRef> = {
  'fs/promises': { module: 'fs', path: ['promises'] },
  'dns/promises': { module: 'dns', path: ['promises'] },
};

export function normalizeSpecifier(specifier: string): ModuleRef {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return SUBPATH_ALIASES[bare] ?? { module: bare, path: [] };
}

function withPath(ref: ModuleRef, more: readonly string[]): ModuleRef {
  // `require('x').default` and `import x from 'x'` name the same value for our purposes.
  const path = [...ref.path];
  for (const key of more) {
    if (key === 'default' && path.length === 0) continue;
    path.push(key);
  }
  return { module: ref.module, path };
}

type ConstDefinitionNode =
  | TSESTree.VariableDeclarator
  | TSESTree.FunctionDeclaration
  | TSESTree.ClassDeclaration
  | TSESTree.ImportDeclaration;

/**
 * Which local names refer to which module export, through every module style: ESM default,
 * named, namespace and renamed imports, `require` and destructured `require`, `import x =
 * require()`, `await import()`, `node:` prefixes, `fs/promises` and `fs.promises`, and globals
 * (`fetch`, `process`) unless shadowed. Resolution is lazy and cached per variable.
 */
export class Bindings {
  readonly #sourceCode: Readonly<TSESLint.SourceCode>;
  readonly #variableRefs = new Map<Variable, ModuleRef | null>();
  readonly #resolving = new Set<Variable>();
  // Reassignment is checked by scanning a variable's references; names are asked about often.
  readonly #reassigned = new Map<Variable, boolean>();
  /** Globals the file assigns to (`fetch = wrap(fetch)`, `require = lazyRequire`): no longer the built-ins. */
  #reassignedGlobals?: ReadonlySet<string>;

  constructor(sourceCode: Readonly<TSESLint.SourceCode>) {
    this.#sourceCode = sourceCode;
  }

  /** The variable an identifier refers to, looked up by name from its innermost scope. */
  findVariable(identifier: TSESTree.Identifier): Variable | undefined {
    let scope: Scope | null = this.#sourceCode.getScope(identifier);
    for (; scope; scope = scope.upper) {
      const variable = scope.set.get(identifier.name);
      if (variable) return variable;
    }
    return undefined;
  }

  /** True when `identifier` names the global (not a local, parameter or import of that name, nor reassigned). */
  isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = this.findVariable(identifier);
    return (variable === undefined || variable.defs.length === 0) && !this.#isReassignedGlobal(identifier.name);
  }

  #isReassignedGlobal(name: string): boolean {
    if (!this.#reassignedGlobals) {
      const names = new Set<string>();
      const globalScope = this.#sourceCode.scopeManager?.globalScope;
      // Writes to undeclared globals stay in `through`; declared ones (config globals) hold theirs.
      for (const reference of globalScope?.through ?? []) if (reference.isWrite()) names.add(reference.identifier.name);
      for (const variable of globalScope?.variables ?? []) {
        if (variable.defs.length === 0 && variable.references.some((reference) => reference.isWrite())) names.add(variable.name);
      }
      this.#reassignedGlobals = names;
    }
    return this.#reassignedGlobals.has(name);
  }

  /**
   * The expression a variable always holds: a `const` (or never reassigned `let`/`var`) bound
   * to a plain identifier, a function declaration, or a class declaration. `undefined` when the
   * variable is a parameter, destructured, reassigned, or declared more than once.
   */
  getConstantValue(variable: Variable): Node | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    if (!def) return undefined;
    if (def.type === 'FunctionName' || def.type === 'ClassName') return def.node as Node;
    if (def.type !== 'Variable') return undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type !== 'Identifier' || !declarator.init) return undefined;
    if (this.#isReassigned(variable)) return undefined;
    return declarator.init;
  }

  /** The value of an expression, following identifiers to their constant values. */
  resolveValue(node: Node, seen = new Set<Variable>()): Node {
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier') return bare;
    const variable = this.findVariable(bare);
    if (!variable || seen.has(variable)) return bare;
    const value = this.getConstantValue(variable);
    if (!value) return bare;
    seen.add(variable);
    return this.resolveValue(value, seen);
  }

  /** The same-file function an expression evaluates to: an inline function or a name bound to one. */
  resolveFunction(node: Node): FunctionNode | undefined {
    const value = this.resolveValue(node);
    return isFunctionNode(value) ? value : undefined;
  }

  /** Which module export an expression refers to, or `undefined` when it is not one (or we cannot tell). */
  resolve(node: Node): ModuleRef | undefined {
    const bare = skipTransparentWrappers(node);
    switch (bare.type) {
      case 'Identifier':
        return this.#resolveIdentifier(bare);
      case 'MemberExpression': {
        const name = getStaticPropertyName(bare);
        if (name === undefined) return undefined;
        const object = this.resolve(bare.object);
        return object ? withPath(object, [name]) : undefined;
      }
      case 'CallExpression':
        return this.#resolveModuleLoad(bare);
      case 'AwaitExpression':
        return bare.argument.type === 'ImportExpression' ? this.#resolveModuleLoad(bare.argument) : undefined;
      case 'ImportExpression':
        return undefined; // a promise of the module, not the module
      default:
        return undefined;
    }
  }

  /**
   * Which module export a type annotation names: `Request` from `import type { Request } from
   * 'express'`, `express.Request`, `http.IncomingMessage`. Type-only imports count here.
   */
  resolveTypeName(typeName: TSESTree.EntityName): ModuleRef | undefined {
    if (typeName.type === 'TSQualifiedName') {
      const left = this.resolveTypeName(typeName.left);
      return left ? withPath(left, [typeName.right.name]) : undefined;
    }
    if (typeName.type !== 'Identifier') return undefined;
    const variable = this.findVariable(typeName);
    if (!variable || variable.defs.length === 0) return undefined;
    return this.#resolveVariable(variable, { includeTypeImports: true });
  }

  /** `resolve` of a call's or `new`'s callee. */
  resolveCallee(node: TSESTree.CallExpression | TSESTree.NewExpression): ModuleRef | undefined {
    return this.resolve(node.callee);
  }

  /** True when `node` is a call of the module-loading `require` (global, or made by `createRequire`). */
  isRequireCall(node: Node): node is TSESTree.CallExpression {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return false;
    const variable = this.findVariable(node.callee);
    if (!variable || variable.defs.length === 0) return node.callee.name === 'require' && !this.#isReassignedGlobal('require');
    return this.#isCreatedRequire(variable);
  }

  /** `const require = createRequire(import.meta.url)` in an ES module. */
  #isCreatedRequire(variable: Variable): boolean {
    const value = this.getConstantValue(variable);
    if (value?.type !== 'CallExpression') return false;
    const callee = this.resolve(value.callee);
    return callee?.module === 'module' && callee.path.join('.') === 'createRequire';
  }

  /** `require('m')` / `await import('m')` → the module itself. */
  #resolveModuleLoad(node: Node): ModuleRef | undefined {
    if (node.type === 'ImportExpression') {
      const specifier = getStaticString(node.source);
      return specifier === undefined ? undefined : normalizeSpecifier(specifier);
    }
    if (!this.isRequireCall(node)) return undefined;
    const specifier = getStaticString(node.arguments[0]);
    return specifier === undefined ? undefined : normalizeSpecifier(specifier);
  }

  #resolveIdentifier(identifier: TSESTree.Identifier): ModuleRef | undefined {
    const variable = this.findVariable(identifier);
    if (!variable || variable.defs.length === 0) {
      return this.#isReassignedGlobal(identifier.name) ? undefined : { module: GLOBAL, path: [identifier.name] };
    }
    if (this.#variableRefs.has(variable)) return this.#variableRefs.get(variable) ?? undefined;
    if (this.#resolving.has(variable)) return undefined; // `const a = b, b = a`
    this.#resolving.add(variable);
    const ref = this.#resolveVariable(variable);
    this.#resolving.delete(variable);
    this.#variableRefs.set(variable, ref ?? null);
    return ref;
  }

  #resolveVariable(
    variable: Variable,
    { includeTypeImports = false }: { includeTypeImports?: boolean } = {},
  ): ModuleRef | undefined {
    if (variable.defs.length !== 1) return undefined;
    const def = variable.defs[0];
    if (!def) return undefined;
    const defNode = def.node as Node;

    if (def.type === 'ImportBinding') {
      if (defNode.type === 'TSImportEqualsDeclaration') {
        const reference = defNode.moduleReference;
        if (reference.type !== 'TSExternalModuleReference') return undefined;
        const specifier = getStaticString(reference.expression);
        return specifier === undefined ? undefined : normalizeSpecifier(specifier);
      }
      const declaration = defNode.parent as ConstDefinitionNode | undefined;
      if (declaration?.type !== 'ImportDeclaration') return undefined;
      const typeOnly =
        declaration.importKind === 'type' || (defNode.type === 'ImportSpecifier' && defNode.importKind === 'type');
      if (typeOnly && !includeTypeImports) return undefined;
      const base = normalizeSpecifier(declaration.source.value);
      switch (defNode.type) {
        case 'ImportDefaultSpecifier':
        case 'ImportNamespaceSpecifier':
          return base;
        case 'ImportSpecifier': {
          const imported =
            defNode.imported.type === 'Identifier' ? defNode.imported.name : String(defNode.imported.value);
          return withPath(base, [imported]);
        }
        default:
          return undefined;
      }
    }

    if (def.type !== 'Variable' || this.#isReassigned(variable)) return undefined;
    const declarator = defNode as TSESTree.VariableDeclarator;
    if (!declarator.init) return undefined;
    const source = this.resolve(skipAwaitAndWrappers(declarator.init)) ??
      this.#resolveModuleLoad(skipAwaitAndWrappers(declarator.init));
    if (!source) return undefined;
    const path = patternPathTo(declarator.id, def.name as TSESTree.Identifier);
    return path ? withPath(source, path) : undefined;
  }

  #isReassigned(variable: Variable): boolean {
    let reassigned = this.#reassigned.get(variable);
    if (reassigned === undefined) {
      reassigned = variable.references.some((reference) => reference.isWrite() && !reference.init);
      this.#reassigned.set(variable, reassigned);
    }
    return reassigned;
  }
}

/**
 * The property path from a binding pattern's root to one of its identifiers:
 * `{ promises: { readFile } }` → `['promises', 'readFile']`. `undefined` for array patterns,
 * rest elements and computed keys (we cannot tell which export they hold).
 */
function patternPathTo(pattern: Node, target: TSESTree.Identifier): string[] | undefined {
  if (pattern === target) return [];
  switch (pattern.type) {
    case 'Identifier':
      return undefined;
    case 'AssignmentPattern':
      return patternPathTo(pattern.left, target);
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        if (property.type !== 'Property') continue;
        const key = getStaticPropertyName(property);
        if (key === undefined) continue;
        const rest = patternPathTo(property.value, target);
        if (rest) return [key, ...rest];
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The module ref as a dotted string, for matching: `fs.promises.readFile`, `#global.fetch`. */
export function refToString(ref: ModuleRef): string {
  return ref.path.length ? `${ref.module}.${ref.path.join('.')}` : ref.module;
}
