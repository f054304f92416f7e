import path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from '../../rules';
import { CLIENT_DEADLINE_FACTS } from '../domain/client-deadlines';
import { pluginName, pluginVersion } from '../meta';
import type { AuditKnowledge, InjectedApp, InjectedHandler, InjectedPerRequest } from '../model/audit-knowledge';
import type { ClientLibrary } from '../model/clients';
import type { AppKind, Framework, HandlerKind } from '../model/frameworks/types';
import { findEnginesNode, minimumMajor } from '../utils/node-version';
import type { ClientFact, FileFacts, KnownClient, Span } from './facts-types';
import { loadProject, type LoadedProject, type SourceFileEntry } from './load';
import { LintEnvironment, type ExtraReport, type RuleMessage } from './lint';
import {
  SCHEMA_VERSION,
  type AuditReport,
  type ClientReport,
  type FindingReport,
  type Location,
  type ProjectDiagnostic,
  type RelatedLocation,
  type RouteReport,
  type ServerReport,
  type ShutdownReport,
} from './report';
import { SymbolResolver, type Target } from './resolve';
import { effectiveSettings } from './settings';

type SourceCode = TSESLint.SourceCode;

export interface AuditOptions {
  readonly dir: string;
  readonly project?: string;
  /** How error messages name the folder and `--project`: as the user typed them. */
  readonly display?: { readonly dir?: string; readonly project?: string };
  /** Called as files are read and judged, for a progress indicator. */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

/** `#knowledgeKey` of a file the audit knows nothing more about. */
const NO_KNOWLEDGE = '|||';
/** How many times knowledge is passed on (handler → service → repository). */
const MAX_ROUNDS = 6;
/** Frameworks whose imported apps the model can be told about: their server is made where `listen()` is called. */
const LISTEN_CREATES_SERVER = new Set(['express', 'koa']);

interface Origin {
  readonly bodyStart: number;
  readonly start: number;
  readonly end: number;
  readonly related: RelatedLocation[];
  /** Every caller or registration of it shows a route deadline: require-handler-timeout has nothing to say inside it. */
  deadlineCovered: boolean;
}

interface FileState {
  readonly entry: SourceFileEntry;
  facts?: FileFacts;
  readonly handlers: Map<number, InjectedHandler>;
  readonly apps: Map<number, InjectedApp>;
  readonly perRequest: Map<number, InjectedPerRequest>;
  readonly clients: Map<string, KnownClient & { readonly origin: { state: FileState; client: ClientFact } }>;
  readonly origins: Map<number, Origin>;
  /** The knowledge the current facts were read with. */
  knowledgeKey: string;
  readonly extra: ExtraReport[];
  readonly extraRelated: Map<string, RelatedLocation[]>;
  /** Where the apps this file uses from other modules are created: related to what the server rules find here. */
  readonly appRelated: RelatedLocation[];
}

interface CrossRoute {
  readonly route: RouteReport;
  readonly key: string;
  /** The registering file and app, for the mount prefix. */
  readonly state: FileState;
  readonly app: number | null;
  /** The handler, to leave out the file's own entry for the same function. */
  readonly target: { readonly file: string; readonly bodyStart: number };
}

interface Mount {
  /** `file:start` of the app it is mounted on, or `null` when unknown. */
  readonly parent: string | null;
  readonly prefix: string | null;
}

/** Runs the audit: loads the project, reads every file, follows names across modules, and builds the report. */
export function audit(options: AuditOptions): AuditReport {
  const loaded = loadProject(options);
  return new Auditor(loaded, options.onProgress).run();
}

class Auditor {
  readonly #loaded: LoadedProject;
  readonly #progress: AuditOptions['onProgress'];
  readonly #states = new Map<string, FileState>();
  readonly #lint: LintEnvironment;
  readonly #resolver: SymbolResolver;
  readonly #diagnostics: ProjectDiagnostic[] = [];
  readonly #crossRoutes = new Map<string, CrossRoute>();
  /** Server (file, creation start) → starts in other files. */
  readonly #crossStarts = new Map<string, { file: FileState; callee: Span; name: string }[]>();
  /** App (`file:start`) → where other modules mount it. */
  readonly #mounts = new Map<string, Mount[]>();
  /** Client (file, creation start) → files that call it. */
  readonly #clientUsers = new Map<string, Set<string>>();

