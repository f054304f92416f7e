import type { Bindings } from '../../bindings';
import {
  deadlineFromOptions,
  isUrlLike,
  methodFromOptions,
  optionsArgument,
  optionValue,
  signalKey,
  zeroDisablesKey,
  type KeyRules,
  type OptionsArgument,
} from '../options';
import type { ClientRecognizer, InstanceRecognition, OwnDeadline, RecognitionContext, Site } from '../recognizer';
import { fetchCall } from './fetch';

/**
 * `headersTimeout` and `bodyTimeout` bound different phases: either one at 0 leaves the call
 * unbounded (`everyPhase`), unless a `signal` bounds it as a whole.
 */
const TIMEOUT_KEYS: KeyRules = { headersTimeout: zeroDisablesKey, bodyTimeout: zeroDisablesKey };
const SIGNAL_KEYS: KeyRules = { signal: signalKey };

/** Per-request options (`DispatchOptions`). */
function requestDeadline(options: OptionsArgument, bindings: Bindings): OwnDeadline {
  const signal = deadlineFromOptions(options, SIGNAL_KEYS, bindings);
  if (signal.state === 'present') return signal;
  const timeouts = deadlineFromOptions(options, TIMEOUT_KEYS, bindings, 'everyPhase');
  // A spread may carry a signal that outranks a disabled timeout.
  return timeouts.state === 'missing' || (signal.state === 'unknown' && timeouts.state === 'disabled') ? signal : timeouts;
}

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
  // `new ProxyAgent(url)`: a URL instead of options, and no place for them.
  const options: OptionsArgument =
    name === 'ProxyAgent' && first && isUrlLike(first, context.bindings) ? { kind: 'absent' } : optionsArgument(node, index);
  const configured = deadlineFromOptions(options, TIMEOUT_KEYS, context.bindings, 'everyPhase');
  // undici's own 300 s header and body timeouts apply when none is set.
  const deadline: OwnDeadline = configured.state === 'missing' ? { ...configured, state: 'present' } : configured;
  return { library: 'undici', kind: 'agent', deadline };
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
    const deadline = requestDeadline(options, context.bindings);
    const method = methodFromOptions(options, context.bindings);
    const via = optionValue(options, 'dispatcher');
    const agent = via && context.resolveInstance(via);
    return { library: 'undici', node, deadline, ...(method ? { method } : {}), ...(agent ? { agent } : {}) };
  },
};
