import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  declaredName,
  getStaticPropertyName,
  isFunctionNode,
  skipAwaitAndWrappers,
  skipTransparentWrappers,
  valueUse,
  type Node,
} from '../utils/ast';
import { getStaticNumber } from '../utils/static-value';
import { calledMethodName } from './frameworks/registration';
import type { AppInfo } from './frameworks/types';
import type { FileModel } from './index';

type Variable = TSESLint.Scope.Variable;

/**
 * How the server came to be, which decides its defaults and where settings go (semantics §A1, §D):
 * `http`/`https`/`http2` `createServer`; `listen`: express/koa `app.listen()`, a node server with
 * Node's defaults that takes no options; `fastify()`; `hono`: @hono/node-server `serve()`;
 * `nestjs`: `NestFactory.create()`, whose server is `app.getHttpServer()`.
 */
export type ServerFlavour = 'http' | 'https' | 'http2' | 'listen' | 'fastify' | 'hono' | 'nestjs';

/** One place a server setting is given. */
export interface ServerSetting {
  /** `keepAliveTimeout`, `headersTimeout`, `requestTimeout`, `timeout`, `maxHeaderSize`, fastify's `connectionTimeout`… */
  readonly name: string;
  /** An option of the creating call, an assignment to the server, or a call (`server.setTimeout(ms)`). */
  readonly source: 'option' | 'property' | 'call';
  /** The option's property, the assignment, or the call. */
  readonly node: Node;
  /** The value given; `undefined` for a call without arguments. */
  readonly value?: Node;
}

export type ServerOptions =
  | { readonly kind: 'literal'; readonly object: TSESTree.ObjectExpression; readonly hasSpread: boolean }
  /** The creating call takes options but was given none (Node's or the framework's defaults apply). */
  | { readonly kind: 'none' }
  /** A variable, a parameter or a call: we cannot tell what they hold. */
  | { readonly kind: 'unknown' };

export interface ServerInfo {
  readonly flavour: ServerFlavour;
  /** The model's app for it: the server, or the fastify / Nest app that owns one. */
  readonly app: AppInfo;
  /** `createServer(…)`, `app.listen(…)`, `fastify(…)`, `serve(…)`, `NestFactory.create(…)`. */
  readonly creation: Node;
  readonly options: ServerOptions;
  /** Every setting the file gives it, in source order: options, assignments, `setTimeout` calls, also in same-file helpers it is passed to. */
  readonly settings: readonly ServerSetting[];
  /** The calls that start it listening (for `app.listen()` and `serve()`, the creation itself). */
  readonly starts: readonly TSESTree.CallExpression[];
  /** `server.on('clientError', listener)` registrations. */
  readonly clientErrorListeners: readonly { readonly call: TSESTree.CallExpression; readonly listener: Node }[];
  /** Returned, exported, or stored where other code reaches it: its owner configures and stops it. */
  readonly exported: boolean;
  /** Calls that are handed the server (or its app) and are not same-file functions: they may configure or stop it. */
  readonly passedTo: readonly TSESTree.CallExpression[];
  /** The `const` name it is bound to where it is created, if any (fixes write settings through it). */
  readonly name?: TSESTree.Identifier;
  /**
   * Every start listens on a port the OS picks (`listen()`, `listen(0)`, `listen({ port: 0 })`,
   * fastify's `listen()`): a test or tool server that no load balancer or orchestrator can
   * address. `false` when the file never starts it, or when any start names a port or a path.
   */
  readonly listensOnEphemeralPort: boolean;
}

/** Settings read from options objects and assignments; others (`requestCert`, `logger`…) are not server timeouts or limits. */
export const SERVER_SETTINGS: ReadonlySet<string> = new Set([
  'keepAliveTimeout',
  'keepAliveTimeoutBuffer',
  'headersTimeout',
  'requestTimeout',
  'timeout',
  'maxHeaderSize',
  'maxHeadersCount',
  'maxRequestsPerSocket',
  'connectionsCheckingInterval',
  // fastify
  'connectionTimeout',
  'handlerTimeout',
  'bodyLimit',
  'http2SessionTimeout',
  'serverFactory',
]);

