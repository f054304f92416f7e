import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, Node } from '../../utils/ast';
import { refToString } from '../bindings';
import type { RecognitionContext } from './recognizer';
import { callParams, paramsByRole, type ParamRole } from './registration';
import type { Framework, HandlerKind } from './types';

interface RequestType {
  readonly framework: Framework;
  /** Roles of the annotated parameter and the ones after it. */
  readonly roles: readonly ParamRole[];
  /**
   * Node's `IncomingMessage` is also what an outbound `http.get` callback receives; a server
   * listener is told apart by taking the response as well.
   */
  readonly needsResponse?: boolean;
}

const EXPRESS_ROLES: readonly ParamRole[] = ['request', 'response', 'next'];
const KOA_ROLES: readonly ParamRole[] = ['context', 'next'];

/** Types of a handler's first parameter, by `refToString` of the export. */
const REQUEST_TYPES: Readonly<Record<string, RequestType>> = {
  'express.Request': { framework: 'express', roles: EXPRESS_ROLES },
  'http.IncomingMessage': { framework: 'node-http', roles: EXPRESS_ROLES, needsResponse: true },
  'http2.Http2ServerRequest': { framework: 'node-http', roles: EXPRESS_ROLES, needsResponse: true },
  'fastify.FastifyRequest': { framework: 'fastify', roles: ['request', 'response'] },
  'koa.Context': { framework: 'koa', roles: KOA_ROLES },
  'koa.ParameterizedContext': { framework: 'koa', roles: KOA_ROLES },
  '@koa/router.RouterContext': { framework: 'koa', roles: KOA_ROLES },
  'koa-router.RouterContext': { framework: 'koa', roles: KOA_ROLES },
  'hono.Context': { framework: 'hono', roles: KOA_ROLES },
  'next/server.NextRequest': { framework: 'nextjs', roles: ['request'] },
  'next.NextApiRequest': { framework: 'nextjs', roles: ['request', 'response'] },
};

interface HandlerType {
  readonly framework: Framework;
  /** `undefined`: middleware when it takes `next`, else a route. */
  readonly kind?: HandlerKind;
  readonly roles: readonly ParamRole[];
}

/** Function types of a handler const: `const auth: RequestHandler = (req, res, next) => …`. */
const HANDLER_TYPES: Readonly<Record<string, HandlerType>> = {
  'express.RequestHandler': { framework: 'express', roles: EXPRESS_ROLES },
  'express.ErrorRequestHandler': { framework: 'express', kind: 'error-middleware', roles: ['error', ...EXPRESS_ROLES] },
  'fastify.RouteHandlerMethod': { framework: 'fastify', kind: 'route', roles: ['request', 'response'] },
  'koa.Middleware': { framework: 'koa', kind: 'middleware', roles: KOA_ROLES },
  'hono.MiddlewareHandler': { framework: 'hono', kind: 'middleware', roles: KOA_ROLES },
  'hono.Handler': { framework: 'hono', kind: 'route', roles: KOA_ROLES },
  'next.NextApiHandler': { framework: 'nextjs', kind: 'route', roles: ['request', 'response'] },
};

/** The last name of each known type: annotations with other names are never resolved. */
const TYPE_NAMES = new Set(
  [...Object.keys(REQUEST_TYPES), ...Object.keys(HANDLER_TYPES)].map((ref) => ref.slice(ref.lastIndexOf('.') + 1)),
);

/**
 * Functions recognised by their types alone: a first parameter typed as a framework's request
 * (`req: Request` from express, `c: Context` from hono…), express error middleware
 * `(err, req: Request, res, next)`, or a const typed as a handler. Only resolved names count: a
 * local `interface Request` or the global Web `Request` does not.
 */
export function collectAnnotatedHandlers(ctx: RecognitionContext, functions: readonly FunctionNode[]): void {
  for (const fn of functions) {
    if (!hasAnnotations(fn)) continue;
    if (!collectTypedDeclaration(ctx, fn)) collectTypedParameter(ctx, fn);
  }
}

/** The cheap check first: in plain JavaScript nothing is annotated. */
function hasAnnotations(fn: FunctionNode): boolean {
  const [first, second] = fn.params;
  return (
    (first?.type === 'Identifier' && first.typeAnnotation !== undefined) ||
    (second?.type === 'Identifier' && second.typeAnnotation !== undefined) ||
    (fn.parent?.type === 'VariableDeclarator' && fn.parent.id.typeAnnotation !== undefined)
  );
}

function collectTypedDeclaration(ctx: RecognitionContext, fn: FunctionNode): boolean {
  const declarator = fn.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== fn) return false;
  const reference = knownTypeReference(declarator.id.typeAnnotation?.typeAnnotation);
  const ref = reference && ctx.bindings.resolveTypeName(reference.typeName);
  const type = ref && HANDLER_TYPES[refToString(ref)];
  if (!reference || !type) return false;
  const params = paramsByRole(fn, type.roles);
  ctx.addHandler({
    fn,
    framework: type.framework,
    kind: type.kind ?? (params.next ? 'middleware' : 'route'),
    source: 'type-annotation',
    registration: reference,
    params,
  });
  return true;
}

function collectTypedParameter(ctx: RecognitionContext, fn: FunctionNode): void {
  const params = callParams(fn);
  const first = requestTypeOf(ctx, params[0]);
  if (first) {
    const { type, reference } = first;
    if (type.needsResponse && params.length < 2) return;
    const named = paramsByRole(fn, type.roles);
    ctx.addHandler({
      fn,
      framework: type.framework,
      kind: named.next ? 'middleware' : 'route',
      source: 'type-annotation',
      registration: reference,
      params: named,
    });
    return;
  }
  // Express error middleware: (err, req: Request, res, next).
  const second = params.length === 4 ? requestTypeOf(ctx, params[1]) : undefined;
  if (second?.type.framework === 'express') {
    ctx.addHandler({
      fn,
      framework: 'express',
      kind: 'error-middleware',
      source: 'type-annotation',
      registration: second.reference,
      params: paramsByRole(fn, ['error', ...EXPRESS_ROLES]),
    });
  }
}

function requestTypeOf(
  ctx: RecognitionContext,
  param: TSESTree.Parameter | undefined,
): { type: RequestType; reference: TSESTree.TSTypeReference } | undefined {
  if (param?.type !== 'Identifier') return undefined;
  const reference = knownTypeReference(param.typeAnnotation?.typeAnnotation);
  const ref = reference && ctx.bindings.resolveTypeName(reference.typeName);
  const type = ref && REQUEST_TYPES[refToString(ref)];
  return reference && type ? { type, reference } : undefined;
}

/** A type reference whose last name is one of ours (`Request`, `express.Request`, `Context<Env>`). */
function knownTypeReference(type: Node | undefined): TSESTree.TSTypeReference | undefined {
  if (type?.type !== 'TSTypeReference') return undefined;
  const name = type.typeName.type === 'TSQualifiedName' ? type.typeName.right.name : type.typeName.type === 'Identifier' ? type.typeName.name : undefined;
  return name !== undefined && TYPE_NAMES.has(name) ? type : undefined;
}
