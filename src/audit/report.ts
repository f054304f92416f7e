/**
 * The audit's result, as `--format json` prints it. `schema/audit-report.schema.json` describes
 * it (a test keeps the two in step); additions keep `schemaVersion`, anything else bumps it.
 */
export const SCHEMA_VERSION = 1;

/** A place in a file: path relative to the audited folder (with `/`), 1-based line and column. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface ServerSettingReport {
  readonly name: string;
  /** The value in effect in milliseconds or bytes; `null` when it is set to something the audit cannot evaluate. */
  readonly value: number | null;
  /** `set`: the code sets it (at `location`); `default`: Node's or the framework's default; `unknown`: options the audit cannot read may set it. */
  readonly source: 'set' | 'default' | 'unknown';
  /** Whose default (`Node 20`, `Fastify`), or the expression it is set to. */
  readonly detail: string;
  readonly location?: Location;
}

export interface ServerReport {
  readonly id: string;
  readonly location: Location;
  readonly framework: string;
  /** `http`, `https`, `http2`, `listen` (express/koa `app.listen()`), `fastify`, `hono`, `nestjs`. */
  readonly kind: string;
  readonly name: string | null;
  /** Where it starts listening; several files may start it. */
  readonly starts: readonly Location[];
  readonly settings: readonly ServerSettingReport[];
  readonly shutdown: {
    /** `closed`, `missing`, `sigint-only`, or `unknown` (its owner elsewhere may close it). */
    readonly state: 'closed' | 'missing' | 'sigint-only' | 'unknown';
    /** The shutdown handlers (ids) or library calls that close it. */
    readonly by: readonly string[];
  };
}

export interface RouteReport {
  readonly framework: string;
  /** `route`, `middleware`, `error-middleware`, `hook`, `request-listener`. */
  readonly kind: string;
  readonly method: string | null;
  readonly path: string | null;
  readonly handler: Location;
  readonly handlerName: string | null;
  /** Where it is registered (the same as `handler` for decorators and file-based routes). */
  readonly registeredAt: Location;
  /** The handler is defined in another module than the one registering it. */
  readonly crossFile: boolean;
}

export interface ClientReport {
  readonly id: string;
  readonly location: Location;
  readonly library: string;
  readonly kind: 'client' | 'agent';
  readonly name: string | null;
  /** `present`, `disabled`, `missing`, `unknown` (for agents: undici's idle/header timeouts, or `unknown` for `http.Agent`). */
  readonly deadline: string;
  readonly deadlineAt?: Location;
  readonly deadlineText?: string;
  /** `http(s).Agent`: whether `maxSockets` caps it. */
  readonly socketCap?: string;
  readonly keepAlive?: boolean;
  /** Files other than its own that call it. */
  readonly usedIn: readonly string[];
}

export interface ShutdownReport {
  readonly id: string;
  readonly location: Location;
  /** `process` (`process.on`), `close-with-grace`, `lightship`, `terminus`, `nest-shutdown-hooks`, `library-import`. */
  readonly kind: string;
  /** The events it runs on; `null` when they cannot be told. */
  readonly signals: readonly string[] | null;
  /** Server ids it closes. */
  readonly closes: readonly string[];
  readonly forcedExit: boolean;
}

export interface RelatedLocation extends Location {
  readonly message: string;
}

export interface FindingReport {
  /** `http-resilience/<rule>`, as ESLint names it. */
  readonly ruleId: string;
  readonly messageId: string | null;
  readonly message: string;
  readonly location: Location;
  /** The other places the finding rests on: the registration, the client's creation, the start. */
  readonly related: readonly RelatedLocation[];
  readonly docs: string;
}

export interface ProjectDiagnostic {
  readonly file: string;
  readonly message: string;
}

export interface AuditReport {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  /** The audited folder, absolute. */
  readonly root: string;
  /** The tsconfig/jsconfig used, relative to `root`; `null` when the folder was walked. */
  readonly config: string | null;
  readonly files: number;
  /** Files that could not be parsed: they are left out of the inventory and the findings. */
  readonly diagnostics: readonly ProjectDiagnostic[];
  readonly inventory: {
    readonly servers: readonly ServerReport[];
    readonly routes: readonly RouteReport[];
    readonly clients: readonly ClientReport[];
    readonly shutdown: readonly ShutdownReport[];
  };
  readonly findings: readonly FindingReport[];
}
