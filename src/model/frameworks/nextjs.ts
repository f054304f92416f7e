import type { TSESTree } from '@typescript-eslint/utils';

import type { Node } from '../../utils/ast';
import type { RecognitionContext } from './recognizer';
import { paramsByRole, registeredFunctions, type ParamRole } from './registration';
import type { HandlerSource } from './types';

// Asked of every file that loads no framework: tests on the name as it is, no splitting.
const ROUTE_FILE = /(?:^|[\\/])route\.(?:js|jsx|ts|tsx|mjs|cjs)$/;
/** `pages/api/` as directories: the last segment is the file itself, so `api` must be a directory above it. */
const PAGES_API_DIRECTORY = /(?:^|[\\/])pages[\\/]api[\\/]/;
const ROUTE_EXPORTS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** App Router `route.ts` files: the handler gets a Web `Request` (and a context with `params`). */
export function isRouteFile(filename: string): boolean {
  return ROUTE_FILE.test(filename);
}

/** Pages Router API routes: any file below a `pages/api/` directory. */
export function isPagesApiFile(filename: string): boolean {
  return PAGES_API_DIRECTORY.test(filename);
}

/** Next.js route handlers, found by file name and export: no app object exists for them. */
export function collectNextjsHandlers(ctx: RecognitionContext, program: TSESTree.Program, filename: string): void {
  if (isRouteFile(filename)) collectRouteExports(ctx, program);
  else if (isPagesApiFile(filename)) collectPagesApiExport(ctx, program);
}

/** `export async function GET(request)`, `export const POST = …`, `export { handler as PUT }`. */
function collectRouteExports(ctx: RecognitionContext, program: TSESTree.Program): void {
  for (const statement of program.body) {
    if (statement.type !== 'ExportNamedDeclaration') continue;
    const declaration = statement.declaration;
    if (declaration?.type === 'FunctionDeclaration') {
      if (declaration.id && ROUTE_EXPORTS.has(declaration.id.name)) addExport(ctx, declaration, statement, ['request']);
    } else if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === 'Identifier' && ROUTE_EXPORTS.has(declarator.id.name) && declarator.init) {
          addExport(ctx, declarator.init, statement, ['request']);
        }
      }
    } else if (!declaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        if (ROUTE_EXPORTS.has(exported)) addExport(ctx, specifier.local, specifier, ['request']);
      }
    }
  }
}

/** `export default function handler(req, res)`, by name, or wrapped: `export default withAuth(handler)`. */
function collectPagesApiExport(ctx: RecognitionContext, program: TSESTree.Program): void {
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') addExport(ctx, statement.declaration, statement, ['request', 'response']);
  }
}

function addExport(ctx: RecognitionContext, value: Node, registration: Node, roles: readonly ParamRole[]): void {
  for (const { fn, source } of registeredFunctions(value, ctx.bindings)) {
    ctx.addHandler({
      fn,
      framework: 'nextjs',
      kind: 'route',
      source: exportSource(source),
      registration,
      params: paramsByRole(fn, roles),
    });
  }
}

/** The export itself is the registration; wrappers and factories keep their own source. */
function exportSource(source: HandlerSource): HandlerSource {
  return source === 'inline' || source === 'reference' ? 'export' : source;
}
