/**
 * What the audit reads from one file: plain data (no AST nodes), so it can be kept for every file
 * of a large project and compared across files. Offsets are the file's own character offsets as
 * ESLint's parser gives them; lines are 1-based, columns 1-based (as ESLint prints them).
 */

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type SettingSource = 'option' | 'property' | 'call';

export interface SettingFact {
  readonly name: string;
  readonly source: SettingSource;
  /** The number it sets when it can be read; `null` when it is an expression we cannot evaluate (or a call without a value). */
  readonly value: number | null;
  /** The value as written, shortened. */
  readonly text: string;
  readonly span: Span;
}

export interface ShutdownByFact {
  /** `process`, `close-with-grace`, `lightship`, `terminus`, `nest-shutdown-hooks`, `library-import`. */
  readonly kind: string;
  readonly span: Span;
  readonly signals: readonly string[] | null;
}

export interface ServerFact {
  /** `http`, `https`, `http2`, `listen` (express/koa `app.listen()`), `fastify`, `hono`, `nestjs`. */
  readonly flavour: string;
  /** The framework of the app that owns it (`node-http` for a plain server). */
  readonly framework: string;
  readonly creation: Span;
  readonly name: string | null;
  /** `literal`, `none` or `unknown` (the options come from a variable or contain a spread). */
  readonly options: 'literal' | 'none' | 'unknown';
  /** For fastify: `serverFactory` or `http2` in the options (Node's HTTP/1 settings do not apply as usual). */
  readonly special: 'server-factory' | 'http2' | null;
  readonly settings: readonly SettingFact[];
  readonly starts: readonly Span[];
  /** Where require-graceful-shutdown reports a start: its callee (or the method name of a multi-line one). */
  readonly startCallees: readonly Span[];
  readonly exported: boolean;
  /** Exported by the module itself (`export`, `module.exports`, `exports.x`), not returned or stored. */
  readonly moduleExport: boolean;
  /** Some start runs when the program starts: at module level, or in a `main()` / IIFE called there (not in a library's method). */
  readonly startsAtStartup: boolean;
  readonly passedTo: number;
  readonly ephemeralPort: boolean;
  readonly testCode: boolean;
  /** What closes it on SIGTERM, as the file shows (`closed`, `unknown`, `sigint-only`, `missing`). */
  readonly shutdown: { readonly state: string; readonly by: readonly ShutdownByFact[] };
  /** The start of the function body that returns it, when a function returns it (a factory). */
  readonly returnedBy: number | null;
  /** The app of the file it was derived from (`app.listen()`), as an index into `apps`. */
  readonly app: number | null;
}

export interface AppFact {
  readonly framework: string;
  /** Mounted on another app of this file: `app.use('/api', router)`, fastify `register(plugin, { prefix })`. */
  readonly mounts: readonly { readonly parent: number | null; readonly prefix: string | null }[];
  readonly kind: string;
  /** The creating expression (`express()`), or the name the audit said holds an app made elsewhere. */
  readonly span: Span;
  readonly name: string | null;
  /** Known only through the audit (an app made in another module). */
  readonly injected: boolean;
  readonly returnedBy: number | null;
  /** Routes and middleware are mounted under this prefix on the parent app, when the file shows it. */
  readonly parent: number | null;
}

export interface RouteInfo {
  /** `GET`, `POST`, `ALL`…; `USE` for middleware; `null` when the registration does not say. */
  readonly method: string | null;
  readonly path: string | null;
}

export interface HandlerFact extends RouteInfo {
  readonly framework: string;
  readonly kind: string;
  readonly source: string;
  readonly name: string | null;
  readonly fn: Span;
  readonly bodyStart: number;
  readonly registration: Span;
  readonly app: number | null;
  readonly routeDeadline: boolean;
  readonly testCode: boolean;
  /** Told by the audit: registered by another module. */
  readonly injected: boolean;
}

/** A handler or router registered here whose definition is in another module (or that the file cannot see). */
export interface RegistrationFact extends RouteInfo {
  readonly framework: string;
  /** `route`, `middleware`, `hook`, `request-listener`, or `plugin` (fastify `register`). */
  readonly kind: string;
  /** Fastify `register(plugin, { prefix })`. */
  readonly prefix: string | null;
  /** The argument to resolve: an identifier or member expression. */
  readonly argument: Span;
  readonly registration: Span;
  readonly app: number | null;
  readonly routeDeadline: boolean;
  readonly testCode: boolean;
}

