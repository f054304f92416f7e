import type { TSESTree } from '@typescript-eslint/utils';

import type { Node } from '../../utils/ast';

export type ClientLibrary =
  | 'fetch' // global fetch
  | 'undici'
  | 'node-fetch'
  | 'http'
  | 'https'
  | 'axios'
  | 'got'
  | 'ky'
  | 'superagent'
  | 'ofetch'
  | 'needle';

/**
 * - `present`: a deadline that really bounds the call is there;
 * - `disabled`: a deadline option is there and turns the bound off (`timeout: 0`, `timeout: false`,
 *   undici `headersTimeout: 0`);
 * - `missing`: the options are fully visible and have no deadline;
 * - `unknown`: options come from a variable, a spread or a parameter, or the instance from
 *   another module: rules stay silent.
 */
export type DeadlineState = 'present' | 'disabled' | 'missing' | 'unknown';

/** Where a fix would put a deadline. */
export type DeadlineInsertion =
  /** Add a property to this options object literal. */
  | { readonly kind: 'property'; readonly object: TSESTree.ObjectExpression }
  /**
   * Add an options object as argument `index` of `call` (the arguments before it are all present).
   * An argument already at `index` (a callback: `http.get(url, cb)`) moves one place right.
   */
  | { readonly kind: 'argument'; readonly call: TSESTree.CallExpression | TSESTree.NewExpression; readonly index: number }
  /** superagent: append `.timeout(ms)` after this node of the chain. */
  | { readonly kind: 'chain'; readonly node: TSESTree.Expression };

/**
 * A timeout option that does not do what it seems (semantics §A3, §C):
 * - `timeout-only-emits`: `http.request({ timeout })`, `req.setTimeout(ms)` or a `'timeout'`
 *   listener with nothing that destroys the request: Node only emits `'timeout'`;
 * - `got-numeric-timeout`: got ≥ 12 throws on `timeout: <number>` (it wants `{ request: ms }`);
 * - `timeout-ignored-with-signal`: ofetch ignores `timeout` when a `signal` is passed too.
 *
 * When a call or instance carries a trap, the trap is its defect: rules report the trap, not
 * (also) its deadline state.
 */
export type DeadlineTrapKind = 'timeout-only-emits' | 'got-numeric-timeout' | 'timeout-ignored-with-signal';

export interface DeadlineTrap {
  readonly kind: DeadlineTrapKind;
  /** The misleading option, `setTimeout` call or `'timeout'` listener registration. */
  readonly node: Node;
}

/**
 * Whether an `http(s).Agent` caps its sockets: `present` with `maxSockets`/`maxTotalSockets`,
 * `missing` without (or set to `Infinity`), `unknown` when the options cannot be read.
 */
export type SocketCapState = 'present' | 'missing' | 'unknown';

/** A client or agent the file creates: `axios.create()`, `got.extend()`, `new undici.Agent()`, `new http.Agent()`, `ky.create()`, `ofetch.create()`, `superagent.agent()`, `needle.defaults()`. */
export interface ClientInstance {
  readonly library: ClientLibrary;
  /** `client` for request-making instances, `agent` for connection pools (undici Agent/Pool/Client, http.Agent). */
  readonly kind: 'client' | 'agent';
  /** The creating call or `new`. */
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The variable name it is bound to, if any (`const api = axios.create()`). */
  readonly name?: TSESTree.Identifier;
  /**
   * For a client: its configured deadline, including what the file later sets on it
   * (`api.defaults.timeout = 0`, `agent.timeout(ms)`) and what it inherits (`base.extend()`,
   * `axios.defaults`, ky's 10 s default). For an undici agent: `disabled` with
   * `headersTimeout: 0`/`bodyTimeout: 0`, else `present` (300 s defaults) — these are idle and
   * header timeouts, so they never bound a call made through the agent. For an `http(s).Agent`:
   * always `unknown` (its `timeout` only emits): judge it by `keepAlive` and `socketCap`.
   */
  readonly deadline: DeadlineState;
  /** The property or call that sets or disables the deadline, when there is one. */
  readonly deadlineNode?: Node;
  readonly insertion?: DeadlineInsertion;
  /** A timeout option on the instance that does not do what it seems (`got.extend({ timeout: 5000 })`). */
  readonly trap?: DeadlineTrap;
  /** The instance this one extends (`base.extend()`, `api.create()`). */
  readonly parent?: ClientInstance;
  /**
   * True when the file makes at least one call on the instance and every one of them carries its
   * own bound (design rule 6 stays silent on the unbounded instance then). Calls made in other
   * modules are not seen; an instance with no call here is `false`.
   */
  readonly everyCallBounded: boolean;
  /** `http(s).Agent` only: `keepAlive: true` as a literal (`undefined` when the options cannot be read). */
  readonly keepAlive?: boolean;
  /** `http(s).Agent` only. */
  readonly socketCap?: SocketCapState;
}

/** One outbound HTTP request: `fetch(url)`, `axios.get(url)`, `api.post(...)`, `http.request(opts, cb)`, a superagent chain, … */
export interface OutboundCall {
  readonly library: ClientLibrary;
  /** The call that sends the request (for superagent, the first call of the chain). */
  readonly node: TSESTree.CallExpression;
  /** The outermost expression of the request (the end of a superagent chain, else `node`). */
  readonly expression: TSESTree.Expression;
  /**
   * The instance it is made on, when this file created it. For needle, the `needle.defaults()`
   * instance the file configures, which applies to every needle call.
   */
  readonly instance?: ClientInstance;
  /**
   * The agent or dispatcher created in this file that the call's options name (`dispatcher`,
   * `agent`). Informational: an agent's timeouts are idle/header timeouts, not a deadline, so
   * they do not count in `deadline`.
   */
  readonly agent?: ClientInstance;
  /** The request's own deadline, combined with its instance's: `present` if either bounds it. */
  readonly deadline: DeadlineState;
  readonly deadlineNode?: Node;
  /** Where a per-call deadline would go (set whenever the call's options can take one, even if bounded). */
  readonly insertion?: DeadlineInsertion;
  /** A timeout option on the call that does not do what it seems. */
  readonly trap?: DeadlineTrap;
  /** The HTTP method when it is a literal or implied by the call (`axios.head`), upper case. */
  readonly method?: string;
}

/**
 * What the file configures on a library's default client (`axios.defaults.timeout = 0`,
 * `axios.interceptors.request.use(…)`): the deadline every call through that client inherits.
 */
export interface DefaultClientConfiguration {
  readonly library: ClientLibrary;
  readonly deadline: DeadlineState;
  /** The assignment or call that sets or disables it, when there is one. */
  readonly deadlineNode?: Node;
}