/**
 * Expressions that never evaluate to a server (nor to an app): most call arguments are one of
 * these, and skipping them saves resolving every argument of every call in the file.
 */
const NEVER_SERVER_TYPES: ReadonlySet<string> = new Set([
  'Literal',
  'TemplateLiteral',
  'ArrowFunctionExpression',
  'FunctionExpression',
  'ObjectExpression',
  'ArrayExpression',
  'BinaryExpression',
  'UnaryExpression',
]);

function flavourOf(model: FileModel, app: AppInfo): ServerFlavour | undefined {
  if (app.kind === 'server') {
    if (app.framework === 'hono') return 'hono';
    if (app.parent && (app.framework === 'express' || app.framework === 'koa')) return 'listen';
    if (app.node.type !== 'CallExpression' && app.node.type !== 'NewExpression') return undefined;
    const module = model.bindings.resolveCallee(app.node)?.module;
    return module === 'http' || module === 'https' || module === 'http2' ? module : undefined;
  }
  if (app.kind !== 'app' || app.parent) return undefined;
  const created = app.node.type === 'CallExpression' || app.node.type === 'NewExpression';
  if (app.framework === 'fastify' && created) return 'fastify';
  if (app.framework === 'nestjs' && created) return 'nestjs';
  return undefined;
}

function optionsOf(creation: Node, flavour: ServerFlavour): ServerOptions {
  if (creation.type !== 'CallExpression' && creation.type !== 'NewExpression') return { kind: 'none' };
  const args = creation.arguments;
  let candidate: TSESTree.CallExpressionArgument | undefined;
  switch (flavour) {
    case 'http':
    case 'https':
    case 'http2': {
      // createServer([options][, requestListener])
      const first = args[0];
      if (!first || isFunctionNode(first)) return { kind: 'none' };
      if (args.length === 1 && first.type !== 'ObjectExpression') {
        // createServer(app) / createServer(handler): a listener, not options.
        return { kind: 'none' };
      }
      candidate = first;
      break;
    }
    case 'fastify':
      candidate = args[0];
      if (!candidate) return { kind: 'none' };
      break;
    case 'hono': {
      // serve({ fetch, serverOptions, createServer })
      const config = args[0] && skipTransparentWrappers(args[0]);
      if (!config) return { kind: 'none' };
      if (config.type !== 'ObjectExpression') return { kind: 'unknown' };
      let serverOptions: TSESTree.Property | undefined;
      for (const property of config.properties) {
        if (property.type === 'SpreadElement') return { kind: 'unknown' };
        const key = getStaticPropertyName(property);
        if (key === 'createServer') return { kind: 'unknown' };
        if (key === 'serverOptions') serverOptions = property;
      }
      if (!serverOptions) return { kind: 'none' };
      candidate = serverOptions.value as TSESTree.Expression;
      break;
    }
    case 'listen':
    case 'nestjs':
      // Neither takes Node server options: settings go on the server object.
      return { kind: 'none' };
  }
  const bare = skipTransparentWrappers(candidate);
  if (bare.type !== 'ObjectExpression') return { kind: 'unknown' };
  return { kind: 'literal', object: bare, hasSpread: bare.properties.some((p) => p.type === 'SpreadElement') };
}


/** ServerInfo while the index fills it in. */
type MutableServer = {
  -readonly [K in keyof ServerInfo]: ServerInfo[K] extends readonly (infer T)[] ? T[] : ServerInfo[K];
};

/**
 * The servers a file creates, with every setting it gives them wherever it gives it (options,
 * assignments on any name bound to the server, `setTimeout`, fastify's `app.server`, Nest's
 * `app.getHttpServer()`, same-file helper functions the server is passed to), whether the
 * file starts them, and whether they escape to code that may configure or stop them.
 */
export class ServerIndex {
  readonly #model: FileModel;
  #servers?: MutableServer[];
  readonly #byApp = new Map<AppInfo, MutableServer>();

  constructor(model: FileModel) {
    this.#model = model;
  }

  get servers(): readonly ServerInfo[] {
    return this.#build();
  }

  /**
   * The server an expression evaluates to: a name bound to it, the server `app.listen()` returns,
   * fastify's `app.server`, Nest's `app.getHttpServer()` or `await app.listen()`, or the fastify /
   * Nest app itself (whose `close()` closes its server).
   */
  resolveServer(node: Node): ServerInfo | undefined {
    this.#build();
    return this.#resolve(node, 0);
  }

