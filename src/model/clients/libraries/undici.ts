import {
  deadlineFromObject,
  deadlineFromOptions,
  insertionFor,
  methodFromOptions,
  optionsArgument,
  optionValue,
  signalKey,
  zeroDisablesKey,
  type KeyRules,
} from '../options';
import type { ClientRecognizer, InstanceRecognition, OwnDeadline, RecognitionContext, Site } from '../recognizer';
import { fetchCall } from './fetch';

/** Per-request options (`DispatchOptions`): `signal` bounds; `headersTimeout`/`bodyTimeout` 0 turn undici's off. */
const REQUEST_KEYS: KeyRules = { signal: signalKey, headersTimeout: zeroDisablesKey, bodyTimeout: zeroDisablesKey };
const AGENT_KEYS: KeyRules = { headersTimeout: zeroDisablesKey, bodyTimeout: zeroDisablesKey };

/** The dispatcher classes undici exports, and where their options argument is. */
const DISPATCHER_OPTIONS_INDEX: Readonly<Record<string, number>> = {
  Agent: 0,
  Pool: 1,
  Client: 1,
  BalancedPool: 1,
  H2CClient: 1,
  ProxyAgent: 0,
  EnvHttpProxyAgent: 0,
};
/** Base classes a same-file subclass may extend. */
const DISPATCHER_BASES = new Set([...Object.keys(DISPATCHER_OPTIONS_INDEX), 'Dispatcher', 'RetryAgent']);

/** Methods every dispatcher has that send a request; their options are the 1st argument. */
const DISPATCHER_REQUESTS = new Set(['request', 'stream']);

const UNKNOWN: OwnDeadline = { state: 'unknown' };

function dispatcher(site: Site, context: RecognitionContext): InstanceRecognition | undefined {
  const { node } = site;
  const name = site.path[0];
  if (node.type !== 'NewExpression' || site.path.length !== 1 || name === undefined || !DISPATCHER_BASES.has(name)) {
    return undefined;
  }
  if (site.subclass) return { library: 'undici', kind: 'agent', deadline: UNKNOWN };
  if (name === 'RetryAgent') {
    // `new RetryAgent(dispatcher, retryOptions)`: the wrapped dispatcher's timeouts apply.
    const wrapped = node.arguments[0] && context.resolveInstance(node.arguments[0]);
    return wrapped
      ? { library: 'undici', kind: 'agent', deadline: { state: 'missing' }, parent: wrapped }
      : { library: 'undici', kind: 'agent', deadline: UNKNOWN };
  }
  const index = DISPATCHER_OPTIONS_INDEX[name];
  if (index === undefined) return undefined; // `new Dispatcher()` is abstract
  const first = node.arguments[0];
  // `new ProxyAgent(url)`: a URL string instead of options.
  const options = name === 'ProxyAgent' && first && first.type !== 'ObjectExpression' ? optionsArgument(node, 1) : optionsArgument(node, index);
  let deadline: OwnDeadline;
  if (options.kind === 'object') {
    deadline = deadlineFromObject(options.object, AGENT_KEYS, context.bindings);
    // undici's own 300 s header and body timeouts apply when none is set.
    if (deadline.state === 'missing') deadline = { ...deadline, state: 'present' };
  } else if (options.kind === 'absent') {
    deadline = { state: 'present' };
  } else {
    deadline = UNKNOWN;
  }
  const insertion = insertionFor(options);
  return { library: 'undici', kind: 'agent', deadline: insertion ? { ...deadline, insertion } : deadline };
}

/**
 * undici: `request(url, opts)`, `stream(url, opts, factory)`, `fetch`, the dispatcher classes
 * (`new Agent/Pool/Client(…)`, and same-file subclasses) and their `request`/`stream` methods.
 *
 * A call through a dispatcher (`client.request()`, `fetch(url, { dispatcher })`) is bounded only
 * by its own options: a dispatcher's `headersTimeout` and `bodyTimeout` limit waiting for headers
 * and the gap between body chunks, so a response that trickles never ends (semantics §B).
 */
export const undici: ClientRecognizer = {
  instance: dispatcher,
  call(site, context) {
    const { node } = site;
    if (node.type !== 'CallExpression' || site.path.length !== 1) return undefined;
    const name = site.path[0]!;
    let index: number;
    if (site.module) {
      if (name === 'fetch') return fetchCall(site, context, 'undici');
      if (name !== 'request' && name !== 'stream') return undefined;
      index = 1;
    } else if (site.instance && DISPATCHER_REQUESTS.has(name)) {
      index = 0;
    } else {
      return undefined;
    }
    const options = optionsArgument(node, index);
    const deadline = deadlineFromOptions(options, REQUEST_KEYS, context.bindings);
    const method = methodFromOptions(options, context.bindings);
    const via = optionValue(options, 'dispatcher');
    const agent = via && context.resolveInstance(via);
    return { library: 'undici', node, deadline, ...(method ? { method } : {}), ...(agent ? { agent } : {}) };
  },
};
