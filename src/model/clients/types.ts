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
  /** Add an options object as argument `index` of `call` (the arguments before it are all present). */
  | { readonly kind: 'argument'; readonly call: TSESTree.CallExpression | TSESTree.NewExpression; readonly index: number }
  /** superagent: append `.timeout(ms)` after this node of the chain. */
  | { readonly kind: 'chain'; readonly node: TSESTree.Expression };

/** A client or agent the file creates: `axios.create()`, `got.extend()`, `new undici.Agent()`, `new http.Agent()`, `ky.create()`, `ofetch.create()`, `superagent.agent()`, `needle.defaults()`. */
export interface ClientInstance {
  readonly library: ClientLibrary;
  /** `client` for request-making instances, `agent` for connection pools (undici Agent/Pool/Client, http.Agent). */
  readonly kind: 'client' | 'agent';
  /** The creating call or `new`. */
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The variable name it is bound to, if any (`const api = axios.create()`). */
  readonly name?: TSESTree.Identifier;
  readonly deadline: DeadlineState;
  /** The property or call that sets or disables the deadline, when there is one. */
  readonly deadlineNode?: Node;
  readonly insertion?: DeadlineInsertion;
}

/** One outbound HTTP request: `fetch(url)`, `axios.get(url)`, `api.post(...)`, `http.request(opts, cb)`, a superagent chain, … */
export interface OutboundCall {
  readonly library: ClientLibrary;
  /** The call that sends the request (for superagent, the first call of the chain). */
  readonly node: TSESTree.CallExpression;
  /** The outermost expression of the request (the end of a superagent chain, else `node`). */
  readonly expression: TSESTree.Expression;
  /** The instance it is made on, when this file created it. */
  readonly instance?: ClientInstance;
  /** The request's own deadline, combined with its instance's: `present` if either bounds it. */
  readonly deadline: DeadlineState;
  readonly deadlineNode?: Node;
  readonly insertion?: DeadlineInsertion;
  /** The HTTP method when it is a literal or implied by the call (`axios.head`), upper case. */
  readonly method?: string;
}
