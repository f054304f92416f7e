import type { TSESTree } from '@typescript-eslint/utils';

/**
 * Whether the file is browser code by its own declaration: a React Server Components `'use client'`
 * directive (Next.js client components). Its requests run in the visitor's browser, not in the
 * Node process, so rules about server sockets leave them alone.
 */
export function isClientBundleFile(program: TSESTree.Program): boolean {
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.directive === undefined) return false;
    if (statement.directive === 'use client') return true;
  }
  return false;
}
