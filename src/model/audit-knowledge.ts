import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../utils/ast';
import type { AppKind, Framework, HandlerInfo, HandlerKind } from './frameworks/types';
import { callParams, paramsByRole, type ParamRole } from './frameworks/registration';

/**
 * What the `http-resilience audit` command knows about a file from the rest of the program, and a
 * lint of one file cannot: functions another module registers as handlers, names that hold an
 * app created in another module, and functions that a handler in another module calls.
 *
 * Only the audit sets it, through `setAuditKnowledge` on a SourceCode it created itself; ESLint
 * never does, so per-file linting (and its cache) is unaffected: every part of the model that
 * reads it behaves exactly as before when there is none.
 */
export interface AuditKnowledge {
  /** Functions of this file registered as handlers by another module. */
  readonly handlers: readonly InjectedHandler[];
  /** Names of this file (import bindings, `const`s, parameters) that hold an app, router or fastify instance made elsewhere. */
  readonly apps: readonly InjectedApp[];
  /** Functions of this file that run per request because a handler in another module calls them. */
  readonly perRequest: readonly InjectedPerRequest[];
}

/** Ranges are the file's own character offsets, as ESLint's AST gives them. */
export type Range = readonly [number, number];

export interface InjectedHandler {
  /** Where the function's body starts (its first character, `{` or the expression of an arrow). */
  readonly bodyStart: number;
  readonly framework: Framework;
  /** `route` or `middleware` as registered; express error middleware is told by arity, as express does. */
  readonly kind: HandlerKind;
}

export interface InjectedApp {
  /** The identifier that declares the name: an import's local name, a `const`, a parameter. */
  readonly binding: Range;
  readonly framework: Framework;
  readonly kind: AppKind;
}

export interface InjectedPerRequest {
  readonly bodyStart: number;
  /** The framework of the handler that calls it (for the synthetic handler rules see). */
  readonly framework: Framework;
}

// Keyed by a SourceCode object the audit creates for one lint: nothing else can reach it.
const knowledge = new WeakMap<object, AuditKnowledge>();

/** For the audit command only: what the program says about the file `sourceCode` holds. */
export function setAuditKnowledge(sourceCode: Readonly<TSESLint.SourceCode>, known: AuditKnowledge): void {
  knowledge.set(sourceCode, known);
}

export function getAuditKnowledge(sourceCode: Readonly<TSESLint.SourceCode>): AuditKnowledge | undefined {
  return knowledge.get(sourceCode);
}

/** The parameters a framework passes a handler of that kind, by position. */
function rolesFor(framework: Framework, kind: HandlerKind, fn: FunctionNode): { kind: HandlerKind; roles: readonly (ParamRole | undefined)[] } {
  switch (framework) {
    case 'koa':
    case 'hono':
      return { kind, roles: ['context', 'next'] };
    case 'fastify':
      return { kind, roles: ['request', 'response'] };
    case 'node-http':
      return { kind, roles: ['request', 'response'] };
    case 'express':
    case 'unknown':
    default:
      // Express tells error middleware by arity, wherever it is registered.
      if (callParams(fn).length === 4) return { kind: 'error-middleware', roles: ['error', 'request', 'response', 'next'] };
      return { kind, roles: ['request', 'response', 'next'] };
  }
}

/** The functions of `functions` that the knowledge names as handlers, described as their framework would call them. */
export function injectedHandlers(known: AuditKnowledge, functions: readonly FunctionNode[]): HandlerInfo[] {
  if (known.handlers.length === 0) return [];
  const byBody = new Map<number, FunctionNode>();
  for (const fn of functions) byBody.set(fn.body.range[0], fn);
  const handlers: HandlerInfo[] = [];
  for (const injected of known.handlers) {
    const fn = byBody.get(injected.bodyStart);
    if (!fn) continue;
    const { kind, roles } = rolesFor(injected.framework, injected.kind, fn);
    handlers.push({
      fn,
      framework: injected.framework,
      kind,
      // A function passed by name, as far as the rules are concerned: from another module.
      source: 'reference',
      registration: fn,
      params: paramsByRole(fn, roles),
    });
  }
  return handlers;
}

/**
 * The functions the knowledge says run per request, each with a stand-in handler for the reason:
 * its framework and no parameters, registered nowhere (rules about handlers themselves never see
 * it; only rules about what runs per request do).
 */
export function injectedPerRequest(known: AuditKnowledge | undefined, functions: readonly FunctionNode[]): Map<FunctionNode, HandlerInfo> {
  const result = new Map<FunctionNode, HandlerInfo>();
  if (!known || known.perRequest.length === 0) return result;
  const byBody = new Map<number, FunctionNode>();
  for (const fn of functions) byBody.set(fn.body.range[0], fn);
  for (const injected of known.perRequest) {
    const fn = byBody.get(injected.bodyStart);
    if (!fn) continue;
    result.set(fn, { fn, framework: injected.framework, kind: 'route', source: 'reference', registration: fn, params: {} });
  }
  return result;
}

/** The app an identifier declares, when the knowledge names it. */
export function injectedApp(known: AuditKnowledge | undefined, identifier: TSESTree.Identifier): InjectedApp | undefined {
  if (!known || known.apps.length === 0) return undefined;
  return known.apps.find((app) => app.binding[0] === identifier.range[0] && app.binding[1] === identifier.range[1]);
}
