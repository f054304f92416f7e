import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getTransparentParent, skipTransparentWrappers, type Node } from '../../utils/ast';
import type { Bindings } from '../bindings';
import type { FileModel } from '../index';
import type { CollectedNodes } from '../walk';
import { findCandidates, mayUseClients, type Candidates } from './candidates';
import type {
  ClientRecognizer,
  Configuration,
  InstanceRecognition,
  Invocation,
  OwnDeadline,
  RecognitionContext,
  Site,
} from './recognizer';
import { recognizerForLibrary, recognizerForModule } from './recognizers';
import type { ClientInstance, ClientLibrary, DeadlineState, DefaultClientConfiguration, OutboundCall } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface ClientTables {
  readonly instances: readonly ClientInstance[];
  /** In source order. */
  readonly calls: readonly OutboundCall[];
  readonly callsByNode: ReadonlyMap<TSESTree.CallExpression, OutboundCall>;
  /** What the file configures on libraries' default clients (`axios.defaults.timeout = 0`). */
  readonly defaultConfigurations: readonly DefaultClientConfiguration[];
  /** The instance this file created that `node` evaluates to, following `const` bindings. */
  resolveInstance(node: Node): ClientInstance | undefined;
}

const EMPTY: ClientTables = {
  instances: [],
  calls: [],
  callsByNode: new Map(),
  defaultConfigurations: [],
  resolveInstance: () => undefined,
};

export function buildClientTables(model: FileModel): ClientTables {
  // Checked before `model.nodes`: most files load no client, and they need no walk of the AST.
  if (!mayUseClients(model.sourceCode)) return EMPTY;
  const candidates = findCandidates(model.sourceCode, () => model.nodes);
  if (!candidates) return EMPTY;
  return new TableBuilder(model, candidates).build();
}

/** A deadline handed down by an instance or a library's default client. */
interface Inherited {
  readonly state: DeadlineState;
  readonly node?: Node;
}

interface InstanceRecord {
  readonly instance: Mutable<ClientInstance>;
  readonly recognizer: ClientRecognizer;
  /** The deadline as the instance configures it, before inheritance. */
  own: OwnDeadline;
}

interface Pending {
  readonly node: Invocation;
  site?: Site;
  /** Recognised as an instance or a configuration: not a request. */
  done?: boolean;
}

const MISSING: OwnDeadline = { state: 'missing' };

/** How strongly a `merge` configuration bounds: a possible bound outranks an explicit "none". */
const MERGE_RANK: Record<DeadlineState, number> = { present: 3, unknown: 2, disabled: 1, missing: 0 };

/**
 * The own deadline, or what is inherited when the own options set none. Unknown own options next
 * to a bounded instance count as bounded: a spread rarely turns a bound off.
 */
function inherit(own: OwnDeadline, inherited: Inherited | undefined): Inherited {
  if (inherited && (own.state === 'missing' || (own.state === 'unknown' && inherited.state === 'present'))) {
    return inherited;
  }
  return own;
}

function applyConfiguration(own: OwnDeadline, configuration: Configuration): OwnDeadline {
  const deadline = configuration.deadline;
  if (!deadline) return own;
  if (configuration.mode === 'merge' && MERGE_RANK[deadline.state] <= MERGE_RANK[own.state]) return own;
  const insertion = own.insertion ?? deadline.insertion;
  return { state: deadline.state, ...(deadline.node ? { node: deadline.node } : {}), ...(insertion ? { insertion } : {}) };
}

/**
 * Recognition in three passes over the candidate calls and `new`s (inner before outer, so a chain
 * `superagent.agent().use(p).timeout(ms)` is seen link by link):
 * 1. instances — `axios.create()`, `new Agent()`, `base.extend()`;
 * 2. what configures them — `api.defaults.timeout = 0`, `agent.timeout(ms)`, interceptors — and
 *    then each instance's deadline, inherited from its parent or the library's default client;
 * 3. requests, each combined with its instance.
 */
