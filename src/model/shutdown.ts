import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  findProperty,
  getEnclosingFunction,
  getStaticPropertyName,
  getStaticString,
  isFunctionNode,
  skipAwaitAndWrappers,
  skipTransparentWrappers,
  type FunctionNode,
  type Node,
} from '../utils/ast';
import { GLOBAL, type ModuleRef } from './bindings';
import { calledMethodName } from './frameworks/registration';
import type { FileModel } from './index';
import type { ServerInfo } from './servers';

type Variable = TSESLint.Scope.Variable;

/**
 * Where a shutdown handler comes from: `process.on/once/addListener(signal, fn)`, the callback of
 * close-with-grace's `closeWithGrace(fn)`, or of lightship's `registerShutdownHandler(fn)`.
 */
export type ShutdownHandlerSource = 'process' | 'close-with-grace' | 'lightship';

/** A function that runs when the process is told to stop (or on another process event). */
export interface ShutdownHandler {
  readonly source: ShutdownHandlerSource;
  /** The call that registers it. */
  readonly registration: TSESTree.CallExpression;
  /**
   * The events it runs on (`SIGTERM`, `SIGINT`, `exit`, …), also when registered in a loop over
   * signal names or from a same-file helper; `undefined` when they cannot be told.
   */
  readonly signals: readonly string[] | undefined;
  /**
   * The same-file functions that run: the listener, or — for a parameter of a helper that
   * registers it (`function onStop(fn) { process.on('SIGTERM', fn) }`) — what the callers pass.
   * Empty for a function from another module.
   */
  readonly functions: readonly FunctionNode[];
  /** The servers whose `close()` it reaches, directly or through same-file functions. */
  readonly closes: ReadonlySet<ServerInfo>;
  /** It arms a timer that exits or destroys connections, or the library forces the exit itself. */
  readonly forcedExit: boolean;
  /** `process.exit()` calls it reaches that run before a `close()` it started has finished. */
  readonly earlyExits: readonly TSESTree.CallExpression[];
}

/** A library call that closes servers on SIGTERM by itself. */
export interface ShutdownWiring {
  /**
   * `terminus`: `createTerminus(server, …)`; `nest-shutdown-hooks`: `app.enableShutdownHooks()`;
   * `library-import`: the file loads a shutdown library the model does not read (exit-hook,
   * http-graceful-shutdown, a module the rule's options name…), which may close anything.
   */
  readonly kind: 'terminus' | 'nest-shutdown-hooks' | 'library-import';
  readonly node: Node;
  /** The server it closes; `undefined`: any server of the file. */
  readonly server: ServerInfo | undefined;
  /** The signals it handles; `undefined` when they cannot be told. */
  readonly signals: readonly string[] | undefined;
}

/**
 * What happens to a server on SIGTERM:
 * - `closed`: a SIGTERM handler or a shutdown library closes it;
 * - `unknown`: it is exported, handed to a function from elsewhere, closed somewhere the model
 *   cannot tie to a signal, or runs in a cluster worker — its owner may shut it down;
 * - `sigint-only`: only a SIGINT handler closes it, and the file handles no SIGTERM;
 * - `missing`: nothing visible closes it.
 */
export type ShutdownState = 'closed' | 'unknown' | 'sigint-only' | 'missing';

export interface ServerShutdown {
  readonly state: ShutdownState;
  /** The handlers and library calls that close it (`closed`, `sigint-only`). */
  readonly by: readonly (ShutdownHandler | ShutdownWiring)[];
}

/** close-with-grace 2.5 listens to these (semantics §E). */
const CLOSE_WITH_GRACE_SIGNALS = [
  'SIGHUP',
  'SIGINT',
  'SIGQUIT',
  'SIGILL',
  'SIGTRAP',
  'SIGABRT',
  'SIGBUS',
  'SIGFPE',
  'SIGSEGV',
  'SIGUSR2',
  'SIGTERM',
  'uncaughtException',
  'unhandledRejection',
  'beforeExit',
];
/** lightship 9's code default (its README says `[SIGTERM]`; semantics §E). */
const LIGHTSHIP_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'];
/** Nest's `ShutdownSignal` enum: the default of `enableShutdownHooks()`. */
const NEST_SIGNALS = ['SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGSEGV', 'SIGUSR2', 'SIGTERM'];

