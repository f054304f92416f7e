import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, type Node } from '../../utils/ast';
import { normalizeSpecifier } from '../bindings';
import { hasTextHint } from '../text-hints';
import { mentions, wordGate } from '../vocabulary';
import type { CollectedNodes } from '../walk';
import { CLIENT_MODULES } from './recognizers';

type Variable = TSESLint.Scope.Variable;

/** An assignment to a member of a client binding: `axios.defaults.timeout = 0`, `api.defaults.timeout = 5000`. */
export interface MemberAssignment {
  readonly root: TSESTree.Identifier;
  /** Property names from the root to the assigned member: `['defaults', 'timeout']`. */
  readonly path: readonly string[];
  readonly assignment: TSESTree.AssignmentExpression;
}

export interface Candidates {
  /**
   * Cheap test run on every call and `new` of the file: can its callee refer to a client? Only
   * then does the full resolution (scopes, bindings) run.
   */
  isCandidate(callee: Node): boolean;
  readonly assignments: readonly MemberAssignment[];
}

/** `import('axios')`, `import("node:http")`: only a literal specifier can be resolved anyway. */
const DYNAMIC_CLIENT_IMPORT = new RegExp(
  String.raw`\bimport\s*\(\s*(['"\x60])(?:node:)?(?:${[...CLIENT_MODULES].join('|')})\1`,
  'g',
);

/** A client module's specifier: how every import, `require` and `import()` of one is written. */
const CLIENT_MODULE_WORDS = wordGate({ modules: CLIENT_MODULES });

/** The global `fetch`, however it is reached: `fetch(url)`, `globalThis.fetch`, `{ fetch } = options`. */
const FETCH_TEXT_HINT = /\bfetch\b/;
const GLOBAL_THIS_TEXT_HINT = /\bglobalThis\b/;

/** Cheap test: whether the file can call the global `fetch`. */
export function mayCallFetch(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return hasTextHint(sourceCode, FETCH_TEXT_HINT);
}

/**
 * Cheap test: `false` when the file can make no outbound call and create no client, so it has
 * no candidates (rules about clients skip such files before building anything). What such a file
 * must contain: a client module's specifier, or the global `fetch` / `globalThis` — exactly the
 * roots `findCandidates` starts from.
 */
export function mayUseClients(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return mentions(sourceCode, CLIENT_MODULE_WORDS) || mayCallFetch(sourceCode) || hasTextHint(sourceCode, GLOBAL_THIS_TEXT_HINT);
}

/** Calls whose result is (or configures) a client instance, so the variable holding it is a client too. */
const FACTORY_METHODS = new Set(['create', 'extend', 'agent', 'defaults']);

/**
 * The identifiers that can refer to a client: every reference of a name bound to a client module
 * (`import axios from 'axios'`, `const { request } = require('undici')`), of the global `fetch`,
 * and — followed through `const` — of their aliases and of the instances they create
 * (`const api = axios.create()`). Scope analysis already knows each name's references, so this
 * costs time in proportion to how much the file uses client libraries, not to its size.
 *
 * Returns `undefined` when the file loads no client library and never mentions `fetch`.
 * `nodes` is only asked for when a client module's specifier is in the text: a file that merely
 * names `fetch` as a property (`options.fetch`) is ruled out without walking its AST.
 */
