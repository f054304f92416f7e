import type { TSESTree } from '@typescript-eslint/utils';

import type { Bindings } from '../model/bindings';
import { skipTransparentWrappers, type Node } from './ast';

/**
 * The number an expression always evaluates to: literals (`65_000`), `-x`, `+ - * /` of
 * such numbers (`65 * 1000`), `Infinity`, and `const` names bound to them. `undefined` for
 * anything read at run time (`Number(process.env.X)`, a parameter).
 */
export function getStaticNumber(node: Node | null | undefined, bindings?: Bindings, depth = 0): number | undefined {
  if (!node || depth > 8) return undefined;
  const bare = skipTransparentWrappers(node);
  switch (bare.type) {
    case 'Literal':
      return typeof bare.value === 'number' ? bare.value : undefined;
    case 'UnaryExpression': {
      const value = getStaticNumber(bare.argument, bindings, depth + 1);
      if (value === undefined) return undefined;
      if (bare.operator === '-') return -value;
      if (bare.operator === '+') return value;
      return undefined;
    }
    case 'BinaryExpression': {
      if (bare.left.type === 'PrivateIdentifier') return undefined;
      const left = getStaticNumber(bare.left, bindings, depth + 1);
      const right = getStaticNumber(bare.right, bindings, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      switch (bare.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return left / right;
        case '**':
          return left ** right;
        default:
          return undefined;
      }
    }
    case 'Identifier': {
      if (bare.name === 'Infinity' && (!bindings || bindings.isGlobal(bare))) return Infinity;
      if (!bindings) return undefined;
      const value = bindings.resolveValue(bare);
      return value === bare ? undefined : getStaticNumber(value, bindings, depth + 1);
    }
    default:
      return undefined;
  }
}

/** `true`/`false` literals only. */
export function getStaticBoolean(node: TSESTree.Node | null | undefined): boolean | undefined {
  if (!node) return undefined;
  const bare = skipTransparentWrappers(node);
  return bare.type === 'Literal' && typeof bare.value === 'boolean' ? bare.value : undefined;
}