class TableBuilder implements RecognitionContext {
  readonly bindings: Bindings;
  readonly nodes: CollectedNodes;
  readonly sourceText: string;
  readonly #candidates: Candidates;
  readonly #records: InstanceRecord[] = [];
  readonly #recordOf = new Map<ClientInstance, InstanceRecord>();
  /** Instances by the nodes that evaluate to them: the creating call, and calls that return the instance (`agent.use(p)`). */
  readonly #byValue = new Map<Node, ClientInstance>();
  /** What each variable holds, once looked up: `api.get(…)` × 500 must not rescan `api`'s references 500 times. */
  readonly #valueOf = new Map<TSESLint.Scope.Variable, Node>();
  /** What the file configures on a library's default client (`axios.defaults.timeout = 5000`). */
  readonly #configuredDefaults = new Map<ClientRecognizer, OwnDeadline>();
  /** The library each configured default client belongs to. */
  readonly #defaultLibraries = new Map<ClientRecognizer, ClientLibrary>();
  /** Instances that configure a library's default client (`needle.defaults(…)`). */
  readonly #defaultClients = new Map<ClientRecognizer, ClientInstance[]>();

  constructor(model: FileModel, candidates: Candidates) {
    this.bindings = model.bindings;
    this.nodes = model.nodes;
    this.sourceText = model.sourceCode.text;
    this.#candidates = candidates;
  }

  resolveInstance(node: Node): ClientInstance | undefined {
    if (this.#byValue.size === 0) return undefined;
    const bare = skipTransparentWrappers(node);
    if (bare.type !== 'Identifier') return this.#byValue.get(bare);
    const variable = this.bindings.findVariable(bare);
    if (!variable) return undefined;
    let value = this.#valueOf.get(variable);
    if (!value) this.#valueOf.set(variable, (value = this.bindings.resolveValue(bare)));
    return this.#byValue.get(value);
  }

  build(): ClientTables {
    const pending = this.#pending();
    if (pending.length === 0 && this.#candidates.assignments.length === 0) return EMPTY;
    this.#collectInstances(pending);
    this.#collectConfigurations(pending);
    this.#settleInstances();
    const calls = this.#collectCalls(pending);
    return {
      instances: this.#records.map((record) => record.instance),
      calls,
      callsByNode: new Map(calls.map((call) => [call.node, call])),
      defaultConfigurations: this.#defaultConfigurations(),
      resolveInstance: (node) => this.resolveInstance(node),
    };
  }

  #pending(): Pending[] {
    const pending: Pending[] = [];
    const isCandidate = (node: Invocation) => this.#candidates.isCandidate(node.callee);
    for (const node of this.nodes.news) if (isCandidate(node)) pending.push(this.#entry(node));
    for (const node of this.nodes.calls) if (isCandidate(node)) pending.push(this.#entry(node));
    return pending.sort((a, b) => a.node.range[1] - b.node.range[1] || b.node.range[0] - a.node.range[0]);
  }

  #entry(node: Invocation): Pending {
    const site = this.#moduleSite(node);
    return site ? { node, site } : { node };
  }

  /** `axios.get(…)`, `new undici.Agent(…)`, and `new MyAgent()` for a same-file subclass of a client class. */
  #moduleSite(node: Invocation): Site | undefined {
    const ref = this.bindings.resolveCallee(node);
    if (ref && recognizerForModule(ref.module)) return { node, module: ref.module, path: ref.path };
    if (node.type !== 'NewExpression') return undefined;
    const value = this.bindings.resolveValue(node.callee);
    if ((value.type !== 'ClassDeclaration' && value.type !== 'ClassExpression') || !value.superClass) return undefined;
    const base = this.bindings.resolve(value.superClass);
    if (!base || !recognizerForModule(base.module)) return undefined;
    return { node, module: base.module, path: base.path, subclass: value };
  }

  /** `api.get(…)`, `api(…)`, `client.stream.get(…)`: the callee read from an instance recognised so far. */
  #instanceSite(node: Invocation): Site | undefined {
    if (this.#byValue.size === 0) return undefined;
    let callee: Node = skipTransparentWrappers(node.callee);
    const path: string[] = [];
    for (let depth = 0; depth < 4; depth += 1) {
      const instance = this.resolveInstance(callee);
      if (instance) return { node, path, instance };
      if (callee.type !== 'MemberExpression') return undefined;
      const name = getStaticPropertyName(callee);
      if (name === undefined) return undefined;
      path.unshift(name);
      callee = skipTransparentWrappers(callee.object);
    }
    return undefined;
  }

  /** The site of a pending call and the recognizer that knows it; instance sites are retried as instances appear. */
  #target(entry: Pending): { site: Site; recognizer: ClientRecognizer } | undefined {
    const site = (entry.site ??= this.#instanceSite(entry.node));
    if (!site) return undefined;
    const recognizer = site.instance ? recognizerForLibrary(site.instance.library) : recognizerForModule(site.module!);
    return recognizer && { site, recognizer };
  }

  #collectInstances(pending: readonly Pending[]): void {
    for (const entry of pending) {
      const target = this.#target(entry);
      const recognition = target?.recognizer.instance?.(target.site, this);
      if (!recognition) continue;
      entry.done = true;
      this.#addInstance(entry.node, recognition, target!.recognizer);
    }
  }