/** A name the file uses as an app (`app.listen()`, `app.use()`), whose value the file cannot see. */
export interface AppUseFact {
  /** The expression to resolve: the receiver, or the callee of the factory call that made it. */
  readonly expression: Span;
  /** `value`: the receiver holds the export; `call`: it holds what calling `expression` returns. */
  readonly via: 'value' | 'call';
  /** The identifier declaring the local name (an import, a `const`), which the audit may tell the model about. */
  readonly binding: Span | null;
  /** The receiver as written (`app`, `server`). */
  readonly name: string;
  readonly methods: readonly string[];
  /** The `listen()` calls on it that run when the program starts, as require-graceful-shutdown reports a start (the callee). */
  readonly listens: readonly Span[];
  readonly testCode: boolean;
}

/** A call from code that runs per request to a function the file cannot see. */
export interface CalleeFact {
  readonly callee: Span;
  readonly call: Span;
  readonly handlerBodyStart: number;
  readonly framework: string;
  readonly routeDeadline: boolean;
  readonly testCode: boolean;
}

/** Member calls on a name the file cannot see: maybe a client instance made in another module. */
export interface ReceiverFact {
  /** The receiver expression to resolve (`api`, `http.api`). */
  readonly expression: Span;
  readonly binding: Span;
  /** Property path from the binding to the receiver (`[]` for `api`, `['api']` for `http.api`). */
  readonly path: readonly string[];
  readonly calls: number;
}

export interface ClientFact {
  readonly library: string;
  readonly kind: 'client' | 'agent';
  readonly span: Span;
  readonly callee: Span;
  readonly name: string | null;
  readonly deadline: string;
  readonly deadlineSpan: Span | null;
  readonly deadlineText: string | null;
  readonly everyCallBounded: boolean;
  readonly keepAlive: boolean | null;
  readonly socketCap: string | null;
  readonly trap: string | null;
  readonly exported: boolean;
  readonly testCode: boolean;
  readonly returnedBy: number | null;
}

/** A call on a client instance from another module (known only from the audit's knowledge). */
export interface ClientCallFact {
  /** Index into the knowledge's client list. */
  readonly client: number;
  readonly call: Span;
  readonly callee: Span;
  /** Own deadline of the call (`present`, `disabled`, `missing`, `unknown`). */
  readonly own: string;
  readonly ownSpan: Span | null;
  readonly ownText: string | null;
  readonly method: string | null;
  readonly perRequest: { readonly handlerBodyStart: number; readonly path: string; readonly routeDeadline: boolean } | null;
  readonly waited: boolean;
  readonly raced: boolean;
  readonly testCode: boolean;
}

export interface ShutdownHandlerFact {
  readonly source: string;
  readonly registration: Span;
  readonly signals: readonly string[] | null;
  /** Indexes into `servers`. */
  readonly closes: readonly number[];
  readonly forcedExit: boolean;
  readonly earlyExits: number;
  /** It closes something the file cannot tie to one of its servers (an imported server, a parameter). */
  readonly closesOther: boolean;
}

export interface ShutdownFacts {
  readonly handlers: readonly ShutdownHandlerFact[];
  readonly wirings: readonly ShutdownByFact[];
  /** Modules loaded that wire shutdown by themselves, or `cluster`. */
  readonly libraries: readonly string[];
}

export interface FileFacts {
  readonly testFile: boolean;
  readonly apps: readonly AppFact[];
  readonly servers: readonly ServerFact[];
  readonly handlers: readonly HandlerFact[];
  readonly registrations: readonly RegistrationFact[];
  readonly appUses: readonly AppUseFact[];
  readonly callees: readonly CalleeFact[];
  readonly receivers: readonly ReceiverFact[];
  readonly clients: readonly ClientFact[];
  readonly clientCalls: readonly ClientCallFact[];
  readonly shutdown: ShutdownFacts;
}

/** A client instance of another module, as the facts rule needs it to judge calls made on it here. */
export interface KnownClient {
  /** The declaring identifier of the local name and the property path to the instance. */
  readonly binding: readonly [number, number];
  readonly path: readonly string[];
  readonly library: string;
  readonly deadline: string;
}

export interface FactsOptions {
  readonly clients: readonly KnownClient[];
}
