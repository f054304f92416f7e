import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticString } from '../../utils/ast';
import type { RecognitionContext } from './recognizer';
import { callParams, paramsByRole, registeredFunctions } from './registration';

type Variable = TSESLint.Scope.Variable;

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all', 'use']);

/** Browser-script globals with the same shape: `$.get('/api/users', (data) => render(data))`. */
const CLIENT_GLOBALS = new Set(['$', 'jQuery', 'axios', 'superagent']);

/**
 * `x.get('/path', fn)` on a receiver the file cannot see the creation of — an app imported from
 * another project file, or an undeclared global other than a known client (`$`, `axios`) — counts as a
 * route of framework `unknown`.
 * Everything else stays silent: receivers the file knows are not apps (`new Map()`, axios, an
 * object literal, a class's `this`), parameters of unknown type, non-path first arguments, and
 * callbacks without parameters (`cache.get('/k', () => load())`).
 */
export function collectUnknownReceiverRoutes(ctx: RecognitionContext, candidates: readonly TSESTree.CallExpression[]): void {
  for (const call of candidates) {
    const receiver = (call.callee as TSESTree.MemberExpression).object;
    if (receiver.type !== 'Identifier' || !isOpaque(ctx, receiver)) continue;
    // An app the model knows was handled (or deliberately ignored) by its framework.
    if (ctx.resolveApp(receiver)) continue;
    for (const argument of call.arguments.slice(1)) {
      if (argument.type === 'SpreadElement') continue;
      for (const { fn, source } of registeredFunctions(argument, ctx.bindings)) {
        // Zero-parameter callbacks are loaders and factories (`cache.get('/k', () => load())`), never handlers.
        if (callParams(fn).length === 0) continue;
        ctx.addHandler({
          fn,
          framework: 'unknown',
          kind: 'route',
          source,
          registration: call,
          // Express's shape is by far the most common for `(path, fn)` routing.
          params: paramsByRole(fn, ['request', 'response', 'next']),
        });
      }
    }
  }
}

/** `x.<verb>('/path', …)`: the calls `collectUnknownReceiverRoutes` looks at (`method` is the call's method name). */
export function isUnknownRouteCandidate(call: TSESTree.CallExpression, method: string): boolean {
  if (!ROUTE_METHODS.has(method) || call.arguments.length < 2) return false;
  const path = getStaticString(call.arguments[0]);
  return path !== undefined && path.startsWith('/');
}

const OPAQUE_VARIABLES = {};

/** Whether nothing in the file says what `identifier` is: an undeclared global, or a project module's export. */
function isOpaque(ctx: RecognitionContext, identifier: TSESTree.Identifier): boolean {
  const variable = ctx.bindings.findVariable(identifier);
  if (!variable || variable.defs.length === 0) return !CLIENT_GLOBALS.has(identifier.name);
  // A router is usually used for many routes: decide once per variable.
  const cache = ctx.memo(OPAQUE_VARIABLES, () => new Map<Variable, boolean>());
  let opaque = cache.get(variable);
  if (opaque === undefined) cache.set(variable, (opaque = isOpaqueVariable(ctx, variable, identifier)));
  return opaque;
}

function isOpaqueVariable(ctx: RecognitionContext, variable: Variable, identifier: TSESTree.Identifier): boolean {
  const def = variable.defs[0]!;
  if (variable.defs.length !== 1 || (def.type !== 'ImportBinding' && def.type !== 'Variable')) return false;
  // `import app from './app'`, `const { router } = require('../routes')`
  const ref = ctx.bindings.resolve(identifier);
  if (ref) return isProjectModule(ref.module);
  // `const app = createApp()` with `createApp` from a project module
  const value = ctx.bindings.resolveValue(identifier);
  if (value.type !== 'CallExpression') return false;
  const callee = ctx.bindings.resolveCallee(value);
  return callee !== undefined && isProjectModule(callee.module);
}

/** A relative path or a common project alias (`@/`, `~/`, `#internal`): not a package we could know. */
function isProjectModule(specifier: string): boolean {
  return /^(?:\.|\/|~\/|@\/|#)/.test(specifier);
}
