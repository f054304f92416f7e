import { isBuiltin } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { GLOBAL, type FileModel } from '../model';
import { getAuditKnowledge, injectedApp } from '../model/audit-knowledge';
import type { ClientInstance, ClientLibrary } from '../model/clients';
import type { RecognitionContext } from '../model/clients/recognizer';
import { recognizerForLibrary } from '../model/clients/recognizers';
import { getDeadlines } from '../model/deadlines';
import { EXPRESS_ROUTE_METHODS } from '../model/frameworks/express';
import type { AppInfo, HandlerInfo } from '../model/frameworks/types';
import { calledMethodName, registeredFunctions } from '../model/frameworks/registration';
import type { PerRequestReason } from '../model/per-request';
import type { ServerInfo } from '../model/servers';
import { SHUTDOWN_LIBRARIES, type ShutdownHandler, type ShutdownWiring } from '../model/shutdown';
import { getTestCode } from '../model/test-code';
import {
  declaredName,
  findProperty,
  getEnclosingFunction,
  getStaticPropertyName,
  getStaticString,
  getTransparentParent,
  isFunctionNode,
  skipAwaitAndWrappers,
  skipTransparentWrappers,
  valueUse,
  type FunctionNode,
  type Node,
} from '../utils/ast';
import { shortText } from '../utils/message-text';
import { getStaticNumber } from '../utils/static-value';
import type {
  AppFact,
  AppUseFact,
  CalleeFact,
  ClientCallFact,
  ClientFact,
  FactsOptions,
  FileFacts,
  HandlerFact,
  ReceiverFact,
  RegistrationFact,
  RouteInfo,
  ServerFact,
  ShutdownByFact,
  ShutdownFacts,
  ShutdownHandlerFact,
  Span,
} from './facts-types';

type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;

export function spanOf(node: Node): Span {
  return {
    start: node.range[0],
    end: node.range[1],
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
  };
}

/** Modules whose exports the audit may find among the project's files: relative paths, aliases, workspace packages. */
function mayBeProjectModule(module: string): boolean {
  return module !== GLOBAL && !isBuiltin(module) && !KNOWN_LIBRARIES.has(module);
}

/** Framework and client libraries the model already knows: never project code. */
const KNOWN_LIBRARIES = new Set([
  'express', 'koa', '@koa/router', 'koa-router', 'fastify', 'fastify-plugin', 'hono', 'hono/quick', 'hono/tiny', '@hono/node-server',
  '@nestjs/common', '@nestjs/core', 'next', 'next/server', 'axios', 'got', 'ky', 'superagent', 'ofetch', 'needle', 'undici', 'node-fetch',
]);

const ROUTE_METHODS = new Set([...EXPRESS_ROUTE_METHODS]);
const FASTIFY_SHORTHANDS = new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'all']);
const HONO_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'all', 'use']);
const KOA_ROUTER_METHODS = new Set(['get', 'post', 'put', 'del', 'delete', 'patch', 'head', 'options', 'all', 'use']);

/** Methods that mark a receiver as an app or router when the file cannot see its value. */
const APP_METHODS = new Set([...ROUTE_METHODS, 'use', 'listen', 'route', 'register', 'addHook', 'enableShutdownHooks', 'getHttpServer']);

/** What a registration method registers, for the frameworks whose handlers the audit follows across files. */
function registrationKind(app: AppInfo, method: string): { kind: string; first: number } | undefined {
  switch (app.framework) {
    case 'express':
      if (method === 'use') return { kind: 'middleware', first: 0 };
      if (ROUTE_METHODS.has(method)) return { kind: 'route', first: app.kind === 'route' ? 0 : 1 };
      return undefined;
    case 'koa':
      if (app.kind === 'router' && KOA_ROUTER_METHODS.has(method)) return { kind: method === 'use' ? 'middleware' : 'route', first: 0 };
      if (app.kind === 'app' && method === 'use') return { kind: 'middleware', first: 0 };
      return undefined;
    case 'fastify':
      if (FASTIFY_SHORTHANDS.has(method)) return { kind: 'route', first: 1 };
      if (method === 'register') return { kind: 'plugin', first: 0 };
      if (method === 'addHook') return { kind: 'hook', first: 1 };
      return undefined;
    case 'hono':
      if (HONO_METHODS.has(method)) return { kind: method === 'use' ? 'middleware' : 'route', first: 0 };
      return undefined;
    default:
      return undefined;
  }
}

