import type { TSESTree } from '@typescript-eslint/utils';

import {
  getStaticPropertyName,
  isFunctionNode,
  skipTransparentWrappers,
  type FunctionNode,
  type Node,
} from '../../utils/ast';
import type { Bindings } from '../bindings';
import type { RecognitionContext } from './recognizer';
import type { AppInfo, Framework, HandlerKind, HandlerParams, HandlerSource } from './types';

/** A function an argument of a registration call hands to the framework, and how we found it. */
export interface RegisteredFunction {
  readonly fn: FunctionNode;
  readonly source: Extract<HandlerSource, 'inline' | 'reference' | 'factory' | 'wrapper'>;
}

// `wrap(wrap(wrap(fn)))` is already unusual; deeper nesting is not worth the walk.
const MAX_DEPTH = 4;

/**
 * The functions `argument` registers: an inline function, a same-file function by name, each
 * element of an array, the function(s) a same-file factory returns (`logging()`), and the
 * argument of a one-argument wrapper call (`asyncHandler(fn)`, also from another module).
 * Anything else (`express.static('x')`, `cors()`, an imported router) registers nothing we can see.
 */
export function registeredFunctions(argument: Node, bindings: Bindings): RegisteredFunction[] {
  const found: RegisteredFunction[] = [];
  collect(argument, bindings, found, 0, false);
  return found;
}

function collect(node: Node, bindings: Bindings, found: RegisteredFunction[], depth: number, wrapped: boolean): void {
  if (depth > MAX_DEPTH) return;
  const bare = skipTransparentWrappers(node);
  if (isFunctionNode(bare)) {
    found.push({ fn: bare, source: wrapped ? 'wrapper' : 'inline' });
    return;
  }
  switch (bare.type) {
    case 'ArrayExpression':
      for (const element of bare.elements) {
        if (element && element.type !== 'SpreadElement') collect(element, bindings, found, depth + 1, wrapped);
      }
      return;
    case 'Identifier': {
      const value = bindings.resolveValue(bare);
      if (isFunctionNode(value)) found.push({ fn: value, source: wrapped ? 'wrapper' : 'reference' });
      else if (value.type === 'CallExpression' || value.type === 'ArrayExpression') {
        // `const auth = authenticate(); app.use(auth)`, `const stack = [a, b]; app.use(stack)`
        collect(value, bindings, found, depth + 1, wrapped);
      }
      return;
    }
    case 'CallExpression': {
      const factory = bindings.resolveFunction(bare.callee);
      if (factory) {
        for (const fn of returnedFunctions(factory, bindings)) found.push({ fn, source: 'factory' });
      }
      const [only, extra] = bare.arguments;
      if (only && !extra && only.type !== 'SpreadElement') collect(only, bindings, found, depth + 1, true);
      return;
    }
    default:
      return;
  }
}

/**
 * The same-file functions `factory` returns: an arrow's expression body, or the argument of a
 * `return` in its own body (not in functions nested in it), inline or by name.
 */
export function returnedFunctions(factory: FunctionNode, bindings: Bindings): FunctionNode[] {
  if (factory.body.type !== 'BlockStatement') {
    const fn = bindings.resolveFunction(factory.body);
    return fn ? [fn] : [];
  }
  const returned: FunctionNode[] = [];
  // Only statements can hold a `return` of this function; expressions would lead into nested functions.
  const statements: TSESTree.Statement[] = [factory.body];
  while (statements.length > 0) {
    const statement = statements.pop()!;
    switch (statement.type) {
      case 'ReturnStatement': {
        const fn = statement.argument && bindings.resolveFunction(statement.argument);
        if (fn && fn !== factory) returned.push(fn);
        break;
      }
      case 'BlockStatement':
        statements.push(...statement.body);
        break;
      case 'IfStatement':
        statements.push(statement.consequent);
        if (statement.alternate) statements.push(statement.alternate);
        break;
      case 'TryStatement':
        statements.push(statement.block);
        if (statement.handler) statements.push(statement.handler.body);
        if (statement.finalizer) statements.push(statement.finalizer);
        break;
      case 'SwitchStatement':
        for (const switchCase of statement.cases) statements.push(...switchCase.consequent);
        break;
      case 'LabeledStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        statements.push(statement.body);
        break;
      default:
        break;
    }
  }
  return returned.reverse();
}

/** A function's parameters without a TypeScript `this` parameter, which the caller never passes. */
export function callParams(fn: FunctionNode): TSESTree.Parameter[] {
  const [first] = fn.params;
  return first?.type === 'Identifier' && first.name === 'this' ? fn.params.slice(1) : fn.params;
}

export type ParamRole = keyof HandlerParams;

/** Names the parameters by position: `[request, response, next]` for `(req, res, next)`. Destructured ones stay unnamed. */
export function paramsByRole(fn: FunctionNode, roles: readonly (ParamRole | undefined)[], offset = 0): HandlerParams {
  const params = callParams(fn);
  const named: { [Role in ParamRole]?: TSESTree.Identifier } = {};
  roles.forEach((role, index) => {
    const identifier = paramIdentifier(params[offset + index]);
    if (role && identifier) named[role] = identifier;
  });
  return named;
}

function paramIdentifier(param: TSESTree.Parameter | undefined): TSESTree.Identifier | undefined {
  if (param?.type === 'Identifier') return param;
  if (param?.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left;
  return undefined;
}

/** What a registration call makes of the functions it registers. */
export interface Registration {
  readonly framework: Framework;
  readonly registration: Node;
  readonly app?: AppInfo;
  describe(fn: FunctionNode): { kind: HandlerKind; params: HandlerParams };
}

/** Records every function the arguments register (see `registeredFunctions`). */
export function registerArguments(
  ctx: RecognitionContext,
  args: readonly (TSESTree.CallExpressionArgument | Node)[],
  { describe, ...registration }: Registration,
): void {
  for (const argument of args) {
    if (argument.type === 'SpreadElement') continue;
    for (const { fn, source } of registeredFunctions(argument, ctx.bindings)) {
      ctx.addHandler({ fn, source, ...registration, ...describe(fn) });
    }
  }
}

/** The method name of `x.name(…)` / `x['name'](…)`, or `undefined`. */
export function calledMethodName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  if (!callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return getStaticPropertyName(callee);
}
