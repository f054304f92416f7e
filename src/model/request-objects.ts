import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunctionNode, skipTransparentWrappers, type FunctionNode, type Node } from '../utils/ast';
import { refToString } from './bindings';
import { mayHaveApps, type HandlerInfo } from './frameworks';
import { isPagesApiFile } from './frameworks/nextjs';
import { callParams } from './frameworks/registration';
import type { FileModel } from './index';
import { modelPart } from './part';

type Variable = TSESLint.Scope.Variable;

/** Where a server request (a Node `IncomingMessage` being received) comes from. */
export interface RequestOrigin {
  /** The handler whose request it is; `undefined` for a parameter known only by its type. */
  readonly handler?: HandlerInfo;
  /** The parameter that holds it (or holds the object it hangs on: koa `ctx`, fastify `request`). */
  readonly param: TSESTree.Identifier;
  /** Same-file calls that pass the request on to the function that uses it, outermost first. */
  readonly via: readonly TSESTree.CallExpression[];
}

/** Where the Node request hangs on a framework's own object: koa `ctx.req`, fastify `request.raw`. */
const KOA_PATHS: readonly (readonly string[])[] = [['req'], ['request', 'req']];
const FASTIFY_PATHS: readonly (readonly string[])[] = [['raw']];

/** Next.js annotations whose request is a Node `IncomingMessage` (Pages Router) rather than a Web `Request`. */
const NEXT_NODE_TYPES = new Set(['next.NextApiRequest', 'next.NextApiHandler']);

/** Types of a parameter that is a Node server request when the function is not a known handler. */
const REQUEST_TYPES = new Set(['http.IncomingMessage', 'http2.Http2ServerRequest']);

/**
 * `IncomingMessage` is also what `http.get` hands a client, so a lone parameter of that type is
 * taken for a server request only under a server-side name.
 */
const SERVER_REQUEST_NAMES = new Set(['req', 'request', 'incomingRequest', 'serverRequest']);

// Passing the request through more same-file helpers than this is not worth following.
const MAX_ROUNDS = 4;
const MAX_ALIAS_DEPTH = 4;

/**
 * The server requests of a file: which expressions evaluate to the Node `IncomingMessage` a
 * handler is receiving. Sources:
 * - the request parameter of node:http listeners, express and express-shaped routes and
 *   middleware, NestJS `@Req()`, Next.js Pages API routes; koa `ctx.req` / `ctx.request.req`;
 *   fastify `request.raw`. Web `Request`s (Next.js App Router, hono `c.req`) are not Node streams
 *   and never count;
 * - a parameter typed `http.IncomingMessage` / `Http2ServerRequest` under a server-side name;
 * - the parameter of a same-file function that such code calls with the request
 *   (`readBody(req)`), transitively.
 * Aliases through `const` (`const r = req`, `const { req } = ctx`, `const raw = request.raw`) are followed.
 */
export class ServerRequests {
  readonly #model: FileModel;
  /** Variables that hold the request itself. */
  readonly #direct = new Map<Variable, RequestOrigin>();
  /** Variables that hold an object the request hangs on, with the property paths to it. */
  readonly #holders = new Map<Variable, { origin: RequestOrigin; paths: readonly (readonly string[])[] }>();

  constructor(model: FileModel) {
    this.#model = model;
    for (const handler of model.frameworks.handlers) this.#addHandler(handler);
    // The request types are imported from `http`/`http2`, framework specifiers: without one, no
    // parameter can have them, and the file's functions need not be listed.
    if (mayHaveApps(model.sourceCode)) this.#addTypedParams(model.nodes.functions);
    this.#followCalls();
  }

  /** Whether the file has any server request at all (when not, nothing can read one). */
  get isEmpty(): boolean {
    return this.#direct.size === 0 && this.#holders.size === 0;
  }

  /** The origin of the server request `node` evaluates to, or `undefined` when it is not one (or we cannot tell). */
  originOf(node: Node, depth = 0): RequestOrigin | undefined {
    if (depth > MAX_ALIAS_DEPTH) return undefined;
    const bare = skipTransparentWrappers(node);
    const access = memberPath(bare);
    if (!access) return undefined;
    const { bindings } = this.#model;
    const variable = bindings.findVariable(access.base);
    if (!variable) return undefined;
    if (access.path.length === 0) {
      const direct = this.#direct.get(variable);
      if (direct) return direct;
    } else {
      const holder = this.#holders.get(variable);
      if (holder?.paths.some((path) => samePath(path, access.path))) return holder.origin;
    }
    return this.#originOfAlias(variable, access.path, depth);
  }

