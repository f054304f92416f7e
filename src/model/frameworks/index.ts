import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode, Node } from '../../utils/ast';
import type { FileModel } from '../index';
import { collectAnnotatedHandlers } from './annotations';
import { AppResolver } from './apps';
import { express } from './express';
import { fastify } from './fastify';
import { hono } from './hono';
import { scanFrameworkImports } from './imports';
import { koa } from './koa';
import { collectNestHandlers, nestjs } from './nestjs';
import { collectNextjsHandlers } from './nextjs';
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
    const { nodes } = model;
    const program = model.sourceCode.ast as TSESTree.Program;
    const imports = scanFrameworkImports(program, nodes.calls, FRAMEWORK_MODULES);

    const byFunction = new Map<FunctionNode, HandlerInfo>();
    const memos = new Map<object, unknown>();
    const ctx: RecognitionContext = {
      bindings: model.bindings,
      nodes,
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
    const resolver = new AppResolver(ctx, RECOGNIZERS, nodeHttp);

    // Earlier passes win for a function found twice: a registration knows its app, an annotation does not.
    const appsPossible = imports.modules.size > 0;
    const unknownRouteCandidates = this.#visitCalls(ctx, resolver, appsPossible);
    if (appsPossible) {
      for (const node of nodes.news) if (resolver.mayBeFactoryCall(node)) resolver.resolve(node);
      if (imports.modules.has('@nestjs/common')) collectNestHandlers(ctx, nodes.classes);
    }
    collectNextjsHandlers(ctx, program, model.filename);
    if (appsPossible) collectAnnotatedHandlers(ctx, nodes.functions);
    collectUnknownReceiverRoutes(ctx, unknownRouteCandidates);

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
