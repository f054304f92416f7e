import type { Bindings } from '../model/bindings';
import { getStaticValue } from '../model/static-values';
import type { Node } from './ast';

/**
 * The number an expression always evaluates to (`65_000`, `65 * 1000`, `Infinity`, a `const`
 * bound to one), or `undefined` for anything read at run time (`Number(process.env.X)`, a
 * parameter). One evaluator serves every rule: this is `getStaticValue` narrowed to numbers.
 */
export function getStaticNumber(node: Node | null | undefined, bindings: Bindings): number | undefined {
  if (!node) return undefined;
  const value = getStaticValue(node, bindings)?.value;
  return typeof value === 'number' ? value : undefined;
}