export function findCandidates(sourceCode: Readonly<TSESLint.SourceCode>, nodes: () => CollectedNodes): Candidates | undefined {
  const isClientModule = (specifier: string | undefined) =>
    specifier !== undefined && CLIENT_MODULES.has(normalizeSpecifier(specifier).module);
  const isClientRequire = (node: TSESTree.CallExpression) =>
    node.callee.type === 'Identifier' && node.callee.name === 'require' && isClientModule(getStaticString(node.arguments[0]));

  const scopeManager = sourceCode.scopeManager;
  // Without scope analysis every callee is a candidate; resolution decides.
  if (!scopeManager) return { assignments: [], isCandidate: () => true };

  const identifiers = new Set<TSESTree.Identifier>();
  const assignments: MemberAssignment[] = [];
  const seen = new Set<Variable>();
  const queue: Variable[] = [];
  const enqueue = (variables: readonly Variable[]) => {
    for (const variable of variables) {
      if (seen.has(variable)) continue;
      seen.add(variable);
      queue.push(variable);
    }
  };

  /** From a client value, up through members, factory calls and wrappers, to the variable it is stored in. */
  const follow = (start: Node, root: TSESTree.Identifier | undefined) => {
    let current = start;
    const path: string[] = [];
    let throughCall = false;
    for (;;) {
      const parent = current.parent;
      if (!parent) return;
      if (parent.type === 'MemberExpression' && parent.object === current) {
        path.push(getStaticPropertyName(parent) ?? '');
      } else if (parent.type === 'CallExpression' && parent.callee === current) {
        // `axios.get(url)` yields a response, `axios.create()` a client: only follow the latter.
        if (!throughCall && !FACTORY_METHODS.has(path[path.length - 1] ?? '')) return;
        throughCall = true;
      } else if (parent.type === 'NewExpression' && parent.callee === current) {
        throughCall = true;
      } else if (parent.type === 'ClassExpression' && parent.superClass === current) {
        throughCall = true;
      } else if (
        parent.type !== 'AwaitExpression' &&
        parent.type !== 'ChainExpression' &&
        parent.type !== 'TSAsExpression' &&
        parent.type !== 'TSSatisfiesExpression' &&
        parent.type !== 'TSNonNullExpression' &&
        parent.type !== 'TSTypeAssertion'
      ) {
        break;
      }
      current = parent;
    }
    const parent = current.parent!;
    if (parent.type === 'VariableDeclarator' && parent.init === current) {
      enqueue(scopeManager.getDeclaredVariables(parent));
    } else if (parent.type === 'ClassDeclaration' && parent.superClass === current) {
      enqueue(scopeManager.getDeclaredVariables(parent));
    } else if (
      root &&
      !throughCall &&
      path.length > 0 &&
      parent.type === 'AssignmentExpression' &&
      parent.left === current
    ) {
      assignments.push({ root, path, assignment: parent });
    }
  };

  for (const statement of (sourceCode.ast as TSESTree.Program).body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind !== 'type' && isClientModule(statement.source.value)) {
        enqueue(scopeManager.getDeclaredVariables(statement));
      }
    } else if (
      statement.type === 'TSImportEqualsDeclaration' &&
      statement.moduleReference.type === 'TSExternalModuleReference' &&
      isClientModule(getStaticString(statement.moduleReference.expression))
    ) {
      enqueue(scopeManager.getDeclaredVariables(statement));
    }
  }
  let inlineLoad = false;
  const specifierInText = mentions(sourceCode, CLIENT_MODULE_WORDS);
  for (const call of specifierInText ? nodes().calls : []) {
    if (!isClientRequire(call)) continue;
    inlineLoad = true;
    follow(call, undefined);
  }
  // `await import('axios')` is no call, so the walk does not collect it: find it in the text.
  for (const match of specifierInText ? sourceCode.text.matchAll(DYNAMIC_CLIENT_IMPORT) : []) {
    const node = sourceCode.getNodeByRangeIndex(match.index) as Node | null;
    if (node?.type !== 'ImportExpression' || !isClientModule(getStaticString(node.source))) continue;
    inlineLoad = true;
    follow(node, undefined);
  }

  const globalScope = scopeManager.globalScope;
  const globalReferences: TSESTree.Identifier[] = [];
  for (const name of ['fetch', 'globalThis']) {
    const variable = globalScope?.set.get(name);
    if (variable && variable.defs.length === 0) {
      for (const reference of variable.references) globalReferences.push(reference.identifier as TSESTree.Identifier);
    }
  }
  for (const reference of globalScope?.through ?? []) {
    const name = reference.identifier.name;
    if (name === 'fetch' || name === 'globalThis') globalReferences.push(reference.identifier as TSESTree.Identifier);
  }

  if (queue.length === 0 && globalReferences.length === 0 && !inlineLoad) return undefined;

  for (const identifier of globalReferences) {
    identifiers.add(identifier);
    follow(identifier, identifier);
  }
  for (let index = 0; index < queue.length; index += 1) {
    for (const reference of queue[index]!.references) {
      const identifier = reference.identifier as TSESTree.Identifier;
      if (reference.init) continue; // the declaration itself
      identifiers.add(identifier);
      follow(identifier, identifier);
    }
  }

  return {
    assignments,
    isCandidate(callee) {
      let current: Node = callee;
      for (;;) {
        switch (current.type) {
          case 'Identifier':
            return identifiers.has(current);
          case 'MemberExpression':
            current = current.object;
            break;
          case 'CallExpression':
            if (isClientRequire(current)) return true;
            current = current.callee;
            break;
          case 'NewExpression':
            current = current.callee;
            break;
          case 'ImportExpression':
            return isClientModule(getStaticString(current.source));
          case 'AwaitExpression':
            current = current.argument;
            break;
          case 'ChainExpression':
          case 'TSAsExpression':
          case 'TSSatisfiesExpression':
          case 'TSNonNullExpression':
          case 'TSTypeAssertion':
            current = current.expression;
            break;
          default:
            return false;
        }
      }
    },
  };
}