  #resolve(node: Node, depth: number): MutableServer | undefined {
    if (depth > 6) return undefined;
    const bare = skipAwaitAndWrappers(node);
    const { frameworks, bindings } = this.#model;
    if (bare.type === 'MemberExpression' && getStaticPropertyName(bare) === 'server') {
      const owner = this.#resolve(bare.object, depth + 1);
      return owner?.flavour === 'fastify' ? owner : undefined;
    }
    if (bare.type === 'CallExpression' && bare.callee.type === 'MemberExpression') {
      const method = calledMethodName(bare);
      if (method === 'getHttpServer' || method === 'listen') {
        const owner = this.#resolve(bare.callee.object, depth + 1);
        if (owner?.flavour === 'nestjs') return owner;
      }
    }
    const app = frameworks.resolveApp(bare);
    if (app) return this.#byApp.get(app);
    if (bare.type === 'Identifier') {
      const value = bindings.resolveValue(bare);
      if (value !== bare) return this.#resolve(value, depth + 1);
    }
    return undefined;
  }

  #build(): MutableServer[] {
    if (this.#servers) return this.#servers;
    const model = this.#model;
    const servers: MutableServer[] = [];
    this.#servers = servers;
    for (const app of model.frameworks.apps) {
      const flavour = flavourOf(model, app);
      if (!flavour) continue;
      const name = declaredName(app.node);
      const server: MutableServer = {
        flavour,
        app,
        creation: app.node,
        options: optionsOf(app.node, flavour),
        settings: [],
        starts: flavour === 'listen' || flavour === 'hono' ? [app.node as TSESTree.CallExpression] : [],
        clientErrorListeners: [],
        exported: false,
        passedTo: [],
        ...(name ? { name } : {}),
        listensOnEphemeralPort: false,
      };
      if (server.options.kind === 'literal') {
        for (const property of server.options.object.properties) {
          if (property.type !== 'Property') continue;
          const key = getStaticPropertyName(property);
          if (key !== undefined && SERVER_SETTINGS.has(key)) {
            server.settings.push({ name: key, source: 'option', node: property, value: property.value });
          }
        }
      }
      servers.push(server);
      this.#byApp.set(app, server);
    }
    if (servers.length === 0) return servers;

    this.#collectUses(servers);
    for (const server of servers) {
      server.settings.sort((a, b) => a.node.range[0] - b.node.range[0]);
      server.listensOnEphemeralPort =
        server.starts.length > 0 && server.starts.every((start) => this.#isEphemeralStart(server, start));
    }
    return servers;
  }

  /** Assignments, method calls and escapes, for every expression that evaluates to a server. */
  #collectUses(servers: MutableServer[]): void {
    const { nodes, bindings } = this.#model;
    const helperParams = new Map<Variable, MutableServer>();

    for (const call of nodes.calls) {
      const method = calledMethodName(call);
      if (method !== undefined && call.callee.type === 'MemberExpression') {
        const server = this.#resolve(call.callee.object, 0) ?? this.#helperParam(call.callee.object, helperParams);
        if (server) this.#recordMethodCall(server, call, method);
      }
      // A server handed to a function: a same-file helper is read; anything else may configure it.
      call.arguments.forEach((argument, index) => {
        if (argument.type === 'SpreadElement' || NEVER_SERVER_TYPES.has(argument.type)) return;
        const server = this.#resolve(argument, 0);
        if (!server) return;
        const helper = bindings.resolveFunction(call.callee);
        const param = helper && helper.params[index];
        if (param?.type === 'Identifier') {
          const variable = bindings.findVariable(param);
          if (variable) helperParams.set(variable, server);
        } else {
          server.passedTo.push(call);
        }
      });
    }

    for (const assignment of nodes.memberAssignments) {
      const target = assignment.left;
      const name = getStaticPropertyName(target);
      if (assignment.operator === '=' && name !== undefined && SERVER_SETTINGS.has(name)) {
        const server = this.#resolve(target.object, 0) ?? this.#helperParam(target.object, helperParams);
        if (server) server.settings.push({ name, source: 'property', node: assignment, value: assignment.right });
      }
      const stored = this.#resolve(assignment.right, 0);
      if (stored) stored.exported = true; // module.exports = server, this.server = server, obj.s = server
    }

    for (const server of servers) this.#markExports(server);
  }

  /**
   * Whether a start lets the OS pick the port: no port, a callback only, a port that is always
   * 0, or an options object without `port` (or with `port: 0`) and without `path`/`fd`/`handle`.
   * @hono/node-server's `serve()` defaults to port 3000, so it needs an explicit `port: 0`.
   */
  #isEphemeralStart(server: MutableServer, start: TSESTree.CallExpression): boolean {
    const { bindings } = this.#model;
    if (server.flavour === 'hono') {
      const config = start.arguments[0] && bindings.resolveValue(start.arguments[0]);
      if (config?.type !== 'ObjectExpression' || config.properties.some((p) => p.type === 'SpreadElement')) return false;
      const port = config.properties.find((p): p is TSESTree.Property => p.type === 'Property' && getStaticPropertyName(p) === 'port');
      return port !== undefined && getStaticNumber(port.value, bindings) === 0;
    }
    const first = start.arguments[0];
    if (!first) return true;
    if (first.type === 'SpreadElement') return false;
    if (isFunctionNode(first)) return true;
    const value = bindings.resolveValue(first);
    if (value.type === 'ObjectExpression') {
      let port: TSESTree.Property | undefined;
      for (const property of value.properties) {
        if (property.type === 'SpreadElement') return false;
        const key = getStaticPropertyName(property);
        if (key === 'path' || key === 'fd' || key === 'handle') return false;
        if (key === 'port') port = property;
      }
      return !port || getStaticNumber(port.value, bindings) === 0;
    }
    return getStaticNumber(first, bindings) === 0;
  }

  /** `param.keepAliveTimeout = …` inside a same-file helper the server was passed to. */
  #helperParam(node: Node, helperParams: ReadonlyMap<Variable, MutableServer>): MutableServer | undefined {
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier' || helperParams.size === 0) return undefined;
    const variable = this.#model.bindings.findVariable(bare);
    return variable ? helperParams.get(variable) : undefined;
  }

  #recordMethodCall(server: MutableServer, call: TSESTree.CallExpression, method: string): void {
    if (method === 'setTimeout') {
      server.settings.push({ name: 'timeout', source: 'call', node: call, ...(call.arguments[0] ? { value: call.arguments[0] } : {}) });
    } else if (method === 'listen') {
      if (!server.starts.includes(call) && call !== server.creation) server.starts.push(call);
    } else if (method === 'on' || method === 'once' || method === 'addListener' || method === 'prependListener') {
      const [event, listener] = call.arguments;
      if (event?.type === 'Literal' && event.value === 'clientError' && listener) {
        server.clientErrorListeners.push({ call, listener });
      }
    }
  }

  /** Returned from a function, exported, or an arrow's value: the code that receives it owns it. */
  #markExports(server: MutableServer): void {
    const { bindings } = this.#model;
    // `listen()` returns the server (Nest's resolves to it): `return server.listen(port)` hands it out too.
    const places: Node[] = [server.creation, ...(server.flavour === 'fastify' ? [] : server.starts)];
    const name = server.name;
    const variable = name && bindings.findVariable(name);
    if (variable) {
      for (const reference of variable.references) {
        if (!reference.init) places.push(reference.identifier as Node);
      }
      const declaration = name.parent?.parent;
      if (declaration?.parent?.type === 'ExportNamedDeclaration') server.exported = true;
    }
    for (const place of places) {
      const { expression: current, parent } = valueUse(place);
      if (!parent) continue;
      switch (parent.type) {
        case 'ReturnStatement':
        case 'ExportDefaultDeclaration':
        case 'ExportSpecifier':
        case 'ArrayExpression':
        case 'TSExportAssignment':
          server.exported = true;
          break;
        case 'Property':
          if (parent.value === current) server.exported = true;
          break;
        case 'ArrowFunctionExpression':
          if (parent.body === current) server.exported = true;
          break;
        default:
          break;
      }
    }
  }
}
