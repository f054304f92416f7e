import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, isFunctionNode, skipTransparentWrappers, type FunctionNode, type Node } from '../utils/ast';
import type { HandlerInfo } from './frameworks';
import { isPagesApiFile } from './frameworks/nextjs';
import { callParams } from './frameworks/registration';
import type { FileModel } from './index';
import { modelPart } from './part';

type Variable = TSESLint.Scope.Variable;

/**
 * - `node`: a Node `ServerResponse` (node:http, express, Next.js Pages API, NestJS `@Res()`);
 * - `reply`: a fastify reply;
 * - `koa-context`: a koa `ctx`, which responds through `ctx.body =` / `ctx.status =`.
 */
export type ResponseKind = 'node' | 'reply' | 'koa-context';

/** Calls that send (or finish sending) the response. */
const ENDING_METHODS: Readonly<Record<ResponseKind, ReadonlySet<string>>> = {
  node: new Set(['end', 'send', 'json', 'jsonp', 'sendStatus', 'sendFile', 'download', 'redirect', 'render']),
  reply: new Set(['send', 'redirect', 'callNotFound']),
  'koa-context': new Set(['throw', 'redirect', 'attachment']),
};

/** Calls that return the response, so a chain `res.status(413).json(…)` stays on it. */
const CHAINING_METHODS: Readonly<Record<ResponseKind, ReadonlySet<string>>> = {
  node: new Set(['status', 'set', 'header', 'type', 'location', 'cookie', 'clearCookie', 'append', 'vary', 'attachment', 'links', 'writeHead', 'setHeader', 'contentType']),
  reply: new Set(['code', 'status', 'header', 'headers', 'type', 'serializer', 'removeHeader']),
  'koa-context': new Set(),
};

/** Koa context properties whose assignment is the response. */
const KOA_RESPONSE_PROPERTIES = new Set(['body', 'status']);

const MAX_ROUNDS = 4;

/** A place a handler sends its response. */
export interface ResponseAction {
  /** The call or assignment that responds. */
  readonly node: TSESTree.CallExpression | TSESTree.AssignmentExpression;
  readonly kind: ResponseKind;
  /**
   * `direct`: a response method (`res.end()`, `reply.send()`, `ctx.body = …`);
   * `handed-off`: the response is passed to a function (`sendJson(res, 413, …)`, `pipeline(file, res)`),
   * which responds as far as the caller can tell.
   */
  readonly how: 'direct' | 'handed-off';
}

/**
 * The server responses of a file: the response parameters of recognised handlers (and of
 * same-file functions handlers pass them to), and where they are sent. Web handlers (Next.js App
 * Router, hono) respond by returning a `Response` and have none.
 */
export class ServerResponses {
  readonly #model: FileModel;
  readonly #variables = new Map<Variable, ResponseKind>();

  constructor(model: FileModel) {
    this.#model = model;
    for (const handler of model.frameworks.handlers) this.#addHandler(handler);
    this.#followCalls();
  }

  get isEmpty(): boolean {
    return this.#variables.size === 0;
  }

  /** The kind of server response `node` is (a name bound to one), or `undefined`. */
  kindOf(node: Node): ResponseKind | undefined {
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier') return undefined;
    const variable = this.#model.bindings.findVariable(bare);
    return variable ? this.#variables.get(variable) : undefined;
  }

  /** Whether `node` sends a response, and how. */
  responseAction(node: TSESTree.CallExpression | TSESTree.AssignmentExpression): ResponseAction | undefined {
    if (node.type === 'AssignmentExpression') {
      const left = skipTransparentWrappers(node.left);
      if (left.type !== 'MemberExpression' || !KOA_RESPONSE_PROPERTIES.has(getStaticPropertyName(left) ?? '')) return undefined;
      let object = skipTransparentWrappers(left.object);
      // ctx.response.body = …
      if (object.type === 'MemberExpression' && getStaticPropertyName(object) === 'response') object = skipTransparentWrappers(object.object);
      return this.kindOf(object) === 'koa-context' ? { node, kind: 'koa-context', how: 'direct' } : undefined;
    }
    const callee = skipTransparentWrappers(node.callee);
    if (callee.type === 'MemberExpression') {
      const method = getStaticPropertyName(callee);
      if (method !== undefined) {
        const root = this.#chainRoot(callee.object);
        if (root) {
          if (ENDING_METHODS[root.kind].has(method)) return { node, kind: root.kind, how: 'direct' };
          return undefined; // another method of the response (setHeader, write, on, …)
        }
        // ctx.res.end(…), reply.raw.end(…): the Node response under a framework's object.
        const object = skipTransparentWrappers(callee.object);
        if (object.type === 'MemberExpression' && ENDING_METHODS.node.has(method)) {
          const holder = this.kindOf(object.object);
          const property = getStaticPropertyName(object);
          if ((holder === 'koa-context' && property === 'res') || (holder === 'reply' && property === 'raw')) {
            return { node, kind: 'node', how: 'direct' };
          }
        }
      }
    }
    for (const argument of node.arguments) {
      if (argument.type === 'SpreadElement') continue;
      const kind = this.kindOf(argument);
      if (kind === 'node' || kind === 'reply') return { node, kind, how: 'handed-off' };
    }
    return undefined;
  }