  /** `const r = req`, `const { req } = ctx`, `const raw = request.raw`: the alias's value, plus `path`. */
  #originOfAlias(variable: Variable, path: readonly string[], depth: number): RequestOrigin | undefined {
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (!declarator.init || declarator.parent.kind !== 'const') return undefined;
    const inner = patternPath(declarator.id, def.name as TSESTree.Identifier);
    if (!inner) return undefined;
    return this.#originOfPath(declarator.init, [...inner, ...path], depth + 1);
  }

  #originOfPath(node: Node, path: readonly string[], depth: number): RequestOrigin | undefined {
    const bare = skipTransparentWrappers(node);
    const access = memberPath(bare);
    if (!access) return undefined;
    const full = [...access.path, ...path];
    if (full.length === 0) return this.originOf(access.base, depth);
    const variable = this.#model.bindings.findVariable(access.base);
    if (!variable) return undefined;
    const holder = this.#holders.get(variable);
    if (holder?.paths.some((candidate) => samePath(candidate, full))) return holder.origin;
    return this.#originOfAlias(variable, full, depth);
  }

  #addHandler(handler: HandlerInfo): void {
    const { request, context } = handler.params;
    const origin = (param: TSESTree.Identifier): RequestOrigin => ({ handler, param, via: [] });
    switch (handler.framework) {
      case 'node-http':
      case 'express':
      case 'nestjs':
      case 'unknown':
        if (request) this.#setDirect(request, origin(request));
        return;
      case 'nextjs':
        if (request && this.#isPagesApi(handler)) this.#setDirect(request, origin(request));
        return;
      case 'koa':
        if (context) this.#setHolder(context, origin(context), KOA_PATHS);
        return;
      case 'fastify':
        if (request) this.#setHolder(request, origin(request), FASTIFY_PATHS);
        return;
      case 'hono':
        return; // `c.req` wraps a Web Request
    }
  }

  /** Pages API routes get a Node request; App Router route handlers get a Web `Request`. */
  #isPagesApi(handler: HandlerInfo): boolean {
    if (handler.source === 'type-annotation') {
      const registration = handler.registration;
      if (registration.type !== 'TSTypeReference') return false;
      const ref = this.#model.bindings.resolveTypeName(registration.typeName);
      return ref !== undefined && NEXT_NODE_TYPES.has(refToString(ref));
    }
    return isPagesApiFile(this.#model.filename);
  }

  #addTypedParams(functions: readonly FunctionNode[]): void {
    for (const fn of functions) {
      for (const param of callParams(fn)) {
        if (param.type !== 'Identifier' || !param.typeAnnotation || !SERVER_REQUEST_NAMES.has(param.name)) continue;
        const type = param.typeAnnotation.typeAnnotation;
        if (type.type !== 'TSTypeReference') continue;
        const ref = this.#model.bindings.resolveTypeName(type.typeName);
        if (ref && REQUEST_TYPES.has(refToString(ref))) this.#setDirect(param, { param, via: [] });
      }
    }
  }

  /** `readBody(req)`: the helper's parameter receives the request. Repeated for helpers of helpers. */
  #followCalls(): void {
    if (this.isEmpty) return;
    const { bindings, nodes } = this.#model;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      let added = false;
      for (const call of nodes.calls) {
        if (call.arguments.length === 0 || call.callee.type !== 'Identifier') continue;
        let callee: FunctionNode | undefined;
        call.arguments.forEach((argument, index) => {
          if (argument.type !== 'Identifier' && argument.type !== 'MemberExpression') return;
          const origin = this.originOf(argument);
          if (!origin) return;
          callee ??= bindings.resolveFunction(call.callee);
          if (!callee || !isFunctionNode(callee)) return;
          const param = callParams(callee)[index];
          if (param?.type !== 'Identifier') return;
          const variable = bindings.findVariable(param);
          if (!variable || this.#direct.has(variable)) return;
          this.#direct.set(variable, { ...origin, param, via: [...origin.via, call] });
          added = true;
        });
      }
      if (!added) return;
    }
  }

  #setDirect(param: TSESTree.Identifier, origin: RequestOrigin): void {
    const variable = this.#model.bindings.findVariable(param);
    if (variable && !this.#direct.has(variable)) this.#direct.set(variable, origin);
  }

  #setHolder(param: TSESTree.Identifier, origin: RequestOrigin, paths: readonly (readonly string[])[]): void {
    const variable = this.#model.bindings.findVariable(param);
    if (variable && !this.#holders.has(variable)) this.#holders.set(variable, { origin, paths });
  }
}

/** `a.b.c` → `{ base: a, path: ['b', 'c'] }`; `undefined` for computed or non-member expressions. */
function memberPath(node: Node): { base: TSESTree.Identifier; path: string[] } | undefined {
  const path: string[] = [];
  let current = skipTransparentWrappers(node);
  while (current.type === 'MemberExpression') {
    const name = getStaticPropertyName(current);
    if (name === undefined) return undefined;
    path.unshift(name);
    current = skipTransparentWrappers(current.object);
  }
  return current.type === 'Identifier' ? { base: current, path } : undefined;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, index) => key === b[index]);
}

/** The property path from a declarator's pattern to one identifier in it: `{ request: { req } }` → `['request', 'req']`. */
function patternPath(pattern: Node, target: TSESTree.Identifier): string[] | undefined {
  if (pattern === target) return [];
  if (pattern.type !== 'ObjectPattern') return undefined;
  for (const property of pattern.properties) {
    if (property.type !== 'Property') continue;
    const key = getStaticPropertyName(property);
    if (key === undefined) continue;
    const rest = patternPath(property.value, target);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

/** The file's server requests, computed once per file model. */
export const getServerRequests = modelPart((model) => new ServerRequests(model));
