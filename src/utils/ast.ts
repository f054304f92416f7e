import type { TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export function isFunctionNode(node: Node | null | undefined): node is FunctionNode {
  return (
    node?.type === 'FunctionDeclaration' ||
    node?.type === 'FunctionExpression' ||
    node?.type === 'ArrowFunctionExpression'
  );
}

/** The static name of a property key or member property: `a.b`, `a['b']`, `{ b: 1 }`, `` a[`b`] ``. */
export function getStaticPropertyName(
  node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  const computed = node.computed;
  if (!computed && key.type === 'Identifier') return key.name;
  return getStaticString(key);
}

/** A string literal or a template literal without expressions. */
export function getStaticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** Removes the wrappers that do not change a value: parentheses are already gone in ESTree; TS casts, `!`, `satisfies`. */
export function skipTransparentWrappers(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression;
        break;
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** Like `skipTransparentWrappers`, and also looks through `await`. */
export function skipAwaitAndWrappers(node: Node): Node {
  let current = skipTransparentWrappers(node);
  while (current.type === 'AwaitExpression') current = skipTransparentWrappers(current.argument);
  return current;
}

/** The nearest enclosing function of `node` (not `node` itself). */
export function getEnclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** TypeScript's type-only wrappers (`x as T`, `x satisfies T`, `x!`, `<T>x`): the value is unchanged. */
export function isTypeWrapper(node: Node): boolean {
  return (
    node.type === 'TSAsExpression' ||
    node.type === 'TSSatisfiesExpression' ||
    node.type === 'TSNonNullExpression' ||
    node.type === 'TSTypeAssertion'
  );
}

/** A type wrapper or an optional chain's `ChainExpression`: neither changes which value flows on. */
export function isTransparentWrapper(node: Node): boolean {
  return isTypeWrapper(node) || node.type === 'ChainExpression';
}

/** The parent, skipping the wrappers `skipTransparentWrappers` looks through. */
export function getTransparentParent(node: Node): Node | undefined {
  let current = node.parent;
  while (current && isTransparentWrapper(current)) current = current.parent;
  return current;
}

/** `new Promise((resolve, reject) => …)`: `fn` is the executor, whose return value goes nowhere. */
export function isPromiseExecutor(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    parent?.type === 'NewExpression' &&
    parent.arguments[0] === fn &&
    parent.callee.type === 'Identifier' &&
    parent.callee.name === 'Promise'
  );
}

/** The object-literal property named `name`, or `undefined`; `hasSpread` tells whether the object also spreads something. */
export function findProperty(
  object: TSESTree.ObjectExpression,
  name: string,
): TSESTree.Property | undefined {
  for (let index = object.properties.length - 1; index >= 0; index -= 1) {
    const property = object.properties[index];
    if (property?.type === 'Property' && getStaticPropertyName(property) === name) return property;
  }
  return undefined;
}

export function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement');
}

/**
 * Where the value of `node` goes: the outermost expression it stands for through `await` and
 * transparent wrappers (`await f() as T`), and that expression's parent.
 */
export function valueUse(node: Node): { expression: Node; parent: Node | undefined } {
  let expression: Node = node;
  let parent = getTransparentParent(expression);
  while (parent?.type === 'AwaitExpression') {
    expression = parent;
    parent = getTransparentParent(expression);
  }
  return { expression, parent };
}

/** The `const x = <node>` name `node` is bound to, through `await` and casts: `x` for `const x = await f() as T`. */
export function declaredName(node: Node): TSESTree.Identifier | undefined {
  const { parent } = valueUse(node);
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id : undefined;
}