  /** `res`, `res.status(413)`, `reply.code(400).header(…)`: the response a chain starts from. */
  #chainRoot(node: Node, depth = 0): { kind: ResponseKind } | undefined {
    const current = skipTransparentWrappers(node);
    if (current.type === 'CallExpression') {
      const callee = skipTransparentWrappers(current.callee);
      if (depth >= 8 || callee.type !== 'MemberExpression') return undefined;
      const root = this.#chainRoot(callee.object, depth + 1);
      return root && CHAINING_METHODS[root.kind].has(getStaticPropertyName(callee) ?? '') ? root : undefined;
    }
    const kind = this.kindOf(current);
    return kind ? { kind } : undefined;
  }

  #addHandler(handler: HandlerInfo): void {
    const { response, context } = handler.params;
    switch (handler.framework) {
      case 'node-http':
      case 'express':
      case 'nestjs':
      case 'unknown':
        if (response) this.#set(response, 'node');
        return;
      case 'nextjs':
        if (response && (handler.source === 'type-annotation' || isPagesApiFile(this.#model.filename))) this.#set(response, 'node');
        return;
      case 'fastify':
        if (response) this.#set(response, 'reply');
        return;
      case 'koa':
        if (context) this.#set(context, 'koa-context');
        return;
      case 'hono':
        return;
    }
  }

  /** `sendJson(res, …)`: the helper's parameter receives the response. Repeated for helpers of helpers. */
  #followCalls(): void {
    if (this.isEmpty) return;
    const { bindings, nodes } = this.#model;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      let added = false;
      for (const call of nodes.calls) {
        if (call.arguments.length === 0 || call.callee.type !== 'Identifier') continue;
        let callee: FunctionNode | undefined;
        call.arguments.forEach((argument, index) => {
          const kind = argument.type === 'Identifier' ? this.kindOf(argument) : undefined;
          if (!kind) return;
          callee ??= bindings.resolveFunction(call.callee);
          if (!callee || !isFunctionNode(callee)) return;
          const param = callParams(callee)[index];
          if (param?.type !== 'Identifier') return;
          const variable = bindings.findVariable(param);
          if (!variable || this.#variables.has(variable)) return;
          this.#variables.set(variable, kind);
          added = true;
        });
      }
      if (!added) return;
    }
  }

  #set(param: TSESTree.Identifier, kind: ResponseKind): void {
    const variable = this.#model.bindings.findVariable(param);
    if (variable && !this.#variables.has(variable)) this.#variables.set(variable, kind);
  }
}

/**
 * `res.setHeader('Connection', 'close')`, `res.writeHead(413, { connection: 'close' })`,
 * `reply.header('connection', 'close')`: after this response Node closes the connection, so an
 * unread rest of the request body cannot stall it (the uploading client may see EPIPE instead).
 */
export function setsConnectionClose(call: TSESTree.CallExpression): boolean {
  const [first, second] = call.arguments;
  if (/^connection$/i.test(getStaticString(first) ?? '') && /^close$/i.test(getStaticString(second) ?? '')) return true;
  return call.arguments.some(
    (argument) =>
      argument.type === 'ObjectExpression' &&
      argument.properties.some(
        (property) =>
          property.type === 'Property' &&
          /^connection$/i.test(getStaticPropertyName(property) ?? '') &&
          /^close$/i.test(getStaticString(property.value) ?? ''),
      ),
  );
}

/** The file's server responses, computed once per file model. */
export const getServerResponses = modelPart((model) => new ServerResponses(model));
