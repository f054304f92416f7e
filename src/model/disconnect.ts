import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, isFunctionNode, skipTransparentWrappers, type FunctionNode, type Node } from '../utils/ast';
import { GLOBAL } from './bindings';
import type { HandlerInfo } from './frameworks';
import { isPagesApiFile } from './frameworks/nextjs';
import type { FileModel } from './index';
import { modelPart } from './part';
import { wordGate } from './vocabulary';
import { nodesWithin, pushChildNodes } from './walk';

type Variable = TSESLint.Scope.Variable;

/**
 * Files that cannot stream anything to a client: no write, enqueue or SSE content type. Rules
 * asking about disconnect cleanup skip them before building the model.
 */
export const STREAMING_WORDS = wordGate({ names: ['write', 'writeSSE', 'writeln', 'enqueue'], stringParts: ['text/event-stream'] });

/**
 * How a handler learns that its client is gone (semantics §A6, §D):
 * - `node`: the Node response's (or request's, outside Next.js pages API routes) `'close'`;
 * - `web`: the Web request's `signal` (Next.js App Router, hono) or the `ReadableStream`'s `cancel()`;
 * - `hono-stream`: a hono `stream`/`streamSSE`/`streamText` callback's `stream.onAbort()` / `stream.aborted`.
 */
export type DisconnectChannel = 'node' | 'web' | 'hono-stream';

/** Work a streaming handler starts for one client that only ends when something stops it. */
export type StreamingWorkKind = 'interval' | 'timeout-chain' | 'loop' | 'subscription' | 'broadcast';

export interface StreamingWork {
  readonly kind: StreamingWorkKind;
  /** The `setInterval`/rescheduling `setTimeout` call, the loop, the `on`/`subscribe` call, the `add`/`push`/`set` call. */
  readonly node: TSESTree.CallExpression | TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;
  readonly handler: HandlerInfo;
  readonly channel: DisconnectChannel;
  /**
   * What to stop it on, as code: the Node response (`res`, `reply.raw`, `ctx.res`), the Web
   * request's signal (`request.signal`, `c.req.raw.signal`), the hono `stream`. `undefined` when
   * the handler has no name for it.
   */
  readonly stopVia?: string;
  /** For a timer: the variable its handle is stored in (`const timer = setInterval(…)`). */
  readonly handle?: TSESTree.Identifier;
  /** What stops it when the client disconnects; `undefined` when nothing visible does. */
  readonly stoppedBy?: Node;
  /** For a subscription the emitter, for a broadcast the collection. */
  readonly target?: Node;
}

/** A listener that runs when the client disconnects (or one that never will). */
export interface DisconnectListener {
  /** The registration: `res.on('close', fn)`, `signal.addEventListener('abort', fn)`, the `cancel()` method. */
  readonly node: Node;
  /** The code that runs: the listener function, or `undefined` when it is not a same-file function. */
  readonly body?: Node;
}

export interface StreamingHandler {
  readonly handler: HandlerInfo;
  /** The `'text/event-stream'` string the handler sets as its content type, if any. */
  readonly eventStream?: Node;
  /** Listeners that run on disconnect. */
  readonly listeners: readonly DisconnectListener[];
  /** `req.on('close', …)` in a Next.js pages API route: never fires there (the body was already read). */
  readonly deadListeners: readonly DisconnectListener[];
  /** The per-client work the handler starts, each with what stops it. */
  readonly work: readonly StreamingWork[];
}

const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const DISCONNECT_EVENTS = new Set(['close', 'finish', 'error', 'aborted']);
const SUBSCRIBE_METHODS = new Set(['on', 'addListener', 'prependListener', 'addEventListener', 'subscribe']);
const UNSUBSCRIBE_METHODS = new Set(['off', 'removeListener', 'removeEventListener', 'removeAllListeners', 'unsubscribe']);
const COLLECTION_ADD_METHODS = new Set(['add', 'push', 'unshift', 'set']);
const COLLECTION_REMOVE_METHODS = new Set(['delete', 'splice', 'filter', 'shift', 'pop', 'clear', 'remove']);
const WRITE_METHODS = new Set(['write', 'writeSSE', 'writeln']);
const CLEAR_TIMERS = new Set(['clearInterval', 'clearTimeout']);
const HONO_STREAM_HELPERS = new Set(['stream', 'streamSSE', 'streamText']);
const STATE_PROPERTIES = new Set(['aborted', 'throwIfAborted', 'signal']);
const EVENT_STREAM = /^\s*text\/event-stream\b/i;
// Same-file functions followed from a listener or callback to what they do.
const MAX_CALL_DEPTH = 3;