/** `app.get('/users', …)` → GET /users; `app.use(fn)` → USE; the prefix of `app.route('/x')`. */
function routeOf(handler: { registration: Node; framework: string; kind: string; app?: AppInfo | undefined }, fn?: FunctionNode): RouteInfo {
  const registration = handler.registration;
  if (registration.type === 'Decorator') return nestRoute(registration, fn);
  if (registration.type === 'CallExpression') {
    const method = calledMethodName(registration);
    if (method === 'route' || (method === undefined && handler.framework === 'fastify')) {
      const options = registration.arguments[0] && skipTransparentWrappers(registration.arguments[0]);
      if (options?.type === 'ObjectExpression') {
        const verb = findProperty(options, 'method');
        const url = findProperty(options, 'url') ?? findProperty(options, 'path');
        return { method: verb ? (getStaticString(verb.value)?.toUpperCase() ?? null) : null, path: url ? (getStaticString(url.value) ?? null) : null };
      }
    }
    if (method === undefined) return { method: null, path: null };
    if (handler.kind === 'hook') return { method: 'HOOK', path: getStaticString(registration.arguments[0]) ?? null };
    const first = registration.arguments[0];
    let path = getStaticString(first) ?? null;
    // express `app.route('/x').get(fn)`: the path is on the route.
    if (path === null && handler.app?.kind === 'route' && handler.app.node.type === 'CallExpression') {
      path = getStaticString(handler.app.node.arguments[0]) ?? null;
    }
    if (method === 'on' && handler.framework === 'node-http') return { method: 'ALL', path: null };
    if (handler.kind === 'middleware' || handler.kind === 'error-middleware') return { method: 'USE', path };
    return { method: method === 'del' ? 'DELETE' : method.toUpperCase(), path };
  }
  if (handler.framework === 'node-http') return { method: 'ALL', path: null };
  if (handler.framework === 'nextjs' && fn) {
    const name = functionName(fn);
    return { method: name && /^[A-Z]+$/.test(name) ? name : 'ALL', path: null };
  }
  return { method: null, path: null };
}

/** Nest: `@Controller('users')` prefix and `@Get(':id')`. */
function nestRoute(decorator: TSESTree.Decorator, fn?: FunctionNode): RouteInfo {
  const expression = decorator.expression;
  const verb = expression.type === 'CallExpression' ? expression.callee : expression;
  const method = verb.type === 'Identifier' ? verb.name.toUpperCase() : null;
  const own = expression.type === 'CallExpression' ? (getStaticString(expression.arguments[0]) ?? '') : '';
  let prefix = '';
  const classNode = fn?.parent?.parent?.parent;
  if (classNode?.type === 'ClassDeclaration' || classNode?.type === 'ClassExpression') {
    for (const classDecorator of classNode.decorators ?? []) {
      const call = classDecorator.expression;
      if (call.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'Controller') {
        const argument = call.arguments[0];
        const value = argument?.type === 'ObjectExpression' ? findProperty(argument, 'path')?.value : argument;
        prefix = getStaticString(value) ?? '';
      }
    }
  }
  const path = `/${[prefix, own].map((part) => part.replace(/^\/+|\/+$/g, '')).filter((part) => part !== '').join('/')}`;
  return { method: method === 'ALL' ? 'ALL' : method, path };
}

function functionName(fn: FunctionNode): string | null {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') {
    return getStaticPropertyName(parent) ?? null;
  }
  if (parent?.type === 'AssignmentExpression' && parent.left.type === 'MemberExpression') return getStaticPropertyName(parent.left) ?? null;
  return null;
}

/** The function that returns `node` (directly, through its `const`, or as an arrow's body), as its body start. */
function returnedBy(node: Node, name: TSESTree.Identifier | undefined, model: FileModel): number | null {
  const places: Node[] = [node];
  const variable = name && model.bindings.findVariable(name);
  if (variable) for (const reference of variable.references) if (!reference.init) places.push(reference.identifier as Node);
  for (const place of places) {
    const { expression: current, parent } = valueUse(place);
    if (parent?.type === 'ReturnStatement') {
      const fn = getEnclosingFunction(parent);
      if (fn) return fn.body.range[0];
    }
    if (parent?.type === 'ArrowFunctionExpression' && parent.body === current) return parent.body.range[0];
  }
  return null;
}

/** `register(plugin, { prefix: '/users' })` */
function fastifyPrefix(call: TSESTree.CallExpression, bindings: FileModel['bindings']): string | null {
  const options = call.arguments[1];
  if (!options || options.type === 'SpreadElement') return null;
  const value = bindings.resolveValue(options);
  if (value.type !== 'ObjectExpression') return null;
  const prefix = findProperty(value, 'prefix');
  return prefix ? (getStaticString(prefix.value) ?? null) : null;
}

/** As require-graceful-shutdown reports a call: its callee when on one line, else the method name. */
function tightNode(call: TSESTree.CallExpression): Node {
  const callee = call.callee;
  if (callee.loc.start.line === callee.loc.end.line || callee.type !== 'MemberExpression') return callee;
  return callee.property;
}


/** The root identifier of `a.b.c` and the property names after it; `undefined` for anything else. */
function memberChain(node: Node): { root: TSESTree.Identifier; path: string[] } | undefined {
  const path: string[] = [];
  let current = skipTransparentWrappers(node);
  for (let depth = 0; depth < 6; depth += 1) {
    if (current.type === 'Identifier') return { root: current, path: path.reverse() };
    if (current.type !== 'MemberExpression') return undefined;
    const name = getStaticPropertyName(current);
    if (name === undefined) return undefined;
    path.push(name);
    current = skipTransparentWrappers(current.object);
  }
  return undefined;
}

