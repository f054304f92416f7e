import type { ClientLibrary } from '../model/clients';
import type { Node } from '../utils/ast';

/** What each HTTP client does without a deadline, and how the docs tell you to set one (semantics §A3, §B, §C). */
export interface ClientDeadlineFacts {
  /** The name messages use: `axios`, `http.request`. */
  readonly name: string;
  /** Completes "`name` …": what bounds a call when nothing is set. */
  readonly fact: string;
  /** Where the deadline goes, as messages show it. */
  readonly remedy: string;
}

const SIGNAL = '`signal: AbortSignal.timeout(ms)`';

export const CLIENT_DEADLINE_FACTS: Readonly<Record<ClientLibrary, ClientDeadlineFacts>> = {
  // undici: headersTimeout and bodyTimeout (300 s each) bound waiting for headers and the gap between chunks, not the call.
  fetch: { name: 'fetch', fact: 'has no overall timeout', remedy: SIGNAL },
  undici: { name: 'undici', fact: 'has no overall timeout', remedy: SIGNAL },
  'node-fetch': { name: 'node-fetch', fact: 'has no timeout by default', remedy: SIGNAL },
  http: { name: 'http.request', fact: 'has no timeout by default', remedy: SIGNAL },
  https: { name: 'https.request', fact: 'has no timeout by default', remedy: SIGNAL },
  axios: { name: 'axios', fact: 'has no timeout by default', remedy: '`timeout`' },
  got: { name: 'got', fact: 'has no timeout by default', remedy: '`timeout: { request: ms }`' },
  ky: { name: 'ky', fact: 'times out after 10 s only while `timeout` is not turned off', remedy: '`timeout`' },
  superagent: { name: 'superagent', fact: 'has no timeout by default', remedy: '`.timeout(ms)`' },
  ofetch: { name: 'ofetch', fact: 'has no timeout by default', remedy: '`timeout`' },
  // needle's `open_timeout` (10 s) only bounds connecting; `response_timeout` and `read_timeout` default to 0.
  needle: { name: 'needle', fact: 'only bounds connecting by default', remedy: '`response_timeout` and `read_timeout`' },
};

/** The client function a message names: `http.get`, `https.request`, else the library. */
export function clientName(library: ClientLibrary, callee?: Node): string {
  if ((library === 'http' || library === 'https') && callee?.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    return `${library}.${callee.property.name}`;
  }
  return CLIENT_DEADLINE_FACTS[library].name;
}
