import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, Node } from '../../utils/ast';
import { getAuditKnowledge, injectedApp, injectedHandlers } from '../audit-knowledge';
import type { FileModel } from '../index';
import { getTestCode } from '../test-code';
import { mentions, wordGate } from '../vocabulary';
import type { CollectedNodes } from '../walk';
import { collectAnnotatedHandlers } from './annotations';
import { AppResolver } from './apps';
import { express } from './express';
import { fastify } from './fastify';
import { hono } from './hono';
import { scanFrameworkImports, type FrameworkImports } from './imports';
import { koa } from './koa';
import { collectNestHandlers, nestjs } from './nestjs';
import { collectNextjsHandlers, isPagesApiFile, isRouteFile } from './nextjs';
import { nodeHttp } from './node-http';
import type { FrameworkRecognizer, RecognitionContext } from './recognizer';
import { calledMethodName } from './registration';
import type { AppInfo, HandlerInfo } from './types';
import { collectUnknownReceiverRoutes, isUnknownRouteCandidate } from './unknown-receiver';

export type * from './types';

const RECOGNIZERS: readonly FrameworkRecognizer[] = [nodeHttp, express, koa, fastify, hono, nestjs];

/** Modules that can give a file an app, a handler type or a Nest decorator. */
const FRAMEWORK_MODULES: ReadonlySet<string> = new Set([
  ...RECOGNIZERS.flatMap((recognizer) => recognizer.modules),
  'next', // NextApiRequest
  'next/server', // NextRequest
]);

/** Member names whose calls may create, derive, chain or register on an app: all others are skipped unresolved. */
const METHOD_NAMES: ReadonlySet<string> = new Set(RECOGNIZERS.flatMap((recognizer) => [...recognizer.methods]));

/** A framework module's specifier: what a file that loads one (and so may hold an app) contains. */
const FRAMEWORK_WORDS = wordGate({ modules: FRAMEWORK_MODULES });

/**
 * A string starting with `/` (or an escape) written as a call's first argument: only such an
 * argument makes `x.get('/path', fn)` a route. Found by the same scan of the text as the modules.
 */
const ROUTE_PATH_WORDS = wordGate({ firstArgumentStarts: ['/', '\\'] });

const NO_IMPORTS: FrameworkImports = { modules: new Set(), localNames: new Set() };

/**
 * Cheap test: `false` when the file loads no framework module (nor `http`, `http2`, `next`),
 * so it can hold no app, router or server, and no parameter typed as a framework's request.
 */
export function mayHaveApps(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // The audit may know of apps and handlers this file's text cannot show (made in another module).
  return mentions(sourceCode, FRAMEWORK_WORDS) || getAuditKnowledge(sourceCode) !== undefined;
}

/**
 * Cheap test: `false` when the file can hold no handler — no app (`mayHaveApps`), not a Next.js
 * route file, and no call whose first argument is a string starting with `/` (an unknown
 * receiver's route). Rules about handlers and requests skip such files before building anything.
 */
export function mayHaveHandlers(model: FileModel): boolean {
  const { sourceCode, filename } = model;
  return mayHaveApps(sourceCode) || isRouteFile(filename) || isPagesApiFile(filename) || mentions(sourceCode, ROUTE_PATH_WORDS);
}

/**
 * Cheap test for the rules about production handlers: `false` when the file can hold no handler
 * (`mayHaveHandlers`) or is a test file, whose servers serve only the test, under its runner.
 * `cwd`: ESLint's working directory (`context.cwd`), as for `getTestCode`.
 */
export function mayHaveProductionHandlers(model: FileModel, cwd: string | undefined): boolean {
  return mayHaveHandlers(model) && !getTestCode(model, cwd).isTestFile;
}

interface Built {
  readonly resolver: AppResolver;
  readonly apps: readonly AppInfo[];
  readonly handlers: readonly HandlerInfo[];
  readonly byFunction: ReadonlyMap<FunctionNode, HandlerInfo>;
}

/**
 * Apps, routers and servers in a file, and the handlers and middleware registered on them.
 * Everything is found on first access, in one pass over the calls the model already collected;
 * a file that loads no framework module only gets the checks that need no import (Next.js file
 * conventions, routes on an unknown receiver).
 */
export class FrameworkIndex {
  readonly #model: FileModel;
  #built?: Built;

  constructor(model: FileModel) {
    this.#model = model;
  }

  /** Every app, router, route and server the file creates, in source order. */
  get apps(): readonly AppInfo[] {
    return this.#build().apps;
  }

