import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticString, type Node } from '../../utils/ast';
import { normalizeSpecifier } from '../bindings';

/** Which framework modules a file loads, and the local names it binds from them. */
export interface FrameworkImports {
  /** Normalised specifiers (`node:` removed) of the framework modules imported or required. */
  readonly modules: ReadonlySet<string>;
  /**
   * Local names bound directly from those modules (`express`, `Router`, `createServer`, `fp`).
   * Only these names are resolved as identifier callees: every other `f()` is skipped unresolved.
   */
  readonly localNames: ReadonlySet<string>;
}

/**
 * Reads the file's imports, `import x = require()` and `require()` declarations. A file that loads
 * no framework module can hold no app, so the index skips app resolution entirely for it.
 */
export function scanFrameworkImports(
  program: TSESTree.Program,
  calls: readonly TSESTree.CallExpression[],
  frameworkModules: ReadonlySet<string>,
): FrameworkImports {
  const modules = new Set<string>();
  const localNames = new Set<string>();
  const moduleOf = (specifier: string | undefined): string | undefined => {
    if (specifier === undefined) return undefined;
    const { module } = normalizeSpecifier(specifier);
    return frameworkModules.has(module) ? module : undefined;
  };

  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const module = moduleOf(statement.source.value);
      if (!module) continue;
      modules.add(module);
      for (const specifier of statement.specifiers) localNames.add(specifier.local.name);
    } else if (
      statement.type === 'TSImportEqualsDeclaration' &&
      statement.moduleReference.type === 'TSExternalModuleReference'
    ) {
      const module = moduleOf(getStaticString(statement.moduleReference.expression));
      if (!module) continue;
      modules.add(module);
      localNames.add(statement.id.name);
    }
  }

  for (const call of calls) {
    if (call.callee.type !== 'Identifier' || call.callee.name !== 'require') continue;
    const module = moduleOf(getStaticString(call.arguments[0]));
    if (!module) continue;
    modules.add(module);
    const declarator = enclosingDeclarator(call);
    if (declarator) addPatternNames(declarator.id, localNames);
  }
  return { modules, localNames };
}

/** `const x = require('m')`, `… = require('m').Router`, `… = require('fastify')({ … })`. */
function enclosingDeclarator(node: Node): TSESTree.VariableDeclarator | undefined {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return undefined;
    if (parent.type === 'VariableDeclarator') return parent.init === current ? parent : undefined;
    const passesValueOn =
      (parent.type === 'MemberExpression' && parent.object === current) ||
      (parent.type === 'CallExpression' && parent.callee === current) ||
      parent.type === 'AwaitExpression' ||
      parent.type === 'ChainExpression' ||
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSNonNullExpression';
    if (!passesValueOn) return undefined;
    current = parent;
  }
}

function addPatternNames(pattern: Node, names: Set<string>): void {
  switch (pattern.type) {
    case 'Identifier':
      names.add(pattern.name);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        addPatternNames(property.type === 'Property' ? property.value : property.argument, names);
      }
      return;
    case 'AssignmentPattern':
      addPatternNames(pattern.left, names);
      return;
    default:
      return;
  }
}