  #addInstance(node: Invocation, recognition: InstanceRecognition, recognizer: ClientRecognizer): void {
    const instance: Mutable<ClientInstance> = {
      library: recognition.library,
      kind: recognition.kind,
      node,
      deadline: 'unknown',
      everyCallBounded: false,
    };
    if (recognition.parent) instance.parent = recognition.parent;
    if (recognition.keepAlive !== undefined) instance.keepAlive = recognition.keepAlive;
    if (recognition.socketCap) instance.socketCap = recognition.socketCap;
    const record: InstanceRecord = { instance, recognizer, own: recognition.deadline };
    this.#records.push(record);
    this.#recordOf.set(instance, record);
    this.#registerValue(node, instance);
    if (recognition.configuresDefaultClient) {
      const list = this.#defaultClients.get(recognizer) ?? [];
      list.push(instance);
      this.#defaultClients.set(recognizer, list);
    }
  }

  /** `node` evaluates to `instance`; a `const` it initialises names it. */
  #registerValue(node: Invocation, instance: ClientInstance): void {
    this.#byValue.set(node, instance);
    const parent = getTransparentParent(node);
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
      (instance as Mutable<ClientInstance>).name = parent.id;
    }
  }

  #collectConfigurations(pending: readonly Pending[]): void {
    for (const { root, path, assignment } of this.#candidates.assignments) {
      const instance = this.resolveInstance(root);
      if (instance) {
        const configuration = recognizerForLibrary(instance.library).assignment?.(path, assignment, this);
        if (configuration) this.#configureInstance(instance, configuration);
        continue;
      }
      const ref = this.bindings.resolve(root);
      const recognizer = ref && recognizerForModule(ref.module);
      const configuration = recognizer?.assignment?.([...ref!.path, ...path], assignment, this);
      if (configuration) this.#configureDefault(recognizer!, configuration, ref!.module);
    }
    for (const entry of pending) {
      if (entry.done) continue;
      const target = this.#target(entry);
      const configuration = target?.recognizer.configure?.(target.site, this);
      if (!configuration) continue;
      entry.done = true;
      const { site, recognizer } = target!;
      if (site.instance) {
        this.#configureInstance(site.instance, configuration);
        if (configuration.returnsInstance) this.#registerValue(entry.node, site.instance);
      } else {
        this.#configureDefault(recognizer, configuration, site.module);
      }
    }
  }

  #configureInstance(instance: ClientInstance, configuration: Configuration): void {
    const record = this.#recordOf.get(instance)!;
    record.own = applyConfiguration(record.own, configuration);
  }

  #configureDefault(recognizer: ClientRecognizer, configuration: Configuration, module: string | undefined): void {
    this.#configuredDefaults.set(recognizer, applyConfiguration(this.#configuredDefaults.get(recognizer) ?? MISSING, configuration));
    const library = module === undefined ? undefined : libraryOfModule(module);
    if (library && !this.#defaultLibraries.has(recognizer)) this.#defaultLibraries.set(recognizer, library);
  }

  #defaultConfigurations(): DefaultClientConfiguration[] {
    const configurations: DefaultClientConfiguration[] = [];
    for (const [recognizer, own] of this.#configuredDefaults) {
      const library = this.#defaultLibraries.get(recognizer);
      if (!library) continue;
      configurations.push({ library, deadline: own.state, ...(own.node ? { deadlineNode: own.node } : {}) });
    }
    return configurations;
  }

  /** The deadline of a library's default client: what the file configures on it, else the library's own. */
  #libraryDefault(recognizer: ClientRecognizer): Inherited | undefined {
    return this.#configuredDefaults.get(recognizer) ?? recognizer.defaultDeadline;
  }

  /** In creation order, so a parent is settled before the instances that extend it. */
  #settleInstances(): void {
    for (const { instance, recognizer, own } of this.#records) {
      const parent = instance.parent;
      const inherited = parent ? { state: parent.deadline, node: parent.deadlineNode } : this.#libraryDefault(recognizer);
      const settled = inherit(own, inherited);
      instance.deadline = settled.state;
      if (settled.node) instance.deadlineNode = settled.node;
      if (own.insertion) instance.insertion = own.insertion;
      if (own.trap) instance.trap = own.trap;
    }
  }

  /** `needle.defaults()` applies to every needle call; with several, a bounded one wins. */
  #defaultClientFor(recognizer: ClientRecognizer): ClientInstance | undefined {
    const list = this.#defaultClients.get(recognizer);
    return list?.find((instance) => instance.deadline === 'present') ?? list?.[list.length - 1];
  }

  #collectCalls(pending: readonly Pending[]): OutboundCall[] {
    const calls: OutboundCall[] = [];
    const bounded = new Map<ClientInstance, boolean>();
    for (const entry of pending) {
      if (entry.done) continue;
      const target = this.#target(entry);
      const recognition = target?.recognizer.call?.(target.site, this);
      if (!recognition) continue;
      const { site, recognizer } = target!;
      const instance = site.instance ?? this.#defaultClientFor(recognizer);
      // An agent's timeouts are not a deadline (see ClientInstance.deadline): only clients hand theirs down.
      const inherited =
        instance?.kind === 'client' ? { state: instance.deadline, node: instance.deadlineNode } : this.#libraryDefault(recognizer);
      const own = recognition.deadline;
      const settled = inherit(own, inherited);
      const call: Mutable<OutboundCall> = {
        library: recognition.library,
        node: recognition.node,
        expression: recognition.expression ?? recognition.node,
        deadline: settled.state,
      };
      if (instance) call.instance = instance;
      if (recognition.agent) call.agent = recognition.agent;
      if (settled.node) call.deadlineNode = settled.node;
      if (own.insertion) call.insertion = own.insertion;
      if (own.trap) call.trap = own.trap;
      if (recognition.method) call.method = recognition.method;
      calls.push(call);
      if (instance) bounded.set(instance, (bounded.get(instance) ?? true) && own.state === 'present');
    }
    for (const [instance, every] of bounded) (instance as Mutable<ClientInstance>).everyCallBounded = every;
    // Pre-order, as the walk lists calls: by start, outer before inner.
    return calls.sort((a, b) => a.node.range[0] - b.node.range[0] || b.node.range[1] - a.node.range[1]);
  }
}

/** The library a client module's default client belongs to (`#global` is `fetch`). */
function libraryOfModule(module: string): ClientLibrary | undefined {
  switch (module) {
    case '#global':
      return 'fetch';
    case 'node-fetch':
    case 'undici':
    case 'http':
    case 'https':
    case 'axios':
    case 'got':
    case 'ky':
    case 'superagent':
    case 'ofetch':
    case 'needle':
      return module;
    default:
      return undefined;
  }
}