/**
 * Libraries that wire process shutdown in ways the model does not read call by call: loading one
 * counts as handling SIGTERM for every server of the file. close-with-grace, terminus,
 * http-terminator, stoppable and lightship are read precisely instead.
 */
export const SHUTDOWN_LIBRARIES: readonly string[] = [
  'http-graceful-shutdown',
  'fastify-graceful-shutdown',
  'exit-hook',
  'async-exit-hook',
  'death',
  'signal-exit',
  'node-cleanup',
  'graceful-goodbye',
  'graceful-shutdown',
  '@moebius/http-graceful-shutdown',
];
const READ_PRECISELY = new Set(['close-with-grace', '@godaddy/terminus', 'http-terminator', 'stoppable', 'lightship']);
/** Module names that say what they do: `@acme/graceful-shutdown`, `express-graceful-exit`. */
const SHUTDOWN_NAME = /graceful|shutdown/i;

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** How far handlers are followed through same-file functions. */
const MAX_DEPTH = 5;

/** What a function reaches, itself and through the same-file functions it calls or passes. */
interface Reach {
  /** Every function visited: the function, functions nested in it, and same-file callees. */
  readonly functions: Set<FunctionNode>;
  readonly closes: Set<ServerInfo>;
  /** Calls `process.exit/kill/abort`, or destroys connections (`destroy()`, `closeAllConnections()`). */
  exits: boolean;
  /** Arms a `setTimeout` whose callback exits or destroys connections. */
  forcedTimer: boolean;
  /** Closes through http-terminator, whose `terminate()` destroys what is left after its timeout. */
  terminator: boolean;
}

function isProcessMember(ref: ModuleRef | undefined, names: ReadonlySet<string> | string): string | undefined {
  if (!ref) return undefined;
  let method: string | undefined;
  if (ref.module === GLOBAL && ref.path.length === 2 && ref.path[0] === 'process') method = ref.path[1];
  else if (ref.module === 'process' && ref.path.length === 1) method = ref.path[0];
  if (method === undefined) return undefined;
  const matches = typeof names === 'string' ? method === names : names.has(method);
  return matches ? method : undefined;
}

/** The static strings of an array literal; `undefined` when any element is not one. */
function staticStrings(node: Node | undefined, model: FileModel): string[] | undefined {
  if (!node) return undefined;
  const value = model.bindings.resolveValue(skipTransparentWrappers(node));
  if (value.type !== 'ArrayExpression') return undefined;
  const strings: string[] = [];
  for (const element of value.elements) {
    if (!element || element.type === 'SpreadElement') return undefined;
    const text = signalName(element, model);
    if (text === undefined) return undefined;
    strings.push(text);
  }
  return strings;
}

/** `'SIGTERM'`, a const bound to it, or an enum-like member (`ShutdownSignal.SIGTERM`). */
function signalName(node: Node, model: FileModel): string | undefined {
  const value = model.bindings.resolveValue(skipTransparentWrappers(node));
  const text = getStaticString(value);
  if (text !== undefined) return text;
  if (value.type === 'MemberExpression') {
    const name = getStaticPropertyName(value);
    if (name?.startsWith('SIG')) return name;
  }
  return undefined;
}

/** The calls lexically inside `fn` (nested functions included), from the source-ordered list. */
function callsInside(calls: readonly TSESTree.CallExpression[], fn: Node): TSESTree.CallExpression[] {
  const [start, end] = fn.range;
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (calls[middle]!.range[0] < start) low = middle + 1;
    else high = middle;
  }
  const inside: TSESTree.CallExpression[] = [];
  for (let index = low; index < calls.length && calls[index]!.range[0] < end; index += 1) inside.push(calls[index]!);
  return inside;
}

function isInside(node: Node, container: Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}

/**
 * Signal handling in a file (semantics §E): which process events have handlers, which servers
 * each handler closes (directly or through same-file functions), whether a handler exits before
 * its `close()` completes or arms a forced-exit timer, and what the shutdown libraries the file
 * uses (close-with-grace, @godaddy/terminus, http-terminator, stoppable, lightship, Nest's
 * `enableShutdownHooks()`) take care of.
 */
export class ShutdownIndex {
  readonly #model: FileModel;
  #handlers?: ShutdownHandler[];
  #wirings?: ShutdownWiring[];
  #helperParams?: Map<Variable, Set<ServerInfo>>;
  readonly #reaches = new Map<FunctionNode, Reach>();
  readonly #passed = new Map<Variable, FunctionNode[]>();
  #closeSites?: Map<ServerInfo, Node[]>;
  #importedModules?: Set<string>;

