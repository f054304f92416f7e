import { isFunctionNode, type Node } from '../utils/ast';

/**
 * Whether the value `node` creates lives as long as the module: created at the top level (also
 * in a `static` class field or block), not inside a function or an instance field, which run once
 * per call or per object. A keep-alive agent shared this way serves every request of the process.
 */
export function isModuleLifetime(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return false;
    if ((current.type === 'PropertyDefinition' || current.type === 'AccessorProperty') && !current.static) return false;
  }
  return true;
}