/** Everything one handler's streaming knows, per handler, computed on first use. */
export class StreamingIndex {
  readonly #model: FileModel;
  #handlers?: StreamingHandler[];

  constructor(model: FileModel) {
    this.#model = model;
  }

  /** Every recognised handler that starts per-client work (or sets an event-stream content type). */
  get handlers(): readonly StreamingHandler[] {
    if (this.#handlers) return this.#handlers;
    const seen = new Set<FunctionNode>();
    const result: StreamingHandler[] = [];
    for (const handler of this.#model.frameworks.handlers) {
      if (seen.has(handler.fn)) continue;
      seen.add(handler.fn);
      const analysis = new HandlerAnalysis(this.#model, handler).run();
      if (analysis.work.length > 0 || analysis.eventStream) result.push(analysis);
    }
    return (this.#handlers = result);
  }
}

interface WorkSite {
  readonly channel: DisconnectChannel;
  /** Inside a `ReadableStream`'s `start()` or a hono streaming callback. */
  readonly inStream: boolean;
  readonly stopVia: string | undefined;
}

/** The analysis of one handler: what it writes to, what tells it the client left, what it starts. */
class HandlerAnalysis {
  readonly #model: FileModel;
  readonly #handler: HandlerInfo;
  readonly #fn: FunctionNode;
  readonly #calls: readonly TSESTree.CallExpression[];
  readonly #pagesApi: boolean;
  /** Variables holding the Node response, or a stream the framework pipes to it. */
  readonly #responses = new Set<Variable>();
  /** Variables holding the Node request. */
  readonly #requests = new Set<Variable>();
  /** fastify `reply`/`request` (`.raw`), koa `ctx` (`.res`/`.req`). */
  readonly #rawHolders = new Map<Variable, { response: string; request: string }>();
  /** `ReadableStream` `start(controller)` controllers, with the stream's `start` function. */
  readonly #controllers = new Map<Variable, FunctionNode>();
  /** hono streaming-helper `stream` parameters, with their callback. */
  readonly #honoStreams = new Map<Variable, FunctionNode>();
  readonly #listeners: DisconnectListener[] = [];
  readonly #deadListeners: DisconnectListener[] = [];

  constructor(model: FileModel, handler: HandlerInfo) {
    this.#model = model;
    this.#handler = handler;
    this.#fn = handler.fn;
    this.#calls = nodesWithin(model.nodes.calls, handler.fn);
    this.#pagesApi = handler.framework === 'nextjs' && Boolean(handler.params.response) && isPagesApiFile(model.filename);
  }

  run(): StreamingHandler {
    this.#collectTargets();
    this.#collectListeners();
    const work: StreamingWork[] = [];
    const eventStream = this.#findEventStream();
    for (const call of this.#calls) {
      const found = this.#timerWork(call, Boolean(eventStream)) ?? this.#subscriptionWork(call) ?? this.#broadcastWork(call);
      if (found) work.push(found);
    }
    for (const loop of this.#loops()) {
      const found = this.#loopWork(loop);
      if (found) work.push(found);
    }
    work.sort((a, b) => a.node.range[0] - b.node.range[0]);
    return {
      handler: this.#handler,
      eventStream,
      listeners: this.#listeners,
      deadListeners: this.#deadListeners,
      work,
    };
  }

  // ---- what the handler writes to ----

  #collectTargets(): void {
    const { params, framework } = this.#handler;
    const add = (set: Set<Variable>, id: TSESTree.Identifier | undefined) => {
      const variable = id && this.#model.bindings.findVariable(id);
      if (variable) set.add(variable);
    };
    switch (framework) {
      case 'fastify': {
        const reply = params.response && this.#model.bindings.findVariable(params.response);
        if (reply) this.#rawHolders.set(reply, { response: 'raw', request: '' });
        const request = params.request && this.#model.bindings.findVariable(params.request);
        if (request) this.#rawHolders.set(request, { response: '', request: 'raw' });
        break;
      }
      case 'koa': {
        const ctx = params.context && this.#model.bindings.findVariable(params.context);
        if (ctx) this.#rawHolders.set(ctx, { response: 'res', request: 'req' });
        break;
      }
      case 'hono':
        break;
      case 'nextjs':
        // Pages API routes: the Node response. Their request's 'close' has already fired (see #isPagesRequest).
        if (this.#pagesApi) add(this.#responses, params.response);
        break;
      default:
        add(this.#responses, params.response);
        add(this.#requests, params.request);
    }
    for (const node of nodesWithin(this.#model.nodes.news, this.#fn)) {
      const start = this.#readableStreamMethod(node, 'start');
      const controller = start?.params[0];
      if (start && controller?.type === 'Identifier') {
        const variable = this.#model.bindings.findVariable(controller);
        if (variable) this.#controllers.set(variable, start);
      }
    }
    for (const call of this.#calls) {
      const ref = this.#model.bindings.resolveCallee(call);
      if (ref?.module === 'hono/streaming' && HONO_STREAM_HELPERS.has(ref.path[0] ?? '') && ref.path.length === 1) {
        const callback = call.arguments[1] && this.#model.bindings.resolveFunction(call.arguments[1]);
        const stream = callback?.params[0];
        const variable = stream?.type === 'Identifier' ? this.#model.bindings.findVariable(stream) : undefined;
        if (callback && variable) this.#honoStreams.set(variable, callback);
      }
      // `ctx.body = stream` (koa) and `reply.send(stream)` (fastify) pipe a stream into the response.
      if (call.callee.type === 'MemberExpression' && getStaticPropertyName(call.callee) === 'send') {
        const holder = this.#holderOf(call.callee.object);
        if (holder?.response === 'raw') this.#addStreamVariable(call.arguments[0]);
      }
    }
    for (const assignment of nodesWithin(this.#model.nodes.memberAssignments, this.#fn)) {
      if (getStaticPropertyName(assignment.left) !== 'body') continue;
      if (this.#holderOf(assignment.left.object)?.response === 'res') this.#addStreamVariable(assignment.right);
    }
  }

  #addStreamVariable(node: Node | undefined): void {
    if (node?.type !== 'Identifier') return;
    const variable = this.#model.bindings.findVariable(node);
    if (variable && variable.defs.some((def) => isInside(def.node as Node, this.#fn))) this.#responses.add(variable);
  }

  /** `new ReadableStream({ start(controller) { … } })`: that method. */
  #readableStreamMethod(node: TSESTree.NewExpression, name: string): FunctionNode | undefined {
    const ref = this.#model.bindings.resolveCallee(node);
    if (ref?.module !== GLOBAL || ref.path.join('.') !== 'ReadableStream') return undefined;
    const source = node.arguments[0];
    if (source?.type !== 'ObjectExpression') return undefined;
    for (const property of source.properties) {
      if (property.type !== 'Property' || getStaticPropertyName(property) !== name) continue;
      return isFunctionNode(property.value) ? property.value : undefined;
    }
    return undefined;
  }

  #holderOf(node: Node): { response: string; request: string } | undefined {
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier') return undefined;
    const variable = this.#model.bindings.findVariable(bare);
    return variable ? this.#rawHolders.get(variable) : undefined;
  }

  /** `res`, `reply.raw`, `ctx.res`, a stream piped into the response. */
  #isResponse(node: Node): boolean {
    return this.#plays(node, this.#responses, 'response');
  }

  /** `req`, `request.raw`, `ctx.req`. */
  #isRequest(node: Node): boolean {
    return this.#plays(node, this.#requests, 'request');
  }

  /** A variable known to hold the role, or the role's property on a holder (`ctx.res`, `reply.raw`). */
  #plays(node: Node, variables: ReadonlySet<Variable> | ReadonlyMap<Variable, unknown>, role: 'request' | 'response'): boolean {
    const bare = skipTransparentWrappers(node);
    if (bare.type === 'Identifier') {
      const variable = this.#model.bindings.findVariable(bare);
      return variable !== undefined && variables.has(variable);
    }
    if (bare.type === 'MemberExpression') {
      const name = getStaticPropertyName(bare);
      return name !== undefined && this.#holderOf(bare.object)?.[role] === name;
    }
    return false;
  }

  #variableIn(map: Map<Variable, FunctionNode>, node: Node): boolean {
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier') return false;
    const variable = this.#model.bindings.findVariable(bare);
    return variable !== undefined && map.has(variable);
  }

  /** A call that sends bytes to this client: `res.write()`, `controller.enqueue()`, `stream.writeSSE()`. */
  #isWrite(call: TSESTree.CallExpression): boolean {
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type !== 'MemberExpression') return false;
    const name = getStaticPropertyName(callee);
    if (name === 'enqueue') return this.#variableIn(this.#controllers, callee.object);
    if (name === undefined || !WRITE_METHODS.has(name)) return false;
    return this.#isResponse(callee.object) || this.#variableIn(this.#honoStreams, callee.object);
  }

  /** Whether running `root` writes to this client, directly or through same-file functions. */
  #writesIn(root: Node | undefined): boolean {
    return root !== undefined && this.#someCall(root, (call) => this.#isWrite(call));
  }

  #someCall(root: Node, test: (call: TSESTree.CallExpression) => boolean): boolean {
    const seen = new Set<Node>();
    const visit = (node: Node, depth: number): boolean => {
      if (seen.has(node)) return false;
      seen.add(node);
      for (const call of nodesWithin(this.#model.nodes.calls, node)) {
        if (test(call)) return true;
        if (depth < MAX_CALL_DEPTH && call.callee.type === 'Identifier') {
          const callee = this.#model.bindings.resolveFunction(call.callee);
          if (callee && !isInside(callee, node) && visit(callee, depth + 1)) return true;
        }
      }
      // A function passed by name: `setInterval(poll, 1000)` where `poll` calls write.
      return false;
    };
    return visit(root, 0);
  }

  // ---- what tells the handler that the client left ----

  #collectListeners(): void {
    const { bindings } = this.#model;
    for (const call of this.#calls) {
      const callee = skipTransparentWrappers(call.callee);
      if (callee.type === 'MemberExpression') {
        const method = getStaticPropertyName(callee);
        const listener = call.arguments[1];
        if (method && LISTEN_METHODS.has(method) && DISCONNECT_EVENTS.has(getStaticString(call.arguments[0]) ?? '')) {
          const object = skipTransparentWrappers(callee.object);
          const socketOf = object.type === 'MemberExpression' && ['socket', 'connection'].includes(getStaticPropertyName(object) ?? '')
            ? object.object
            : undefined;
          if (socketOf && (this.#isResponse(socketOf) || this.#isRequest(socketOf) || this.#isPagesRequest(socketOf))) {
            this.#addListener(call, listener);
          } else if (this.#isResponse(object) || this.#isRequest(object)) {
            this.#addListener(call, listener);
          } else if (this.#isPagesRequest(object)) {
            this.#deadListeners.push({ node: call, body: listener && bindings.resolveFunction(listener) });
          }
        } else if (method === 'addEventListener' && getStaticString(call.arguments[0]) === 'abort') {
          this.#addListener(call, listener);
        } else if (method === 'onAbort' && this.#variableIn(this.#honoStreams, callee.object)) {
          this.#addListener(call, call.arguments[0]);
        }
        continue;
      }
      // on-finished `onFinished(res, fn)`, `stream.finished(res, fn)`.
      const ref = bindings.resolveCallee(call);
      const name = ref && `${ref.module}.${ref.path.join('.')}`;
      if ((name === 'on-finished.' || name === 'stream.finished' || name === 'end-of-stream.') && call.arguments[0]) {
        if (this.#isResponse(call.arguments[0]) || this.#isRequest(call.arguments[0])) this.#addListener(call, call.arguments.at(-1));
      }
      // `await once(res, 'close')`: what follows in the function runs on disconnect.
      if (name === 'events.once' && call.arguments[0] && this.#isResponse(call.arguments[0]) && call.parent.type === 'AwaitExpression') {
        const fn = enclosingFunction(call);
        if (fn) this.#listeners.push({ node: call, body: fn.body });
      }
    }
    // `signal.onabort = () => …`
    for (const assignment of nodesWithin(this.#model.nodes.memberAssignments, this.#fn)) {
      if (getStaticPropertyName(assignment.left) === 'onabort') {
        this.#addListener(assignment, assignment.right);
      }
    }
    for (const node of nodesWithin(this.#model.nodes.news, this.#fn)) {
      const cancel = this.#readableStreamMethod(node, 'cancel');
      if (cancel) this.#listeners.push({ node: cancel, body: cancel });
    }
  }

  /** The request of a Next.js pages API route, whose `'close'` has already fired (the body was read). */
  #isPagesRequest(node: Node): boolean {
    if (!this.#pagesApi) return false;
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier' || !this.#handler.params.request) return false;
    const variable = this.#model.bindings.findVariable(bare);
    return variable !== undefined && variable === this.#model.bindings.findVariable(this.#handler.params.request);
  }

  #addListener(node: Node, listener: Node | undefined): void {
    const body = listener && this.#model.bindings.resolveFunction(listener);
    this.#listeners.push({ node, body });
  }

  /** The first listener whose code does `test` (an opaque listener could do anything: it counts). */
  #stoppingListener(test: (node: Node) => boolean): Node | undefined {
    for (const listener of this.#listeners) {
      if (!listener.body || test(listener.body)) return listener.node;
    }
    return undefined;
  }

  /** Whether `root` (or a same-file function it calls) mentions `variable` or contains text `text`. */
  #mentions(root: Node, match: (node: Node) => boolean): boolean {
    const seen = new Set<Node>();
    const visitorKeys = this.#model.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
    const visit = (start: Node, depth: number): boolean => {
      if (seen.has(start)) return false;
      seen.add(start);
      const stack: Node[] = [start];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (match(node)) return true;
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && depth < MAX_CALL_DEPTH) {
          const callee = this.#model.bindings.resolveFunction(node.callee);
          if (callee && !isInside(callee, start) && visit(callee, depth + 1)) return true;
        }
        pushChildNodes(node, visitorKeys, stack);
      }
      return false;
    };
    return visit(root, 0);
  }

  #refersTo(variable: Variable): (node: Node) => boolean {
    return (node) => node.type === 'Identifier' && variable.references.some((reference) => reference.identifier === node);
  }

  // ---- the work the handler starts ----

  #siteOf(node: Node): WorkSite {
    for (let current = node.parent; current && current !== this.#fn; current = current.parent) {
      if (!isFunctionNode(current)) continue;
      const stream = current.params[0];
      if ([...this.#honoStreams.values()].includes(current) && stream?.type === 'Identifier') {
        return { channel: 'hono-stream', inStream: true, stopVia: stream.name };
      }
      if ([...this.#controllers.values()].includes(current)) return { channel: 'web', inStream: true, stopVia: this.#signalText() };
    }
    if (this.#handler.framework === 'hono' || (this.#handler.framework === 'nextjs' && !this.#pagesApi)) {
      return { channel: 'web', inStream: false, stopVia: this.#signalText() };
    }
    return { channel: 'node', inStream: false, stopVia: this.#responseText() };
  }

  #siteFields(site: WorkSite): { channel: DisconnectChannel; stopVia?: string } {
    return { channel: site.channel, ...(site.stopVia ? { stopVia: site.stopVia } : {}) };
  }

  #timerWork(call: TSESTree.CallExpression, eventStream: boolean): StreamingWork | undefined {
    const ref = this.#model.bindings.resolveCallee(call);
    if (!ref || !((ref.module === GLOBAL || ref.module === 'timers') && ref.path.length === 1)) return undefined;
    const timer = ref.path[0];
    if (timer !== 'setInterval' && timer !== 'setTimeout') return undefined;
    const callback = call.arguments[0] && this.#model.bindings.resolveFunction(call.arguments[0]);
    const site = this.#siteOf(call);
    const inStream = site.inStream || eventStream;
    if (timer === 'setTimeout') {
      // Only a chain: a callback that schedules itself again, unconditionally.
      if (!callback || !isInside(call, callback) || !this.#writesIn(callback)) return undefined;
      if (isConditional(call, callback, this.#model)) return undefined;
    } else if (!(callback ? this.#writesIn(callback) || inStream : inStream)) {
      return undefined;
    }
    const handle = timerHandle(call);
    if (handle === 'escapes') return undefined;
    const variable = handle && this.#model.bindings.findVariable(handle);
    if (handle && !variable) return undefined;
    if (variable && this.#handleEscapes(variable)) return undefined;
    let stoppedBy: Node | undefined;
    if (variable) {
      stoppedBy = this.#stoppingListener((body) => this.#mentions(body, this.#refersTo(variable)));
      // The callback clears itself (on a closed response, after n ticks): bounded.
      if (!stoppedBy && callback && this.#mentions(callback, this.#refersTo(variable))) stoppedBy = callback;
      // Cleared by the code that started it once its own work is done (a keep-alive during a long job): bounded.
      stoppedBy ??= variable.references.find((reference) => {
        const parent = reference.identifier.parent;
        return parent?.type === 'CallExpression' && isClearTimer(parent) && enclosingFunction(parent) === enclosingFunction(call);
      })?.identifier;
    } else if (callback && this.#mentions(callback, (node) => node.type === 'CallExpression' && isClearTimer(node))) {
      stoppedBy = callback;
    } else if (this.#listeners.some((listener) => !listener.body)) {
      stoppedBy = this.#stoppingListener(() => false);
    }
    return {
      kind: timer === 'setInterval' ? 'interval' : 'timeout-chain',
      node: call,
      handler: this.#handler,
      ...this.#siteFields(site),
      ...(handle ? { handle } : {}),
      ...(stoppedBy ? { stoppedBy } : {}),
    };
  }

  /**
   * A handle passed to a call other than `clearInterval`/`clearTimeout`, returned, stored or put in
   * a collection goes where we cannot follow it: whoever receives it may stop the timer.
   */
  #handleEscapes(variable: Variable): boolean {
    return variable.references.some((reference) => {
      if (!reference.isRead()) return false;
      const id = reference.identifier as Node;
      let node: Node = id;
      while (node.parent && isTransparentWrapperNode(node.parent)) node = node.parent;
      const parent = node.parent;
      if (!parent) return false;
      switch (parent.type) {
        case 'CallExpression':
          return parent.callee !== node && !isClearTimer(parent);
        case 'ReturnStatement':
        case 'ArrayExpression':
        case 'SpreadElement':
        case 'VariableDeclarator':
        case 'Property':
        case 'ArrowFunctionExpression':
          return true;
        case 'AssignmentExpression':
          return parent.right === node;
        default:
          return false;
      }
    });
  }

  #subscriptionWork(call: TSESTree.CallExpression): StreamingWork | undefined {
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const method = getStaticPropertyName(callee);
    if (!method || !SUBSCRIBE_METHODS.has(method)) return undefined;
    const listenerArgument = method === 'subscribe' ? call.arguments.find((argument) => this.#model.bindings.resolveFunction(argument)) : call.arguments[1];
    const listener = listenerArgument && this.#model.bindings.resolveFunction(listenerArgument);
    if (!listener || !this.#writesIn(listener)) return undefined;
    if (method === 'addEventListener' && call.arguments.length > 2) return undefined; // `{ once: true }`, a signal: bounded
    if (!this.#isLongLived(callee.object)) return undefined;
    const emitterText = this.#model.sourceCode.getText(callee.object);
    const handle = timerHandle(call);
    if (handle === 'escapes') return undefined;
    const handleVariable = handle && this.#model.bindings.findVariable(handle);
    const listenerVariable = listenerArgument?.type === 'Identifier' ? this.#model.bindings.findVariable(listenerArgument) : undefined;
    const matches = (node: Node): boolean =>
      (handleVariable !== undefined && this.#refersTo(handleVariable)(node)) ||
      (listenerVariable !== undefined && this.#refersTo(listenerVariable)(node)) ||
      (node.type === 'CallExpression' &&
        node.callee.type === 'MemberExpression' &&
        UNSUBSCRIBE_METHODS.has(getStaticPropertyName(node.callee) ?? '') &&
        this.#model.sourceCode.getText(node.callee.object) === emitterText);
    let stoppedBy = this.#stoppingListener((body) => this.#mentions(body, matches));
    // The listener unsubscribes itself once it sees the closed response.
    if (!stoppedBy && this.#mentions(listener, (node) => node !== call && matches(node) && !isInside(node, call.callee))) stoppedBy = listener;
    return {
      kind: 'subscription',
      node: call,
      handler: this.#handler,
      ...this.#siteFields(this.#siteOf(call)),
      target: callee.object,
      ...(stoppedBy ? { stoppedBy } : {}),
    };
  }

  /** An emitter or collection that outlives the request: declared outside the handler (module scope, an import, a global). */
  #isLongLived(node: Node): boolean {
    let root = skipTransparentWrappers(node);
    while (root.type === 'MemberExpression') root = skipTransparentWrappers(root.object);
    if (root.type !== 'Identifier') return false;
    const variable = this.#model.bindings.findVariable(root);
    if (!variable || variable.defs.length === 0) return root.name === 'process';
    return variable.defs.every((def) => !isInside(def.node as Node, this.#fn) && def.type !== 'Parameter');
  }

  #broadcastWork(call: TSESTree.CallExpression): StreamingWork | undefined {
    const callee = skipTransparentWrappers(call.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const method = getStaticPropertyName(callee);
    if (!method || !COLLECTION_ADD_METHODS.has(method)) return undefined;
    const added = method === 'set' ? call.arguments[1] : call.arguments[0];
    if (!added || call.arguments.length > (method === 'set' ? 2 : 1) || !this.#holdsClient(added)) return undefined;
    const collection = skipTransparentWrappers(callee.object);
    if (collection.type !== 'Identifier' && collection.type !== 'MemberExpression') return undefined;
    if (!this.#isLongLived(collection)) return undefined;
    const text = this.#model.sourceCode.getText(collection);
    const mentionsCollection = (node: Node): boolean =>
      (node.type === 'Identifier' || node.type === 'MemberExpression') && node !== collection && this.#model.sourceCode.getText(node) === text;
    let stoppedBy = this.#stoppingListener((body) => this.#mentions(body, mentionsCollection));
    // Removed anywhere else (pruned when a write fails, an unsubscribe route): we cannot tell it leaks.
    stoppedBy ??= this.#model.nodes.calls.find(
      (other) =>
        other.callee.type === 'MemberExpression' &&
        COLLECTION_REMOVE_METHODS.has(getStaticPropertyName(other.callee) ?? '') &&
        this.#model.sourceCode.getText(other.callee.object) === text,
    );
    stoppedBy ??= this.#reassignmentOf(collection);
    return {
      kind: 'broadcast',
      node: call,
      handler: this.#handler,
      ...this.#siteFields(this.#siteOf(call)),
      target: collection,
      ...(stoppedBy ? { stoppedBy } : {}),
    };
  }

  /** `clients = clients.filter(…)`: the collection is rebuilt somewhere. */
  #reassignmentOf(collection: Node): Node | undefined {
    if (collection.type !== 'Identifier') return undefined;
    const variable = this.#model.bindings.findVariable(collection);
    return variable?.references.find((reference) => reference.isWrite() && !reference.init)?.identifier;
  }

  /** The response itself, a stream or controller for it, or an object literal carrying one (`{ id, res }`). */
  #holdsClient(node: Node): boolean {
    const bare = skipTransparentWrappers(node);
    if (this.#isResponse(bare) || this.#variableIn(this.#controllers, bare) || this.#variableIn(this.#honoStreams, bare)) return true;
    const value = bare.type === 'Identifier' ? this.#model.bindings.resolveValue(bare) : bare;
    if (value.type !== 'ObjectExpression' || !isInside(value, this.#fn)) return false;
    return value.properties.some((property) => property.type === 'Property' && this.#holdsClient(property.value));
  }

  *#loops(): Generator<TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement> {
    const visitorKeys = this.#model.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
    const stack: Node[] = [this.#fn.body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'WhileStatement' || node.type === 'DoWhileStatement' || node.type === 'ForStatement') yield node;
      pushChildNodes(node, visitorKeys, stack);
    }
  }

  /** `while (true) { await …; res.write(…) }` with no way out: no break, return, throw nor signal check. */
  #loopWork(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement): StreamingWork | undefined {
    if (!isAlwaysTrue(loop.test)) return undefined;
    if (!containsAwait(loop.body, this.#model) || !this.#writesIn(loop)) return undefined;
    if (hasExit(loop, this.#model)) return undefined;
    const stop = this.#mentionsInLoop(loop);
    return {
      kind: 'loop',
      node: loop,
      handler: this.#handler,
      ...this.#siteFields(this.#siteOf(loop)),
      ...(stop ? { stoppedBy: stop } : {}),
    };
  }


  /** `signal.throwIfAborted()`, an awaited call given a signal: the loop ends by an exception on abort. */
  #mentionsInLoop(loop: Node): Node | undefined {
    let found: Node | undefined;
    this.#mentions(loop, (node) => {
      const name = node.type === 'Identifier' ? node.name : undefined;
      if (name && STATE_PROPERTIES.has(name)) found = node;
      return found !== undefined;
    });
    return found;
  }

  // ---- facts for messages and suggestions ----

  #findEventStream(): Node | undefined {
    const visitorKeys = this.#model.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
    const stack: Node[] = [this.#fn.body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const value = node.type === 'Literal' || node.type === 'TemplateLiteral' ? getStaticString(node) : undefined;
      if (value !== undefined && EVENT_STREAM.test(value)) return node;
      pushChildNodes(node, visitorKeys, stack);
    }
    return undefined;
  }

  #responseText(): string | undefined {
    const { params, framework } = this.#handler;
    if (framework === 'fastify') return params.response && `${params.response.name}.raw`;
    if (framework === 'koa') return params.context && `${params.context.name}.res`;
    if (framework === 'hono' || (framework === 'nextjs' && !this.#pagesApi)) return undefined;
    return params.response?.name;
  }

  #signalText(): string | undefined {
    const { params, framework } = this.#handler;
    if (framework === 'hono') return params.context && `${params.context.name}.req.raw.signal`;
    if (framework === 'nextjs' && !this.#pagesApi) return params.request && `${params.request.name}.signal`;
    return undefined;
  }
}

/** Where a timer's or subscription's result goes: a variable, nowhere, or somewhere we cannot follow. */
function timerHandle(call: TSESTree.CallExpression): TSESTree.Identifier | undefined | 'escapes' {
  let node: Node = call;
  let parent: Node | undefined = node.parent;
  // `setInterval(…).unref()` returns the same timer.
  while (parent) {
    if (parent.type === 'MemberExpression' && parent.object === node && ['unref', 'ref'].includes(getStaticPropertyName(parent) ?? '') && parent.parent.type === 'CallExpression') {
      node = parent.parent;
    } else if (['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ChainExpression'].includes(parent.type)) {
      node = parent;
    } else break;
    parent = node.parent;
  }
  if (!parent) return 'escapes';
  if (parent.type === 'ExpressionStatement') return undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === node) return parent.id.type === 'Identifier' ? parent.id : 'escapes';
  if (parent.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'Identifier') return parent.left;
  return 'escapes';
}

function isTransparentWrapperNode(node: Node): boolean {
  return ['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ChainExpression'].includes(node.type);
}

function isClearTimer(call: TSESTree.CallExpression): boolean {
  return call.callee.type === 'Identifier' && CLEAR_TIMERS.has(call.callee.name);
}

/** The rescheduling call runs only on some paths of the callback (a check, a branch, an early return). */
function isConditional(call: Node, callback: FunctionNode, model: FileModel): boolean {
  for (let node: Node = call; node.parent && node !== callback; node = node.parent) {
    const parent = node.parent;
    if (
      (parent.type === 'IfStatement' && parent.test !== node) ||
      (parent.type === 'ConditionalExpression' && parent.test !== node) ||
      (parent.type === 'LogicalExpression' && parent.right === node) ||
      parent.type === 'SwitchCase' ||
      parent.type === 'CatchClause' ||
      parent.type === 'WhileStatement' ||
      parent.type === 'ForStatement' ||
      parent.type === 'DoWhileStatement'
    ) {
      return true;
    }
  }
  // An early `return` (or `throw`) before the call ends the chain on that path.
  return walkOwn(
    callback.body,
    model,
    (node) => (node.type === 'ReturnStatement' || node.type === 'ThrowStatement') && node.range[0] < call.range[0],
  );
}

function isAlwaysTrue(test: Node | null | undefined): boolean {
  if (!test) return true;
  const bare = skipTransparentWrappers(test);
  if (bare.type === 'Literal') return Boolean(bare.value);
  return bare.type === 'UnaryExpression' && bare.operator === '!' && bare.argument.type === 'Literal' && !bare.argument.value;
}

/** An `await` (or `for await`) in the loop body itself, not in a nested function. */
function containsAwait(body: Node, model: FileModel): boolean {
  return walkOwn(body, model, (node) => node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await));
}

/** A `break` out of the loop, a `return` or a `throw`: the loop can end. */
function hasExit(loop: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement, model: FileModel): boolean {
  const label = loop.parent.type === 'LabeledStatement' ? loop.parent.label.name : undefined;
  return walkOwn(loop.body, model, (node, inner) => {
    if (node.type === 'ReturnStatement' || node.type === 'ThrowStatement') return true;
    if (node.type !== 'BreakStatement') return false;
    if (node.label) return node.label.name === label;
    return !inner(node);
  });
}

/** Walks `root` without entering nested functions; `test` also gets a helper telling whether a node is in an inner loop or switch. */
function walkOwn(root: Node, model: FileModel, test: (node: Node, inInnerBreakable: (node: Node) => boolean) => boolean): boolean {
  const visitorKeys = model.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
  const inInner = (node: Node): boolean => {
    for (let current = node.parent; current && current !== root.parent; current = current.parent) {
      if (current === root) return false;
      if (['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement'].includes(current.type)) return true;
    }
    return false;
  };
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== root && isFunctionNode(node)) continue;
    if (test(node, inInner)) return true;
    pushChildNodes(node, visitorKeys, stack);
  }
  return false;
}

function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

function isInside(inner: Node, outer: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The file's streaming handlers, computed once per file model. */
export const getStreaming = modelPart((model) => new StreamingIndex(model));
