import type { TSESTree } from '@typescript-eslint/utils';

import { findProperty, getStaticPropertyName, hasSpread, skipTransparentWrappers, type Node } from '../utils/ast';
import type { Bindings } from './bindings';

/** A value known at lint time: `{ value }`, or `undefined` when the file does not show it. */
export type StaticValue = { readonly value: string | number | boolean | null | undefined } | undefined;

// `1024 * 1024 * 1024` is three levels; nobody writes a limit fifty operators deep.
const MAX_DEPTH = 16;

const NUMBER_CONSTANTS: Readonly<Record<string, number>> = {
  POSITIVE_INFINITY: Infinity,
  MAX_SAFE_INTEGER: Number.MAX_SAFE_INTEGER,
  MAX_VALUE: Number.MAX_VALUE,
};

/**
 * The value of a constant expression: literals, `undefined`/`Infinity`/`NaN` and
 * `Number.POSITIVE_INFINITY`/`MAX_SAFE_INTEGER`/`MAX_VALUE` (unless shadowed), arithmetic and string
 * `+`, and `const` names bound to such expressions (through `Bindings.resolveValue`). Anything
 * else — a parameter, `process.env.X`, a property of an object, a call, `a || b` — is unknown.
 */
export function getStaticValue(node: Node, bindings: Bindings, depth = 0): StaticValue {
  if (depth > MAX_DEPTH) return undefined;
  const bare = skipTransparentWrappers(node);
  switch (bare.type) {
    case 'Literal':
      if ('regex' in bare && bare.regex) return undefined;
      if ('bigint' in bare && bare.bigint) return undefined;
      return { value: bare.value as string | number | boolean | null };
    case 'TemplateLiteral':
      return bare.expressions.length === 0 ? { value: bare.quasis[0]?.value.cooked ?? undefined } : undefined;
    case 'Identifier': {
      if (bindings.isGlobal(bare)) {
        if (bare.name === 'undefined') return { value: undefined };
        if (bare.name === 'Infinity') return { value: Infinity };
        if (bare.name === 'NaN') return { value: Number.NaN };
        return undefined;
      }
      const value = bindings.resolveValue(bare);
      return value === bare ? undefined : getStaticValue(value, bindings, depth + 1);
    }
    case 'MemberExpression': {
      if (bare.object.type !== 'Identifier' || bare.object.name !== 'Number' || !bindings.isGlobal(bare.object)) return undefined;
      const name = getStaticPropertyName(bare);
      return name !== undefined && name in NUMBER_CONSTANTS ? { value: NUMBER_CONSTANTS[name] } : undefined;
    }
    case 'UnaryExpression': {
      if (bare.operator !== '-' && bare.operator !== '+') return undefined;
      const argument = getStaticValue(bare.argument, bindings, depth + 1);
      if (typeof argument?.value !== 'number') return undefined;
      return { value: bare.operator === '-' ? -argument.value : argument.value };
    }
    case 'BinaryExpression':
      return binary(bare, bindings, depth);
    default:
      return undefined;
  }
}

function binary(node: TSESTree.BinaryExpression, bindings: Bindings, depth: number): StaticValue {
  if (node.left.type === 'PrivateIdentifier') return undefined;
  const left = getStaticValue(node.left, bindings, depth + 1);
  const right = getStaticValue(node.right, bindings, depth + 1);
  if (!left || !right) return undefined;
  const a = left.value;
  const b = right.value;
  if (node.operator === '+' && (typeof a === 'string' || typeof b === 'string')) {
    const isText = (operand: unknown) => typeof operand === 'string' || typeof operand === 'number';
    return isText(a) && isText(b) ? { value: `${String(a)}${String(b)}` } : undefined;
  }
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  switch (node.operator) {
    case '+':
      return { value: a + b };
    case '-':
      return { value: a - b };
    case '*':
      return { value: a * b };
    case '/':
      return { value: a / b };
    case '%':
      return { value: a % b };
    case '**':
      return { value: a ** b };
    case '<<':
      return { value: a << b };
    case '>>':
      return { value: a >> b };
    case '>>>':
      return { value: a >>> b };
    default:
      return undefined;
  }
}

/** What an options object says about one property path. */
export type OptionLookup =
  /** The object has the property: its value node (it may still be unknown to `getStaticValue`). */
  | { readonly kind: 'present'; readonly property: TSESTree.Property; readonly value: Node }
  /** The object (and every object on the path) is a literal without the property and without a spread. */
  | { readonly kind: 'absent'; readonly holder: TSESTree.ObjectExpression; readonly holderProperty?: TSESTree.Property }
  /** A spread, a computed key or a non-literal object on the way: we cannot tell. */
  | { readonly kind: 'unknown' };

/**
 * Looks `path` up in an options argument: `{ limit }`, a `const` bound to an object literal, or
 * nested (`{ limits: { fileSize } }`). A property written after the last spread wins; one before
 * a spread, or a missing one next to a spread, may be overridden and is unknown.
 */
export function lookupOption(options: Node, path: readonly string[], bindings: Bindings): OptionLookup {
  const object = bindings.resolveValue(options);
  if (object.type !== 'ObjectExpression') return { kind: 'unknown' };
  const [key, ...rest] = path;
  if (key === undefined) return { kind: 'unknown' };
  if (object.properties.some((property) => property.type === 'Property' && property.computed && getStaticPropertyName(property) === undefined)) {
    return { kind: 'unknown' };
  }
  const property = findProperty(object, key);
  if (!property) return hasSpread(object) ? { kind: 'unknown' } : { kind: 'absent', holder: object };
  const lastSpread = object.properties.findLastIndex((candidate) => candidate.type === 'SpreadElement');
  if (object.properties.indexOf(property) < lastSpread) return { kind: 'unknown' };
  if (property.kind !== 'init' || property.value.type === 'AssignmentPattern') return { kind: 'unknown' };
  if (rest.length === 0) return { kind: 'present', property, value: property.value };
  const nested = lookupOption(property.value, rest, bindings);
  return nested.kind === 'absent' ? { ...nested, holderProperty: nested.holderProperty ?? property } : nested;
}
