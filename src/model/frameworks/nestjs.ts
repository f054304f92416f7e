import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, type Node } from '../../utils/ast';
import { refToString } from '../bindings';
import type { FrameworkRecognizer, RecognitionContext } from './recognizer';
import { paramsByRole, type ParamRole } from './registration';
import type { HandlerParams } from './types';

const COMMON = '@nestjs/common';

const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'Search', 'Sse']);

const PARAM_DECORATOR_ROLES: Readonly<Record<string, ParamRole>> = {
  Req: 'request',
  Request: 'request',
  Res: 'response',
  Response: 'response',
  Next: 'next',
};

/** `await NestFactory.create(AppModule)`: the Nest application. */
export const nestjs: FrameworkRecognizer = {
  framework: 'nestjs',
  modules: ['@nestjs/core', COMMON],
  factories: { '@nestjs/core.NestFactory.create': { kind: 'app', construct: 'call' } },
  methods: new Set(),
};

/** The `@nestjs/common` export a decorator applies: `Get` for `@Get()` / `@Get`. */
function decoratorName(ctx: RecognitionContext, decorator: TSESTree.Decorator): string | undefined {
  const expression = decorator.expression;
  const ref = ctx.bindings.resolve(expression.type === 'CallExpression' ? expression.callee : expression);
  return ref?.module === COMMON && ref.path.length === 1 ? ref.path[0] : undefined;
}

/** Controller route methods (`@Get()` in a `@Controller()` class) and `NestMiddleware.use` methods. */
export function collectNestHandlers(ctx: RecognitionContext, classes: readonly (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[]): void {
  for (const classNode of classes) {
    // espree leaves out the TS-only arrays (`decorators`, `implements`).
    if ((classNode.decorators ?? []).some((decorator) => decoratorName(ctx, decorator) === 'Controller')) {
      collectControllerRoutes(ctx, classNode);
    }
    const middlewareClause = (classNode.implements ?? []).find((clause) => implementsNestMiddleware(ctx, clause));
    if (middlewareClause) collectMiddlewareUse(ctx, classNode, middlewareClause);
  }
}

function collectControllerRoutes(ctx: RecognitionContext, classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void {
  for (const member of classNode.body.body) {
    // Overload signatures and abstract methods have no body to run.
    if (member.type !== 'MethodDefinition' || member.kind !== 'method' || member.value.type !== 'FunctionExpression') continue;
    const routeDecorator = (member.decorators ?? []).find((decorator) => ROUTE_DECORATORS.has(decoratorName(ctx, decorator) ?? ''));
    if (!routeDecorator) continue;
    ctx.addHandler({
      fn: member.value,
      framework: 'nestjs',
      kind: 'route',
      source: 'decorator',
      registration: routeDecorator,
      params: paramsFromDecorators(ctx, member.value.params),
    });
  }
}

/** Nest injects by parameter decorator, not by position: `@Req() req`, `@Res() res`, `@Next() next`. */
function paramsFromDecorators(ctx: RecognitionContext, params: readonly TSESTree.Parameter[]): HandlerParams {
  const named: { [Role in ParamRole]?: TSESTree.Identifier } = {};
  for (const param of params) {
    if (param.type !== 'Identifier') continue;
    for (const decorator of param.decorators ?? []) {
      const role = PARAM_DECORATOR_ROLES[decoratorName(ctx, decorator) ?? ''];
      if (role) named[role] = param;
    }
  }
  return named;
}

function implementsNestMiddleware(ctx: RecognitionContext, clause: TSESTree.TSClassImplements): boolean {
  const expression: Node = clause.expression;
  const ref =
    expression.type === 'Identifier' ? ctx.bindings.resolveTypeName(expression) : ctx.bindings.resolve(expression);
  return ref !== undefined && refToString(ref) === `${COMMON}.NestMiddleware`;
}

/** `class Logger implements NestMiddleware { use(req, res, next) {…} }`: express-style middleware. */
function collectMiddlewareUse(
  ctx: RecognitionContext,
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  clause: TSESTree.TSClassImplements,
): void {
  for (const member of classNode.body.body) {
    if (member.type !== 'MethodDefinition' || member.static || member.value.type !== 'FunctionExpression') continue;
    if (getStaticPropertyName(member) !== 'use') continue;
    ctx.addHandler({
      fn: member.value,
      framework: 'nestjs',
      kind: 'middleware',
      source: 'type-annotation',
      registration: clause,
      params: paramsByRole(member.value, ['request', 'response', 'next']),
    });
  }
}