  /** Recognised handlers, one per function (its first registration), in source order. */
  get handlers(): readonly HandlerInfo[] {
    return this.#build().handlers;
  }

  getHandler(fn: FunctionNode): HandlerInfo | undefined {
    return this.#build().byFunction.get(fn);
  }

  /** The app, router, route or server `node` evaluates to, if the file shows it. */
  resolveApp(node: Node): AppInfo | undefined {
    return this.#build().resolver.resolve(node);
  }

  #build(): Built {
    if (this.#built) return this.#built;
    const model = this.#model;
    const program = model.sourceCode.ast as TSESTree.Program;
    // A file without a framework specifier loads none: its imports need no scan of its calls.
    const imports = mayHaveApps(model.sourceCode) ? scanFrameworkImports(program, model.nodes.calls, FRAMEWORK_MODULES) : NO_IMPORTS;
    const known = getAuditKnowledge(model.sourceCode);

    const byFunction = new Map<FunctionNode, HandlerInfo>();
    const memos = new Map<object, unknown>();
    const ctx: RecognitionContext = {
      bindings: model.bindings,
      // Read only when some call is worth visiting: files with neither apps nor routes never walk the AST.
      get nodes(): CollectedNodes {
        return model.nodes;
      },
      imports,
      resolveApp: (node) => resolver.resolve(node),
      deriveApp: (node, kind, parent) => resolver.derive(node, kind, parent),
      addHandler(handler) {
        if (!byFunction.has(handler.fn)) byFunction.set(handler.fn, handler);
      },
      memo<T>(key: object, create: () => T): T {
        if (!memos.has(key)) memos.set(key, create());
        return memos.get(key) as T;
      },
    };
    const resolver = new AppResolver(ctx, RECOGNIZERS, nodeHttp, known && ((identifier) => injectedApp(known, identifier)));

    // Earlier passes win for a function found twice: a registration knows its app, an annotation does not.
    const appsPossible = imports.modules.size > 0 || (known !== undefined && known.apps.length > 0);
    // Without apps the calls are visited only for unknown receivers' routes, which need a `'/path'` argument.
    const unknownRouteCandidates = appsPossible || mentions(model.sourceCode, ROUTE_PATH_WORDS) ? this.#visitCalls(ctx, resolver, appsPossible) : [];
    if (appsPossible) {
      for (const node of ctx.nodes.news) if (resolver.mayBeFactoryCall(node)) resolver.resolve(node);
      if (imports.modules.has('@nestjs/common')) collectNestHandlers(ctx, ctx.nodes.classes);
    }
    collectNextjsHandlers(ctx, program, model.filename);
    if (appsPossible) collectAnnotatedHandlers(ctx, ctx.nodes.functions);
    collectUnknownReceiverRoutes(ctx, unknownRouteCandidates);
    // Last: what the file shows itself wins over what the audit knows from other modules.
    if (known) for (const handler of injectedHandlers(known, ctx.nodes.functions)) ctx.addHandler(handler);

    this.#built = {
      resolver,
      apps: [...resolver.apps].sort((a, b) => a.node.range[0] - b.node.range[0]),
      handlers: [...byFunction.values()].sort((a, b) => a.fn.range[0] - b.fn.range[0]),
      byFunction,
    };
    return this.#built;
  }

  /**
   * The one pass over the file's calls: resolves creations and the receivers of calls whose method
   * name some framework uses, registers what they register, and returns the `x.get('/path', fn)`
   * calls left for the unknown-receiver check.
   */
  #visitCalls(ctx: RecognitionContext, resolver: AppResolver, appsPossible: boolean): TSESTree.CallExpression[] {
    const unknownRouteCandidates: TSESTree.CallExpression[] = [];
    for (const call of ctx.nodes.calls) {
      const callee = call.callee;
      if (callee.type !== 'MemberExpression') {
        // express(), createServer(fn), require('fastify')()
        if (appsPossible && resolver.mayBeFactoryCall(call)) resolver.resolve(call);
        continue;
      }
      const method = calledMethodName(call);
      if (method === undefined) continue;
      if (isUnknownRouteCandidate(call, method)) unknownRouteCandidates.push(call);
      if (!appsPossible) continue;
      if (resolver.factoryMemberNames.has(method)) resolver.resolve(call); // http.createServer(fn)
      if (!METHOD_NAMES.has(method)) continue;
      const receiver = resolver.resolve(callee.object);
      if (!receiver) continue;
      resolver.resolve(call); // records what it derives: `app.listen()`, `app.route('/p')`
      resolver.recognizerFor(receiver)?.register?.(ctx, call, method, receiver);
    }
    return unknownRouteCandidates;
  }
}