  constructor(model: FileModel) {
    this.#model = model;
  }

  /** Process event handlers and shutdown-library callbacks, in source order. */
  get handlers(): readonly ShutdownHandler[] {
    this.#build();
    return this.#handlers!;
  }

  /** Shutdown libraries that close servers without a handler of the file's own. */
  get wirings(): readonly ShutdownWiring[] {
    this.#build();
    return this.#wirings!;
  }

  /** True when some handler or library may run on SIGTERM (its events include it, or cannot be told). */
  get handlesSigterm(): boolean {
    const onSigterm = (signals: readonly string[] | undefined) => signals === undefined || signals.includes('SIGTERM');
    return this.handlers.some((handler) => onSigterm(handler.signals)) || this.wirings.some((wiring) => onSigterm(wiring.signals));
  }

  /**
   * What closes `server` on SIGTERM. `extraLibraries` are module names whose import counts as
   * wiring shutdown for every server (a rule option).
   */
  shutdownOf(server: ServerInfo, extraLibraries: readonly string[] = []): ServerShutdown {
    const onSigterm = (signals: readonly string[] | undefined) => signals === undefined || signals.includes('SIGTERM');
    const by: (ShutdownHandler | ShutdownWiring)[] = [];
    for (const wiring of this.wirings) {
      if ((wiring.server === undefined || wiring.server === server) && onSigterm(wiring.signals)) by.push(wiring);
    }
    for (const handler of this.handlers) {
      if (handler.closes.has(server) && onSigterm(handler.signals)) by.push(handler);
    }
    if (extraLibraries.some((name) => this.#imports().has(name))) {
      by.push({ kind: 'library-import', node: this.#model.sourceCode.ast as Node, server: undefined, signals: undefined });
    }
    if (by.length > 0) return { state: 'closed', by };
    if (server.exported || server.passedTo.some((call) => !this.#isHarmlessPass(call, server))) return { state: 'unknown', by };
    // A cluster worker's servers are closed by the primary's `worker.disconnect()`.
    if (this.#imports().has('cluster')) return { state: 'unknown', by };
    // A close() the model cannot tie to a process event: whoever calls that code may do it on SIGTERM.
    const known = this.handlers.flatMap((handler) => handler.functions.flatMap((fn) => [...this.#reach(fn, 0).functions]));
    const sites = this.#sites().get(server) ?? [];
    if (sites.some((site) => !known.some((fn) => isInside(site, fn)))) return { state: 'unknown', by };
    const sigint = this.handlers.filter((handler) => handler.closes.has(server) && handler.signals?.includes('SIGINT'));
    if (sigint.length > 0 && !this.handlesSigterm) return { state: 'sigint-only', by: sigint };
    return { state: 'missing', by };
  }

  /**
   * The server an expression refers to: what `servers.resolveServer` finds, a parameter of a
   * same-file helper the server is passed to, or a `let` assigned the server later.
   */
  resolveServerReference(node: Node): ServerInfo[] {
    const { servers, bindings } = this.#model;
    const direct = servers.resolveServer(node);
    if (direct) return [direct];
    const bare = skipAwaitAndWrappers(node);
    if (bare.type !== 'Identifier') return [];
    const variable = bindings.findVariable(bare);
    if (!variable) return [];
    const params = this.#params().get(variable);
    if (params) return [...params];
    const assigned: ServerInfo[] = [];
    for (const reference of variable.references) {
      const written = reference.writeExpr as Node | null | undefined;
      if (!written || reference.init) continue;
      const server = servers.resolveServer(written);
      if (server && !assigned.includes(server)) assigned.push(server);
    }
    return assigned;
  }

  #build(): void {
    if (this.#handlers) return;
    const handlers: ShutdownHandler[] = [];
    const wirings: ShutdownWiring[] = [];
    this.#handlers = handlers;
    this.#wirings = wirings;
    const model = this.#model;
    const { bindings, nodes } = model;

    for (const call of nodes.calls) {
      const ref = bindings.resolveCallee(call);
      const method = isProcessMember(ref, LISTENER_METHODS);
      if (method) {
        const [event, listener] = call.arguments;
        if (!event || !listener || event.type === 'SpreadElement' || listener.type === 'SpreadElement') continue;
        handlers.push(this.#handler('process', call, this.#eventsOf(event, 0), listener, false));
        continue;
      }
      if (ref?.module === 'close-with-grace' && (ref.path.length === 0 || ref.path.join('.') === 'closeWithGrace')) {
        const listener = call.arguments.at(-1);
        if (!listener || listener.type === 'SpreadElement') continue;
        const options = call.arguments.length > 1 ? skipTransparentWrappers(call.arguments[0]!) : undefined;
        const delay = options?.type === 'ObjectExpression' ? findProperty(options, 'delay')?.value : undefined;
        const noDelay = delay?.type === 'Literal' && (delay.value === false || delay.value === null || delay.value === 0);
        handlers.push(this.#handler('close-with-grace', call, CLOSE_WITH_GRACE_SIGNALS, listener, !noDelay));
        continue;
      }
      if (ref?.module === '@godaddy/terminus' && ref.path.join('.') === 'createTerminus') {
        const [target, options] = call.arguments;
        if (!target || target.type === 'SpreadElement') continue;
        for (const server of this.resolveServerReference(target)) {
          wirings.push({ kind: 'terminus', node: call, server, signals: this.#terminusSignals(options) });
        }
        continue;
      }
      const name = calledMethodName(call);
      if (name === 'registerShutdownHandler' && call.callee.type === 'MemberExpression') {
        const lightship = this.#lightshipOf(call.callee.object);
        const listener = call.arguments[0];
        if (lightship && listener && listener.type !== 'SpreadElement') {
          const configured = lightship.arguments[0];
          const options = configured && configured.type !== 'SpreadElement' ? skipTransparentWrappers(configured) : undefined;
          const signals = options?.type === 'ObjectExpression' ? findProperty(options, 'signals') : undefined;
          handlers.push(
            this.#handler('lightship', call, signals ? staticStrings(signals.value, model) : LIGHTSHIP_SIGNALS, listener, true),
          );
        }
        continue;
      }
      if (name === 'enableShutdownHooks' && call.callee.type === 'MemberExpression') {
        const server = model.servers.resolveServer(call.callee.object);
        if (server?.flavour !== 'nestjs') continue;
        const given = call.arguments[0];
        const signals = given && given.type !== 'SpreadElement' ? staticStrings(given, model) : NEST_SIGNALS;
        wirings.push({ kind: 'nest-shutdown-hooks', node: call, server, signals });
      }
    }

    for (const module of this.#imports()) {
      if (READ_PRECISELY.has(module)) continue;
      if (SHUTDOWN_LIBRARIES.includes(module) || SHUTDOWN_NAME.test(module)) {
        wirings.push({ kind: 'library-import', node: model.sourceCode.ast as Node, server: undefined, signals: undefined });
        break;
      }
    }
  }

  #handler(
    source: ShutdownHandlerSource,
    registration: TSESTree.CallExpression,
    signals: readonly string[] | undefined,
    listener: Node,
    libraryForcesExit: boolean,
  ): ShutdownHandler {
    const functions = this.#functionsOf(listener, 0);
    if (functions.length === 0) {
      // `process.on('SIGTERM', server.close.bind(server))`, or a function from another module.
      const closes = new Set(this.#closedBy(listener));
      return { source, registration, signals, functions, closes, forcedExit: libraryForcesExit, earlyExits: [] };
    }
    const reach: Reach = { functions: new Set(), closes: new Set(), exits: false, forcedTimer: false, terminator: false };
    for (const fn of functions) mergeReach(reach, this.#reach(fn, 0));
    return {
      source,
      registration,
      signals,
      functions,
      closes: reach.closes,
      forcedExit: libraryForcesExit || reach.forcedTimer || reach.terminator,
      earlyExits: this.#earlyExits(reach),
    };
  }

  /**
   * The same-file functions an expression may hold: a function or a name bound to one, or a
   * parameter of a same-file function, through what its callers pass.
   */
  #functionsOf(node: Node, depth: number): FunctionNode[] {
    const { bindings, nodes } = this.#model;
    const fn = bindings.resolveFunction(node);
    if (fn) return [fn];
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier' || depth > 2) return [];
    const variable = bindings.findVariable(bare);
    const def = variable?.defs[0];
    if (!variable || def?.type !== 'Parameter' || variable.defs.length !== 1) return [];
    const memo = this.#passed.get(variable);
    if (memo) return memo;
    const found: FunctionNode[] = [];
    this.#passed.set(variable, found);
    const owner = def.node as Node;
    if (!isFunctionNode(owner)) return found;
    const index = owner.params.indexOf(def.name as TSESTree.Parameter);
    if (index < 0) return found;
    for (const call of nodes.calls) {
      if (bindings.resolveFunction(call.callee) !== owner) continue;
      const argument = call.arguments[index];
      if (!argument || argument.type === 'SpreadElement') continue;
      for (const passed of this.#functionsOf(argument, depth + 1)) if (!found.includes(passed)) found.push(passed);
    }
    return found;
  }

  /**
   * The events of `process.on(event, …)`: a string, a loop variable over a list of names
   * (`for (const s of ['SIGINT', 'SIGTERM'])`, `[…].forEach((s) => …)`), or a parameter of a
   * same-file helper every caller passes a name to.
   */
  #eventsOf(node: Node, depth: number): string[] | undefined {
    const model = this.#model;
    const name = signalName(node, model);
    if (name !== undefined) return [name];
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier' || depth > 2) return undefined;
    const variable = model.bindings.findVariable(bare);
    const def = variable?.defs[0];
    if (!variable || !def || variable.defs.length !== 1) return undefined;
    if (def.type === 'Variable') {
      const declaration = def.parent as Node | null;
      const loop = declaration?.parent;
      if (loop?.type === 'ForOfStatement' && loop.left === declaration && def.node.id === def.name) {
        return staticStrings(loop.right, model);
      }
      return undefined;
    }
    if (def.type !== 'Parameter') return undefined;
    const fn = def.node as Node;
    if (!isFunctionNode(fn)) return undefined;
    const index = fn.params.indexOf(def.name as TSESTree.Parameter);
    if (index < 0) return undefined;
    // [...].forEach((signal) => process.on(signal, …))
    const parent = fn.parent;
    if (parent?.type === 'CallExpression' && parent.arguments[0] === fn && index === 0) {
      const method = calledMethodName(parent);
      if ((method === 'forEach' || method === 'map') && parent.callee.type === 'MemberExpression') {
        return staticStrings(parent.callee.object, model);
      }
    }
    // function listen(signal) { process.on(signal, …) } listen('SIGTERM');
    const events = new Set<string>();
    let callers = 0;
    for (const call of model.nodes.calls) {
      if (model.bindings.resolveFunction(call.callee) !== fn) continue;
      callers += 1;
      const argument = call.arguments[index];
      if (!argument || argument.type === 'SpreadElement') return undefined;
      const names = this.#eventsOf(argument, depth + 1);
      if (!names) return undefined;
      for (const event of names) events.add(event);
    }
    return callers > 0 ? [...events] : undefined;
  }

  #terminusSignals(options: TSESTree.CallExpressionArgument | undefined): string[] | undefined {
    if (!options) return ['SIGTERM'];
    const bare = options.type === 'SpreadElement' ? undefined : skipTransparentWrappers(options);
    if (bare?.type !== 'ObjectExpression') return undefined;
    if (bare.properties.some((property) => property.type === 'SpreadElement')) return undefined;
    const signal = findProperty(bare, 'signal');
    const signals = findProperty(bare, 'signals');
    const result = new Set<string>();
    if (signal) {
      const name = signalName(signal.value, this.#model);
      if (name === undefined) return undefined;
      result.add(name);
    } else {
      result.add('SIGTERM');
    }
    if (signals) {
      const names = staticStrings(signals.value, this.#model);
      if (!names) return undefined;
      for (const name of names) result.add(name);
    }
    return [...result];
  }

  /** The `createLightship(…)` call a receiver holds. */
  #lightshipOf(node: Node): TSESTree.CallExpression | undefined {
    const value = skipAwaitAndWrappers(this.#model.bindings.resolveValue(node));
    if (value.type !== 'CallExpression') return undefined;
    const ref = this.#model.bindings.resolveCallee(value);
    return ref?.module === 'lightship' && ref.path.join('.') === 'createLightship' ? value : undefined;
  }

  /** The modules the file loads: imports, `require`, `import()`. */
  #imports(): Set<string> {
    if (this.#importedModules) return this.#importedModules;
    const modules = new Set<string>();
    const program = this.#model.sourceCode.ast as TSESTree.Program;
    for (const statement of program.body) {
      if (statement.type === 'ImportDeclaration') modules.add(statement.source.value.replace(/^node:/, ''));
    }
    for (const call of this.#model.nodes.calls) {
      if (this.#model.bindings.isRequireCall(call)) {
        const specifier = getStaticString(call.arguments[0]);
        if (specifier !== undefined) modules.add(specifier.replace(/^node:/, ''));
      }
    }
    return (this.#importedModules = modules);
  }

  /** Parameters of same-file helpers that are handed a server: `function stop(s) { s.close() } stop(server)`. */
  #params(): Map<Variable, Set<ServerInfo>> {
    if (this.#helperParams) return this.#helperParams;
    const params = new Map<Variable, Set<ServerInfo>>();
    this.#helperParams = params;
    const { nodes, bindings, servers } = this.#model;
    if (servers.servers.length === 0) return params;
    // Two rounds: a helper may hand its parameter on to another helper.
    for (let round = 0; round < 2; round += 1) {
      for (const call of nodes.calls) {
        if (call.arguments.length === 0) continue;
        const helper = bindings.resolveFunction(call.callee);
        if (!helper) continue;
        call.arguments.forEach((argument, index) => {
          const param = helper.params[index];
          if (argument.type === 'SpreadElement' || param?.type !== 'Identifier') return;
          const found = this.resolveServerReference(argument);
          if (found.length === 0) return;
          const variable = bindings.findVariable(param);
          if (!variable) return;
          let set = params.get(variable);
          if (!set) params.set(variable, (set = new Set()));
          for (const server of found) set.add(server);
        });
      }
    }
    return params;
  }

  /**
   * The servers a call closes: `server.close()`, fastify/Nest `app.close()`, stoppable's
   * `server.stop()`, http-terminator's `terminator.terminate()`; `server.close.bind(server)`,
   * and `server.close` handed to a call (`promisify(server.close)`).
   */
  #closedBy(node: Node): ServerInfo[] {
    const bare = skipTransparentWrappers(node);
    if (bare.type === 'MemberExpression') {
      const name = getStaticPropertyName(bare);
      return name === 'close' || name === 'stop' ? this.resolveServerReference(bare.object) : [];
    }
    if (bare.type !== 'CallExpression') return [];
    const callee = skipTransparentWrappers(bare.callee);
    if (callee.type !== 'MemberExpression') return [];
    const method = getStaticPropertyName(callee);
    if (method === 'close' || method === 'stop') return this.resolveServerReference(callee.object);
    if (method === 'terminate') return this.#terminated(callee.object);
    if (method === 'bind' || method === 'call' || method === 'apply') return this.#closedBy(callee.object);
    return [];
  }

  /** The server of `createHttpTerminator({ server })` that a receiver holds. */
  #terminated(node: Node): ServerInfo[] {
    const value = skipAwaitAndWrappers(this.#model.bindings.resolveValue(node));
    if (value.type !== 'CallExpression') return [];
    const ref = this.#model.bindings.resolveCallee(value);
    if (ref?.module !== 'http-terminator' || ref.path.join('.') !== 'createHttpTerminator') return [];
    const options = value.arguments[0] && value.arguments[0].type !== 'SpreadElement' ? skipTransparentWrappers(value.arguments[0]) : undefined;
    const server = options?.type === 'ObjectExpression' ? findProperty(options, 'server') : undefined;
    return server ? this.resolveServerReference(server.value) : [];
  }

  /** Every place in the file that closes each server. */
  #sites(): Map<ServerInfo, Node[]> {
    if (this.#closeSites) return this.#closeSites;
    const sites = new Map<ServerInfo, Node[]>();
    const add = (server: ServerInfo, node: Node) => {
      let list = sites.get(server);
      if (!list) sites.set(server, (list = []));
      list.push(node);
    };
    for (const call of this.#model.nodes.calls) {
      for (const server of this.#closedBy(call)) add(server, call);
      for (const argument of call.arguments) {
        if (argument.type === 'MemberExpression') for (const server of this.#closedBy(argument)) add(server, argument);
      }
    }
    return (this.#closeSites = sites);
  }

  /** What `fn` reaches, memoised; a function already being visited (recursion) adds nothing. */
  #reach(fn: FunctionNode, depth: number): Reach {
    const known = this.#reaches.get(fn);
    if (known) return known;
    const reach: Reach = { functions: new Set([fn]), closes: new Set(), exits: false, forcedTimer: false, terminator: false };
    this.#reaches.set(fn, reach);
    const { bindings, nodes } = this.#model;
    const follow = (target: FunctionNode) => {
      if (depth >= MAX_DEPTH || isInside(target, fn)) return;
      mergeReach(reach, this.#reach(target, depth + 1));
    };
    for (const inner of nodes.functions) if (inner !== fn && isInside(inner, fn)) reach.functions.add(inner);

    for (const call of callsInside(nodes.calls, fn)) {
      for (const server of this.#closedBy(call)) reach.closes.add(server);
      if (calledMethodName(call) === 'terminate' && call.callee.type === 'MemberExpression' && this.#terminated(call.callee.object).length > 0) {
        reach.terminator = true;
      }
      const ref = bindings.resolveCallee(call);
      const method = calledMethodName(call);
      if (isProcessMember(ref, EXIT_METHODS) || method === 'destroy' || method === 'closeAllConnections') reach.exits = true;
      if (isTimer(ref)) {
        const callback = call.arguments[0];
        const timerFn = callback && callback.type !== 'SpreadElement' ? bindings.resolveFunction(callback) : undefined;
        if (timerFn) {
          const timerReach = isInside(timerFn, fn) ? this.#reachOfNested(timerFn) : this.#reach(timerFn, depth + 1);
          if (timerReach.exits) reach.forcedTimer = true;
        } else if (callback && callback.type !== 'SpreadElement' && isProcessMember(bindings.resolve(callback), EXIT_METHODS)) {
          reach.forcedTimer = true; // setTimeout(process.exit, ms, 1)
        }
      }
      // Same-file functions it calls, or hands on (`server.close(onClosed)`, `.then(cleanup)`).
      for (const callee of this.#functionsOf(call.callee, 0)) follow(callee);
      for (const argument of call.arguments) {
        if (argument.type === 'Identifier') {
          for (const passed of this.#functionsOf(argument, 0)) follow(passed);
        } else if (argument.type === 'MemberExpression') {
          for (const server of this.#closedBy(argument)) reach.closes.add(server);
        }
      }
    }
    return reach;
  }

  /** Whether a callback written inside a handler exits: its own calls and what they reach. */
  #reachOfNested(fn: FunctionNode): Pick<Reach, 'exits'> {
    const { bindings, nodes } = this.#model;
    for (const call of callsInside(nodes.calls, fn)) {
      const method = calledMethodName(call);
      if (isProcessMember(bindings.resolveCallee(call), EXIT_METHODS) || method === 'destroy' || method === 'closeAllConnections') {
        return { exits: true };
      }
      const callee = bindings.resolveFunction(call.callee);
      if (callee && !isInside(callee, fn) && this.#reach(callee, MAX_DEPTH - 1).exits) return { exits: true };
    }
    return { exits: false };
  }

  /**
   * `process.exit()` calls that run right after a `close()` was started, before it finished: in
   * the same function, later in the same statement list (or an enclosing one), with no `await`
   * in between, when the closing call itself is not awaited (or is a node server's `close()`,
   * which returns the server, not a promise).
   */
  #earlyExits(reach: Reach): TSESTree.CallExpression[] {
    const { bindings, nodes } = this.#model;
    const exits: TSESTree.CallExpression[] = [];
    for (const fn of reach.functions) {
      const own = nodes.callsByFunction.get(fn) ?? [];
      for (const call of own) {
        if (!this.#startsClose(call) || this.#waitsFor(call)) continue;
        for (const later of own) {
          if (later.range[0] <= call.range[1]) continue;
          if (isProcessMember(bindings.resolveCallee(later), 'exit') === undefined) continue;
          if (!runsAfter(call, later, fn) || awaitsBetween(call, later, fn)) continue;
          if (!exits.includes(later)) exits.push(later);
        }
      }
    }
    return exits;
  }

  /** A call that closes a server, directly or through same-file functions (not via a callback it schedules). */
  #startsClose(call: TSESTree.CallExpression): boolean {
    // `server.close.bind(server)` makes a function; it closes nothing yet.
    if (calledMethodName(call) === 'bind') return false;
    if (this.#closedBy(call).length > 0) return true;
    const callee = this.#model.bindings.resolveFunction(call.callee);
    return callee !== undefined && this.#reach(callee, 1).closes.size > 0;
  }

  /**
   * The call's promise is awaited: `await app.close()`, `await shutdown()`, `await
   * Promise.all([close(), …])`. A node server's `close()` returns the server, not a promise, so
   * `await server.close()` waits for nothing.
   */
  #waitsFor(call: TSESTree.CallExpression): boolean {
    for (let parent: Node | undefined = call.parent; parent && !isFunctionNode(parent); parent = parent.parent) {
      if (parent.type === 'AwaitExpression' || parent.type === 'YieldExpression') {
        const direct = parent.argument !== null && parent.argument !== undefined && skipTransparentWrappers(parent.argument) === call;
        const nodeServer = this.#closedBy(call).some((server) => server.flavour !== 'fastify' && server.flavour !== 'nestjs');
        return !(direct && nodeServer && calledMethodName(call) === 'close');
      }
      if (parent.type === 'ReturnStatement') return true;
      if (parent.type === 'ExpressionStatement' || parent.type === 'VariableDeclaration' || parent.type === 'BlockStatement') return false;
    }
    return false;
  }

  /** A server handed to a call that cannot stop it: `console.log(server)`, stoppable, `server.close.bind(server)`. */
  #isHarmlessPass(call: TSESTree.CallExpression, server: ServerInfo): boolean {
    const ref = this.#model.bindings.resolveCallee(call);
    if (ref?.module === 'stoppable') return true;
    if (ref?.module === GLOBAL && ref.path[0] === 'console') return true;
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type === 'MemberExpression' && ['bind', 'call', 'apply'].includes(getStaticPropertyName(callee) ?? '')) {
      const target = skipTransparentWrappers(callee.object);
      return target.type === 'MemberExpression' && this.resolveServerReference(target.object).includes(server);
    }
    return false;
  }
}

function mergeReach(into: Reach, from: Reach): void {
  for (const visited of from.functions) into.functions.add(visited);
  for (const server of from.closes) into.closes.add(server);
  into.exits ||= from.exits;
  into.forcedTimer ||= from.forcedTimer;
  into.terminator ||= from.terminator;
}

const EXIT_METHODS = new Set(['exit', 'kill', 'abort', 'reallyExit']);

function isTimer(ref: ModuleRef | undefined): boolean {
  if (!ref) return false;
  if (ref.module === GLOBAL) return ref.path.join('.') === 'setTimeout';
  return ref.module === 'timers' && ref.path.join('.') === 'setTimeout';
}

/** The statement of `fn`'s body, at any block depth, that contains `node`, with the block it is in. */
function statementPath(node: Node, fn: FunctionNode): Node[] {
  const path: Node[] = [];
  for (let current: Node | undefined = node; current && current !== fn; current = current.parent) path.push(current);
  return path;
}

/** `later` runs after `call` on the same synchronous path: not in a nested function, not in another branch. */
function runsAfter(call: TSESTree.CallExpression, later: TSESTree.CallExpression, fn: FunctionNode): boolean {
  if (getEnclosingFunction(later) !== fn || getEnclosingFunction(call) !== fn) return false;
  const callPath = statementPath(call, fn);
  const laterPath = new Set(statementPath(later, fn));
  // The nearest common ancestor must be a statement list (block, program) or a sequence, so the
  // exit is in a later sibling — not the other branch of an `if` or a `catch` clause.
  const common = callPath.find((ancestor) => laterPath.has(ancestor));
  if (!common) return false;
  return (
    common.type === 'BlockStatement' ||
    common.type === 'SequenceExpression' ||
    common.type === 'StaticBlock' ||
    common.type === 'Program'
  );
}

/** An `await` or `yield` in `fn`, after `call` and before `later` (not in nested functions). */
function awaitsBetween(call: Node, later: Node, fn: FunctionNode): boolean {
  const start = call.range[1];
  const end = later.range[0];
  const stack: Node[] = [fn.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // Nothing wholly before or after the gap can hold an await inside it.
    if (node.range[1] <= start || node.range[0] >= end) continue;
    if ((node.type === 'AwaitExpression' || node.type === 'YieldExpression') && node.range[0] >= start) return true;
    if (node.type === 'ForOfStatement' && node.await) return true;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      const children: unknown[] = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as Node).type === 'string' && !isFunctionNode(child as Node)) {
          stack.push(child as Node);
        }
      }
    }
  }
  return false;
}