  constructor(loaded: LoadedProject, progress: AuditOptions['onProgress']) {
    this.#loaded = loaded;
    this.#progress = progress;
    const needsTypeScript = loaded.files.some((entry) => LintEnvironment.kindOf(entry.file) !== 'js');
    this.#lint = new LintEnvironment(loaded.root, needsTypeScript);
    this.#resolver = new SymbolResolver(loaded.program, new Set(loaded.files.map((entry) => entry.file)));
    for (const entry of loaded.files) {
      this.#states.set(entry.file, {
        entry,
        handlers: new Map(),
        apps: new Map(),
        perRequest: new Map(),
        clients: new Map(),
        origins: new Map(),
        knowledgeKey: NO_KNOWLEDGE,
        extra: [],
        extraRelated: new Map(),
        appRelated: [],
      });
    }
  }

  run(): AuditReport {
    const states = [...this.#states.values()];
    states.forEach((state, index) => {
      const result = this.#lint.facts(state.entry.file, state.entry.text);
      // The parse is not kept: most files never need it again, and a large project's trees would fill the heap.
      if ('error' in result) this.#diagnostics.push({ file: state.entry.relative, message: result.error });
      else state.facts = result.facts;
      this.#progress?.('reading files', index + 1, states.length);
    });

    let pending = states.filter((state) => state.facts);
    for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round += 1) {
      this.#progress?.('following modules', round + 1, MAX_ROUNDS);
      for (const state of pending) this.#follow(state);
      pending = states.filter((state) => state.facts && this.#knowledgeKey(state) !== state.knowledgeKey);
      for (const state of pending) this.#refresh(state);
    }

    const program = this.#programShutdown(states);
    this.#clientFindings(states);
    this.#shutdownFindings(states, program);
    const findings = this.#findings(states);
    return {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: pluginName, version: pluginVersion },
      root: this.#loaded.root,
      config: this.#loaded.config ? path.relative(this.#loaded.root, this.#loaded.config).split(path.sep).join('/') : null,
      files: this.#loaded.files.length,
      diagnostics: this.#diagnostics,
      inventory: this.#inventory(states, program),
      findings,
    };
  }

  // -----------------------------------------------------------------------------------------------
  // Following names across modules.

  #knowledgeKey(state: FileState): string {
    return [
      [...state.handlers.keys()].sort().join(','),
      [...state.apps.keys()].sort().join(','),
      [...state.perRequest.keys()].sort().join(','),
      [...state.clients.keys()].sort().join(','),
    ].join('|');
  }

  #modelKnowledge(state: FileState): AuditKnowledge | undefined {
    if (state.handlers.size === 0 && state.apps.size === 0 && state.perRequest.size === 0) return undefined;
    return { handlers: [...state.handlers.values()], apps: [...state.apps.values()], perRequest: [...state.perRequest.values()] };
  }

  /** Reads the file's facts again with what the audit now knows about it. */
  #refresh(state: FileState): void {
    state.knowledgeKey = this.#knowledgeKey(state);
    // Parsed again rather than kept: parsing is cheap, and hundreds of trees with their models would fill the heap.
    const augmented = this.#lint.withKnowledge(this.#lint.parse(state.entry.file, state.entry.text), this.#modelKnowledge(state));
    const clients = [...state.clients.values()].map(({ binding, path: clientPath, library, deadline }) => ({ binding, path: clientPath, library, deadline }));
    state.facts = this.#lint.factsWith(state.entry.file, augmented, { clients });
  }

  #stateOf(file: string): FileState | undefined {
    const state = this.#states.get(file);
    return state?.facts ? state : undefined;
  }

  #location(state: FileState, span: Pick<Span, 'line' | 'column'> & Partial<Pick<Span, 'endLine' | 'endColumn'>>): Location {
    return {
      file: state.entry.relative,
      line: span.line,
      column: span.column,
      ...(span.endLine !== undefined ? { endLine: span.endLine, endColumn: span.endColumn! } : {}),
    };
  }

  #targetLocation(target: Target): Location {
    return { file: this.#states.get(target.file)!.entry.relative, line: target.line, column: target.column };
  }

  #follow(state: FileState): void {
    const facts = state.facts!;
    const file = state.entry.file;
    if (!facts.testFile) {
      for (const registration of facts.registrations) {
        if (registration.testCode) continue;
        const target = this.#resolver.resolve(file, registration.argument);
        const owner = target && this.#stateOf(target.file);
        if (!target || !owner) continue;
        const parent = registration.app === null ? null : appKey(state, registration.app);
        if (target.kind === 'value') {
          // `app.use('/users', usersRouter)` with the router made in another module.
          const router = owner.facts!.apps.find((candidate) => !candidate.injected && candidate.span.start === target.start);
          if (router) this.#addMount(`${owner.entry.file}:${router.span.start}`, { parent, prefix: registration.path });
          continue;
        }
        if (target.kind === 'function') {
          if (registration.kind === 'plugin') {
            // fastify `register(plugin)`: the plugin's first parameter is a fastify instance.
            if (target.firstParam) {
              owner.apps.set(target.firstParam[0], { binding: target.firstParam, framework: 'fastify', kind: 'router' });
              this.#addMount(`${owner.entry.file}:${target.firstParam[0]}`, { parent, prefix: registration.prefix });
            }
            continue;
          }
          const kind = (registration.kind === 'hook' ? 'hook' : registration.kind) as HandlerKind;
          owner.handlers.set(target.bodyStart, { bodyStart: target.bodyStart, framework: registration.framework as Framework, kind });
          const where = `${registration.method ?? ''} ${registration.path ?? ''}`.trim();
          this.#addOrigin(owner, target, {
            ...this.#location(state, registration.registration),
            message: `Registered as ${where ? `the ${where} ` : 'a '}${registration.kind === 'route' ? 'route handler' : registration.kind} here.`,
          }, registration.routeDeadline);
          const key = `${state.entry.relative}:${registration.registration.start}:${target.file}:${target.bodyStart}`;
          if (!this.#crossRoutes.has(key)) {
            this.#crossRoutes.set(key, {
              key,
              state,
              app: registration.app,
              target: { file: target.file, bodyStart: target.bodyStart },
              route: {
                framework: registration.framework,
                kind: registration.kind,
                method: registration.method,
                path: registration.path,
                handler: this.#targetLocation(target),
                handlerName: target.name,
                registeredAt: this.#location(state, registration.registration),
                crossFile: target.file !== file,
              },
            });
          }
        }
      }

      for (const use of facts.appUses) {
        if (use.testCode) continue;
        const target = this.#resolver.resolve(file, use.expression);
        const owner = target && this.#stateOf(target.file);
        if (!target || !owner) continue;
        const ownerFacts = owner.facts!;
        const matches = (span: Span, returnedBy: number | null) =>
          use.via === 'value' ? target.kind === 'value' && span.start === target.start : target.kind === 'function' && returnedBy === target.bodyStart;
        const app = ownerFacts.apps.find((candidate) => !candidate.injected && matches(candidate.span, candidate.returnedBy));
        if (app && LISTEN_CREATES_SERVER.has(app.framework) && use.binding) {
          // The model can make the server where `listen()` is called, with every setting given there.
          state.apps.set(use.binding.start, { binding: [use.binding.start, use.binding.end], framework: app.framework as Framework, kind: app.kind as AppKind });
          const created = { ...this.#location(owner, app.span), message: `The ${app.framework} ${app.kind} is created here.` };
          if (!state.appRelated.some((known) => known.file === created.file && known.line === created.line)) state.appRelated.push(created);
          continue;
        }
        const server = ownerFacts.servers.find(
          (candidate) => matches(candidate.creation, candidate.returnedBy) || (app !== undefined && candidate.app !== null && ownerFacts.apps[candidate.app] === app),
        );
        if (server && use.listens.length > 0 && owner !== state) {
          const key = `${owner.entry.file}:${server.creation.start}`;
          const list = this.#crossStarts.get(key) ?? [];
          for (const listen of use.listens) {
            if (!list.some((known) => known.file === state && known.callee.start === listen.start)) list.push({ file: state, callee: listen, name: use.name });
          }
          this.#crossStarts.set(key, list);
        }
      }

      for (const callee of facts.callees) {
        if (callee.testCode) continue;
        const target = this.#resolver.resolve(file, callee.callee);
        const owner = target && this.#stateOf(target.file);
        if (!target || !owner || target.kind !== 'function') continue;
        // Already a handler there, or the function that calls it: nothing new.
        if (owner === state && target.bodyStart === callee.handlerBodyStart) continue;
        if (!owner.perRequest.has(target.bodyStart)) {
          owner.perRequest.set(target.bodyStart, { bodyStart: target.bodyStart, framework: callee.framework as Framework });
        }
        const covered = callee.routeDeadline || (state.origins.get(callee.handlerBodyStart)?.deadlineCovered ?? false);
        this.#addOrigin(owner, target, { ...this.#location(state, callee.call), message: 'Called here by code that runs per request.' }, covered);
      }
    }

    for (const receiver of facts.receivers) {
      const target = this.#resolver.resolve(file, receiver.expression);
      const owner = target && this.#stateOf(target.file);
      if (!target || !owner || target.kind !== 'value' || owner === state) continue;
      const client = owner.facts!.clients.find((candidate) => candidate.span.start === target.start);
      if (!client || client.kind !== 'client') continue;
      const key = `${receiver.binding.start}:${receiver.path.join('.')}`;
      state.clients.set(key, {
        binding: [receiver.binding.start, receiver.binding.end],
        path: receiver.path,
        library: client.library,
        deadline: client.deadline,
        origin: { state: owner, client },
      });
      const users = this.#clientUsers.get(`${owner.entry.file}:${client.span.start}`) ?? new Set();
      users.add(state.entry.relative);
      this.#clientUsers.set(`${owner.entry.file}:${client.span.start}`, users);
    }
  }

  #addMount(key: string, mount: Mount): void {
    const list = this.#mounts.get(key) ?? [];
    if (!list.some((known) => known.parent === mount.parent && known.prefix === mount.prefix)) list.push(mount);
    this.#mounts.set(key, list);
  }

  /**
   * The full path of a route registered on an app: the prefixes it is mounted under, when each
   * app is mounted once (a router mounted twice has two paths: the route's own is kept).
   */
  #fullPath(state: FileState, app: number | null, routePath: string | null): string | null {
    let key = app === null ? null : appKey(state, app);
    let full = routePath;
    for (let depth = 0; key && depth < 8; depth += 1) {
      const mounts = this.#mountsOf(key);
      if (mounts.length !== 1) break;
      const [mount] = mounts;
      if (mount!.prefix === null) break;
      full = joinPath(mount!.prefix, full);
      key = mount!.parent;
    }
    return full;
  }

  #mountsOf(key: string): Mount[] {
    const separator = key.lastIndexOf(':');
    const state = this.#states.get(key.slice(0, separator));
    const start = Number(key.slice(separator + 1));
    const facts = state?.facts;
    const app = facts?.apps.find((candidate) => candidate.span.start === start);
    const local = app ? app.mounts.map((mount) => ({ parent: mount.parent === null ? null : appKey(state!, mount.parent), prefix: mount.prefix })) : [];
    return [...local, ...(this.#mounts.get(key) ?? [])];
  }

  #addOrigin(owner: FileState, target: Extract<Target, { kind: 'function' }>, related: RelatedLocation, deadline: boolean): void {
    let origin = owner.origins.get(target.bodyStart);
    if (!origin) {
      origin = { bodyStart: target.bodyStart, start: target.start, end: target.end, related: [], deadlineCovered: deadline };
      owner.origins.set(target.bodyStart, origin);
    } else {
      origin.deadlineCovered &&= deadline;
    }
    if (!origin.related.some((known) => known.file === related.file && known.line === related.line && known.column === related.column)) {
      origin.related.push(related);
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Findings the audit computes from several files.

  #report(state: FileState, rule: string, messageId: string, data: Record<string, string>, span: Span, related: RelatedLocation[]): void {
    const report: ExtraReport = {
      rule,
      messageId,
      data,
      loc: { start: { line: span.line, column: span.column - 1 }, end: { line: span.endLine, column: span.endColumn - 1 } },
    };
    state.extra.push(report);
    state.extraRelated.set(findingKey(rule, span.line, span.column, span.endLine, span.endColumn), related);
  }

  /** Calls on a client instance made in another module: require-handler-timeout in handlers, no-unbounded-client for the instance. */
  #clientFindings(states: readonly FileState[]): void {
    const unboundedCalls = new Map<ClientFact, { state: FileState; calls: RelatedLocation[] }>();
    for (const state of states) {
      const facts = state.facts;
      if (!facts || facts.testFile || facts.clientCalls.length === 0) continue;
      const known = [...state.clients.values()];
      for (const call of facts.clientCalls) {
        const client = known[call.client];
        if (!client || call.testCode) continue;
        const { client: instance, state: owner } = client.origin;
        if (instance.testCode || owner.facts!.testFile) continue;
        const created = { ...this.#location(owner, instance.span), message: `The ${instance.library} client is created here${describeDeadline(instance)}.` };
        if (call.own !== 'present') {
          const entry = unboundedCalls.get(instance) ?? { state: owner, calls: [] };
          entry.calls.push({ ...this.#location(state, call.call), message: 'Called here without a deadline of its own.' });
          unboundedCalls.set(instance, entry);
        }
        const reason = call.perRequest;
        if (!reason || !call.waited || call.raced || reason.routeDeadline) continue;
        if (state.origins.get(reason.handlerBodyStart)?.deadlineCovered) continue;
        const settled = call.own === 'missing' ? instance.deadline : call.own === 'unknown' && instance.deadline === 'present' ? 'present' : call.own;
        const related = [created, ...(state.origins.get(reason.handlerBodyStart)?.related ?? [])];
        const facts = CLIENT_DEADLINE_FACTS[instance.library as ClientLibrary];
        if (settled === 'missing') {
          this.#report(state, 'require-handler-timeout', 'noDeadline', { library: facts.name, fact: facts.fact, remedy: facts.remedy, path: reason.path }, call.callee, related);
        } else if (settled === 'disabled') {
          if (call.own === 'disabled' && call.ownSpan && call.ownText) {
            this.#report(state, 'require-handler-timeout', 'deadlineOff', { setting: call.ownText, path: reason.path }, call.ownSpan, related);
          } else if (instance.deadlineText) {
            this.#report(state, 'require-handler-timeout', 'deadlineOff', { setting: instance.deadlineText, path: reason.path }, call.callee, related);
          }
        }
      }
    }
    // An instance without a deadline whose own file bounds every call on it (so a lint of that file is silent), called unbounded elsewhere.
    for (const [instance, { state, calls }] of unboundedCalls) {
      if (instance.deadline !== 'missing' || !instance.everyCallBounded || instance.trap) continue;
      const facts = CLIENT_DEADLINE_FACTS[instance.library as ClientLibrary];
      this.#report(state, 'no-unbounded-client', 'clientNoDeadline', { library: facts.name, fact: facts.fact, remedy: facts.remedy }, instance.callee, calls);
    }
  }

  /** Whether anything anywhere in the program may run on SIGTERM: a handler, a shutdown library, a cluster primary. */
  #programShutdown(states: readonly FileState[]): { handlesSigterm: boolean } {
    for (const state of states) {
      const facts = state.facts;
      if (!facts || facts.testFile) continue;
      const { handlers, wirings, libraries } = facts.shutdown;
      const onSigterm = (signals: readonly string[] | null) => signals === null || signals.includes('SIGTERM');
      if (libraries.length > 0 || wirings.some((wiring) => onSigterm(wiring.signals)) || handlers.some((handler) => onSigterm(handler.signals))) {
        return { handlesSigterm: true };
      }
    }
    return { handlesSigterm: false };
  }

  /**
   * Servers started with no shutdown path anywhere in the program: exported or handed on (so a
   * lint of their file leaves them to their owner), or started in another module — while no
   * module handles SIGTERM at all.
   */
  #shutdownFindings(states: readonly FileState[], program: { handlesSigterm: boolean }): void {
    if (program.handlesSigterm) return;
    for (const state of states) {
      const facts = state.facts;
      if (!facts || facts.testFile) continue;
      for (const server of facts.servers) {
        if (server.testCode || server.ephemeralPort) continue;
        const created = { ...this.#location(state, server.creation), message: 'The server is created here.' };
        const describe = server.name ? `\`${server.name}\`` : 'this server';
        const start = server.startCallees[0];
        // A server the program starts and exports (`module.exports = { server }` for its tests): a
        // library's server, started in a method and handed to its caller, belongs to that caller.
        if (start && server.shutdown.state === 'unknown' && server.startsAtStartup && server.moduleExport && server.passedTo === 0) {
          const sameSpot = server.creation.line === start.line && server.creation.column === start.column;
          this.#report(state, 'require-graceful-shutdown', 'noSigtermHandler', { server: describe }, start, sameSpot ? [] : [created]);
        }
        for (const cross of this.#crossStarts.get(`${state.entry.file}:${server.creation.start}`) ?? []) {
          if (cross.file.facts!.testFile) continue;
          this.#report(cross.file, 'require-graceful-shutdown', 'noSigtermHandler', { server: `\`${cross.name}\`` }, cross.callee, [created]);
        }
      }
    }
  }

  /** Lints the files the audit knows more about, with and without that knowledge: what only the first reports is the audit's finding. */
  #findings(states: readonly FileState[]): FindingReport[] {
    const findings: FindingReport[] = [];
    const relevant = states.filter((state) => state.facts && (this.#modelKnowledge(state) !== undefined || state.extra.length > 0));
    relevant.forEach((state, index) => {
      this.#progress?.('checking rules', index + 1, relevant.length);
      const file = state.entry.file;
      const parsed = this.#lint.parse(file, state.entry.text);
      const baselineMessages = this.#lint.lint(file, parsed);
      const baseline = new Set(baselineMessages.map(messageKey));
      // A call without a deadline is one defect, whichever of the two client rules reports it.
      const deadlineCalls = new Set(baselineMessages.filter((message) => DEADLINE_FAMILY.has(message.rule)).map(spanKey));
      const augmented = this.#lint.withKnowledge(parsed, this.#modelKnowledge(state));
      for (const message of this.#lint.lint(file, augmented, state.extra)) {
        if (baseline.has(messageKey(message))) continue;
        if (DEADLINE_FAMILY.has(message.rule) && deadlineCalls.has(spanKey(message))) continue;
        const origin = this.#originOf(state, message, parsed);
        if (message.rule === 'require-handler-timeout' && origin?.deadlineCovered) continue;
        const related =
          state.extraRelated.get(findingKey(message.rule, message.line, message.column, message.endLine, message.endColumn)) ??
          origin?.related ??
          (SERVER_RULES.has(message.rule) ? state.appRelated : []);
        const rule = rules[message.rule as keyof typeof rules];
        findings.push({
          ruleId: `http-resilience/${message.rule}`,
          messageId: message.messageId,
          message: message.message,
          location: { file: state.entry.relative, line: message.line, column: message.column, endLine: message.endLine, endColumn: message.endColumn },
          related,
          docs: rule.meta.docs.url,
        });
      }
    });
    return findings.sort(compareFindings);
  }

  /** The innermost function the audit injected that holds the message. */
  #originOf(state: FileState, message: RuleMessage, parsed: SourceCode): Origin | undefined {
    if (state.origins.size === 0) return undefined;
    const offset = parsed.getIndexFromLoc({ line: message.line, column: message.column - 1 });
    let best: Origin | undefined;
    for (const origin of state.origins.values()) {
      if (origin.start <= offset && offset < origin.end && (!best || origin.start >= best.start)) best = origin;
    }
    return best;
  }

  // -----------------------------------------------------------------------------------------------
  // The inventory.

  #inventory(states: readonly FileState[], program: { handlesSigterm: boolean }): AuditReport['inventory'] {
    const servers: ServerReport[] = [];
    const routes: RouteReport[] = [];
    const clients: ClientReport[] = [];
    const shutdown: ShutdownReport[] = [];
    const majors = new Map<string, number | undefined>();
    const nodeMajor = (file: string) => {
      const dir = path.dirname(file);
      if (!majors.has(dir)) {
        const range = findEnginesNode(file);
        majors.set(dir, range === undefined ? undefined : minimumMajor(range));
      }
      return majors.get(dir);
    };

    const routed = new Set([...this.#crossRoutes.values()].map(({ target }) => `${target.file}:${target.bodyStart}`));
    for (const state of states) {
      const facts = state.facts;
      if (!facts || facts.testFile) continue;
      const id = (span: Pick<Span, 'line' | 'column'>) => `${state.entry.relative}:${span.line}:${span.column}`;
      const serverIds = facts.servers.map((server) => id(server.creation));
      const handlerIds = facts.shutdown.handlers.map((handler) => id(handler.registration));

      facts.servers.forEach((server, index) => {
        if (server.testCode) return;
        const cross = (this.#crossStarts.get(`${state.entry.file}:${server.creation.start}`) ?? []).map((start) => this.#location(start.file, start.callee));
        const closedBy = facts.shutdown.handlers.flatMap((handler, handlerIndex) => (handler.closes.includes(index) ? [handlerIds[handlerIndex]!] : []));
        const by = [...new Set([...closedBy, ...server.shutdown.by.map((item) => id(item.span))])];
        let state_ = server.shutdown.state as ServerReport['shutdown']['state'];
        if (state_ === 'unknown' && !program.handlesSigterm && ((server.startsAtStartup && server.moduleExport && server.passedTo === 0) || cross.length > 0)) state_ = 'missing';
        servers.push({
          id: serverIds[index]!,
          location: this.#location(state, server.creation),
          framework: server.framework,
          kind: server.flavour,
          name: server.name,
          starts: [...server.starts.map((start) => this.#location(state, start)), ...cross],
          settings: effectiveSettings(server, nodeMajor(state.entry.file), (span) => this.#location(state, span)),
          shutdown: { state: state_, by },
        });
      });

      for (const handler of facts.handlers) {
        if (handler.testCode || handler.injected || routed.has(`${state.entry.file}:${handler.bodyStart}`)) continue;
        routes.push({
          framework: handler.framework,
          kind: handler.kind,
          method: handler.method,
          path: handler.kind === 'route' || handler.path !== null ? this.#fullPath(state, handler.app, handler.path) : handler.path,
          handler: this.#location(state, handler.fn),
          handlerName: handler.name,
          registeredAt: this.#location(state, handler.registration),
          crossFile: false,
        });
      }

      for (const client of facts.clients) {
        if (client.testCode) continue;
        clients.push({
          id: id(client.span),
          location: this.#location(state, client.span),
          library: client.library,
          kind: client.kind,
          name: client.name,
          deadline: client.deadline,
          ...(client.deadlineSpan ? { deadlineAt: this.#location(state, client.deadlineSpan) } : {}),
          ...(client.deadlineText ? { deadlineText: client.deadlineText } : {}),
          ...(client.socketCap ? { socketCap: client.socketCap } : {}),
          ...(client.keepAlive !== null ? { keepAlive: client.keepAlive } : {}),
          usedIn: [...(this.#clientUsers.get(`${state.entry.file}:${client.span.start}`) ?? [])].sort(),
        });
      }

      facts.shutdown.handlers.forEach((handler, index) => {
        shutdown.push({
          id: handlerIds[index]!,
          location: this.#location(state, handler.registration),
          kind: handler.source,
          signals: handler.signals,
          closes: handler.closes.map((server) => serverIds[server]!),
          forcedExit: handler.forcedExit,
        });
      });
      for (const wiring of facts.shutdown.wirings) {
        shutdown.push({ id: id(wiring.span), location: this.#location(state, wiring.span), kind: wiring.kind, signals: wiring.signals, closes: [], forcedExit: false });
      }
    }
    for (const { route, state, app } of this.#crossRoutes.values()) {
      routes.push(route.kind === 'route' || route.path !== null ? { ...route, path: this.#fullPath(state, app, route.path) } : route);
    }
    const byLocation = (a: { location: Location }, b: { location: Location }) => compareLocations(a.location, b.location);
    routes.sort((a, b) => compareLocations(a.registeredAt, b.registeredAt) || compareLocations(a.handler, b.handler));
    return { servers: servers.sort(byLocation), routes, clients: clients.sort(byLocation), shutdown: shutdown.sort(byLocation) };
  }
}

function appKey(state: FileState, app: number): string {
  return `${state.entry.file}:${state.facts!.apps[app]!.span.start}`;
}

/** `/users` + `/:id` → `/users/:id`; `/users` + `/` → `/users`. */
function joinPath(prefix: string, routePath: string | null): string {
  const head = prefix.replace(/\/+$/, '');
  if (routePath === null || routePath === '' || routePath === '/') return head || '/';
  return `${head}/${routePath.replace(/^\/+/, '')}`;
}

function describeDeadline(client: ClientFact): string {
  switch (client.deadline) {
    case 'missing':
      return ' without a deadline';
    case 'disabled':
      return client.deadlineText ? `, its deadline turned off by \`${client.deadlineText}\`` : ', its deadline turned off';
    default:
      return '';
  }
}

/**
 * Rules that report the same missing deadline on a call from two sides: no-unbounded-client
 * outside handlers, require-handler-timeout inside them. When the audit learns that a call runs
 * per request, a lint of the file has already reported it with the other rule.
 */
const DEADLINE_FAMILY = new Set(['no-unbounded-client', 'require-handler-timeout']);
/** Rules about servers, which the audit can apply to a file once it knows an app of another module is started there. */
const SERVER_RULES = new Set(['require-server-timeouts', 'require-graceful-shutdown', 'require-body-size-limit']);

function spanKey(message: RuleMessage): string {
  return `${message.line}:${message.column}:${message.endLine}:${message.endColumn}`;
}

function messageKey(message: RuleMessage): string {
  return `${findingKey(message.rule, message.line, message.column, message.endLine, message.endColumn)}:${message.message}`;
}

function findingKey(rule: string, line: number, column: number, endLine: number, endColumn: number): string {
  return `${rule}:${line}:${column}:${endLine}:${endColumn}`;
}

export function compareLocations(a: Location, b: Location): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

function compareFindings(a: FindingReport, b: FindingReport): number {
  return compareLocations(a.location, b.location) || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}