/**
 * Builds the facts of one file from the shared model (and the audit's knowledge, when it has
 * any for the file), exactly as the rules see it.
 */
export class FactsCollector {
  readonly #model: FileModel;
  readonly #sourceCode: SourceCode;
  readonly #cwd: string;
  readonly #options: FactsOptions;
  readonly #apps: AppInfo[] = [];
  readonly #servers: ServerInfo[] = [];
  /** Apps of this file mounted on other apps of this file, with the prefix. */
  readonly #mounts = new Map<AppInfo, { parent: number | null; prefix: string | null }[]>();

  constructor(model: FileModel, cwd: string, options: FactsOptions) {
    this.#model = model;
    this.#sourceCode = model.sourceCode;
    this.#cwd = cwd;
    this.#options = options;
  }

  collect(): FileFacts {
    const model = this.#model;
    const testCode = getTestCode(model, this.#cwd);
    const { frameworks } = model;
    this.#apps.push(...frameworks.apps.filter((app) => app.kind === 'app' || app.kind === 'router'));
    this.#servers.push(...model.servers.servers);
    const { registrations, appUses } = this.#registrationsAndUses(testCode);
    const apps = this.#apps.map((app) => this.#app(app));
    const servers = this.#servers.map((server) => this.#server(server, testCode.contains(server.creation)));
    const handlers = frameworks.handlers.map((handler) => this.#handler(handler, testCode.contains(handler.fn)));
    return {
      testFile: testCode.isTestFile,
      apps,
      servers,
      handlers,
      registrations,
      appUses,
      callees: this.#callees(testCode),
      receivers: this.#receivers(),
      clients: model.clients.instances.map((instance) => this.#client(instance, testCode.contains(instance.node))),
      clientCalls: this.#clientCalls(testCode),
      shutdown: this.#shutdown(),
    };
  }

  #appIndex(app: AppInfo | undefined): number | null {
    for (let current = app; current; current = current.parent) {
      const index = this.#apps.indexOf(current);
      if (index >= 0) return index;
    }
    return null;
  }

  #app(app: AppInfo): AppFact {
    const injected = app.node.type === 'Identifier' && injectedApp(getAuditKnowledge(this.#sourceCode), app.node) !== undefined;
    const name = app.node.type === 'Identifier' ? app.node : declaredName(app.node);
    return {
      framework: app.framework,
      mounts: this.#mounts.get(app) ?? [],
      kind: app.kind,
      span: spanOf(app.node),
      name: name?.name ?? null,
      injected,
      returnedBy: returnedBy(app.node, name, this.#model),
      parent: app.parent ? this.#appIndex(app.parent) : null,
    };
  }

  #server(server: ServerInfo, testCode: boolean): ServerFact {
    const model = this.#model;
    const { state, by } = model.shutdown.shutdownOf(server);
    let special: ServerFact['special'] = null;
    if (server.flavour === 'fastify' && server.options.kind === 'literal') {
      if (findProperty(server.options.object, 'serverFactory')) special = 'server-factory';
      else {
        const http2 = findProperty(server.options.object, 'http2');
        if (http2 && !(http2.value.type === 'Literal' && http2.value.value === false)) special = 'http2';
      }
    }
    return {
      flavour: server.flavour,
      framework: server.flavour === 'http' || server.flavour === 'https' || server.flavour === 'http2' ? 'node-http' : server.app.framework,
      creation: spanOf(server.creation),
      name: server.name?.name ?? null,
      options: server.options.kind === 'literal' ? (server.options.hasSpread ? 'unknown' : 'literal') : server.options.kind,
      special,
      settings: server.settings.map((setting) => ({
        name: setting.name,
        source: setting.source,
        value: setting.value ? (getStaticNumber(setting.value, model.bindings) ?? null) : null,
        text: setting.value ? shortText(this.#sourceCode, setting.value) : '',
        span: spanOf(setting.node),
      })),
      starts: server.starts.map((start) => spanOf(start)),
      startCallees: server.starts.map((start) => spanOf(tightNode(start))),
      exported: server.exported,
      moduleExport: isModuleExport(server.creation, server.name, model),
      startsAtStartup: server.starts.some((start) => runsAtStartup(start, model)),
      passedTo: server.passedTo.length,
      ephemeralPort: server.listensOnEphemeralPort,
      testCode,
      shutdown: { state, by: by.map((item) => this.#by(item)) },
      returnedBy: returnedBy(server.creation, server.name, model),
      app: this.#appIndex(server.app.parent ?? server.app),
    };
  }

  #by(item: ShutdownHandler | ShutdownWiring): ShutdownByFact {
    if ('registration' in item) return { kind: item.source, span: spanOf(item.registration), signals: item.signals ? [...item.signals] : null };
    return { kind: item.kind, span: spanOf(item.node), signals: item.signals ? [...item.signals] : null };
  }

  #handler(handler: HandlerInfo, testCode: boolean): HandlerFact {
    const deadlines = getDeadlines(this.#model);
    const injected = handler.registration === handler.fn;
    return {
      framework: handler.framework,
      kind: handler.kind,
      source: injected ? 'audit' : handler.source,
      name: functionName(handler.fn),
      fn: spanOf(handler.fn),
      bodyStart: handler.fn.body.range[0],
      registration: spanOf(handler.registration),
      app: this.#appIndex(handler.app),
      routeDeadline: deadlines.routeDeadline(handler) !== undefined,
      testCode,
      injected,
      ...routeOf(handler, handler.fn),
    };
  }

  /**
   * Registrations of functions or routers the file cannot see (`router.get('/', users.list)` with
   * `users` from another module), and names used as apps whose value it cannot see
   * (`app.listen()` on an imported app).
   */
  #registrationsAndUses(testCode: ReturnType<typeof getTestCode>): { registrations: RegistrationFact[]; appUses: AppUseFact[] } {
    const model = this.#model;
    const registrations: RegistrationFact[] = [];
    const uses = new Map<Variable | Node, { fact: Omit<AppUseFact, 'methods' | 'listens'>; methods: Set<string>; listens: Span[] }>();
    const { frameworks, nodes } = model;
    if (nodes.calls.length === 0) return { registrations, appUses: [] };
    for (const call of nodes.calls) {
      this.#requestListener(call, registrations, testCode.contains(call));
      const method = calledMethodName(call);
      if (method === undefined || call.callee.type !== 'MemberExpression') continue;
      const receiver = skipAwaitAndWrappers(call.callee.object);
      const app = frameworks.resolveApp(receiver);
      if (app && app.kind !== 'server') {
        const registration = registrationKind(app, method);
        if (registration) {
          this.#sameFileMounts(call, app, registration);
          this.#registration(call, app, method, registration, registrations, testCode.contains(call));
        }
        continue;
      }
      if (app || !APP_METHODS.has(method)) continue;
      const use = this.#unseenApp(receiver);
      if (!use) continue;
      let entry = uses.get(use.key);
      if (!entry) {
        const name = this.#sourceCode.getText(receiver).replace(/\s+/g, '');
        entry = { fact: { expression: use.expression, via: use.via, binding: use.binding, name, testCode: testCode.contains(call) }, methods: new Set(), listens: [] };
        uses.set(use.key, entry);
      }
      entry.methods.add(method);
      if (method === 'listen' && runsAtStartup(call, model)) entry.listens.push(spanOf(tightNode(call)));
    }
    const appUses = [...uses.values()]
      // `x.get(key)` alone is a Map; a name counts as an app only when it is started or registers with a path.
      .filter((entry) => entry.listens.length > 0 || [...entry.methods].some((method) => method !== 'get' && method !== 'delete' && method !== 'all'))
      .map((entry) => ({ ...entry.fact, methods: [...entry.methods].sort(), listens: entry.listens }));
    return { registrations, appUses };
  }

  /** `app.use('/api', router)` and fastify `app.register(plugin, { prefix })` with the router or plugin in this file. */
  #sameFileMounts(call: TSESTree.CallExpression, app: AppInfo, { kind, first }: { kind: string; first: number }): void {
    if (kind !== 'middleware' && kind !== 'plugin') return;
    const { frameworks, bindings } = this.#model;
    const prefix = kind === 'plugin' ? fastifyPrefix(call, bindings) : (getStaticString(call.arguments[0]) ?? null);
    for (const argument of call.arguments.slice(kind === 'plugin' ? 0 : first)) {
      if (argument.type === 'SpreadElement') continue;
      let child = frameworks.resolveApp(argument);
      if (!child && kind === 'plugin') {
        const plugin = bindings.resolveFunction(argument);
        const param = plugin?.params[0];
        child = param?.type === 'Identifier' ? frameworks.resolveApp(param) : undefined;
      }
      if (!child || child === app || (child.kind !== 'router' && child.kind !== 'app')) continue;
      const list = this.#mounts.get(child) ?? [];
      list.push({ parent: this.#appIndex(app), prefix });
      this.#mounts.set(child, list);
    }
  }

  /** `http.createServer(handler)` with `handler` from another module: a request listener registered here. */
  #requestListener(call: TSESTree.CallExpression, registrations: RegistrationFact[], testCode: boolean): void {
    const { frameworks, bindings } = this.#model;
    if (call.arguments.length === 0 || call.arguments.length > 2) return;
    const server = frameworks.resolveApp(call);
    if (server?.framework !== 'node-http' || server.kind !== 'server' || server.node !== call) return;
    const listener = call.arguments.at(-1)!;
    if (listener.type === 'SpreadElement' || listener.type === 'ObjectExpression') return;
    const bare = skipTransparentWrappers(listener);
    if ((bare.type !== 'Identifier' && bare.type !== 'MemberExpression') || registeredFunctions(bare, bindings).length > 0 || frameworks.resolveApp(bare)) return;
    registrations.push({
      framework: 'node-http',
      kind: 'request-listener',
      prefix: null,
      method: 'ALL',
      path: null,
      argument: spanOf(bare),
      registration: spanOf(call),
      app: null,
      routeDeadline: false,
      testCode,
    });
  }

  /** A receiver whose value is an export of another module, or what calling one returns. */
  #unseenApp(receiver: Node): { key: Variable | Node; expression: Span; via: 'value' | 'call'; binding: Span | null } | undefined {
    const { bindings } = this.#model;
    if (receiver.type === 'Identifier') {
      const variable = bindings.findVariable(receiver);
      if (!variable || variable.defs.length !== 1) return undefined;
      const def = variable.defs[0]!;
      const binding = spanOf(def.name as Node);
      if (def.type === 'ImportBinding') return { key: variable, expression: binding, via: 'value', binding };
      if (def.type !== 'Variable') return undefined;
      const value = bindings.getConstantValue(variable);
      if (!value) return undefined;
      const init = skipAwaitAndWrappers(value);
      const ref = bindings.resolve(init);
      if (ref && mayBeProjectModule(ref.module)) return { key: variable, expression: binding, via: 'value', binding };
      if (init.type === 'CallExpression') {
        const callee = bindings.resolve(init.callee);
        if (callee && mayBeProjectModule(callee.module)) return { key: variable, expression: spanOf(init.callee), via: 'call', binding };
        if (!callee && bindings.resolveFunction(init.callee) === undefined && memberChain(init.callee)) {
          return { key: variable, expression: spanOf(init.callee), via: 'call', binding };
        }
      }
      return undefined;
    }
    const chain = memberChain(receiver);
    if (!chain) return undefined;
    const ref = bindings.resolve(receiver);
    if (ref && mayBeProjectModule(ref.module)) return { key: receiver, expression: spanOf(receiver), via: 'value', binding: null };
    return undefined;
  }

  #registration(
    call: TSESTree.CallExpression,
    app: AppInfo,
    method: string,
    { kind, first }: { kind: string; first: number },
    registrations: RegistrationFact[],
    testCode: boolean,
  ): void {
    const { bindings, frameworks } = this.#model;
    const route = routeOf({ registration: call, framework: app.framework, kind: kind === 'middleware' ? 'middleware' : kind, app });
    const args: Node[] = [];
    const add = (node: Node, depth: number): void => {
      const bare = skipTransparentWrappers(node);
      if (depth > 3 || isFunctionNode(bare)) return;
      if (bare.type === 'ArrayExpression') {
        for (const element of bare.elements) if (element && element.type !== 'SpreadElement') add(element, depth + 1);
        return;
      }
      if (bare.type === 'CallExpression') {
        // asyncHandler(users.list): a one-argument wrapper around what is registered.
        const [only, extra] = bare.arguments;
        if (only && !extra && only.type !== 'SpreadElement' && !bindings.resolveFunction(bare.callee)) add(only, depth + 1);
        return;
      }
      if (bare.type !== 'Identifier' && bare.type !== 'MemberExpression') return;
      if (registeredFunctions(bare, bindings).length > 0 || frameworks.resolveApp(bare)) return;
      if (bare.type === 'MemberExpression' && !memberChain(bare) && bare.object.type !== 'ThisExpression') return;
      // A parameter, a `let`, a value this file computes: nothing another module defines.
      if (bare.type === 'Identifier') {
        const variable = bindings.findVariable(bare);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (!def || (def.type !== 'ImportBinding' && def.type !== 'Variable')) return;
        if (def.type === 'Variable' && bindings.getConstantValue(variable!) === undefined) return;
      }
      args.push(bare);
    };
    call.arguments.slice(first).forEach((argument) => {
      if (argument.type === 'SpreadElement') return;
      // Fastify route options: `{ handler: users.list }`.
      const value = skipTransparentWrappers(argument);
      if (value.type === 'ObjectExpression' && app.framework === 'fastify') {
        const handler = findProperty(value, 'handler');
        if (handler) add(handler.value, 0);
        return;
      }
      if (getStaticString(value) !== undefined) return;
      add(argument, 0);
    });
    for (const argument of args) {
      registrations.push({
        framework: app.framework,
        kind,
        prefix: kind === 'plugin' ? fastifyPrefix(call, bindings) : null,
        argument: spanOf(argument),
        registration: spanOf(call),
        app: this.#appIndex(app),
        routeDeadline: this.#registrationDeadline(call, argument, app, kind),
        testCode,
        ...route,
      });
    }
  }

  /** Whether the registering file shows a route deadline for what this registration adds. */
  #registrationDeadline(call: TSESTree.CallExpression, argument: Node, app: AppInfo, kind: string): boolean {
    if (kind !== 'route' && kind !== 'middleware') return false;
    // A stand-in handler: the argument marks its place among the registration's arguments.
    const standIn = {
      fn: argument as unknown as FunctionNode,
      framework: app.framework,
      kind: kind === 'route' ? 'route' : 'middleware',
      source: 'reference',
      registration: call,
      app,
      params: {},
    } as HandlerInfo;
    return getDeadlines(this.#model).routeDeadline(standIn) !== undefined;
  }

  /** Calls made per request to functions of other modules (`users.find(id)` in a handler). */
  #callees(testCode: ReturnType<typeof getTestCode>): CalleeFact[] {
    const model = this.#model;
    const { frameworks, bindings, nodes, perRequest, clients } = model;
    if (frameworks.handlers.length === 0 && !hasInjectedPerRequest(this.#sourceCode)) return [];
    const facts: CalleeFact[] = [];
    const deadlines = getDeadlines(model);
    for (const call of nodes.calls) {
      const callee = skipTransparentWrappers(call.callee);
      if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') continue;
      if (clients.getCall(call) || bindings.resolveFunction(callee)) continue;
      if (!this.#mayBeOtherModuleFunction(callee)) continue;
      const reason = perRequest.reasonFor(call, { followCalls: true });
      if (!reason) continue;
      facts.push({
        callee: spanOf(callee),
        call: spanOf(call),
        handlerBodyStart: reason.handler.fn.body.range[0],
        framework: reason.handler.framework,
        routeDeadline: deadlines.routeDeadline(reason.handler) !== undefined,
        testCode: testCode.contains(call),
      });
    }
    return facts;
  }

  /** `users.find`, `find`, `this.users.find`: a callee whose function may be in another module. */
  #mayBeOtherModuleFunction(callee: Node): boolean {
    const { bindings } = this.#model;
    if (callee.type === 'MemberExpression') {
      let object: Node = skipTransparentWrappers(callee.object);
      while (object.type === 'MemberExpression') object = skipTransparentWrappers(object.object);
      // `this.service.find()` (Nest and class-based controllers): the type says where the method is.
      if (object.type === 'ThisExpression') return true;
      if (object.type !== 'Identifier') return false;
      const ref = bindings.resolve(object);
      if (ref) return mayBeProjectModule(ref.module);
      const variable = bindings.findVariable(object);
      // Globals (`JSON.parse`, `console.log`) and parameters (`req.get`, `res.json`) are never another module's functions.
      return variable !== undefined && variable.defs.length === 1 && variable.defs[0]!.type === 'Variable';
    }
    if (callee.type !== 'Identifier') return false;
    const ref = bindings.resolve(callee);
    return ref !== undefined && mayBeProjectModule(ref.module);
  }

  /** Member calls on names bound to another module's exports: the client instances among them are the audit's to find. */
  #receivers(): ReceiverFact[] {
    const model = this.#model;
    const { bindings, nodes } = model;
    const found = new Map<string, { expression: Span; binding: Span; path: string[]; calls: number }>();
    for (const call of nodes.calls) {
      if (call.callee.type !== 'MemberExpression') continue;
      const chain = memberChain(call.callee.object);
      if (!chain) continue;
      const variable = bindings.findVariable(chain.root);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!def) continue;
      const ref = bindings.resolve(chain.root);
      if (!ref || !mayBeProjectModule(ref.module)) continue;
      // `http.api.get()` on a namespace: the instance is `http.api`; a named import is the instance itself.
      const path = ref.path.length === 0 && chain.path.length > 0 && isModuleObject(def) ? chain.path.slice(0, 1) : [];
      const key = `${def.name.range[0]}:${path.join('.')}`;
      const existing = found.get(key);
      if (existing) {
        existing.calls += 1;
        continue;
      }
      // `http.api`: the member right above the namespace name.
      const parent = chain.root.parent;
      const expression: Node = path.length > 0 && parent?.type === 'MemberExpression' ? parent : chain.root;
      found.set(key, { expression: spanOf(expression), binding: spanOf(def.name as Node), path, calls: 1 });
    }
    return [...found.values()];
  }

  #client(instance: ClientInstance, testCode: boolean): ClientFact {
    const name = instance.name;
    return {
      library: instance.library,
      kind: instance.kind,
      span: spanOf(instance.node),
      callee: spanOf(instance.node.callee),
      name: name?.name ?? null,
      deadline: instance.deadline,
      deadlineSpan: instance.deadlineNode ? spanOf(instance.deadlineNode) : null,
      deadlineText: instance.deadlineNode ? shortText(this.#sourceCode, instance.deadlineNode) : null,
      everyCallBounded: instance.everyCallBounded,
      keepAlive: instance.keepAlive ?? null,
      socketCap: instance.socketCap ?? null,
      trap: instance.trap?.kind ?? null,
      exported: isExported(instance.node, name, this.#model),
      testCode,
      returnedBy: returnedBy(instance.node, name, this.#model),
    };
  }

  /** Calls on client instances made in other modules, judged as require-handler-timeout judges calls on the file's own. */
  #clientCalls(testCode: ReturnType<typeof getTestCode>): ClientCallFact[] {
    const known = this.#options.clients;
    if (known.length === 0) return [];
    const model = this.#model;
    const { bindings, nodes, perRequest } = model;
    const deadlines = getDeadlines(model);
    const facts: ClientCallFact[] = [];
    const context: RecognitionContext = {
      bindings,
      nodes,
      sourceText: this.#sourceCode.text,
      resolveInstance: () => undefined,
    };
    for (const call of nodes.calls) {
      const chain = memberChain(call.callee);
      if (!chain) continue;
      const variable = bindings.findVariable(chain.root);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!def) continue;
      const index = known.findIndex(
        (client) =>
          client.binding[0] === def.name.range[0] &&
          client.path.length <= chain.path.length &&
          client.path.every((part, position) => chain.path[position] === part),
      );
      if (index < 0) continue;
      const client = known[index]!;
      const library = client.library as ClientLibrary;
      const instance: ClientInstance = { library, kind: 'client', node: call, deadline: client.deadline as ClientInstance['deadline'], everyCallBounded: false };
      const recognition = recognizerForLibrary(library).call?.({ node: call, path: chain.path.slice(client.path.length), instance }, context);
      if (!recognition) continue;
      const own = recognition.deadline;
      const reason = perRequest.reasonFor(call, { followCalls: true });
      const wait = deadlines.promiseWait(recognition.expression ?? call);
      facts.push({
        client: index,
        call: spanOf(call),
        callee: spanOf(call.callee),
        own: own.state,
        ownSpan: own.node ? spanOf(own.node) : null,
        ownText: own.node ? shortText(this.#sourceCode, own.node) : null,
        method: recognition.method ?? null,
        perRequest: reason
          ? { handlerBodyStart: reason.handler.fn.body.range[0], path: describePath(reason, this.#sourceCode), routeDeadline: deadlines.routeDeadline(reason.handler) !== undefined }
          : null,
        waited: wait.waited,
        raced: wait.race !== undefined,
        testCode: testCode.contains(call),
      });
    }
    return facts;
  }

  #shutdown(): ShutdownFacts {
    const model = this.#model;
    const { shutdown } = model;
    const handlers: ShutdownHandlerFact[] = shutdown.handlers.map((handler) => ({
      source: handler.source,
      registration: spanOf(handler.registration),
      signals: handler.signals ? [...handler.signals] : null,
      closes: [...handler.closes].map((server) => this.#servers.indexOf(server)).filter((index) => index >= 0),
      forcedExit: handler.forcedExit,
      earlyExits: handler.earlyExits.length,
      closesOther: this.#closesOther(handler),
    }));
    return { handlers, wirings: shutdown.wirings.map((wiring) => this.#by(wiring)), libraries: this.#shutdownModules() };
  }

  /** A `close()`/`stop()`/`terminate()` in the handler's functions on something that is none of the file's servers. */
  #closesOther(handler: ShutdownHandler): boolean {
    const { nodes } = this.#model;
    for (const fn of handler.functions) {
      for (const call of nodes.callsByFunction.get(fn) ?? []) {
        const method = calledMethodName(call);
        if (method !== 'close' && method !== 'stop' && method !== 'terminate' && method !== 'shutdown') continue;
        if (call.callee.type !== 'MemberExpression') continue;
        if (this.#model.shutdown.resolveServerReference(call.callee.object).length === 0) return true;
      }
      // A call to a function of another module may close anything.
      for (const call of nodes.callsByFunction.get(fn) ?? []) {
        const ref = this.#model.bindings.resolveCallee(call);
        if (ref && mayBeProjectModule(ref.module)) return true;
      }
    }
    return handler.functions.length === 0;
  }

  #shutdownModules(): string[] {
    const modules = new Set<string>();
    const program = this.#sourceCode.ast as TSESTree.Program;
    const consider = (specifier: string | undefined) => {
      if (specifier === undefined) return;
      const module = specifier.replace(/^node:/, '');
      if (module === 'cluster' || SHUTDOWN_LIBRARIES.includes(module) || /graceful|shutdown|terminus|terminator|stoppable|lightship|close-with-grace/i.test(module)) {
        modules.add(module);
      }
    };
    for (const statement of program.body) if (statement.type === 'ImportDeclaration') consider(statement.source.value);
    if (/\b(?:require|import)\s*\(/.test(this.#sourceCode.text)) {
      for (const call of this.#model.nodes.calls) if (this.#model.bindings.isRequireCall(call)) consider(getStaticString(call.arguments[0]));
    }
    return [...modules].sort();
  }
}

/** An `import * as x`, `import x from`, or `const x = require()`: the module object itself. */
function isModuleObject(def: TSESLint.Scope.Definition): boolean {
  if (def.type === 'ImportBinding') return def.node.type === 'ImportNamespaceSpecifier' || def.node.type === 'ImportDefaultSpecifier';
  if (def.type !== 'Variable') return false;
  const declarator = def.node as TSESTree.VariableDeclarator;
  return declarator.id.type === 'Identifier';
}

/** Exported by name, `export default`, `module.exports`, `exports.x`, or returned from a function. */
function isExported(node: Node, name: TSESTree.Identifier | undefined, model: FileModel): boolean {
  const declaration = name?.parent?.parent;
  if (declaration?.parent?.type === 'ExportNamedDeclaration') return true;
  const places: Node[] = [node];
  const variable = name && model.bindings.findVariable(name);
  if (variable) for (const reference of variable.references) if (!reference.init) places.push(reference.identifier as Node);
  for (const place of places) {
    const parent = getTransparentParent(place);
    if (!parent) continue;
    switch (parent.type) {
      case 'ExportDefaultDeclaration':
      case 'ExportSpecifier':
      case 'ReturnStatement':
      case 'TSExportAssignment':
        return true;
      case 'Property':
        if (parent.value === place) return true;
        break;
      case 'AssignmentExpression':
        if (parent.right === place && parent.left.type === 'MemberExpression') return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/**
 * Exported by the module: `export const server`, `export { server }`, `export default server`,
 * `module.exports = server`, `module.exports = { server }`, `exports.server = server` — at module level.
 */
function isModuleExport(node: Node, name: TSESTree.Identifier | undefined, model: FileModel): boolean {
  const declaration = name?.parent?.parent;
  if (declaration?.parent?.type === 'ExportNamedDeclaration') return true;
  const places: Node[] = [node];
  const variable = name && model.bindings.findVariable(name);
  if (variable) for (const reference of variable.references) if (!reference.init) places.push(reference.identifier as Node);
  const isModuleObject = (target: Node): boolean => {
    const bare = skipTransparentWrappers(target);
    if (bare.type === 'Identifier') return bare.name === 'exports' && model.bindings.isGlobal(bare);
    return bare.type === 'MemberExpression' && getStaticPropertyName(bare) === 'exports' && bare.object.type === 'Identifier' && bare.object.name === 'module';
  };
  for (const place of places) {
    if (getEnclosingFunction(place)) continue;
    let current: Node = place;
    let parent = getTransparentParent(current);
    if (parent?.type === 'Property' && parent.value === current && parent.parent.type === 'ObjectExpression') {
      current = parent.parent;
      parent = getTransparentParent(current);
    }
    if (!parent) continue;
    if (parent.type === 'ExportDefaultDeclaration' || parent.type === 'ExportSpecifier' || parent.type === 'TSExportAssignment') return true;
    if (parent.type === 'AssignmentExpression' && parent.right === current) {
      const target = parent.left;
      if (isModuleObject(target)) return true; // module.exports = server / { server }
      if (target.type === 'MemberExpression' && isModuleObject(target.object)) return true; // exports.server = server
    }
  }
  return false;
}

/**
 * Whether `node` runs when the program starts: at module level, in an IIFE, or in a same-file
 * function that module-level code calls (`main()`, `void bootstrap()`, `main().catch(…)`) —
 * not in a method or function that other code (a library's user) may call.
 */
function runsAtStartup(node: Node, model: FileModel, depth = 0): boolean {
  const fn = getEnclosingFunction(node);
  if (!fn) return true;
  if (depth > 3) return false;
  const parent = getTransparentParent(fn);
  if (parent?.type === 'CallExpression' && parent.callee === fn) return runsAtStartup(parent, model, depth + 1);
  const name = fn.type === 'FunctionDeclaration' ? fn.id : fn.parent?.type === 'VariableDeclarator' && fn.parent.id.type === 'Identifier' ? fn.parent.id : null;
  if (!name) return false;
  const variable = model.bindings.findVariable(name);
  return (variable?.references ?? []).some((reference) => {
    const call = getTransparentParent(reference.identifier as Node);
    return call?.type === 'CallExpression' && call.callee === reference.identifier && runsAtStartup(call, model, depth + 1);
  });
}

function hasInjectedPerRequest(sourceCode: SourceCode): boolean {
  const known = getAuditKnowledge(sourceCode);
  return known !== undefined && known.perRequest.length > 0;
}

/** As require-handler-timeout words it: ` (the handler calls \`loadUser()\` at line 12)`. */
function describePath(reason: PerRequestReason, sourceCode: SourceCode): string {
  const first = reason.via[0];
  if (!first) return '';
  const name = shortText(sourceCode, first.callee);
  return ` (the handler calls \`${name}()\` at line ${first.loc.start.line}${reason.via.length > 1 ? ', which leads here' : ''})`;
}
